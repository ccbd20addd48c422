"""Place the expected salary inside the profile's range.

Each salary factor gives a position from 0 (bottom of the range) to 1 (top):
from the candidate's answer through the factor's `levels`, or from the overall
fit for the `fit` factor. The estimate sits at the weighted mean of those
positions, rounded to the profile's step, so it can never leave the range.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.models import FIT_BACKGROUND, Content, SalaryFactor
from bot.engine.scoring import Score

#: An answer with no level (e.g. a skipped background) counts as mid-range.
NEUTRAL = 0.5


@dataclass(frozen=True)
class FactorPosition:
    factor: SalaryFactor
    position: float
    """0–1: where this factor alone would put the salary."""


@dataclass(frozen=True)
class SalaryEstimate:
    amount: int
    minimum: int
    maximum: int
    factors: tuple[FactorPosition, ...]

    @property
    def raising(self) -> list[FactorPosition]:
        return [f for f in self.factors if f.position > NEUTRAL]

    @property
    def holding_back(self) -> list[FactorPosition]:
        return [f for f in self.factors if f.position < NEUTRAL]


def estimate_salary(content: Content, score: Score) -> SalaryEstimate:
    salary = content.profile.salary
    positions = tuple(FactorPosition(factor, _position(factor, score)) for factor in salary.factors)
    total_weight = sum(p.factor.weight for p in positions)
    overall = sum(p.factor.weight * p.position for p in positions) / total_weight
    raw = salary.min + overall * (salary.max - salary.min)
    amount = min(salary.max, max(salary.min, round(raw / salary.step) * salary.step))
    return SalaryEstimate(amount, salary.min, salary.max, positions)


def _position(factor: SalaryFactor, score: Score) -> float:
    if factor.background == FIT_BACKGROUND:
        return score.overall / 100.0
    levels = [
        factor.levels[v] for v in score.background.get(factor.background, ()) if v in factor.levels
    ]
    return max(levels) if levels else NEUTRAL
