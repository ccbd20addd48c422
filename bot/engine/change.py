"""What changed between a person's previous result and their new one, from their records."""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.models import Content, Dimension
from bot.engine.record import ResultRecord

#: A level must move by at least this much (on 0–4) to count as a change: half
#: a step, so one answer moved by one notch among two does not go unnoticed,
#: while rounding noise does not show.
MOVED = 0.5


@dataclass(frozen=True)
class Change:
    before: float
    """The previous overall fit, 0–100."""
    after: float
    better: list[Dimension]
    """Qualities and skills whose level rose, the weightiest first."""
    worse: list[Dimension]


def compare(content: Content, previous: ResultRecord, current: ResultRecord) -> Change:
    """Overall fit then and now, and the qualities and skills whose level moved.

    `content` is the current result's version: a dimension the previous one did not
    measure is not compared.
    """
    moved = [
        (dimension, figure.level - previous.dimensions[key].level)
        for key, figure in current.dimensions.items()
        if key in previous.dimensions
        and (dimension := content.dimension_by_id.get(key)) is not None
        and dimension.category != "background"
    ]
    by_weight = sorted(moved, key=lambda pair: (-pair[0].weight, -abs(pair[1])))
    return Change(
        before=previous.overall,
        after=current.overall,
        better=[d for d, delta in by_weight if delta >= MOVED],
        worse=[d for d, delta in by_weight if delta <= -MOVED],
    )
