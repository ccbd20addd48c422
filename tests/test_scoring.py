"""Scoring, salary and training advice, checked by hand on the mini fixture.

The mini profile (tests/fixtures/mini/profiles/mini.yaml), in short:

    dimension      category    weight  required  mission
    communication  qualities   3       4         sell
    adaptability   qualities   1       2         watch
    analytics      skills      2       4         steer
    web            skills      2       2         sell
    diploma        background  2       4         steer
    practice       background  2       2         lead

    bands: low ≥ 0, medium ≥ 50, high ≥ 75
    salary 40 000–60 000 €, step 500; factors (weight):
      fit (2), education (1) bac 0 · bac2 .25 · bac3 .5 · master 1,
      experience (2) none 0 · 1to3 .25 · 3to10 .75 · 10plus 1,
      employer (1) small .25 · large 1, market (1) local 0 · international 1
"""

from __future__ import annotations

import pytest

from bot.content.models import Content
from bot.engine.advice import training_advice
from bot.engine.result import evaluate
from bot.engine.salary import NEUTRAL, estimate_salary
from bot.engine.scoring import Answers, band_for, evidence, gaps, score, strengths
from tests.support.answers import EXAMPLE


def levels_of(content: Content, answers: Answers) -> dict[str, float]:
    return {d.dimension.id: d.level for d in score(content, answers).dimensions}


def best_answers(content: Content) -> dict[str, tuple[str, ...]]:
    answers: dict[str, tuple[str, ...]] = {}
    for q in content.questions:
        if q.kind == "likert":
            answers[q.id] = ("4",)
        elif q.kind == "single":
            answers[q.id] = (max(q.options, key=lambda o: sum(o.evidence.values())).id,)
        else:
            answers[q.id] = tuple(o.id for o in q.options)
    return answers


def test_worked_example_levels(mini_content: Content) -> None:
    assert levels_of(mini_content, EXAMPLE) == {
        "communication": 2.0,  # mean(talk 0, change 4) = 2
        "adaptability": 4.0,  # change 4
        "analytics": 4.0,  # tools min(4, 3 + 2)
        "web": 2.0,  # mean(tools 1, webcult 3) = 2
        "diploma": 2.0,  # education bac2
        "practice": 0.0,  # experience none
    }


def test_worked_example_fits_categories_overall_band(mini_content: Content) -> None:
    result = score(mini_content, EXAMPLE)
    fits = {d.dimension.id: d.fit for d in result.dimensions}
    # fit = min(1, level / required)
    assert fits == {
        "communication": 0.5,  # 2 / 4
        "adaptability": 1.0,  # min(1, 4 / 2)
        "analytics": 1.0,  # 4 / 4
        "web": 1.0,  # 2 / 2
        "diploma": 0.5,  # 2 / 4
        "practice": 0.0,  # 0 / 2
    }
    # weighted means of the fits, as percentages
    assert result.categories == {
        "qualities": pytest.approx(62.5),  # (3×0.5 + 1×1) / 4 = 2.5 / 4
        "skills": pytest.approx(100.0),  # (2×1 + 2×1) / 4
        "background": pytest.approx(25.0),  # (2×0.5 + 2×0) / 4 = 1 / 4
    }
    # (1.5 + 1 + 2 + 2 + 1 + 0) / 12 = 7.5 / 12
    assert result.overall == pytest.approx(62.5)
    assert result.band.id == "medium"  # 50 ≤ 62.5 < 75
    assert result.background == {
        "education": ("bac2",),
        "experience": ("none",),
        "employer": ("large",),
        "market": ("international",),
    }


