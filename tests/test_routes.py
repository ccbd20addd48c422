"""Adults' routes into training, driven by the situation question: table-tested over every
situation × education × experience, and shown as one plain line each.

General knowledge (not the source's): the CPF funds training, a bilan de compétences
takes stock, the CEP advises free of charge, France VAE handles a VAE, for people in
work or looking for work; Transitions Pro funds an employee's transition project (PTP),
France Travail advises and funds job seekers.
"""

from __future__ import annotations

import html
import itertools
from dataclasses import replace

import pytest

from bot.content.models import Content, Lang
from bot.engine.advice import adult_routes, training_path
from bot.engine.record import record_of
from bot.engine.result import evaluate
from bot.engine.scoring import score
from bot.presentation.result_full import render_result
from bot.presentation.result_sections import available, section
from bot.presentation.result_text import to_plain
from bot.presentation.result_view import view
from bot.presentation.texts import t
from tests.support.answers import EDUCATION, EXPERIENCE, EXPERIENCED, best_answers
from tests.support.languages import LANGS
from tests.support.persona_catalogue import (
    ADULT_CAREER_CHANGE,
    ADULT_IN_WORK,
    BTS_FIRST_YEAR,
    PERSONAS,
)
from tests.support.personas import Persona, answers_for

SITUATIONS = ["school", "student", "working", "job_seeker", "other"]
ADULTS = {"working", "job_seeker"}
#: Every adult in work or looking for work gets these three.
FOR_EVERY_ADULT = ["cpf", "bilan", "cep"]
#: Named by the path itself for those without a diploma (a VAE is its first step).
VAE_ON_THE_PATH = {"vae", "vae_bac3", "vae_bac3_digital", "vae_bac3_acquisition"}


#: Where the experience was gained: in the trade, or elsewhere (a change of career).
WHERE = ["ecommerce_lead", "ecommerce", "acquisition", "sales", "other"]
#: The trade itself: selling online (in charge or not) and digital marketing.
TRADE = {"ecommerce_lead", "ecommerce", "digital", "acquisition"}


def expected(situation: str, education: str, experience: str, where: str) -> list[str]:
    # out of school without the bac: 16–25, the Mission locale; not after ten years of work
    young = experience != "10plus"
    if situation == "other" and education == "none":
        return ["mission_locale"] if young else []
    if situation not in ADULTS:
        return []
    routes = list(FOR_EVERY_ADULT)
    # a long career outside the trade: the path names the VAE itself (vae_long_*)
    long_elsewhere = experience in {"5to10", "10plus"} and where not in TRADE
    if education in {"bac2", "bac3"} and experience in EXPERIENCED and not long_elsewhere:
        routes.append("france_vae")
    if situation == "job_seeker":  # an immersion to discover the job, unless they know it
        in_trade = experience in EXPERIENCED and where in TRADE
        routes.append("france_travail_trade" if in_trade else "france_travail")
    elif where not in TRADE:  # Transitions Pro funds an employee's change of career
        routes.append("transitions_pro")
    if education == "none" and young:
        routes.append("mission_locale")
    return routes


def background(
    situation: str, education: str, experience: str, where: str
) -> dict[str, tuple[str, ...]]:
    return {
        "situation": (situation,),
        "education": (education,),
        "experience": (experience,),
        "field": ("commerce",),
        "experience_field": (where,),
    }


@pytest.mark.parametrize(
    ("situation", "education", "experience", "where"),
    list(itertools.product(SITUATIONS, EDUCATION, EXPERIENCE, WHERE)),
)
def test_the_routes_table(
    shipped_content: Content, situation: str, education: str, experience: str, where: str
) -> None:
    answers = best_answers(shipped_content) | background(situation, education, experience, where)
    scored = score(shipped_content, answers)
    routes = [route.id for route in adult_routes(shipped_content, scored)]
    assert routes == expected(situation, education, experience, where)
    # the VAE is named once: by the path, or by the routes
    path = {step.id for step in training_path(shipped_content, scored)}
    assert not (VAE_ON_THE_PATH & path and "france_vae" in routes)


def test_every_route_is_general_knowledge_with_a_note(shipped_content: Content) -> None:
    assert shipped_content.profile.routes
    for route in shipped_content.profile.routes:
        assert route.origin == "general", route.id
        assert route.note.strip(), route.id


#: What each route names, in each language (the scheme's own name stays French).
NAMES = {
    "cpf": "CPF",
    "bilan": "bilan de compétences",
    "cep": "CEP",
    "france_vae": "France VAE",
    "transitions_pro": "Transitions Pro",
    "france_travail": "France Travail",
    "france_travail_trade": "France Travail",
    "mission_locale": "Mission locale",
}


