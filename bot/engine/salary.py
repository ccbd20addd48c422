"""A personal salary range inside the job's range, anchored on experience, then education.

The profile places each answer on a 0–1 scale: experience `e` (a beginner 0,
ten years or more 1) and education `d` (no diploma 0, a Master 1). With the
job's range `min`–`max` and `span = max - min`:

    low   = min + span × e × (EXPERIENCE_SHARE + EDUCATION_SHARE × d)
    width = span × (BASE_WIDTH + EDUCATION_WIDTH × d)
    high  = low + width, the pair slid down to end at `max` if it would pass it

Experience gained outside the job's own trade counts by the profile's
`experience_fields` weights (twenty years in another trade are not twenty years
in this one). So a beginner starts at the bottom whatever their diploma, experience moves the
range most, education lifts it more as experience grows, and the range is
never narrower than a fifth of the job's: honest about what a quiz can know.
Both ends are rounded to the profile's step and never leave the job's range.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.models import Content, SalaryScale
from bot.engine.scoring import Score, field_weight

#: An unanswered background question counts as mid-scale.
NEUTRAL = 0.5
EXPERIENCE_SHARE = 0.55
EDUCATION_SHARE = 0.25
BASE_WIDTH = 0.2
EDUCATION_WIDTH = 0.1


@dataclass(frozen=True)
class SalaryEstimate:
    low: int
    high: int
    minimum: int
    """The job's range, which the personal range never leaves."""
    maximum: int
    experience: float
    """0–1: where the experience answer sits on the profile's scale."""
    education: float


def estimate_salary(content: Content, score: Score) -> SalaryEstimate:
    salary = content.profile.salary
    e = _position(content, salary.experience, score)
    d = _position(content, salary.education, score)
    span = salary.max - salary.min
    width = span * (BASE_WIDTH + EDUCATION_WIDTH * d)
    low = salary.min + span * e * (EXPERIENCE_SHARE + EDUCATION_SHARE * d)
    low = min(low, salary.max - width)

    def rounded(amount: float) -> int:
        stepped = round(amount / salary.step) * salary.step
        return min(salary.max, max(salary.min, stepped))

    return SalaryEstimate(rounded(low), rounded(low + width), salary.min, salary.max, e, d)


def _position(content: Content, scale: SalaryScale, score: Score) -> float:
    """Where the answer sits on the scale; experience weighted by the field it was gained in."""
    levels = [
        scale.levels[v] for v in score.background.get(scale.background, ()) if v in scale.levels
    ]
    position = max(levels) if levels else NEUTRAL
    fields = content.profile.experience_fields
    if fields is not None and scale.background == fields.weighs:
        position *= field_weight(content, score.background)
    return position
