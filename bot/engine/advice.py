"""A training path from where the person stands.

Each gap's action and mission live on its dimension in the profile.
"""

from __future__ import annotations

from bot.content.models import Content, TrainingStep
from bot.engine.scoring import Score


def training_path(content: Content, score: Score) -> list[TrainingStep]:
    """The profile's steps whose conditions match the person's background, in file order.

    The profile lists the steps as a table (education × experience × field);
    tests/test_advice.py checks every cell reads as one coherent path.
    """
    return [step for step in content.profile.training if _applies(step, score)]


def _applies(step: TrainingStep, score: Score) -> bool:
    return any(
        all(set(score.background.get(key, ())) & set(values) for key, values in condition.items())
        for condition in step.when
    )
