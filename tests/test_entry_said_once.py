"""« Deux ans d'expérience » said once in the detail (the adviser's round 5, on 06, 07, 13).

When another reason takes the summary (« Pas du tout » to selling, « En partie »), the
`needs_experience` reason used to fall into « Aussi pris en compte », just above the
« Conditions d'accès » line that says the same two years (and the Master besides). The
rule is marked `said_by_entry` in the profile: the detail lists it no more while that line
is shown, and drops the heading when nothing else is left under it.
"""

from __future__ import annotations

import pytest

from bot.content.models import Content, Lang
from bot.engine.record import record_of
from bot.engine.result import evaluate
from bot.presentation.result_sections import section
from bot.presentation.result_text import to_plain
from bot.presentation.texts import t
from tests.support.personas import Persona, answers_for

#: The needs_experience reason and the with_experience entry line, as each begins.
REASON = {"fr": "Avec votre diplôme, l’accès au poste passe d’abord", "en": "With your degree"}
ENTRY = {"fr": "votre diplôme ouvre la porte avec environ", "en": "your degree opens the door"}


def detail_of(content: Content, persona: Persona, selling: str, lang: Lang) -> tuple[str, str]:
    answers = answers_for(content, persona) | {"like_selling": (selling,)}
    result = evaluate(content, answers)
    record = record_of(content, result, lang=lang)
    return record.readiness, to_plain(section(content, record, lang, "detail") or "")


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("selling", ["0", "1", "2", "3"])
@pytest.mark.parametrize("experience", ["none", "lt2", "2to5", "10plus"])
@pytest.mark.parametrize("education", ["bac2", "bac3"])
def test_the_two_years_are_said_by_the_entry_line_alone(
    shipped_content: Content, education: str, experience: str, selling: str, lang: Lang
) -> None:
    persona = Persona(
        "accountant",
        "a bac+2 or bac+3 in another field, years outside e-commerce",
        education=education,
        studied="other",
        experience=experience,
        worked_in="other" if experience != "none" else None,
        ability=0.6,
        interest=0.6,
    )
    readiness, detail = detail_of(shipped_content, persona, selling, lang)
    heading = to_plain(t("detail_reasons", lang))
    if ENTRY[lang] in detail:
        assert readiness == "with_experience"
        # the reason may lead the summary, never sit in the detail above the entry line
        assert REASON[lang] not in detail, detail
    lines = detail.split("\n")
    if heading in lines:  # a heading always has a reason under it
        assert lines[lines.index(heading) + 1].strip(), detail


def test_the_accountant_reads_the_entry_line(shipped_content: Content) -> None:
    """06's case: a bac+3 with ten years outside the trade and « Pas du tout » to selling
    reads the two years once, in the entry line."""
    persona = Persona(
        "accountant",
        "a bac+3 in finance, ten years as an accountant",
        education="bac3",
        studied="other",
        experience="10plus",
        worked_in="other",
        ability=0.6,
        interest=0.6,
    )
    readiness, detail = detail_of(shipped_content, persona, "0", "fr")
    assert readiness == "with_experience"
    assert ENTRY["fr"] in detail and REASON["fr"] not in detail
