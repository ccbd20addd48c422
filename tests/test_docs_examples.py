"""The docs show what the commands print: every marked example is produced again here.

After a change to the questions, the engine or a command's output, run
`python -m tests.support.docs_examples` and commit the docs it rewrites.
"""

from __future__ import annotations

import re

from click.testing import CliRunner

from bot.cli import main
from bot.content.models import Content
from bot.engine.session import asked_questions
from tests.support.docs_examples import documented, examples
from tests.support.paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_marked_example_is_what_its_command_prints_now() -> None:
    fresh, shown = examples(), documented()
    assert shown.keys() == fresh.keys()
    for name, block in fresh.items():
        assert shown[name] == block, (
            f"the docs' example {name!r} is stale: run python -m tests.support.docs_examples"
        )


def test_the_examples_cover_the_commands_a_reader_tries_first() -> None:
    assert {"validate", "logs-demo", "logs-summary", "logs-items", "logs-export"} <= set(
        documented()
    )


def test_the_question_count_the_readme_quotes_is_the_quiz_s(shipped_content: Content) -> None:
    quoted = re.findall(r"[Qq]uestion \d+/(\d+)", README)
    assert quoted, "the README quotes a progress line"
    # the count of a quiz in the default (first) language: the job's own asks one less
    assert set(quoted) == {str(len(asked_questions(shipped_content, "fr")))}


def test_the_readme_s_bad_setting_line_is_what_the_command_prints() -> None:
    [line] = re.findall(r"`(Error: invalid setting CAREERBOT_ADMIN_IDS: [^`]+)`", README)
    result = CliRunner().invoke(main, ["validate"], env={"CAREERBOT_ADMIN_IDS": "abc"})
    assert result.output.splitlines() == [line]
