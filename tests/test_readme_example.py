"""The README's example result is what `careerbot chat` really prints for its persona."""

from __future__ import annotations

from bot.content.models import Content
from tests.support.readme_example import BLOCK, README, TYPED, printed_result, telegram_texts


def test_the_readme_shows_what_the_command_prints(shipped_content: Content) -> None:
    block = BLOCK.search(README.read_text(encoding="utf-8"))
    assert block, "the README keeps its example result block"
    printed = printed_result(TYPED.read_text(encoding="utf-8"), shipped_content)
    assert block.group(2) == printed, "run `python -m tests.support.readme_example`"


def test_docs_examples_show_the_summary_and_a_section(shipped_content: Content) -> None:
    for path, text in telegram_texts(TYPED.read_text(encoding="utf-8"), shipped_content).items():
        assert path.read_text(encoding="utf-8") == text, (
            "run `python -m tests.support.readme_example`"
        )
