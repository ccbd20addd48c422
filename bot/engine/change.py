"""What changed between a person's previous result and their new one."""

from __future__ import annotations

from dataclasses import dataclass

from bot.engine.result import Result
from bot.engine.scoring import DimensionScore

#: A level must move by at least this much (on 0–4) to count as a change: half
#: a step, so one answer moved by one notch among two does not go unnoticed,
#: while rounding noise does not show.
MOVED = 0.5


@dataclass(frozen=True)
class Change:
    before: float
    """The previous overall fit, 0–100."""
    after: float
    better: list[DimensionScore]
    """Qualities and skills whose level rose, the weightiest first (new scores)."""
    worse: list[DimensionScore]


def compare(previous: Result, current: Result) -> Change:
    """Overall fit then and now, and the qualities and skills whose level moved."""
    before = {d.dimension.id: d.level for d in previous.score.dimensions}
    moved = [
        (d, d.level - before[d.dimension.id])
        for d in current.score.dimensions
        if d.dimension.category != "background" and d.dimension.id in before
    ]
    by_weight = sorted(moved, key=lambda pair: (-pair[0].dimension.weight, -abs(pair[1])))
    return Change(
        before=previous.score.overall,
        after=current.score.overall,
        better=[d for d, delta in by_weight if delta >= MOVED],
        worse=[d for d, delta in by_weight if delta <= -MOVED],
    )
