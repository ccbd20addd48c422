"""A result record read against the content version it names: the objects its ids stand for.

Every view of a result (the summary, each section, the chart) starts here, so
they all show the same figures: the ones the record holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from bot.content.models import (
    INTEREST,
    Band,
    CapRule,
    Constraint,
    Content,
    Dimension,
    Entry,
    NeighbourJob,
    Question,
    Route,
    TrainingStep,
)
from bot.engine.record import AGREEMENT, Figure, ResultRecord

_Item = TypeVar("_Item", Route, Constraint)

#: The summary gives this many of the verdict's reasons (interest first); the detail
#: section gives the others, so that the summary stays one screen.
SUMMARY_REASONS = 2


@dataclass(frozen=True)
class Scored:
    """A dimension with its figures."""

    dimension: Dimension
    level: float
    fit: float


@dataclass(frozen=True)
class Backed:
    """A strength and the questions (ids) that back it."""

    dimension: Dimension
    backing: tuple[str, ...]


@dataclass(frozen=True)
class Pointed:
    """A neighbouring job and the person's strengths that point to it."""

    job: NeighbourJob
    strengths: tuple[Dimension, ...]


@dataclass(frozen=True)
class View:
    content: Content
    record: ResultRecord
    band: Band
    uncapped: Band
    capped: bool
    reasons: tuple[tuple[CapRule, int | None], ...]
    """Each rule that applies and the answer step its reason quotes, if any: interest
    first, unless the path opens with a diploma (see `_ordered`)."""
    dimensions: tuple[Scored, ...]
    strengths: tuple[Backed, ...]
    gaps: tuple[Dimension, ...]
    """Gaps in ability only: a wish the person lacks is in `wishes`."""
    further: tuple[Dimension, ...]
    path: tuple[TrainingStep, ...]
    unshown: tuple[Dimension, ...]
    routes: tuple[Route, ...]
    constraints: tuple[Constraint, ...]
    entry: Entry
    """The entry requirements, their readiness worded for the person (`Entry.wordings`)."""
    neighbours: tuple[Pointed, ...] = ()
    wishes: tuple[Dimension, ...] = ()
    """What the verdict's interest caps are about (to sell, to lead…)."""
    twins: tuple[Question, Question] | None = None
    """The first pair of statements answered as a contradiction: the caution names it."""

    @property
    def overall(self) -> float:
        return self.record.overall

    @property
    def summary_lines(self) -> tuple[Constraint, ...]:
        """The constraints the summary names in a line of their own."""
        return tuple(line for line in self.constraints if line.summary is not None)

    @property
    def level_met(self) -> bool:
        """Experience to gain with the diploma already at the usual level (a Master in
        another field): the detail's entry line says so (`Entry.level_met`), and a cap
        reason its `at_level` wording."""
        return (
            self.record.readiness == "with_experience"
            and self.entry.level_met is not None
            and any(step.meets_level for step in self.path)
        )

    @property
    def inconsistent(self) -> bool:
        """The answers contradict each other (the consistency rule applies): the summary
        gives the band without the figure, with the caution first (see `_ordered`)."""
        return any(rule.inconsistent for rule, _ in self.reasons)

    @property
    def summary_reasons(self) -> int:
        """How many of the verdict's reasons the summary gives (the detail section gives
        the others): one fewer when a constraint line of the detail takes its room, one
        more for the caution on contradicting answers, which comes first. A line for the
        summary only (a fact of the job, not the person's constraint) gives way to the
        reasons: it takes the room left."""
        detailed = any(line.text is not None for line in self.summary_lines)
        most = SUMMARY_REASONS - 1 if detailed else SUMMARY_REASONS
        return most + 1 if self.inconsistent else most

    @property
    def interest(self) -> float | None:
        return self.record.interest

    @property
    def cautious(self) -> bool:
        return AGREEMENT in self.record.cautions


