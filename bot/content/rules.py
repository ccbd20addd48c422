"""Checks of the verdict's rules: interest dimensions, cap rules and entry routes.

Kept apart from `validation` (the questions and the rest of the profile) so
that each module stays small; `validation.check_content` runs them all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from bot.content.models import INTEREST, READINESS, CapRule, Condition, Profile, SalaryScale
from bot.content.problems import Location, Problem, Reporter


def check_rules(profile: Profile, problem: Reporter) -> Iterable[Problem]:
    """Interest dimensions serve core missions; cap rules and readiness wordings are sound."""
    core = {m.id for m in profile.missions if m.core}
    for index, dimension in enumerate(profile.dimensions):
        if dimension.category == INTEREST and dimension.mission not in core:
            yield problem(
                f"an interest dimension serves a core mission; {dimension.mission!r} is not"
                " marked `core: true`",
                ("dimensions", index, "mission"),
                dimension.id,
            )
    yield from check_caps(profile, problem)
    for value in READINESS:
        if value not in profile.entry.readiness:
            yield problem(f"no wording for readiness {value!r}", ("entry", "readiness"))


def check_caps(profile: Profile, problem: Reporter) -> Iterable[Problem]:
    bands = {b.id for b in profile.bands}
    interests = {d.id for d in profile.dimensions if d.category == INTEREST}
    has_interest = bool(interests)
    for index, rule in enumerate(profile.caps):
        at: Location = ("caps", index)
        if rule.max_band not in bands:
            yield problem(
                f"unknown band {rule.max_band!r} (bands: {', '.join(sorted(bands))})",
                (*at, "max_band"),
                rule.id,
            )
        yield from _check_stricter(rule, at, bands, problem)
        if rule.holds() != 1:
            yield problem(
                "give exactly one condition: `readiness`, `interest_below`, `statement`,"
                " `inconsistent` or `background`",
                at,
                rule.id,
            )
        if bool(rule.statement) != bool(rule.answers):
            yield problem("`statement` and `answers` go together", (*at, "answers"), rule.id)
        if rule.interest_below is not None and not has_interest:
            yield problem(
                "`interest_below` needs dimensions of category interest",
                (*at, "interest_below"),
                rule.id,
            )
        if rule.interest is not None and rule.interest not in interests:
            yield problem(
                f"{rule.interest!r} is not a dimension of category interest",
                (*at, "interest"),
                rule.id,
            )
        if rule.interest is not None and rule.interest_below is None:
            yield problem("`interest` needs `interest_below`", (*at, "interest"), rule.id)
        if "ready" in rule.readiness:
            yield problem(
                "a cap cannot apply to people who meet the requirements",
                (*at, "readiness"),
                rule.id,
            )
    for duplicate in _duplicates(r.id for r in profile.caps):
        yield problem(f"duplicate id {duplicate!r}", ("caps",), duplicate)
    together = profile.caps_together
    known = {r.id for r in profile.caps}
    for index, rule_id in enumerate(together.rules if together else ()):
        if rule_id not in known:
            yield problem(f"unknown cap rule {rule_id!r}", ("caps_together", "rules", index))


def _check_stricter(
    rule: CapRule, at: Location, bands: set[str], problem: Reporter
) -> Iterable[Problem]:
    """A statement rule's stricter bands are known bands, for answers the rule reads."""
    for answer, band in rule.stricter.items():
        if band not in bands:
            yield problem(
                f"unknown band {band!r} (bands: {', '.join(sorted(bands))})",
                (*at, "stricter", answer),
                rule.id,
            )
        if answer not in rule.answers:
            yield problem(
                f"answer {answer} is not among the rule's `answers`",
                (*at, "stricter", answer),
                rule.id,
            )


def check_cap_backgrounds(
    profile: Profile, problem: Reporter, background_values: dict[str, set[str]]
) -> Iterable[Problem]:
    """A cap rule's `background` and `unless` name recorded backgrounds and their values."""
    for index, rule in enumerate(profile.caps):
        for name, condition in (("background", rule.background), ("unless", rule.unless)):
            at: Location = ("caps", index, name)
            yield from check_condition(condition or {}, at, rule.id, problem, background_values)


def check_condition(
    condition: Mapping[str, list[str]],
    at: Location,
    item: str,
    problem: Reporter,
    background_values: dict[str, set[str]],
) -> Iterable[Problem]:
    """Each background a condition names is recorded by a question, with these values."""
    for key, accepted in condition.items():
        known = background_values.get(key)
        if known is None:
            yield problem(f"background {key!r} is recorded by no question", (*at, key), item)
            continue
        for value in accepted:
            if value not in known:
                yield problem(f"unknown {key} value {value!r}", (*at, key), item)


