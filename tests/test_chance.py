"""The verdict separates real profiles from chance, and says so when someone agrees with all.

Answers drawn at random (every question, the background too) stand for someone
who answers without reading: their fit must land in the middle band, hardly
ever in "good" and never in "strong"; "not at all" to everything must land in
the lowest band. Someone who agrees with everything is warned, in both
languages, that the result is a pointer only.
"""

from __future__ import annotations

import dataclasses
import statistics

import pytest

from bot.content.models import Content
from bot.engine.result import Result, evaluate
from bot.presentation.result_full import render_result
from bot.presentation.result_text import to_plain
from bot.presentation.texts import t
from tests.support.answers import AnswerSet, random_answers
from tests.support.personas import EXPERIENCED_MASTER, Persona, answers_for

#: Enough answer sets for the median and the shares to be stable (±2 points).
DRAWS = 400


@pytest.fixture(scope="module")
def content(shipped_content: Content) -> Content:
    return shipped_content


def all_no(content: Content) -> AnswerSet:
    """ "Not at all" to every statement, nothing ticked, the weakest scenario answers."""
    answers: AnswerSet = {}
    for q in content.questions:
        if q.kind == "likert":
            answers[q.id] = ("0",)
        elif q.one_answer:
            answers[q.id] = (min(q.options, key=lambda o: sum(o.evidence.values())).id,)
        else:
            answers[q.id] = tuple(o.id for o in q.options if o.exclusive)[:1]
    return answers


@pytest.fixture(scope="module")
def chance(content: Content) -> list[Result]:
    return [evaluate(content, random_answers(content, seed)) for seed in range(DRAWS)]


def band_of(content: Content, band_id: str) -> tuple[int, int]:
    """The [min, next band's min) range of a band."""
    mins = sorted(b.min for b in content.profile.bands)
    low = next(b.min for b in content.profile.bands if b.id == band_id)
    higher = [m for m in mins if m > low]
    return low, higher[0] if higher else 101


def test_the_median_random_fit_lands_in_the_partial_band(
    content: Content, chance: list[Result]
) -> None:
    low, high = band_of(content, "partial")
    median = statistics.median(r.score.overall for r in chance)
    assert low <= round(median) < high, median


def test_random_answers_hardly_reach_good_and_never_strong(chance: list[Result]) -> None:
    uncapped = [r.score.uncapped.id for r in chance]
    assert uncapped.count("strong") <= DRAWS // 100, uncapped.count("strong")
    assert uncapped.count("good") <= DRAWS * 15 // 100, uncapped.count("good")
    assert not [r for r in chance if r.score.band.id == "strong"]


def test_random_answers_are_not_taken_for_a_yes_sayer(chance: list[Result]) -> None:
    assert sum(r.cautious for r in chance) <= DRAWS // 100


def test_not_at_all_to_everything_lands_far(content: Content) -> None:
    result = evaluate(content, all_no(content))
    assert result.score.uncapped.id == "far" and result.score.band.id == "far"
    assert result.score.interest == 0
    assert not result.cautious
    # the reasons an adviser would give come first, not the generic "could suit you"
    reasons = [rule.id for rule in result.score.reasons]
    assert reasons[0] == "no_selling" and "little_interest" in reasons


# --- Agreeing with everything ---------------------------------------------------------------

YES_SAYER = Persona(
    "yes_sayer",
    "agrees with everything and ticks every box, Master and 7 years",
    education="master",
    studied="digital",
    experience="5to10",
    style="agrees",
)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_agreeing_with_almost_everything_adds_a_word_of_caution(
    content: Content, lang: str
) -> None:
    caution = to_plain(t("result_caution", lang))
    yes = evaluate(content, answers_for(content, YES_SAYER))
    frank = evaluate(content, answers_for(content, EXPERIENCED_MASTER))
    assert yes.cautious and not frank.cautious
    assert caution in to_plain(render_result(content, yes, lang))
    assert caution not in to_plain(render_result(content, frank, lang))


def test_preferring_other_tasks_costs_interest_but_never_caps_on_its_own(
    content: Content,
) -> None:
    """In the forced choice, picking the neighbouring jobs' tasks instead of the job's own
    lowers the interest shown, but no cap follows from it: the statements decide caps."""
    # "Plutôt oui" to every core statement: what the forced choice adds can show
    mostly = dataclasses.replace(EXPERIENCED_MASTER, interest=0.75)
    frank = answers_for(content, mostly)
    assert {frank[q] for q in ("like_selling", "like_leading", "like_figures")} == {("3",)}
    forced = [q for q in content.questions if q.pick is not None]
    assert forced
    elsewhere = {
        **frank,
        **{q.id: tuple(o.id for o in q.options if not o.evidence)[: q.pick] for q in forced},
    }
    before = evaluate(content, frank).score
    after = evaluate(content, elsewhere).score
    assert before.interest is not None and after.interest is not None
    assert after.interest < before.interest
    assert after.reasons == before.reasons == ()
