"""Paths and routes from the adviser's persona report, played as the personas.

Each row: a persona of tests/support/persona_catalogue.py, the steps and routes an
adviser expects for them, and the words they must or must not read (a pupil is not
told about the DAEU, an adult is not sent to « un conseiller en orientation » or « un
stage », a young person without a diploma is not promised a BTS by VAE from fast-food
work and is told about the Mission locale, a public servant is not only offered
Transitions Pro, a foreign degree's level is to be stated by ENIC-NARIC).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass

import pytest

from bot.content.models import Content, Lang
from bot.engine.result import evaluate
from bot.presentation.result_full import render_result
from bot.presentation.result_text import to_plain
from bot.terminal.chat import run_chat
from tests.support.languages import LANGS
from tests.support.persona_catalogue import (
    BTS_FIRST_YEAR,
    ENGLISH_NO_FRENCH,
    LOGISTICS_JOB_SEEKER,
    LYCEENNE,
    NO_DIPLOMA_YOUNG,
    TEACHER,
)
from tests.support.personas import Persona, answers_for
from tests.support.terminal import typed_lines


@dataclass(frozen=True)
class Expected:
    persona: Persona
    steps: tuple[str, ...] = ()
    """Step ids the path holds, in this order (others may come between)."""
    not_steps: tuple[str, ...] = ()
    routes: tuple[str, ...] = ()
    not_routes: tuple[str, ...] = ()
    not_said: Mapping[str, tuple[str, ...]] | None = None
    """Words the whole result must not say, by language."""


ADULT_WORDS: dict[str, tuple[str, ...]] = {
    "fr": ("conseiller en orientation", "stage"),
    "en": ("careers adviser", "internship"),
}

TABLE = [
    Expected(
        LYCEENNE,
        steps=("explore", "access_school", "bac2_study"),
        not_steps=("access", "explore_adult"),
        not_said={"fr": ("DAEU",), "en": ("DAEU",)},
    ),
    Expected(
        NO_DIPLOMA_YOUNG,
        steps=("explore_adult", "vae_first_diploma"),
        not_steps=("vae_own_field", "vae"),
        routes=("france_travail", "mission_locale"),
        not_said={"fr": ("comme un BTS", "conseiller en orientation"), "en": ("such as a BTS",)},
    ),
    # over ten years of work: past 25, so no Mission locale (the adviser's round 3)
    Expected(
        LOGISTICS_JOB_SEEKER,
        steps=("explore_adult", "vae_first_diploma"),
        routes=("france_travail",),
        not_routes=("mission_locale",),
        not_said=ADULT_WORDS,
    ),
    # 37 %, a partial match since a person of middling ability knows the common facts
    # (tests/support/personas.py): the Master is the level, experience in the trade comes
    # next, through an immersion first (first_experience_adult says so).
    Expected(
        TEACHER,
        steps=("at_level_master", "first_experience_adult"),
        not_steps=("explore", "first_experience"),
        routes=("transitions_pro",),
        not_said=ADULT_WORDS,
    ),
    # far: cut before « Première voie … par les étapes ci-dessous », whose steps are cut too
    Expected(
        BTS_FIRST_YEAR,
        steps=("explore_student", "finish_studies"),
        not_steps=("explore", "gain_experience"),
    ),
    Expected(
        ENGLISH_NO_FRENCH, steps=("job_language_scratch", "foreign_diploma", "at_level_master")
    ),
]


@pytest.mark.parametrize("row", TABLE, ids=lambda row: row.persona.name)
def test_each_persona_gets_the_steps_and_routes_an_adviser_expects(
    shipped_content: Content, row: Expected
) -> None:
    result = evaluate(shipped_content, answers_for(shipped_content, row.persona))
    ids = [step.id for step in result.training]
    positions = [ids.index(step) for step in row.steps if step in ids]
    assert len(positions) == len(row.steps) and positions == sorted(positions), ids
    assert not set(row.not_steps) & set(ids), ids
    routes = [route.id for route in result.routes]
    assert set(row.routes) <= set(routes), routes
    assert not set(row.not_routes) & set(routes), routes
    for lang in LANGS:
        text = to_plain(render_result(shipped_content, result, lang))
        for words in (row.not_said or {}).get(lang, ()):
            assert words not in text, (lang, words)


#: One line per scheme, said so that it fits who reads it.
LINES: dict[str, dict[str, tuple[str, ...]]] = {
    # Transitions Pro is an employee's: the quiz cannot tell a shopkeeper from an employee,
    # so the line names the employed, the public sector and the self-employed.
    "transitions_pro": {
        "fr": (
            "Salarié ou salariée du privé, Transitions Pro",
            "dans le public, un congé de formation",
            "à votre compte, votre fonds de formation (FAF)",
        ),
        "en": (
            "If employed in the private sector, Transitions Pro",
            "in the public sector, ask for training leave",
            "if self-employed, ask your training fund (FAF)",
        ),
    },
    "france_travail": {
        "fr": ("Si vous êtes inscrit ou inscrite à France Travail",),
        "en": ("If you are registered with France Travail",),
    },
    "france_travail_trade": {
        "fr": ("Si vous êtes inscrit ou inscrite à France Travail",),
        "en": ("If you are registered with France Travail",),
    },
    # The quiz does not ask the age: the line says whom it is for, and where the older go.
    "mission_locale": {
        "fr": ("Si vous avez moins de 26 ans", "à partir de 26 ans", "France Travail", "CEP"),
        "en": ("If you are under 26", "from 26", "France Travail", "CEP"),
    },
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("route_id", sorted(LINES))
def test_each_route_fits_who_reads_it(shipped_content: Content, route_id: str, lang: Lang) -> None:
    (route,) = [r for r in shipped_content.profile.routes if r.id == route_id]
    assert route.origin == "general" and route.note
    for words in LINES[route_id][lang]:
        assert words in route.text(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_small_wordings(shipped_content: Content, lang: Lang) -> None:
    """« Pas encore le bac » asked of a 50-year-old with a CAP; « après une formation » for
    a path that is a VAE; a foreign degree taken at face value."""
    education = shipped_content.question_by_id["education"]
    (none,) = [option for option in education.options if option.id == "none"]
    assert "CAP" in none.text(lang)
    after = shipped_content.profile.entry.readiness["after_training"](lang)
    assert "VAE" in after
    steps = {step.id: step for step in shipped_content.profile.training}
    assert "ENIC-NARIC" in steps["foreign_diploma"].text(lang)
    assert steps["foreign_diploma"].aside and steps["foreign_diploma"].origin == "general"


@pytest.mark.parametrize(
    ("persona", "named"), [(NO_DIPLOMA_YOUNG, True), (LOGISTICS_JOB_SEEKER, False)]
)
def test_the_mission_locale_line_reaches_only_who_may_be_under_26(
    shipped_content: Content, persona: Persona, named: bool
) -> None:
    """The Mission locale line once reached a 50-year-old as if it were for them, then,
    saying whom it is for, still reached him (the adviser's round 3): after over ten years
    of work no one is under 26, so he reads none; a young adult without the bac reads it,
    in the chat, as for the under-26s, and the adults' routes stand beside it."""
    content = shipped_content
    answers = answers_for(content, persona)
    out = io.StringIO()
    record = run_chat(
        content, "fr", seed="ml", input=io.StringIO(typed_lines(content, answers, "ml")), output=out
    )
    assert record is not None and ("mission_locale" in record.routes) == named
    printed = out.getvalue()
    assert ("Mission locale" in printed) == named
    assert ("Si vous avez moins de 26 ans, la Mission locale" in printed) == named
    assert "Entre 16 et 25 ans" not in printed
    for route in ("cep", "france_travail"):
        (line,) = [r.text("fr") for r in content.profile.routes if r.id == route]
        assert line in printed
