"""What changed between a person's previous result and their new one, from their records."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.content.models import CapRule, Category, Content, Dimension
from bot.engine.record import ResultRecord

#: A level must move by at least this much (on 0–4) to count as a change: half
#: a step, so one answer moved by one notch among two does not go unnoticed,
#: while rounding noise does not show.
MOVED = 0.5

#: The category of diplomas and years (« Formation et expérience »).
BACKGROUND: Category = "background"

#: Two shares of a level from answers that are not self-ratings differing by less are the
#: same: float noise only, the same answers give the same share.
_NOISE = 1e-9


@dataclass(frozen=True)
class Change:
    before: float
    """The previous overall fit, 0–100."""
    after: float
    better: list[Dimension]
    """Qualities and skills whose level rose, the weightiest first."""
    worse: list[Dimension]
    lifted: list[CapRule] = field(default_factory=list)
    """Limits on the verdict the previous result gave and this one no longer does, each
    under its own short label (`CapRule.lifted`): a diploma won, or working French
    reached, moves the verdict more than any quality, and « same level as before »
    would say the opposite."""
    background: tuple[float, float] | None = None
    """The « Formation et expérience » category then and now (0–100), when it rose."""
    rated_only: bool = False
    """Every dimension in `worse` fell through self-ratings alone: the answers that show
    what was done (tasks, scenarios, knowledge) gave the same. A self-rating
    varies from day to day; the result says so rather than list lost qualities."""


def compare(content: Content, previous: ResultRecord, current: ResultRecord) -> Change:
    """Overall fit then and now, the qualities and skills whose level moved, the limits
    lifted since and the background category when it rose.

    `content` is the current result's version: a dimension or a rule the previous one
    did not have is not compared.
    """
    moved = [
        (dimension, figure.level - previous.dimensions[key].level)
        for key, figure in current.dimensions.items()
        if key in previous.dimensions
        and (dimension := content.dimension_by_id.get(key)) is not None
        and dimension.category != BACKGROUND
    ]
    by_weight = sorted(moved, key=lambda pair: (-pair[0].weight, -abs(pair[1])))
    worse = [d for d, delta in by_weight if delta <= -MOVED]
    return Change(
        before=previous.overall,
        after=current.overall,
        better=[d for d, delta in by_weight if delta >= MOVED],
        worse=worse,
        lifted=_lifted(content, previous, current),
        background=_background(previous, current),
        rated_only=bool(worse) and all(_rated_fall(d.id, previous, current) for d in worse),
    )


def _lifted(content: Content, previous: ResultRecord, current: ResultRecord) -> list[CapRule]:
    """The rules that applied before and no longer do, under a label no rule applying now
    carries: from no French to some, the working language is not lifted yet."""
    rules = {rule.id: rule for rule in content.profile.caps}

    def labelled(record: ResultRecord) -> list[CapRule]:
        found = (rules.get(reason.rule) for reason in record.reasons)
        return [rule for rule in found if rule is not None and rule.lifted is not None]

    still = [rule.lifted for rule in labelled(current)]
    lifted: list[CapRule] = []
    for rule in labelled(previous):
        if rule.lifted not in still and all(rule.lifted != r.lifted for r in lifted):
            lifted.append(rule)
    return lifted


def _background(previous: ResultRecord, current: ResultRecord) -> tuple[float, float] | None:
    """The background category then and now, when its rounded figure rose."""
    then, now = previous.categories.get(BACKGROUND), current.categories.get(BACKGROUND)
    if then is None or now is None or round(now) <= round(then):
        return None
    return then, now


def _rated_fall(key: str, previous: ResultRecord, current: ResultRecord) -> bool:
    """The dimension's share from answers that are not self-ratings is the same: only the
    self-ratings moved (a record kept before that share was stored cannot tell, so no)."""
    then, now = previous.dimensions[key].facts, current.dimensions[key].facts
    return then is not None and now is not None and abs(now - then) < _NOISE