def test_worked_example_salary(mini_content: Content) -> None:
    salary = estimate_salary(mini_content, score(mini_content, EXAMPLE))
    positions = {f.factor.id: f.position for f in salary.factors}
    assert positions == {
        "fit": pytest.approx(0.625),  # overall 62.5 %
        "education": 0.25,  # bac2
        "experience": 0.0,  # none
        "employer": 1.0,  # large
        "market": 1.0,  # international
    }
    # (2×0.625 + 1×0.25 + 2×0 + 1×1 + 1×1) / 7 = 3.5 / 7 = 0.5
    # 40 000 + 0.5 × 20 000 = 50 000, already a multiple of 500
    assert (salary.amount, salary.minimum, salary.maximum) == (50_000, 40_000, 60_000)
    assert [f.factor.id for f in salary.raising] == ["fit", "employer", "market"]
    assert [f.factor.id for f in salary.holding_back] == ["education", "experience"]


def test_worked_example_strengths_gaps_training(mini_content: Content) -> None:
    result = evaluate(mini_content, EXAMPLE)
    # met: analytics (w2, level 4), web (w2, level 2), adaptability (w1, level 4):
    # the weightiest first, then the highest level
    assert [s.dimension.id for s in result.strengths] == ["analytics", "web", "adaptability"]
    # cost = weight × (1 − fit): practice 2×1 = 2, communication 3×0.5 = 1.5, diploma 2×0.5 = 1
    assert [g.dimension.id for g in result.gaps] == ["practice", "communication", "diploma"]
    assert [g.gap_weight for g in result.gaps] == [2.0, 1.5, 1.0]
    # master: bac2 and the diploma gap; work: bac2 and the practice gap;
    # crm: the communication gap. Not digital (no web/analytics gap), not
    # project (adaptability met). Kept in the profile's order.
    assert [p.id for p in result.training] == ["master", "work", "crm"]


def test_worst_answers_by_hand(mini_content: Content) -> None:
    worst = {
        "talk": ("0",),
        "change": ("refuse",),
        "tools": (),
        "webcult": ("0",),
        "education": ("bac",),
        "experience": ("none",),
        "employer": ("small",),
        "market": ("local",),
    }
    result = evaluate(mini_content, worst)
    # only diploma gets anything: 1 / 4 = 0.25 → overall 2×0.25 / 12 = 4.1666…
    assert result.score.overall == pytest.approx(50 / 12)
    assert result.score.band.id == "low"
    assert result.strengths == []
    # salary: (2×0.041666… + 0 + 0 + 1×0.25 + 0) / 7 = 0.047619…
    # → 40 952.38… → 81.9 steps of 500 → 82 × 500 = 41 000
    assert result.salary.amount == 41_000


def test_best_answers_reach_the_top(mini_content: Content) -> None:
    answers = {
        **best_answers(mini_content),
        "employer": ("large",),
        "market": ("international",),
    }
    result = evaluate(mini_content, answers)
    assert result.score.overall == 100.0
    assert result.score.band.id == "high"
    assert result.gaps == []
    # master + 10plus + large + international + fit 1 → every position is 1
    assert result.salary.amount == 60_000
    # a Master with no gap: no path applies
    assert result.training == []


def test_multiple_choice_evidence_adds_up_and_is_capped(mini_content: Content) -> None:
    tools = mini_content.question_by_id["tools"]
    assert evidence(tools, ()) == {"analytics": 0.0, "web": 0.0}
    assert evidence(tools, ("tracking",)) == {"analytics": 2.0, "web": 1.0}
    assert evidence(tools, ("tracking", "html")) == {"analytics": 2.0, "web": 3.0}
    assert evidence(tools, ("sheet", "tracking", "html")) == {"analytics": 4.0, "web": 3.0}


def test_an_option_without_evidence_counts_as_zero(mini_content: Content) -> None:
    change = mini_content.question_by_id["change"]
    assert evidence(change, ("refuse",)) == {"adaptability": 0.0, "communication": 0.0}
    assert evidence(change, ("wait",)) == {"adaptability": 2.0, "communication": 0.0}


