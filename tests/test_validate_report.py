"""`careerbot validate` lists every problem in one run, and the README's example is its output.

A file that does not load no longer hides the cross-file problems of the files that did;
the checks that need every question file wait until all of them load.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from bot.cli import main
from tests.support.paths import MINI, ROOT

#: The README's example: the mini fixture with one English text removed (01-qualities.yaml
#: no longer loads) and one dimension misspelt (02-skills.yaml loads, but names no dimension
#: of the profile).
EDITS = (
    ("01-qualities.yaml", "      en: I enjoy explaining an idea to strangers.\n", ""),
    ("02-skills.yaml", "evidence: {analytics: 3}", "evidence: {analytic: 3}"),
)
README_BLOCK = re.compile(r"```console\n(error: .*?problems found\.)\n```", re.DOTALL)


def broken_copy(tmp_path: Path) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    for name, old, new in EDITS:
        path = root / "questions" / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    return root


def validate(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        main,
        ["validate", "--questions", str(root / "questions"), "--profiles", str(root / "profiles")],
    )
    return result.exit_code, result.stderr


def test_a_broken_file_does_not_hide_the_cross_file_problems_of_the_others(tmp_path: Path) -> None:
    code, report = validate(broken_copy(tmp_path))
    assert code == 1
    lines = report.splitlines()
    assert lines[0].startswith("error: 01-qualities.yaml:") and "Field required" in lines[0]
    assert lines[1].startswith("error: 02-skills.yaml:")
    assert "unknown dimension 'analytic'" in lines[1]
    assert lines[-1] == "2 problems found."
    # communication is measured in the file that did not load: no false "no evidence" problem
    assert "evidence for this dimension" not in report


def test_the_readme_example_is_what_the_command_prints(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = README_BLOCK.search(readme)
    assert block, "the README keeps its example of a failed validate"
    _, report = validate(broken_copy(tmp_path))
    assert block.group(1) == report.rstrip("\n")
