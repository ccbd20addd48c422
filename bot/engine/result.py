"""Everything a finished quiz leads to, computed once from the answers."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.content.models import INTEREST, Constraint, Content, ElsewhereLine, Route, TrainingStep
from bot.engine.advice import (
    adult_routes,
    at_school,
    constraints,
    elsewhere_line,
    entry_wording,
    training_plan,
    wordings,
)
from bot.engine.consistency import self_rated_only
from bot.engine.neighbours import Neighbour, neighbours
from bot.engine.salary import SalaryEstimate, estimate_salary
from bot.engine.scoring import (
    CAUTION_AGREEMENT,
    Answers,
    DimensionScore,
    Score,
    agreement,
    gaps,
    near_misses,
    score,
    strengths,
)


@dataclass(frozen=True)
class Result:
    score: Score
    strengths: list[DimensionScore]
    gaps: list[DimensionScore]
    """Real shortfalls, a step or more below the requirement."""
    training: list[TrainingStep]
    salary: SalaryEstimate
    further: list[DimensionScore] = field(default_factory=list)
    """When there is no real gap: what is just short of the requirement, to go further."""
    wishes: list[DimensionScore] = field(default_factory=list)
    """The wishes the verdict's interest caps are about (to sell, to lead…): a question of
    interest for the person, not a gap to close."""
    routes: list[Route] = field(default_factory=list)
    """Adults' routes into training that match the person's situation."""
    constraints: list[Constraint] = field(default_factory=list)
    """Honest lines for the person's constraints (hours, health or disability)."""
    neighbours: list[Neighbour] = field(default_factory=list)
    """Neighbouring jobs the strengths point to, when this one fits poorly."""
    cut: bool = False
    """The path was cut short (far from the job) before a diploma step still to come."""
    elsewhere: ElsewhereLine | None = None
    """The line on how experience gained outside the trade counts, if one applies."""
    at_school: bool = False
    """Still at school (the profile's `at_school`): a category at 0 % reads as to come."""
    wordings: dict[str, str] = field(default_factory=dict)
    """Dimension id → the wording of it that fits the person's background (see `Wording`)."""
    entry_wording: str | None = None
    """The entry's wording of the readiness that fits the person (see `EntryWording`)."""
    agreement: float = 0.0
    """0–1: how much of the quiz was agreed with or ticked (see `scoring.agreement`)."""

    @property
    def cautious(self) -> bool:
        """Near-total agreement: the result asks to read the verdict as a pointer only."""
        return self.agreement >= CAUTION_AGREEMENT


def evaluate(content: Content, answers: Answers) -> Result:
    """Score the answers and derive the advice and the salary from the score."""
    scored = score(content, answers)
    plan = training_plan(content, scored)
    path = plan.steps
    stated = constraints(content, scored)
    main = _to_work_on(gaps(scored, limit=len(scored.dimensions)), path, stated)
    pointed = neighbours(content, scored)
    return Result(
        score=scored,
        strengths=_shown_strengths(content, scored, pointed),
        gaps=main,
        training=path,
        salary=estimate_salary(content, scored, path),
        further=[] if main else _to_work_on(near_misses(scored), path, stated),
        wishes=_wishes(content, scored),
        routes=adult_routes(content, scored),
        constraints=stated,
        neighbours=pointed,
        cut=plan.cut,
        elsewhere=elsewhere_line(content, scored),
        at_school=at_school(content, scored),
        wordings=wordings(content, scored),
        entry_wording=entry_wording(content, scored),
        agreement=agreement(content, answers),
    )


def _shown_strengths(
    content: Content, scored: Score, pointed: list[Neighbour]
) -> list[DimensionScore]:
    """The weightiest three strengths, and any other a neighbouring job cites: the result
    never names a strength in the neighbours' section that it did not list. When the
    answers contradict each other, a strength only self-ratings back is not listed (unless
    a neighbouring job cites it): those are the answers the contradictions put in doubt."""
    every = strengths(scored, limit=len(scored.dimensions))
    cited = {strength for neighbour in pointed for strength in neighbour.strengths}
    if scored.consistency.inconsistent:
        every = [
            d for d in every if d.dimension.id in cited or not self_rated_only(content, d.backing)
        ]
    return [d for i, d in enumerate(every) if i < STRENGTHS_SHOWN or d.dimension.id in cited]


#: The result lists this many strengths, and any more a neighbouring job cites.
STRENGTHS_SHOWN = 3


def _to_work_on(
    found: list[DimensionScore],
    path: list[TrainingStep],
    stated: list[Constraint],
    limit: int = 3,
) -> list[DimensionScore]:
    """The first `limit` of these gaps or near misses (costliest first) worth working on.

    Training and experience drop out once the path says the entry level is met, so the
    advice never asks for a diploma the path says is not needed; a quality a constraint
    line speaks of drops out too: needing fixed hours (for health, for a family) is a
    constraint to raise with employers, not a weakness to work on. A wish the person lacks
    is never among them: `gaps` and `near_misses` leave interest out (see `_wishes`).
    """
    level_met = any(step.meets_level for step in path)
    named = {line.dimension for line in stated if line.dimension is not None}
    kept = [
        d
        for d in found
        if d.dimension.id not in named and not (level_met and d.dimension.category == "background")
    ]
    return kept[:limit]


def _wishes(content: Content, scored: Score) -> list[DimensionScore]:
    """The interest each interest cap names, or measures with its statement (or, for
    overall interest, the costliest one): the verdict's reasons say why each matters."""
    wanted = [d for d in scored.dimensions if d.dimension.category == INTEREST and d.fit < 1.0]
    picked: list[DimensionScore] = []
    for rule in scored.reasons:
        if not rule.about_interest:
            continue
        names = {rule.interest} if rule.interest else set()
        if rule.statement:
            names |= set(content.question_by_id[rule.statement].dimensions)
        named = [d for d in wanted if d.dimension.id in names]
        costliest = sorted(wanted, key=lambda d: -d.gap_weight)[:1]
        for gap in named if names else costliest:
            if gap not in picked:
                picked.append(gap)
    return picked
