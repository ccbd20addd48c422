"""The result record: what a finished quiz leads to, kept without the answers.

A finish scores the answers once (`bot.engine.result.evaluate`) and turns the
outcome into a `ResultRecord`: the figures (fit, band, category and dimension
scores, salary) and the choices made from them (the reasons shown, strengths,
gaps, the steps of the path, cautions). Every later view — `/result`, a
section, the change on a retake, the chart — renders from the record and the
content version it names, never by scoring answers again, so the state store
keeps no answer vector once a result is finished.

Ids, not objects: a band, a rule, a dimension or a training step is named by
its id and read from the content version the record names, which the bot
keeps as long as a result may refer to it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from bot.content.models import Content, ElsewhereLine, Lang, Readiness
from bot.engine.advice import reason_wording
from bot.engine.result import Result
from bot.engine.salary import SalaryEstimate
from bot.engine.scoring import DimensionScore

#: Bumped when the record's shape changes; a stored record of another format is
#: converted by a state migration, or dropped with a log line.
FORMAT: Literal[1] = 1

#: The cautions a result can carry (each is a sentence of the result).
AGREEMENT = "agreement"
"""Near-total agreement: the verdict is a pointer only."""


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Figure(_Record):
    """One dimension's score: its level (0–4, mean evidence) and its fit (0–1)."""

    level: float
    fit: float
    facts: float | None = None
    """The level's share from answers that are not self-ratings (tasks done, scenarios,
    forced choices, knowledge): a retake tells a fall in self-ratings from one in facts.
    None in a record kept before it was stored."""


class Strength(_Record):
    dimension: str
    backing: tuple[str, ...] = ()
    """The questions (ids) whose answer showed the level: the result names them briefly."""


class Reason(_Record):
    """A cap rule that applies, and the answer step its reason quotes (if it quotes one)."""

    rule: str
    answer: int | None = None
    wording: str | None = None
    """The rule's reason wording for the person's background (`CapRule.wordings`), if any."""


class Neighbour(_Record):
    """A neighbouring job (its id in the profile) and the strengths that point to it."""

    job: str
    strengths: tuple[str, ...] = ()
    """Dimension ids."""


#: The stored salary figures are the estimate itself: the record holds its fields by
#: construction (a field added to the estimate needs a default, so old records load).
SalaryFigures = SalaryEstimate


class ResultRecord(_Record):
    format: Literal[1] = FORMAT
    version: str
    """The content version the result was scored on: every id below is one of its."""
    quiz_id: str | None = None
    lang: Lang
    """The language the quiz was taken in."""
    overall: float
    """0–100, over the ability categories."""
    band: str
    uncapped: str
    """The band the fit reaches on its own, before any cap."""
    cap: str | None = None
    """The rule that lowered the band, if one did."""
    readiness: Readiness
    reasons: tuple[Reason, ...] = ()
    """Every cap rule that applies, interest first: the result gives each one's reason."""
    categories: dict[str, float]
    """Category → 0–100; `interest` only when the profile measures it."""
    dimensions: dict[str, Figure]
    """Dimension id → its figures, in the profile's order."""
    strengths: tuple[Strength, ...] = ()
    gaps: tuple[str, ...] = ()
    """Real shortfalls, the costliest first (dimension ids)."""
    further: tuple[str, ...] = ()
    """When there is no real gap: what is just short of the requirement."""
    wishes: tuple[str, ...] = ()
    """The interest dimensions the verdict's interest caps are about: a question of wish,
    not a gap (a record kept before held them first among `gaps`)."""
    path: tuple[str, ...] = ()
    """The training steps that apply, in order (step ids)."""
    path_cut: bool = False
    """The path was cut short before a diploma step still to come (far from the job): the
    path section ends with what follows (`far_from_job.then`)."""
    salary: SalaryFigures
    elsewhere: ElsewhereLine | None = None
    """The line on how experience gained outside the trade counts (`experience_fields.lines`),
    under the scores per category; none for a record kept before it was chosen so."""
    at_school: bool = False
    """Still at school (the profile's `at_school`): a category at 0 % reads as still to come;
    false in a record kept before it was asked so."""
    wordings: dict[str, str] = {}
    """Dimension id → the wording of it the person reads (`Dimension.wordings`), chosen by
    their background; none in a record kept before wordings existed."""
    entry_wording: str | None = None
    """The entry's wording of the readiness the person reads (`Entry.wordings`), if any."""
    cautions: tuple[str, ...] = ()
    unshown: tuple[str, ...] = ()
    """Skills claimed but not shown by the knowledge questions (dimension ids): to check."""
    twins: tuple[tuple[str, str], ...] = ()
    """The statements answered as contradictions (reverse-keyed question id, its twin), in
    the quiz's order: the caution names the first pair (none in a record kept before)."""
    routes: tuple[str, ...] = ()
    """The adults' routes into training that match the person's situation (route ids)."""
    constraints: tuple[str, ...] = ()
    """The profile's lines for the constraints the person may have (constraint ids)."""
    neighbours: tuple[Neighbour, ...] = ()
    """Neighbouring jobs the strengths point to, when this one fits poorly (none in a
    record kept before they existed)."""

    @property
    def interest(self) -> float | None:
        return self.categories.get("interest")


def record_of(
    content: Content, result: Result, *, lang: Lang, quiz_id: str | None = None
) -> ResultRecord:
    """The record of a result just scored on `content`."""
    score = result.score
    return ResultRecord(
        version=content.version,
        quiz_id=quiz_id,
        lang=lang,
        overall=score.overall,
        band=score.band.id,
        uncapped=score.uncapped.id,
        cap=score.cap.id if score.cap else None,
        readiness=score.readiness,
        reasons=tuple(
            Reason(
                rule=rule.id,
                answer=score.statements.get(rule.statement or ""),
                wording=reason_wording(rule, score),
            )
            for rule in score.reasons
        ),
        categories=dict(score.categories),
        dimensions={d.dimension.id: _figure(content, d) for d in score.dimensions},
        strengths=tuple(
            Strength(dimension=s.dimension.id, backing=s.backing) for s in result.strengths
        ),
        gaps=tuple(g.dimension.id for g in result.gaps),
        further=tuple(f.dimension.id for f in result.further),
        wishes=tuple(w.dimension.id for w in result.wishes),
        path=tuple(step.id for step in result.training),
        path_cut=result.cut,
        salary=result.salary,
        elsewhere=result.elsewhere,
        at_school=result.at_school,
        wordings=dict(result.wordings),
        entry_wording=result.entry_wording,
        cautions=(AGREEMENT,) if result.cautious else (),
        unshown=score.consistency.unshown,
        twins=score.consistency.twins,
        routes=tuple(route.id for route in result.routes),
        constraints=tuple(line.id for line in result.constraints),
        neighbours=tuple(Neighbour(job=n.job.id, strengths=n.strengths) for n in result.neighbours),
    )


def _figure(content: Content, score: DimensionScore) -> Figure:
    """A dimension's figures, with the share of its level that answers other than
    self-ratings gave (the level is the mean of every answer's level)."""
    questions = content.question_by_id
    facts = sum(
        level
        for source, level in zip(score.sources, score.received, strict=True)
        if source not in questions or questions[source].kind != "likert"
    )
    shared = facts / len(score.received) if score.received else 0.0
    return Figure(level=score.level, fit=score.fit, facts=shared)
