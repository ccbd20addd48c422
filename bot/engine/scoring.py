"""Score a completed quiz against the job profile.

The method, in full (the README explains it with an example):

1. Each answer gives a level from 0 to 4 on some dimensions: a likert answer
   gives its level to the question's dimensions (4 minus it when the question
   is reverse-keyed); a choice gives its option's `evidence`; ticked options of
   a multiple choice add up, capped at 4, and each ticked option that shows
   nothing (an off-job task, not "none of these") takes 1 off every level the
   question gives: ticking everything costs something. A forced choice (`pick`:
   choose exactly two of six tasks) gives each picked task its level and each
   task not picked a middling `NOT_PICKED`: preferring other tasks is not a
   refusal, and no one can pick everything.
2. A dimension's level is the mean of the levels it received from every
   question that can give it evidence (an option without it gives 0). The
   experience question's levels are weighted by the field the experience was
   gained in (the profile's `experience_fields`: a marked judgement).
3. Its fit is `(level − 1) / (required − 1)`, clamped to 0–1: a level of 1
   ("a little", or the weakest plausible scenario answer) shows nothing yet,
   so middling or random answers land in the middle of the scale, not near the
   top; being above the requirement earns nothing more, so strengths cannot
   hide gaps.
4. A category's score, and the overall fit, are the weighted means of those
   fits (weights from the profile), as percentages, kept at 99 at most while
   one of their dimensions is below its requirement: 100 % means every
   requirement is met. The overall fit covers the ability categories; the
   interest category (wanting to do the core missions) is scored the same way
   but apart.
5. The band is the one the fit reaches, capped by the profile's cap rules when
   readiness (see `gates`) or interest falls short, or when the answers
   contradict each other (see `consistency`).

Every step is monotone but the consistency cap (stated in the README): a
higher-evidence answer (a stronger likert step, a
dominating option, one more tick of an option that shows something) never
lowers any number, the band or the readiness; ticking an off-job task never
raises any.

`agreement` measures something else: how much of the quiz the person agreed
with or ticked, whatever it shows. Near-total agreement says more about the
way of answering than about the person, so the result then asks to take the
verdict as a pointer only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from bot.content.models import (
    CATEGORIES,
    INTEREST,
    Band,
    CapRule,
    Category,
    Content,
    Dimension,
    Readiness,
)
from bot.engine.consistency import Consistency, consistency
from bot.engine.evidence import CAUTION_AGREEMENT as CAUTION_AGREEMENT
from bot.engine.evidence import NOT_PICKED as NOT_PICKED
from bot.engine.evidence import OFF_JOB_COST as OFF_JOB_COST
from bot.engine.evidence import Answers as Answers
from bot.engine.evidence import agreement as agreement
from bot.engine.evidence import backgrounds, with_assumed
from bot.engine.evidence import evidence as evidence
from bot.engine.evidence import field_weight as field_weight
from bot.engine.evidence import item_category as item_category
from bot.engine.evidence import item_score as item_score
from bot.engine.gates import readiness, verdict

#: The level that earns no fit yet (below a requirement of 1, nothing does).
FIT_FLOOR = 1.0


@dataclass(frozen=True)
class DimensionScore:
    dimension: Dimension
    level: float
    """Mean evidence, 0–4."""
    received: tuple[float, ...] = ()
    """The level each question that speaks to this dimension gave, in quiz order."""
    sources: tuple[str, ...] = ()
    """The id of each of those questions, in the same order as `received`."""

    @property
    def backing(self) -> tuple[str, ...]:
        """The questions whose answer showed at least the required level."""
        required = self.dimension.required
        return tuple(
            q for q, level in zip(self.sources, self.received, strict=True) if level >= required
        )

    @property
    def support(self) -> int:
        """How many answers showed at least the required level."""
        return sum(1 for level in self.received if level >= self.dimension.required)

    @property
    def fit(self) -> float:
        required = self.dimension.required
        floor = min(FIT_FLOOR, required - 1)
        return max(0.0, min(1.0, (self.level - floor) / (required - floor)))

    @property
    def gap_weight(self) -> float:
        """How much this dimension's shortfall costs the overall fit."""
        return self.dimension.weight * (1.0 - self.fit)


@dataclass(frozen=True)
class Score:
    dimensions: tuple[DimensionScore, ...]
    categories: dict[Category, float]
    """Category → score 0–100; `interest` only when the profile measures it."""
    overall: float
    """0–100, over the ability categories."""
    band: Band
    """The band shown: `uncapped` lowered by `cap`, if a cap rule applies."""
    background: dict[str, tuple[str, ...]]
    """Background key → the recorded values, e.g. {"education": ("master",)}."""
    readiness: Readiness
    uncapped: Band
    """The band the overall fit reaches on its own."""
    cap: CapRule | None = None
    """The rule that lowered the band, if one did."""
    reasons: tuple[CapRule, ...] = ()
    """Every cap rule that applies, interest first: the result gives each one's reason."""
    statements: dict[str, int] = field(default_factory=dict)
    """The step answered (0–4, as shown) to each statement a cap rule reads (its reason
    quotes it) or a constraint does."""
    consistency: Consistency = field(default_factory=Consistency)
    """Contradictions in the answers: twins, skills claimed and not shown."""

    @property
    def interest(self) -> float | None:
        """0–100: wanting to do the core missions; None when the profile measures none."""
        return self.categories.get(INTEREST)

    def value(self, key: str) -> str | None:
        """The single recorded value of a background key, if any."""
        values = self.background.get(key, ())
        return values[0] if values else None


