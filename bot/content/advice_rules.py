"""Checks of the advice's data: the far-from-the-job rule, the path's asides, the
constraints and the neighbouring jobs.

Kept apart from `validation` so that each module stays small.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from bot.content.models import Neighbours, Profile
from bot.content.problems import Problem, Reporter


def check_advice(profile: Profile, problem: Reporter) -> Iterable[Problem]:
    for part, ids in (
        ("routes", [r.id for r in profile.routes]),
        ("constraints", [c.id for c in profile.constraints]),
        ("neighbours", [j.id for j in profile.neighbours.jobs] if profile.neighbours else []),
    ):
        for duplicate, count in Counter(ids).items():
            if count > 1:
                yield problem(f"duplicate id {duplicate!r}", (part,), duplicate)
    far = profile.far_from_job
    if far is not None:
        yield from _check_bands_and_caps(profile, "far_from_job", far.bands, far.caps, problem)
    elif any(step.far for step in profile.training):
        yield problem("steps marked `far` need a `far_from_job` rule", ("training",))
    caps = {c.id for c in profile.caps}
    for index, step in enumerate(profile.training):
        if step.aside and (index == 0 or step.far):
            yield problem("an aside follows a step of the usual path", ("training", index), step.id)
        for cap in step.caps:
            if cap not in caps:
                yield problem(f"unknown cap rule {cap!r}", ("training", index, "caps"), step.id)
    dimensions = {d.id for d in profile.dimensions}
    for index, line in enumerate(profile.constraints):
        at = ("constraints", index)
        if (line.dimension is None) != (line.fit_below is None):
            yield problem("`dimension` and `fit_below` go together", at, line.id)
        if line.dimension is not None and line.dimension not in dimensions:
            yield problem(f"unknown dimension {line.dimension!r}", (*at, "dimension"), line.id)
        if line.text is None and line.summary is None:
            yield problem("a constraint needs `text` or `summary`", at, line.id)
        if (line.statement is None) != (line.at_least is None):
            yield problem("`statement` and `at_least` go together", at, line.id)
        if not line.when and line.dimension is None and line.statement is None and not line.at_most:
            yield problem(
                "a constraint needs `when`, `dimension`, `statement` or `at_most`", at, line.id
            )
    if profile.neighbours is not None:
        yield from _check_neighbours(profile, profile.neighbours, problem)


def _check_neighbours(profile: Profile, rule: Neighbours, problem: Reporter) -> Iterable[Problem]:
    """Every band, cap rule and strength the rule names exists; strengths are abilities."""
    yield from _check_bands_and_caps(profile, "neighbours", rule.bands, rule.caps, problem)
    caps = {c.id for c in profile.caps}
    abilities = {d.id for d in profile.dimensions if d.category in ("qualities", "skills")}
    for index, job in enumerate(rule.jobs):
        at = ("neighbours", "jobs", index)
        for strength in job.strengths:
            if strength not in abilities:
                yield problem(
                    f"{strength!r} is not a quality or a skill", (*at, "strengths"), job.id
                )
        for cap in job.leans:
            if cap not in caps:
                yield problem(f"unknown cap rule {cap!r}", (*at, "leans"), job.id)


def _check_bands_and_caps(
    profile: Profile, part: str, bands: list[str], caps: list[str], problem: Reporter
) -> Iterable[Problem]:
    """The bands and cap rules a rule of the profile names (`part`) all exist."""
    known_bands = {b.id for b in profile.bands}
    known_caps = {c.id for c in profile.caps}
    for index, band in enumerate(bands):
        if band not in known_bands:
            yield problem(f"unknown band {band!r}", (part, "bands", index))
    for index, cap in enumerate(caps):
        if cap not in known_caps:
            yield problem(f"unknown cap rule {cap!r}", (part, "caps", index))
