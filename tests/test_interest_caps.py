"""Interest caps read the person's own answer to a core statement, and quote it.

« Plutôt pas » or below on selling may cap the band (at "partial"); « En partie »
lowers it one step at most; the forced choice never caps on its own.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.content.models import Content, Lang
from bot.content.typography import NNBSP
from bot.engine.result import evaluate
from bot.presentation.result_full import render_result
from bot.presentation.result_text import to_plain
from bot.presentation.texts import t
from tests.support.answers import answers
from tests.support.personas import EXPERIENCED_MASTER, answers_for

CORE_STATEMENTS = ("like_selling", "like_leading", "like_figures", "like_negotiating")


def rank(content: Content, band_id: str) -> int:
    return sorted(b.min for b in content.profile.bands).index(
        next(b.min for b in content.profile.bands if b.id == band_id)
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(("step", "band"), [("2", "good"), ("1", "partial"), ("0", "far")])
def test_the_reason_quotes_the_answer_given(
    shipped_content: Content, lang: Lang, step: str, band: str
) -> None:
    strong = answers_for(shipped_content, EXPERIENCED_MASTER)
    result = evaluate(shipped_content, {**strong, "like_selling": (step,)})
    assert result.score.uncapped.id == "strong"
    assert result.score.band.id == band
    text = to_plain(render_result(shipped_content, result, lang))
    label = to_plain(t(f"likert_{step}", lang))
    quoted = f"«{NNBSP}{label}{NNBSP}»" if lang == "fr" else f"“{label}”"
    assert quoted in text
    # never a stronger word than the one chosen
    for other in {"0", "1", "2"} - {step}:
        assert to_plain(t(f"likert_{other}", lang)) not in text.split(quoted)[0][-60:]


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_partly_lowers_one_step_at_most_and_the_forced_choice_never_caps_alone(
    shipped_content: Content, data: st.DataObject
) -> None:
    """With every core statement at « En partie » or above, the interest rules take the
    band one step below the fit's own band at most, whatever was picked."""
    drawn = data.draw(answers(shipped_content))
    levels = data.draw(st.lists(st.sampled_from("234"), min_size=4, max_size=4))
    given_answers = {
        **drawn,
        **{q: (level,) for q, level in zip(CORE_STATEMENTS, levels, strict=True)},
    }
    score = evaluate(shipped_content, given_answers).score
    interest_rules = [rule for rule in score.reasons if rule.about_interest]
    assert all(rule.statement is not None for rule in interest_rules)  # never the score alone
    lowest = rank(shipped_content, score.uncapped.id) - 1
    readiness_rules = [rule for rule in score.reasons if not rule.about_interest]
    if not readiness_rules:
        assert rank(shipped_content, score.band.id) >= lowest
    if "2" not in levels:
        assert interest_rules == []


@pytest.mark.parametrize(
    ("changes", "band"),
    [
        ({"like_selling": ("2",)}, "good"),
        ({"like_figures": ("1",)}, "good"),
        # two of the four core missions lukewarm: one band below either alone
        ({"like_selling": ("2",), "like_figures": ("1",)}, "partial"),
        ({"like_leading": ("1",), "like_figures": ("1",)}, "partial"),
        ({"like_selling": ("1",), "like_leading": ("1",)}, "far"),
    ],
)
def test_two_reservations_on_the_core_missions_cap_one_band_lower(
    shipped_content: Content, changes: dict[str, tuple[str, ...]], band: str
) -> None:
    """The adviser's community manager read « Bonne adéquation » beside « En partie » on
    selling and « Plutôt pas » on figures: two reservations on the heart of the job."""
    strong = answers_for(shipped_content, EXPERIENCED_MASTER)
    score = evaluate(shipped_content, {**strong, **changes}).score
    assert score.uncapped.id == "strong"
    assert score.band.id == band


def test_not_at_all_to_selling_ranks_below_a_keen_seller_s_partial_match(
    shipped_content: Content,
) -> None:
    """The adviser's accountant (« Pas du tout » to selling) read « Adéquation partielle »
    at 53 %, above a keen young seller at 46 %: « Pas du tout » is no partial match."""
    strong = answers_for(shipped_content, EXPERIENCED_MASTER)
    assert evaluate(shipped_content, {**strong, "like_selling": ("0",)}).score.band.id == "far"
    assert evaluate(shipped_content, {**strong, "like_selling": ("1",)}).score.band.id == "partial"