def test_unanswered_questions_count_as_zero(mini_content: Content) -> None:
    only_talk = {"talk": ("4",)}
    levels = levels_of(mini_content, only_talk)
    # communication: mean(talk 4, change unanswered 0) = 2
    assert levels["communication"] == 2.0
    assert levels["analytics"] == 0.0
    assert score(mini_content, only_talk).background["education"] == ()


def test_strengths_order_by_weight_then_level(mini_content: Content) -> None:
    answers = {**best_answers(mini_content), "webcult": ("1",), "tools": ("sheet", "html")}
    # web: mean(tools 2, webcult 1) = 1.5 → a gap; analytics 3 → a gap
    result = score(mini_content, answers)
    ordered = [s.dimension.id for s in strengths(result)]
    # communication (w3) first; diploma and practice (w2, level 4); adaptability (w1) out
    assert ordered == ["communication", "diploma", "practice"]
    assert [s.dimension.id for s in strengths(result, limit=10)][-1] == "adaptability"


def test_gaps_order_by_cost_and_keep_three(mini_content: Content) -> None:
    result = score(mini_content, {})  # nothing answered: every fit is 0
    # cost = weight: communication 3, then the weight-2 ones (stable profile order)
    assert [g.dimension.id for g in gaps(result)] == ["communication", "analytics", "web"]
    assert len(gaps(result, limit=10)) == 6


@pytest.mark.parametrize(
    ("overall", "band"),
    [(0, "low"), (49.4, "low"), (50, "medium"), (74.4, "medium"), (74.6, "high"), (100, "high")],
)
def test_band_follows_the_rounded_percentage_shown(
    mini_content: Content, overall: float, band: str
) -> None:
    assert band_for(mini_content, overall).id == band


@pytest.mark.parametrize(
    ("education", "expected"),
    [
        ("bac", ["work"]),  # work: for_education [bac, bac2]
        ("bac2", ["master", "work"]),  # master: for_education [bac2, bac3]
        ("bac3", ["master"]),
        ("master", []),  # the usual level: nothing to add
    ],
)
def test_training_by_education_alone(
    mini_content: Content, education: str, expected: list[str]
) -> None:
    scored = score(mini_content, {"education": (education,)})
    assert [p.id for p in training_advice(mini_content, scored, [])] == expected


def test_no_education_answer_gives_no_education_path(mini_content: Content) -> None:
    assert training_advice(mini_content, score(mini_content, {}), []) == []


@pytest.mark.parametrize(
    ("gap_ids", "expected"),
    [
        (["web"], ["digital"]),
        (["adaptability"], ["project"]),
        (["practice"], ["work"]),
        (["communication", "analytics"], ["crm", "digital"]),  # the profile's order
    ],
)
def test_training_by_gaps_alone(
    mini_content: Content, gap_ids: list[str], expected: list[str]
) -> None:
    scored = score(mini_content, {"education": ("master",)})
    by_id = {d.dimension.id: d for d in scored.dimensions}
    advice = training_advice(mini_content, scored, [by_id[g] for g in gap_ids])
    assert [p.id for p in advice] == expected


def test_only_the_main_gaps_drive_training(mini_content: Content) -> None:
    # A Master and nothing else: gaps by cost are communication (3), analytics,
    # web, practice (2 each, profile order), adaptability (1). The three shown
    # are communication, analytics and web → crm and digital; practice and
    # adaptability are gaps too but not main ones, so no work, no project.
    result = evaluate(mini_content, {"education": ("master",)})
    assert [g.dimension.id for g in result.gaps] == ["communication", "analytics", "web"]
    assert [p.id for p in result.training] == ["crm", "digital"]


def test_missing_background_answer_counts_as_mid_range(mini_content: Content) -> None:
    salary = estimate_salary(mini_content, score(mini_content, {}))
    positions = {f.factor.id: f.position for f in salary.factors}
    assert positions["education"] == positions["employer"] == NEUTRAL
    assert positions["fit"] == 0.0
