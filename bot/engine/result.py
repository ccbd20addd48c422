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
    path = training_path(content, scored)
    return Result(
        score=scored,
        strengths=strengths(scored),
        gaps=_main_gaps(scored, path),
        training=path,
        salary=estimate_salary(content, scored),
    )


def _main_gaps(scored: Score, path: list[TrainingStep], limit: int = 3) -> list[DimensionScore]:
    """The costliest gaps; training and experience drop out once the path says the entry
    level is met, so the advice never asks for a diploma the path says is not needed."""
    every = gaps(scored, limit=len(scored.dimensions))
    if any(step.meets_level for step in path):
        every = [gap for gap in every if gap.dimension.category != "background"]
    return every[:limit]
