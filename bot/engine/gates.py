"""The job's entry requirements and the cap rules that limit the band.

Readiness says where a person stands against the usual ways in (a diploma,
sometimes with experience); a cap rule lowers the band, with a one-sentence
reason, when readiness or interest in the core missions falls short. Both only
ever rise with a better answer, so capping keeps the scoring monotone.
"""

from __future__ import annotations

from collections.abc import Mapping
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
    """Meets the requirements now, within reach with experience, or after training."""
    education = set(background.get(EDUCATION, ()))
    experience = set(background.get(EXPERIENCE, ()))
    routes = [r for r in content.profile.entry.routes if education.intersection(r.education)]
    if any(not r.experience or experience.intersection(r.experience) for r in routes):
        return "ready"
    return "with_experience" if routes else "after_training"


def applies(rule: CapRule, ready: Readiness, interest: Mapping[str | None, float]) -> bool:
    """Whether a rule caps this person; `interest` maps None (overall) and ids to 0–100."""
    if rule.interest_below is not None:
        score = interest.get(rule.interest)
        return score is not None and round(score) < rule.interest_below
    return ready in rule.readiness


def verdict(
    content: Content, uncapped: Band, ready: Readiness, interest: Mapping[str | None, float]
) -> Verdict:
    """Apply every cap rule; the lowest `max_band` wins (the first listed on a tie)."""
    bands = {band.id: band for band in content.profile.bands}
    band, cap = uncapped, None
    for rule in content.profile.caps:
        limit = bands[rule.max_band]
        if applies(rule, ready, interest) and limit.min < band.min:
            band, cap = limit, rule
    met = [rule for rule in content.profile.caps if applies(rule, ready, interest)]
    reasons = sorted(met, key=lambda rule: rule.interest_below is None)
    return Verdict(band=band, uncapped=uncapped, cap=cap, reasons=tuple(reasons))
