"""Scenario answers of equal appeal: wording does not give the best answer away.

Every option of a scenario is something a competent person could do, of similar
length and tone, keyed with partial credit from the source. Two test-wise
strategies, always the longest answer and always the answer that sounds most
complete, are played against random answers: over the same random answers to
every other question, neither may gain more than 5 points of fit on average.
The longest-answer strategy also plays the knowledge questions (whose right
answer must not be the longest either). `careerbot validate` refuses options
whose lengths differ by more than `MAX_LENGTH_RATIO` (tests/test_validate_kinds.py).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable

import pytest

from bot.content.models import Content, Lang, Option, Question
from bot.engine.result import evaluate
from tests.support.answers import random_answers
from tests.support.personas import COMPLETE_SOUNDING

#: Answer sets per strategy: enough for the mean to be stable within a point.
DRAWS = 300
GAIN = 5.0


def scenarios(content: Content) -> list[Question]:
    return [q for q in content.questions if q.kind == "single" and q.background is None]


def longest(lang: Lang) -> Callable[[Question], Option]:
    def pick(question: Question) -> Option:
        return max(question.options, key=lambda o: len(o.text(lang)))

    return pick


def mean_fit(
    content: Content, strategy: Callable[[Question], Option] | None, kinds: set[str]
) -> float:
    fits = []
    for seed in range(DRAWS):
        answers = random_answers(content, seed)
        if strategy is not None:
            for question in content.questions:
                if question.kind in kinds and question.background is None:
                    answers[question.id] = (strategy(question).id,)
        fits.append(evaluate(content, answers).score.overall)
    return statistics.fmean(fits)


@pytest.fixture(scope="module")
def chance(shipped_content: Content) -> float:
    return mean_fit(shipped_content, None, set())


def test_the_named_options_exist(shipped_content: Content) -> None:
    assert set(COMPLETE_SOUNDING) == {q.id for q in scenarios(shipped_content)}
    for qid, option in COMPLETE_SOUNDING.items():
        assert option in shipped_content.question_by_id[qid].options_by_id


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_always_the_longest_answer_gains_little(
    shipped_content: Content, chance: float, lang: Lang
) -> None:
    gained = mean_fit(shipped_content, longest(lang), {"single", "knowledge"}) - chance
    assert gained <= GAIN, f"{gained:.1f} points above random answers"


def test_always_the_most_complete_sounding_answer_gains_little(
    shipped_content: Content, chance: float
) -> None:
    by_id = shipped_content.question_by_id

    def complete(question: Question) -> Option:
        return by_id[question.id].options_by_id[COMPLETE_SOUNDING[question.id]]

    gained = mean_fit(shipped_content, complete, {"single"}) - chance
    assert gained <= GAIN, f"{gained:.1f} points above random answers"


def test_the_best_answers_do_gain(shipped_content: Content, chance: float) -> None:
    """The key still separates: the best answer to every scenario is worth clearly more."""

    def best(question: Question) -> Option:
        return max(question.options, key=lambda o: sum(o.evidence.values()))

    assert mean_fit(shipped_content, best, {"single", "knowledge"}) - chance > 2 * GAIN


def test_the_right_knowledge_answer_is_rarely_the_longest(shipped_content: Content) -> None:
    for lang in ("fr", "en"):
        knowledge = [q for q in shipped_content.questions if q.kind == "knowledge"]
        longest_right = [q.id for q in knowledge if longest(lang)(q).right]
        assert len(longest_right) <= len(knowledge) // 4, (lang, longest_right)
