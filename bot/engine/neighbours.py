"""Neighbouring jobs: where the person's strengths point when this job fits them poorly.

The profile's `neighbours` rule names the jobs (general knowledge, named only)
and what points to each: its `strengths`, qualities and skills of this job.
A job is named when at least `min_strengths` of them are the person's strengths
(met and backed by two answers, as the result's strengths are; the result lists
every strength a job cites among them, so none is cited unseen), and

- the fit is low (the band shown is one of the rule's `bands`), or the interest
  is (one of its `caps` applies): every job the strengths point to; or
- one of the job's own `leans` applies (a cap on a wish, such as to sell or to
  lead): the strengths serve there without that wish, whatever the fit; or
- the job has `when` conditions (a bridge from one trade), they are met and at least
  the rule's `bridge_strengths` of its strengths are the person's: the realistic way
  over from that trade, whatever the fit. More than `min_strengths`, since the trade the
  bridge is for is only told apart as « another line of work »: two generic strengths
  (leading, running a project) sent a nurse and an accountant to logistics.

Only strengths backed by an answer that is not a self-rating (a task done, a scenario,
a forced choice, a knowledge question) count toward `min_strengths`: self-ratings
alone (creativity, curiosity) sent a web developer to web writing. The job still
cites every strength of the person's that points to it.

The jobs a lean points to come first, then the jobs the person's strengths say
most about: a job's strengths are listed the most telling first, and the first
counts 1, the second 1/2, the third 1/3…; then in file order; at most `max`.
A strong candidate who wants the job's core missions gets none. When the fit or
the interest is low and no job reaches `min_strengths`, the `closest` jobs are named
whose most telling strength (listed first) is the person's and is shown by a
scenario or a knowledge answer: a self-rating alone, or a strength that is only a
side of the job (creativity for a community manager, often self-rated too), is no
reason to send six very different people to the same job, so they get none.
A job the person's background says is already theirs (its `own` conditions) is not
named: the others, the bridges from their trade, are. A job with `when` conditions is
a bridge from one trade only: named to no one else.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.models import Content, NeighbourJob
from bot.engine.consistency import self_rated_only, self_reported
from bot.engine.gates import any_given
from bot.engine.scoring import DimensionScore, Score, strengths


@dataclass(frozen=True)
class Neighbour:
    job: NeighbourJob
    strengths: tuple[str, ...]
    """The person's strengths that point to it (dimension ids), in the job's order."""


def neighbours(content: Content, score: Score) -> list[Neighbour]:
    """The neighbouring jobs to name for this score, the most telling first."""
    rule = content.profile.neighbours
    if rule is None:
        return []
    every = strengths(score, limit=len(score.dimensions))
    met = {d.dimension.id for d in every}
    counted = _beyond_self_rating(content, every)
    applied = {cap.id for cap in score.reasons}
    low = score.band.id in rule.bands or bool(applied & set(rule.caps))
    ranked: list[tuple[bool, float, int, Neighbour]] = []
    need: dict[str, int] = {}
    for index, job in enumerate(rule.jobs):
        if any_given(job.own, score.background):  # already their line of work
            continue
        if job.when and not any_given(job.when, score.background):  # a bridge from elsewhere
            continue
        pointing = tuple(strength for strength in job.strengths if strength in met)
        leaning = bool(applied & set(job.leans))
        bridge = rule.bridge_strengths if job.when else None
        needed = rule.min_strengths if low or leaning else bridge
        if pointing and needed is not None:
            need[job.id] = needed
            telling = sum(1 / (job.strengths.index(s) + 1) for s in pointing)
            ranked.append((not leaning, -telling, index, Neighbour(job, pointing)))
    ordered = [neighbour for *_, neighbour in sorted(ranked, key=lambda r: r[:3])]
    named = [n for n in ordered if sum(s in counted for s in n.strengths) >= need[n.job.id]]
    if not named and low:
        shown = _shown(content, every)
        leading = [n for n in ordered if n.job.strengths[0] in shown]
        return leading[: rule.closest]
    return named[: rule.max]


def _shown(content: Content, every: list[DimensionScore]) -> set[str]:
    """The strengths backed by at least one answer that is not a self-report: a scenario,
    a forced choice or a knowledge question."""
    questions = content.question_by_id
    return {
        d.dimension.id
        for d in every
        if any(q in questions and not self_reported(questions[q]) for q in d.backing)
    }


def _beyond_self_rating(content: Content, every: list[DimensionScore]) -> set[str]:
    """The strengths backed by at least one answer that is not a self-rating (a likert
    statement): a task ticked as done, a scenario, a forced choice or a knowledge question."""
    return {d.dimension.id for d in every if not self_rated_only(content, d.backing)}
