"""Training advice: which of the profile's training paths fit this person."""

from __future__ import annotations

from bot.content.models import Content, TrainingPath
from bot.engine.scoring import DimensionScore, Score


def training_advice(
    content: Content, score: Score, gaps: list[DimensionScore]
) -> list[TrainingPath]:
    """Paths recommended for the person's education level or for their main gaps.

    Kept in the profile's order, so the advice reads the same way for everyone.
    """
    education = score.value("education")
    gap_ids = {gap.dimension.id for gap in gaps}
    return [
        path
        for path in content.profile.training
        if (education is not None and education in path.for_education)
        or gap_ids.intersection(path.for_gaps)
    ]