@pytest.mark.parametrize("lang", LANGS)
def test_each_route_is_one_plain_line_naming_its_scheme(
    shipped_content: Content, lang: Lang
) -> None:
    for route in shipped_content.profile.routes:
        text = route.text(lang)
        assert NAMES[route.id] in text
        assert "\n" not in text and len(text) <= 200


@pytest.mark.parametrize("lang", LANGS)
def test_a_job_seeker_reads_the_routes_under_the_path(shipped_content: Content, lang: Lang) -> None:
    result = evaluate(shipped_content, answers_for(shipped_content, ADULT_CAREER_CHANGE))
    assert [r.id for r in result.routes] == ["cpf", "bilan", "cep", "france_travail"]
    lines = render_result(shipped_content, result, lang).splitlines()
    heading = {"fr": "<b>Pour vous former en étant adulte</b>", "en": "<b>Training as an adult</b>"}
    start = lines.index(heading[lang])
    shown = [f"• {html.escape(route.text(lang))}" for route in result.routes]
    assert lines[start + 1 : start + 1 + len(shown)] == shown
    last_step = max(i for i, line in enumerate(lines) if line[:3] in {"1. ", "2. ", "3. "})
    assert last_step < start


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.name)
def test_a_long_result_keeps_the_routes_and_leaves_out_the_lines_for_everyone_first(
    shipped_content: Content, persona: Persona, lang: Lang
) -> None:
    """Played through the chat, a store manager or an accounts assistant in work (long
    results in French) lost their routes (CPF, Transitions Pro…) to the length limit
    while the line shown to everyone (Cap emploi, Agefiph) stayed: what is the
    person's own is the last a too-long result leaves out."""
    result = evaluate(shipped_content, answers_for(shipped_content, persona))
    message = render_result(shipped_content, result, lang)
    for route in result.routes:
        assert f"• {html.escape(route.text(lang))}" in message, route.id
    own = [line for line in result.constraints if not line.for_everyone]
    for line in own:
        shown = line.text or line.summary
        assert shown is not None and html.escape(shown(lang)) in message, line.id


def test_an_employee_changing_career_is_told_of_transitions_pro(shipped_content: Content) -> None:
    result = evaluate(shipped_content, answers_for(shipped_content, ADULT_IN_WORK))
    routes = [r.id for r in result.routes]
    assert routes[:3] == FOR_EVERY_ADULT and "transitions_pro" in routes
    assert "france_travail" not in routes


@pytest.mark.parametrize("lang", LANGS)
def test_a_student_gets_no_adults_routes(shipped_content: Content, lang: Lang) -> None:
    result = evaluate(shipped_content, answers_for(shipped_content, BTS_FIRST_YEAR))
    assert result.routes == []
    heading = {"fr": "Pour vous former en étant adulte", "en": "Training as an adult"}
    assert heading[lang] not in render_result(shipped_content, result, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_routes_have_a_section_of_their_own_when_they_apply(
    shipped_content: Content, lang: Lang
) -> None:
    """The path section reached about 2,500 characters with the routes under it: they
    open from a button of their own, and only for those they apply to."""
    content = shipped_content
    adult = record_of(
        content, evaluate(content, answers_for(content, ADULT_CAREER_CHANGE)), lang=lang
    )
    routes = section(content, adult, lang, "routes")
    path = section(content, adult, lang, "path")
    assert routes is not None and path is not None
    heading = t("result_routes", lang)
    assert routes.startswith(heading) and heading not in path
    for route in view(content, adult).routes:
        assert html.escape(route.text(lang)) in routes and html.escape(route.text(lang)) not in path
    student = record_of(content, evaluate(content, answers_for(content, BTS_FIRST_YEAR)), lang=lang)
    assert section(content, student, lang, "routes") is None
    assert "routes" not in available(content, student, lang)


#: What the France Travail line says to a job seeker new to the trade, not to one in it.
DISCOVER = {"fr": "pour découvrir le métier", "en": "to discover the job"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("experience", "where"), [("2to5", "ecommerce_lead"), ("none", "none")])
def test_a_job_seeker_in_the_trade_is_not_offered_an_immersion_to_discover_it(
    shipped_content: Content, lang: Lang, experience: str, where: str
) -> None:
    """The adviser's round 3: a job seeker who ran an online shop for three years read that
    France Travail can arrange « une immersion en entreprise pour découvrir le métier »;
    with two years or more in the trade the line says how France Travail helps them."""
    persona = replace(ADULT_CAREER_CHANGE, experience=experience, worked_in=where)
    result = evaluate(shipped_content, answers_for(shipped_content, persona))
    text = to_plain(render_result(shipped_content, result, lang))
    assert "France Travail" in text
    assert (DISCOVER[lang] in text) == (experience == "none")