def check_entry_routes(
    profile: Profile, problem: Reporter, background_values: dict[str, set[str]]
) -> Iterable[Problem]:
    """Each entry route names answer values the education and experience questions record;
    the experience fields' weights cover every answer of their question."""
    fields = profile.experience_fields
    for r_index, route in enumerate(profile.entry.routes):
        for key, background, route_values in (
            ("education", "education", route.education),
            ("experience", "experience", route.experience),
            ("experience_fields", fields.background if fields else "", route.experience_fields),
        ):
            known = background_values.get(background, set())
            for value in route_values:
                if value not in known:
                    yield problem(
                        f"unknown {background or key} value {value!r}",
                        ("entry", "routes", r_index, key),
                        route.id,
                    )
        for c_index, condition in enumerate(route.when):
            at: Location = ("entry", "routes", r_index, "when", c_index)
            yield from check_condition(condition, at, route.id, problem, background_values)
    if fields is None:
        return
    for key in ("background", "weighs"):
        if getattr(fields, key) not in background_values:
            yield problem(
                f"background {getattr(fields, key)!r} is recorded by no question",
                ("experience_fields", key),
            )
    recorded = background_values.get(fields.background, set())
    for key, weights in (("weights", fields.weights), ("salary_weights", fields.salary_weights)):
        for value in sorted(recorded - weights.keys()) if weights is not None else ():
            yield problem(f"no weight for answer value {value!r}", ("experience_fields", key))
    for value in sorted(set(fields.near) - recorded):
        yield problem(f"no answer records the value {value!r}", ("experience_fields", "near"))


def check_salary_scales(
    profile: Profile, problem: Reporter, background_values: dict[str, set[str]]
) -> Iterable[Problem]:
    """Each salary scale reads a recorded background and has a level for every answer; the
    levels of years in the post cover every answer of the experience scale's question, and
    name no other; its `when` conditions name recorded answers; what a range for later is
    the pay after names training steps of the profile."""
    for name in ("experience", "education"):
        scale: SalaryScale = getattr(profile.salary, name)
        values = background_values.get(scale.background)
        if values is None:
            yield problem(
                f"background {scale.background!r} is recorded by no question",
                ("salary", name, "background"),
                name,
            )
            continue
        for value in sorted(values - scale.levels.keys()):
            yield problem(f"no level for answer value {value!r}", ("salary", name, "levels"), name)
    steps = {step.id for step in profile.training}
    for index, later in enumerate(profile.salary.later):
        for step in later.path:
            if step not in steps:
                at_later: Location = ("salary", "later", index, "path")
                yield problem(f"unknown training step {step!r}", at_later)
    in_post = profile.salary.in_post
    if in_post is None:
        return
    for name, conditions in (("when", in_post.when), ("now", in_post.now)):
        for index, condition in enumerate(conditions):
            at_when: Location = ("salary", "in_post", name, index)
            yield from check_condition(condition, at_when, "in_post", problem, background_values)
    experience = background_values.get(profile.salary.experience.background, set())
    for value in sorted(experience - in_post.levels.keys()):
        yield problem(f"no level for answer value {value!r}", ("salary", "in_post", "levels"))
    for value in sorted(in_post.levels.keys() - experience):
        at: Location = ("salary", "in_post", "levels", value)
        yield problem(f"unknown experience value {value!r}", at)


def _duplicates(ids: Iterable[str]) -> list[str]:
    return [item for item, count in Counter(ids).items() if count > 1]


def conditions_of(profile: Profile) -> list[tuple[Location, str, list[Condition]]]:
    """Every background condition of the profile (each `when` and `own`): where it stands,
    the item it belongs to, and its conditions."""
    jobs = profile.neighbours.jobs if profile.neighbours is not None else []
    fields = profile.experience_fields
    return [
        *((("training", i, "when"), s.id, s.when) for i, s in enumerate(profile.training)),
        *((("training", i, "unless"), s.id, s.unless) for i, s in enumerate(profile.training)),
        *((("routes", i, "when"), r.id, r.when) for i, r in enumerate(profile.routes)),
        *((("constraints", i, "when"), c.id, c.when) for i, c in enumerate(profile.constraints)),
        *((("neighbours", "jobs", i, "own"), j.id, j.own) for i, j in enumerate(jobs)),
        *((("neighbours", "jobs", i, "when"), j.id, j.when) for i, j in enumerate(jobs)),
        *(
            (("dimensions", d_index, "wordings", w_index, "when"), wording.id, wording.when)
            for d_index, dimension in enumerate(profile.dimensions)
            for w_index, wording in enumerate(dimension.wordings)
        ),
        *(
            (("entry", "wordings", i, "when"), w.id, w.when)
            for i, w in enumerate(profile.entry.wordings)
        ),
        *(
            (("caps", r_index, "wordings", w_index, "when"), wording.id, wording.when)
            for r_index, rule in enumerate(profile.caps)
            for w_index, wording in enumerate(rule.wordings)
        ),
        *(
            (("experience_fields", "lines", line), line, when)
            for line, when in (fields.lines.items() if fields is not None else ())
        ),
        *((("at_school", i), "at_school", [c]) for i, c in enumerate(profile.at_school)),
    ]
