"""The points to develop: each with what it serves, said once for the points that share it.

Two skills tied to one mission used to print the mission's sentence twice in a row
(round 2 of the adviser's personas, finding 5: « Communication — utile pour veiller à
la relation client… » then « Sens relationnel — utile pour veiller à la relation
client… »). They now share one line naming both, then each one's action.
"""

from __future__ import annotations

import dataclasses
import html
import io
from collections import defaultdict

import pytest

from bot.content.models import INTEREST, Content, Lang
from bot.engine.record import record_of
from bot.engine.result import evaluate
from bot.presentation.pdf import result_pdf
from bot.presentation.pdf_parts import document_of
from bot.presentation.result_chart import result_chart_png
from bot.presentation.result_full import render_result
from bot.presentation.result_sections import section
from bot.presentation.result_text import mid_sentence, to_plain
from bot.terminal.chat import run_chat
from tests.support.languages import LANGS
from tests.support.pdf_text import page_texts, squeezed
from tests.support.persona_catalogue import PERSONAS, RANDOM
from tests.support.personas import Persona, answers_for
from tests.support.terminal import typed_lines

#: Round 2's persona 16, by meaning: a traffic manager (bac+3 in digital marketing, four
#: years buying online ads), at ease with figures and tools, who rates himself modest on
#: speaking to people and on customer relations.
TRAFFIC_MANAGER = Persona(
    "modest_traffic_manager",
    "traffic manager, bac+3, four years of online ads, modest on communication and people",
    education="bac3",
    studied="digital",
    experience="2to5",
    worked_in="acquisition",
    ability=0.75,
    strong={"communication": 0.3, "relational": 0.3},
    interest=0.6,
)

JOINER = {"fr": "utile pour", "en": "needed to"}


def _shared_missions(content: Content) -> dict[str, list[str]]:
    """The missions two points to develop or more serve (qualities and skills: the wishes
    are said apart, and the background points have a `why` of their own)."""
    serving: dict[str, list[str]] = defaultdict(list)
    for dimension in content.profile.dimensions:
        if dimension.category != INTEREST and dimension.why is None and dimension.mission:
            serving[dimension.mission].append(dimension.id)
    return {mission: ids for mission, ids in serving.items() if len(ids) > 1}


def _bullets(text: str) -> list[str]:
    return [line for line in to_plain(text).split("\n") if line.startswith("•")]


def test_the_profile_has_missions_served_by_several_points(shipped_content: Content) -> None:
    """Otherwise the tests below would check nothing."""
    shared = _shared_missions(shipped_content)
    assert {"communication", "relational"} <= set(shared.get("customer_relations", []))
    assert {"management", "action_plans"} <= set(shared.get("team_lead", []))


@pytest.mark.parametrize("lang", LANGS)
def test_points_serving_one_mission_share_one_line(shipped_content: Content, lang: Lang) -> None:
    """Every mission several points serve: one bullet naming each of them in bold, the
    mission's sentence once, then every point's own action."""
    content = shipped_content
    result = evaluate(content, {"education": ("bac",), "experience": ("none",)})
    by_id = {d.dimension.id: d for d in result.score.dimensions}
    missions = {mission.id: mission.text(lang) for mission in content.profile.missions}
    for mission, ids in _shared_missions(content).items():
        shown = dataclasses.replace(result, gaps=[by_id[i] for i in ids], further=[])
        message = render_result(content, shown, lang)
        why = html.escape(mid_sentence(missions[mission]))
        assert message.count(why) == 1, mission
        labels = ", ".join(
            f"<b>{html.escape(content.dimension_by_id[i].label(lang))}</b>" for i in ids
        )
        assert f"• {labels} — {JOINER[lang]} {why}" in message
        for i in ids:
            assert html.escape(content.dimension_by_id[i].develop(lang)) in message


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("persona", [*PERSONAS, *RANDOM, TRAFFIC_MANAGER], ids=lambda p: p.name)
def test_no_persona_reads_the_same_purpose_twice(
    shipped_content: Content, persona: Persona, lang: Lang
) -> None:
    record = record_of(
        shipped_content, evaluate(shipped_content, answers_for(shipped_content, persona)), lang=lang
    )
    text = section(shipped_content, record, lang, "develop") or ""
    purposes = [line.split(" — ", 1)[1] for line in _bullets(text) if " — " in line]
    assert len(purposes) == len(set(purposes)), purposes


