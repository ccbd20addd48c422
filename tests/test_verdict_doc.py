"""docs/verdict.md is the persona table the project's own command writes."""

from __future__ import annotations

from bot.content.models import Content
from tests.support.persona_catalogue import PERSONAS
from tests.support.verdict_table import DOC, verdict_table


def test_the_persona_table_is_up_to_date(shipped_content: Content) -> None:
    expected = verdict_table(shipped_content)
    assert DOC.read_text(encoding="utf-8") == expected, (
        "docs/verdict.md is stale: run python -m tests.support.verdict_table"
    )


def test_the_table_has_a_row_per_persona_and_at_least_twenty(shipped_content: Content) -> None:
    rows = [line for line in verdict_table(shipped_content).splitlines() if line.startswith("| ")]
    assert len(rows) == len(PERSONAS) + 2 >= 22  # the header, its rule, a row each
    for persona in PERSONAS:
        assert any(row.startswith(f"| {persona.intent} |") for row in rows), persona.name