def score(content: Content, given: Answers) -> Score:
    answers = with_assumed(content, given)
    background = backgrounds(content, answers)
    dimensions = _dimension_scores(content, answers, background)
    categories: dict[Category, float] = {
        category: _weighted_fit([d for d in dimensions if d.dimension.category == category])
        for category in CATEGORIES
    }
    overall = _weighted_fit([d for d in dimensions if d.dimension.category in CATEGORIES])
    ready = readiness(content, background)
    interest: dict[str | None, float] = {
        d.dimension.id: 100.0 * d.fit for d in dimensions if d.dimension.category == INTEREST
    }
    if interest:
        categories[INTEREST] = interest[None] = _weighted_fit(
            [d for d in dimensions if d.dimension.category == INTEREST]
        )
    read = [rule.statement for rule in content.profile.caps]
    read += [line.statement for line in content.profile.constraints]
    read += [key for line in content.profile.constraints for key in line.at_most]
    statements = {
        statement: int(answers[statement][0])
        for statement in read
        if statement is not None and answers.get(statement)
    }
    checked = consistency(content, answers)
    capped = verdict(
        content,
        band_for(content, overall),
        ready,
        interest,
        statements,
        checked.inconsistent,
        background,
    )
    return Score(
        dimensions=dimensions,
        categories=categories,
        overall=overall,
        band=capped.band,
        background=background,
        readiness=ready,
        uncapped=capped.uncapped,
        cap=capped.cap,
        reasons=capped.reasons,
        statements=statements,
        consistency=checked,
    )


def _dimension_scores(
    content: Content, answers: Answers, background: dict[str, tuple[str, ...]]
) -> tuple[DimensionScore, ...]:
    """Each dimension's levels from every question that speaks to it, in quiz order; the
    experience question's weighted by the field it was gained in."""
    received: dict[str, list[float]] = defaultdict(list)
    sources: dict[str, list[str]] = defaultdict(list)
    fields = content.profile.experience_fields
    weight = field_weight(content, background)
    for question in content.questions:
        chosen = answers.get(question.id, ())
        scale = weight if fields is not None and question.background == fields.weighs else 1.0
        for dim, level in evidence(question, chosen).items():
            received[dim].append(level * scale)
            sources[dim].append(question.id)
    return tuple(
        DimensionScore(
            dim, _mean(received[dim.id]), tuple(received[dim.id]), tuple(sources[dim.id])
        )
        for dim in content.profile.dimensions
    )


def band_for(content: Content, overall: float) -> Band:
    reached = [band for band in content.profile.bands if band.min <= round(overall)]
    return max(reached, key=lambda band: band.min)


#: A strength needs this many answers at or above the required level.
STRENGTH_SUPPORT = 2


def strengths(score: Score, limit: int = 3) -> list[DimensionScore]:
    """Qualities and skills met and backed by two answers, the weightiest first."""
    met = [
        d
        for d in score.dimensions
        if d.dimension.category in ("qualities", "skills")
        and d.fit >= 1.0
        and d.support >= STRENGTH_SUPPORT
    ]
    return sorted(met, key=lambda d: (-d.dimension.weight, -d.level))[:limit]


#: A real gap is at least this far below the required level (0–4 scale): one step.
#: Closer than that, the person is nearly there, and the result says so.
SHORTFALL = 1.0


def gaps(score: Score, limit: int = 3) -> list[DimensionScore]:
    """Abilities a full step or more below the requirement, the costliest first
    (interest apart)."""
    short = [d for d in _below(score) if d.level <= d.dimension.required - SHORTFALL]
    return sorted(short, key=lambda d: -d.gap_weight)[:limit]


def near_misses(score: Score, limit: int = 3) -> list[DimensionScore]:
    """Abilities below the requirement by less than a step: worth polishing, not gaps."""
    close = [d for d in _below(score) if d.level > d.dimension.required - SHORTFALL]
    return sorted(close, key=lambda d: -d.gap_weight)[:limit]


def _below(score: Score) -> list[DimensionScore]:
    return [
        d
        for d in score.dimensions
        if d.level < d.dimension.required and d.dimension.category in CATEGORIES
    ]


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


#: The highest score while one of its dimensions is still below the requirement: a
#: figure that reads « 100 % » beside « Presque au niveau » would contradict itself.
ALMOST = 99.0


def _weighted_fit(scores: list[DimensionScore]) -> float:
    """The weighted mean of the fits, 0–100; below `ALMOST` while any fit falls short."""
    total = sum(d.dimension.weight for d in scores)
    if total == 0:
        return 0.0
    mean = 100.0 * sum(d.dimension.weight * d.fit for d in scores) / total
    return mean if all(d.fit >= 1.0 for d in scores) else min(mean, ALMOST)
