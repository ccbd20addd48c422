"""Sales and marketing are a neighbouring field, another line of work another domain.

Round 4's regression 2: a store director with twenty years in sales read, in one result,
« Votre expérience vient d'un autre domaine » (salary, and for a Master the entry line)
and « votre expérience, d'un domaine voisin, y compte en partie » (under the scores per
category). The profile's `experience_fields.near` names the neighbouring fields; every
line then reads them the same way.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.content.models import Content, Lang
from bot.engine.record import record_of
from bot.engine.result import evaluate
from bot.presentation.result_sections import SECTIONS, section
from bot.presentation.result_summary import summary
from bot.presentation.result_text import to_plain
from tests.support.personas import Persona, answers_for

STORE_DIRECTOR = Persona(
    "store_director",
    "store director aged 45, a bac+2, twenty years in retail sales, wants e-commerce",
    education="bac2",
    studied="commerce",
    experience="10plus",
    worked_in="sales",
    situation="working",
    ability=0.65,
    strong={"management": 0.85, "negotiation": 0.8},
    interest=0.75,
)
#: A Master with ten years in sales: the diploma meets the level, the trade is next.
SALES_MASTER = replace(
    STORE_DIRECTOR, name="sales_master", education="master", studied="other", situation="job_seeker"
)
ANOTHER = {"fr": "autre domaine", "en": "another field"}
NEAR = {"fr": "domaine voisin", "en": "neighbouring field"}
LANGS: tuple[Lang, ...] = ("fr", "en")


def whole(content: Content, persona: Persona, lang: Lang) -> dict[str, str]:
    """The summary and every section, as plain text, by name."""
    result = evaluate(content, answers_for(content, persona))
    record = record_of(content, result, lang=lang)
    texts = {"summary": to_plain(summary(content, record, lang))}
    for name in SECTIONS:
        texts[name] = to_plain(section(content, record, lang, name) or "")
    return texts


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("persona", [STORE_DIRECTOR, SALES_MASTER], ids=lambda p: p.name)
def test_sales_experience_reads_as_a_neighbouring_field_in_every_line(
    shipped_content: Content, persona: Persona, lang: Lang
) -> None:
    texts = whole(shipped_content, persona, lang)
    for name, text in texts.items():
        assert ANOTHER[lang] not in text, (name, text)
    assert NEAR[lang] in texts["salary"]
    assert NEAR[lang] in texts["detail"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_masters_entry_line_says_neighbouring_field(
    shipped_content: Content, lang: Lang
) -> None:
    detail = whole(shipped_content, SALES_MASTER, lang)["detail"]
    rows = detail.split("\n")
    entry = next(row for row in rows if "niveau d’accès" in row or "entry level" in row)
    assert NEAR[lang] in entry, entry


@pytest.mark.parametrize("lang", LANGS)
def test_another_line_of_work_stays_another_field(shipped_content: Content, lang: Lang) -> None:
    nurse = replace(SALES_MASTER, name="lawyer", worked_in="other")
    texts = whole(shipped_content, nurse, lang)
    assert ANOTHER[lang] in texts["salary"]
    assert all(NEAR[lang] not in text for text in texts.values())
