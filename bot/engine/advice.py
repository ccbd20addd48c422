"""A training path from where the person stands.

Each gap's action and mission live on its dimension in the profile.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.models import (
    CapRule,
    Condition,
    Constraint,
    Content,
    ElsewhereLine,
    FarFromJob,
    Route,
    TrainingStep,
)
from bot.engine.gates import any_given
from bot.engine.scoring import Score


@dataclass(frozen=True)
class TrainingPlan:
    """The training path shown to the person, and whether it was cut before a diploma."""

    steps: list[TrainingStep]
    cut: bool
    """The person is far from the job and their path was cut (`far_from_job.keep`) before
    a step that leads to a diploma: more study follows what the path shows."""


def training_plan(content: Content, score: Score) -> TrainingPlan:
    """The profile's steps whose conditions match the person's background, in file order,
    and whether the path was cut (the steps filtered once for both).

    The profile lists the steps as a table (education × experience × field);
    tests/test_advice.py checks every cell reads as one coherent path. A person far
    from the job (see `far_from_job`) gets the finding-out steps first, then only the
    first few steps of that path; it is `cut` if a diploma step was left out.
    """
    finding_out, usual = _steps(content, score)
    far = content.profile.far_from_job
    if far is None or not is_far(far, score):
        return TrainingPlan(usual, cut=False)
    kept = _first(usual, far.keep)
    cut = any(step.leads_to is not None for step in usual[len(kept) :])
    return TrainingPlan([*finding_out, *kept], cut=cut)


def training_path(content: Content, score: Score) -> list[TrainingStep]:
    """The steps of `training_plan`, for callers that need no more."""
    return training_plan(content, score).steps


def _steps(content: Content, score: Score) -> tuple[list[TrainingStep], list[TrainingStep]]:
    """The steps that apply to the person: the finding-out ones (`far`), then the usual path."""
    steps = [step for step in content.profile.training if _applies(step, score)]
    return [step for step in steps if step.far], [step for step in steps if not step.far]


def is_far(far: FarFromJob, score: Score) -> bool:
    """The band shown is a far one, or a cap on the wish to do the job applies."""
    return score.band.id in far.bands or any(rule.id in far.caps for rule in score.reasons)


def _first(steps: list[TrainingStep], keep: int) -> list[TrainingStep]:
    """The first `keep` numbered steps, each with the asides that follow it; never ending
    on a step that announces the steps below it (`points_below`), which are cut."""
    kept: list[TrainingStep] = []
    numbered = 0
    for step in steps:
        if not step.aside:
            numbered += 1
        if numbered > keep:
            break
        kept.append(step)
    numbered_kept = [i for i, step in enumerate(kept) if not step.aside]
    if len(kept) < len(steps) and numbered_kept and kept[numbered_kept[-1]].points_below:
        return kept[: numbered_kept[-1]]
    return kept


def adult_routes(content: Content, score: Score) -> list[Route]:
    """The public schemes for adults (CPF, bilan de compétences, CEP, France VAE,
    Transitions Pro, France Travail) that match the person's situation, in file order."""
    return [route for route in content.profile.routes if _matches(route.when, score)]


def elsewhere_line(content: Content, score: Score) -> ElsewhereLine | None:
    """The line saying how experience gained outside the trade counts (the profile's
    `experience_fields.lines`, the first whose conditions match); None for no line."""
    fields = content.profile.experience_fields
    if fields is None:
        return None
    return next((line for line, when in fields.lines.items() if _matches(when, score)), None)


def wordings(content: Content, score: Score) -> dict[str, str]:
    """Dimension id → the id of its first wording whose conditions match the person's
    background (only the dimensions that have one)."""
    chosen: dict[str, str] = {}
    for dimension in content.profile.dimensions:
        wording = next((w for w in dimension.wordings if _matches(w.when, score)), None)
        if wording is not None:
            chosen[dimension.id] = wording.id
    return chosen


def reason_wording(rule: CapRule, score: Score) -> str | None:
    """The id of the cap rule's first reason wording whose conditions match the person's
    background (None: its own reason)."""
    return next((w.id for w in rule.wordings if _matches(w.when, score)), None)


def at_school(content: Content, score: Score) -> bool:
    """The person is still at school (the profile's `at_school` conditions)."""
    return _matches(content.profile.at_school, score)


def entry_wording(content: Content, score: Score) -> str | None:
    """The id of the entry's first wording whose conditions match the person's background."""
    wordings = content.profile.entry.wordings
    return next((w.id for w in wordings if _matches(w.when, score)), None)


def constraints(content: Content, score: Score) -> list[Constraint]:
    """The profile's lines for the constraints the person has: one their background or a
    statement says (needing fixed hours, or being slow with new tools), or a quality far
    below the job's need (little flexibility)."""
    fits = {d.dimension.id: d.fit for d in score.dimensions}
    return [
        line
        for line in content.profile.constraints
        if (line.when and _matches(line.when, score))
        or (
            line.dimension is not None
            and line.fit_below is not None
            and fits.get(line.dimension, 1.0) < line.fit_below
        )
        or (
            line.statement is not None
            and line.at_least is not None
            and score.statements.get(line.statement, -1) >= line.at_least
        )
        or any(score.statements.get(key, 5) <= most for key, most in line.at_most.items())
    ]


def _applies(step: TrainingStep, score: Score) -> bool:
    """The step's background matches and none of its exceptions does, and one of its cap
    rules applies if it names some."""
    capped = not step.caps or any(rule.id in step.caps for rule in score.reasons)
    excepted = bool(step.unless) and _matches(step.unless, score)
    return capped and not excepted and _matches(step.when, score)


def _matches(when: list[Condition], score: Score) -> bool:
    return any_given(when, score.background)
