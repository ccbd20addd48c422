"""The job's entry requirements and the cap rules that limit the band.

Readiness says where a person stands against the usual ways in (a diploma,
sometimes with experience); a cap rule lowers the band, with a one-sentence
reason, when readiness or interest in the core missions falls short: an
interest rule reads the person's own answer to a core statement (« Pas du
tout » may cap lower than « Plutôt pas », « En partie » lowers one step at most)
or the interest score; several such reservations together may cap one step lower.
Each readiness and interest rule's band only ever rises with a better answer.
The consistency rule is the one exception (agreeing more can create a
contradiction): it keeps the band below the top, and the fit stays monotone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.content.models import Band, CapRule, Content, Readiness

EDUCATION = "education"
EXPERIENCE = "experience"


@dataclass(frozen=True)
class Verdict:
    band: Band
    """The band shown: the fit's band, lowered by the strictest cap that applies."""
    uncapped: Band
    """The band the fit alone reaches."""
    cap: CapRule | None
    """The rule that lowered the band, if one did."""
    reasons: tuple[CapRule, ...] = ()
    """Every rule that applies, interest rules first: each one's reason is shown, even a
    rule that does not lower the band further (wanting to do the job matters most)."""


def readiness(content: Content, background: Mapping[str, tuple[str, ...]]) -> Readiness:
    """Meets the requirements now, within reach with experience, or after training.

    A route that names `experience_fields` counts only experience gained in them; one
    with `when` conditions needs one of them met too.
    """
    education = set(background.get(EDUCATION, ()))
    experience = set(background.get(EXPERIENCE, ()))
    fields = content.profile.experience_fields
    field = set(background.get(fields.background, ())) if fields is not None else set()
    routes = [r for r in content.profile.entry.routes if education.intersection(r.education)]
    if any(
        (not r.experience or experience.intersection(r.experience))
        and (not r.experience_fields or field.intersection(r.experience_fields))
        and (not r.when or any_given(r.when, background))
        for r in routes
    ):
        return "ready"
    return "with_experience" if routes else "after_training"


def applies(
    rule: CapRule,
    ready: Readiness,
    interest: Mapping[str | None, float],
    statements: Mapping[str, int],
    inconsistent: bool = False,
    background: Mapping[str, tuple[str, ...]] | None = None,
) -> bool:
    """Whether a rule caps this person; `interest` maps None (overall) and ids to 0–100,
    `statements` a likert question's id to the step answered (0–4, as shown);
    `inconsistent`: the answers contradict each other. A rule's `unless` background
    is an exception to its condition."""
    recorded = background or {}
    if rule.unless and given(rule.unless, recorded):
        return False
    if rule.inconsistent:
        return inconsistent
    if rule.background:
        return given(rule.background, recorded)
    if rule.statement is not None:
        answered = statements.get(rule.statement)
        return answered is not None and answered in rule.answers
    if rule.interest_below is not None:
        score = interest.get(rule.interest)
        return score is not None and round(score) < rule.interest_below
    return ready in rule.readiness


def given(condition: Mapping[str, list[str]], recorded: Mapping[str, tuple[str, ...]]) -> bool:
    """Every key of the condition was answered with one of its values."""
    return all(set(recorded.get(key, ())) & set(values) for key, values in condition.items())


def any_given(
    conditions: Sequence[Mapping[str, list[str]]], recorded: Mapping[str, tuple[str, ...]]
) -> bool:
    """One of the conditions (a step's, a route's or a job's `when`) is `given`."""
    return any(given(condition, recorded) for condition in conditions)


def _max_band(rule: CapRule, statements: Mapping[str, int]) -> str:
    """The rule's highest band allowed, its `stricter` one for the answer given."""
    answered = statements.get(rule.statement) if rule.statement is not None else None
    if answered is not None and answered in rule.stricter:
        return rule.stricter[answered]
    return rule.max_band


def _one_below(bands: list[Band], band: Band) -> Band:
    """The band one step below (the lowest stays)."""
    lower = [other for other in bands if other.min < band.min]
    return max(lower, key=lambda other: other.min) if lower else band


def verdict(
    content: Content,
    uncapped: Band,
    ready: Readiness,
    interest: Mapping[str | None, float],
    statements: Mapping[str, int],
    inconsistent: bool = False,
    background: Mapping[str, tuple[str, ...]] | None = None,
) -> Verdict:
    """Apply every cap rule; the lowest `max_band` wins (the first listed on a tie).

    A statement rule's `stricter` band replaces its `max_band` for those answers; the
    profile's `caps_together` rules, when enough of them apply, cap one band below the
    strictest of them."""
    bands = {band.id: band for band in content.profile.bands}
    met = [
        rule
        for rule in content.profile.caps
        if applies(rule, ready, interest, statements, inconsistent, background)
    ]
    limits = [(bands[_max_band(rule, statements)], rule) for rule in met]
    together = content.profile.caps_together
    joined = [(limit, rule) for limit, rule in limits if together and rule.id in together.rules]
    if together is not None and len(joined) >= together.count:
        strictest, rule = min(joined, key=lambda pair: pair[0].min)
        limits.append((_one_below(content.profile.bands, strictest), rule))
    band, cap = uncapped, None
    for limit, rule in limits:
        if limit.min < band.min:
            band, cap = limit, rule
    reasons = sorted(met, key=lambda rule: not rule.about_interest)
    return Verdict(band=band, uncapped=uncapped, cap=cap, reasons=tuple(reasons))