@pytest.mark.parametrize("lang", LANGS)
def test_the_traffic_manager_reads_communication_and_people_skills_together(
    shipped_content: Content, lang: Lang
) -> None:
    """The adviser's persona 16 read « Communication — needed to look after customer
    relations… » then « People skills — needed to look after customer relations… »."""
    content = shipped_content
    record = record_of(content, evaluate(content, answers_for(content, TRAFFIC_MANAGER)), lang=lang)
    assert {"communication", "relational"} <= set(record.gaps)
    text = section(content, record, lang, "develop") or ""
    named = {"fr": "Communication, Sens relationnel", "en": "Communication, People skills"}
    [line] = [b for b in _bullets(text) if b.startswith(f"• {named[lang]} — ")]
    assert JOINER[lang] in line
    relations = {"fr": "relation client", "en": "customer relations"}[lang]
    assert to_plain(text).count(relations) == 1


def test_the_terminal_and_the_pdf_group_them_the_same(shipped_content: Content) -> None:
    content = shipped_content
    answers = answers_for(content, TRAFFIC_MANAGER)
    out = io.StringIO()
    record = run_chat(
        content, "fr", seed="dv", input=io.StringIO(typed_lines(content, answers, "dv")), output=out
    )
    assert record is not None
    text = to_plain(section(content, record, "fr", "develop") or "")
    assert "• Communication, Sens relationnel — " in text
    assert text in out.getvalue()
    title, parts = document_of(render_result(content, record, "fr", pointer=False))
    data = result_pdf(title, parts, result_chart_png(content, record, "fr"), "fr")
    assert squeezed(text) in squeezed("".join(page_texts(data, "fr")))


#: The adviser's marketing assistant (round 3): bac+3 in marketing, four years in a large
#: retailer's offline marketing, in work; little web culture yet.
MARKETING_ASSISTANT = Persona(
    "marketing_assistant_in_work",
    "marketing assistant in a large retailer, bac+3 in marketing, four years, in work",
    education="bac3",
    studied="commerce",
    experience="2to5",
    worked_in="marketing",
    situation="working",
    ability=0.8,
    strong={"web_culture": 0.3},
    interest=0.7,
)

#: What she read, a student's wording, and what she reads now.
STUDENTS_EXPERIENCE = {
    "fr": ("Expérience professionnelle", "Cherchez un stage", "surtout avec un bac+2."),
    "en": ("Work experience", "Look for an internship", "especially with a bac+2."),
}
IN_THE_TRADE = {
    "fr": (
        "Expérience en e-commerce",
        "Si votre entreprise vend en ligne",
        "chargé ou chargée e-commerce",
    ),
    "en": ("Experience in e-commerce", "If your company sells online", "e-commerce officer"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_an_adult_with_years_elsewhere_is_asked_for_experience_in_e_commerce(
    shipped_content: Content, lang: Lang
) -> None:
    """She has four years of work and a bac+3, and read « Expérience professionnelle — les
    recruteurs la demandent, surtout avec un bac+2 » then « Cherchez un stage »: what she
    lacks is experience in e-commerce, through an assignment in her company if it sells
    online, or an e-commerce officer's post; in the summary and the section alike."""
    result = evaluate(shipped_content, answers_for(shipped_content, MARKETING_ASSISTANT))
    assert "experience" in [gap.dimension.id for gap in result.gaps]
    assert result.wordings == {"experience": "elsewhere_in_work"}
    record = record_of(shipped_content, result, lang=lang)
    develop = to_plain(section(shipped_content, record, lang, "develop") or "")
    whole = to_plain(render_result(shipped_content, result, lang))
    for words in IN_THE_TRADE[lang]:
        assert words in develop
    for words in STUDENTS_EXPERIENCE[lang]:
        assert words not in whole, words


@pytest.mark.parametrize(
    ("situation", "experience", "where", "wording"),
    [
        ("working", "2to5", "marketing", "elsewhere_in_work"),
        ("working", "10plus", "other", "elsewhere_in_work"),
        ("job_seeker", "5to10", "sales", "elsewhere"),
        ("other", "2to5", "other", "elsewhere"),
        ("student", "lt2", "sales", None),
        ("student", "none", "none", None),
        ("working", "2to5", "ecommerce", None),
        ("working", "lt2", "other", None),
    ],
)
def test_the_experience_point_is_worded_for_who_reads_it(
    shipped_content: Content, situation: str, experience: str, where: str, wording: str | None
) -> None:
    """Students and people without experience keep the wording they read well (a stage, an
    alternance); adults with two years or more in another line of work get theirs."""
    persona = dataclasses.replace(
        MARKETING_ASSISTANT, situation=situation, experience=experience, worked_in=where
    )
    result = evaluate(shipped_content, answers_for(shipped_content, persona))
    assert result.wordings.get("experience") == wording
