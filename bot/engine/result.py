"""Everything a finished quiz leads to, computed once from the answers."""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.models import Content, TrainingStep
from bot.engine.advice import training_path
from bot.engine.salary import SalaryEstimate, estimate_salary
from bot.engine.scoring import Answers, DimensionScore, Score, gaps, score, strengths


@dataclass(frozen=True)
class Result:
    score: Score
    strengths: list[DimensionScore]
    gaps: list[DimensionScore]
    training: list[TrainingStep]
    salary: SalaryEstimate


def evaluate(content: Content, answers: Answers) -> Result:
    """Score the answers and derive the advice and the salary from the score."""
    scored = score(content, answers)
    main_gaps = gaps(scored)
    return Result(
        score=scored,
        strengths=strengths(scored),
        gaps=main_gaps,
        training=training_path(content, scored),
        salary=estimate_salary(content, scored),
    )
