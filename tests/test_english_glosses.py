"""An English reader does not know the French BTS, BUT or France Travail: the result says
what each is where the reader first meets it, and reads as English, not a French calque."""

from __future__ import annotations

import re

import pytest

from bot.content.models import Content
from bot.presentation.result_full import render_result
from bot.presentation.result_text import to_plain
from bot.presentation.texts import t
from tests.support.answers import random_answers
from tests.support.persona_catalogue import PERSONAS
from tests.support.personas import answers_for
from tests.support.records import record

#: What follows the first BTS or BUT of an English result, within its sentence.
GLOSS = re.compile(r"French vocational degree")
EMPLOYMENT = "France Travail (the public employment service)"


def _english_results(content: Content) -> list[str]:
    answer_sets = [answers_for(content, persona) for persona in PERSONAS]
    answer_sets += [random_answers(content, seed) for seed in range(150)]
    return [
        to_plain(render_result(content, record(content, answers, "en"), "en"))
        for answers in answer_sets
    ]


@pytest.fixture(scope="module")
def english(shipped_content: Content) -> list[str]:
    return _english_results(shipped_content)


def test_the_first_bts_or_but_of_a_result_is_explained(english: list[str]) -> None:
    named = 0
    for text in english:
        first = re.search(r"\b(BTS|BUT)\b", text)
        if first is None:
            continue
        named += 1
        sentence = text[first.start() : text.find(".", first.start())]
        assert GLOSS.search(sentence), sentence
    assert named  # some results name them, or the test checks nothing


def test_france_travail_is_explained_in_every_result_that_names_it(english: list[str]) -> None:
    naming = [text for text in english if "France Travail" in text]
    assert naming
    assert all(EMPLOYMENT in text for text in naming)


def test_the_pay_of_a_newcomer_reads_as_english() -> None:
    for key in ("salary_elsewhere", "salary_elsewhere_near"):
        line = t(key, "en", job="e-commerce manager", bottom="€40,000")
        assert "that of a new" not in line
        pay = "it is a new e-commerce manager's pay, closer to €40,000."
        assert line.endswith(f", so it does not raise this figure: {pay}")
    french = t("salary_elsewhere_near", "fr", job="responsable e-commerce", bottom="40 000 €")
    assert "French" not in french and "employment service" not in french
