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
    assert lines[0].startswith("error: 01-qualities.yaml:") and "no en text" in lines[0]
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


#: A schema error and a cross-file problem in the same question file, and the same in the
#: profile. Before, only the two schema errors came out: the files that failed were left
#: out of the checks across files, and without a profile none of those ran.
BOTH_KINDS = (
    ("questions/01-qualities.yaml", "      en: I enjoy explaining an idea to strangers.\n", ""),
    (
        "questions/01-qualities.yaml",
        "communication: 4, analytics: 4}",
        "communication: 4, analytic: 4}",
    ),
    (
        "profiles/mini.yaml",
        "    origin: general\n    note: made up for the tests\n    text: {fr: Un premier",
        "    origin: rumour\n    note: made up for the tests\n    text: {fr: Un premier",
    ),
    (
        "profiles/mini.yaml",
        "    required: 2\n    mission: sell\n",
        "    required: 2\n    mission: sel\n",
    ),
)


def test_schema_and_cross_file_problems_come_out_in_one_run(tmp_path: Path) -> None:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    for name, old, new in BOTH_KINDS:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    code, report = validate(root)
    assert code == 1

    def line(name: str, fragment: str) -> int:
        text = (root / name).read_text(encoding="utf-8")
        return text[: text.index(fragment)].count("\n") + 1

    origin = line("profiles/mini.yaml", "origin: rumour")
    talk = line("questions/01-qualities.yaml", "    text:\n      fr: J'aime")
    mission = line("profiles/mini.yaml", "mission: sel\n")
    evidence = line("questions/01-qualities.yaml", "evidence: {adaptability: 4, comm")
    analytics = line("profiles/mini.yaml", "  - id: analytics")
    assert report.splitlines() == [
        f"error: mini.yaml:{origin} [intern] training.4.origin: "
        "Input should be 'source' or 'general'",
        f"error: 01-qualities.yaml:{talk} [talk] questions.0.text: "
        "no en text (the profile's languages: fr, en)",
        f"error: mini.yaml:{mission} [web] dimensions.3.mission: unknown mission 'sel'",
        # the question after the one that failed keeps its place and its line in the file
        f"error: 01-qualities.yaml:{evidence} [change/adapt] questions.1.options.0.evidence: "
        "unknown dimension 'analytic'",
        # true of the files as they are: `change` no longer measures analytics
        f"error: mini.yaml:{analytics} [analytics] dimensions.2.id: only 1 question gives "
        "evidence for this dimension; it needs at least 2 (a self-rating and a scenario or a "
        "“have you done…” question)",
        "5 problems found.",
    ]


def test_a_file_that_does_not_parse_says_which_checks_wait_for_it(tmp_path: Path) -> None:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    skills = root / "questions" / "02-skills.yaml"
    skills.write_text(
        skills.read_text(encoding="utf-8").replace("  - id: webcult\n", "  - id: webcult: oops\n")
    )
    _, report = validate(root)
    assert report.splitlines()[1:] == [
        "note: the checks that need every question file (the evidence for each dimension, "
        "the levels of each answer value) wait until 02-skills.yaml loads.",
        "1 problem found.",
    ]
    profile = root / "profiles" / "mini.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("salary:\n", "salary: 3\n"))
    _, report = validate(root)
    assert "note: the checks across files wait until mini.yaml loads." in report.splitlines()


def test_what_a_left_out_question_may_hold_raises_no_false_problem(tmp_path: Path) -> None:
    """`talk` is one of the two questions on communication: left out, it must not make
    communication look measured once (the README's example relies on it too)."""
    _, report = validate(broken_copy(tmp_path))
    assert "communication" not in report