def view(content: Content, record: ResultRecord) -> View:
    """The record's ids resolved in `content` (the version the record names).

    An id the content no longer knows is left out rather than failing the whole view.
    """
    profile = content.profile
    bands = {band.id: band for band in profile.bands}
    rules = {rule.id: rule for rule in profile.caps}
    steps = {step.id: step for step in profile.training}
    dims = _worded(content, record)
    lowest = min(profile.bands, key=lambda band: band.min)
    band = bands.get(record.band, lowest)
    path = tuple(steps[key] for key in record.path if key in steps)
    return View(
        content=content,
        record=record,
        band=band,
        uncapped=bands.get(record.uncapped, band),
        capped=record.cap is not None,
        reasons=_ordered(
            tuple(
                (rules[r.rule].worded(r.wording), r.answer)
                for r in record.reasons
                if r.rule in rules
            ),
            path,
        ),
        dimensions=tuple(
            _scored(dims[key], figure) for key, figure in record.dimensions.items() if key in dims
        ),
        strengths=tuple(
            Backed(dims[s.dimension], s.backing) for s in record.strengths if s.dimension in dims
        ),
        gaps=tuple(dims[key] for key in record.gaps if key in dims and not _wish(dims[key])),
        further=tuple(dims[key] for key in record.further if key in dims),
        path=path,
        unshown=tuple(dims[key] for key in record.unshown if key in dims),
        routes=_known(profile.routes, record.routes),
        constraints=_known(profile.constraints, record.constraints),
        entry=profile.entry.worded(record.entry_wording),
        neighbours=_neighbours(content, record, dims),
        wishes=tuple(
            dims[key]
            for key in dict.fromkeys((*record.wishes, *record.gaps))
            if key in dims and _wish(dims[key])
        ),
        twins=_first_pair(content, record),
    )


def _first_pair(content: Content, record: ResultRecord) -> tuple[Question, Question] | None:
    """The first contradicting pair both of whose statements the content still knows."""
    questions = content.question_by_id
    return next(
        (
            (questions[mine], questions[theirs])
            for mine, theirs in record.twins
            if mine in questions and theirs in questions
        ),
        None,
    )


def _worded(content: Content, record: ResultRecord) -> dict[str, Dimension]:
    """Each dimension by id, as the wording the record names for it says it."""
    return {
        key: dimension.worded(record.wordings.get(key))
        for key, dimension in content.dimension_by_id.items()
    }


def _wish(dimension: Dimension) -> bool:
    """An interest (a record kept before wishes had their own field held them in `gaps`)."""
    return dimension.category == INTEREST


def _neighbours(
    content: Content, record: ResultRecord, dims: dict[str, Dimension]
) -> tuple[Pointed, ...]:
    """The neighbouring jobs the record names that the content still knows, with the
    strengths they cite (`dims`: the dimensions as the person reads them)."""
    rule = content.profile.neighbours
    jobs = {job.id: job for job in rule.jobs} if rule else {}
    return tuple(
        Pointed(jobs[n.job], tuple(dims[d] for d in n.strengths if d in dims))
        for n in record.neighbours
        if n.job in jobs
    )


def _known(items: Sequence[_Item], ids: tuple[str, ...]) -> tuple[_Item, ...]:
    """The items the ids name, in the record's order; an id no longer known is left out."""
    by_id = {item.id: item for item in items}
    return tuple(by_id[key] for key in ids if key in by_id)


def _scored(dimension: Dimension, figure: Figure) -> Scored:
    return Scored(dimension, figure.level, figure.fit)


def _ordered(
    reasons: tuple[tuple[CapRule, int | None], ...], path: tuple[TrainingStep, ...]
) -> tuple[tuple[CapRule, int | None], ...]:
    """The reasons, interest first; but when the path's first numbered step leads to a
    diploma, the entry requirement's reason first: it is what explains that step, and the
    summary gives only the first reasons. The caution on contradicting answers comes
    before them all: it says how far to trust the rest, figures the contradictions may
    have lifted included."""
    caution = tuple(reason for reason in reasons if reason[0].inconsistent)
    reasons = tuple(reason for reason in reasons if not reason[0].inconsistent)
    first = next((step for step in path if not step.aside), None)
    if first is None or first.leads_to is None:
        return caution + reasons
    entry = tuple(reason for reason in reasons if reason[0].readiness)
    return caution + entry + tuple(reason for reason in reasons if not reason[0].readiness)
