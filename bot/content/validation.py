"""Checks across files that a schema alone cannot express.

The pydantic models check each file's shape; these checks make sure the files
agree with each other (every evidence target exists, every dimension is asked
about, salary levels cover every answer, …) and fit Telegram's limits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from bot.content.models import (
    LANGS,
    MAX_OPTION_CHARS,
    MAX_QUESTION_CHARS,
    MIN_SOURCES,
    SINGLE_SOURCE_CATEGORIES,
    Profile,
    QuestionFile,
    SalaryScale,
    Text,
)
from bot.content.problems import Location, Problem, Reporter, closest_line
from bot.content.rules import check_entry_routes, check_rules

__all__ = ["Location", "Problem", "check_content", "closest_line"]

ParsedProfile = tuple[str, Profile, dict[Location, int]]
ParsedQuestions = tuple[str, QuestionFile, dict[Location, int]]


def check_content(
    profile_file: ParsedProfile,
    question_files: Sequence[ParsedQuestions],
    *,
    complete: bool = True,
) -> list[Problem]:
    """Every cross-file problem, in file order.

    With `complete=False` (a question file did not load), the checks that need every
    question file (each dimension has its evidence, each background value its level) are
    left out: they would report what the broken file may well hold.
    """
    name, profile, lines = profile_file
    report = Reporter(name, lines)
    return [
        *_check_profile(profile, report),
        *_check_questions(profile, report, question_files, complete=complete),
    ]


def _duplicates(ids: Iterable[str]) -> list[str]:
    return [item for item, count in Counter(ids).items() if count > 1]


def _check_profile(profile: Profile, problem: Reporter) -> Iterable[Problem]:
    for field, ids in (
        ("dimensions", [d.id for d in profile.dimensions]),
        ("missions", [m.id for m in profile.missions]),
        ("bands", [b.id for b in profile.bands]),
        ("training", [t.id for t in profile.training]),
        ("salary.movers", [m.id for m in profile.salary.movers]),
    ):
        for duplicate in _duplicates(ids):
            yield problem(f"duplicate id {duplicate!r}", (field,), duplicate)

    missions = {m.id for m in profile.missions}
    for index, dimension in enumerate(profile.dimensions):
        if dimension.mission not in missions:
            yield problem(
                f"unknown mission {dimension.mission!r}",
                ("dimensions", index, "mission"),
                dimension.id,
            )
    if not any(band.min == 0 for band in profile.bands):
        yield problem("one band must start at min: 0", ("bands",))
    for duplicate in _duplicates(str(band.min) for band in profile.bands):
        yield problem(f"two bands start at {duplicate}", ("bands",))
    if profile.salary.min >= profile.salary.max:
        yield problem("salary min must be below max", ("salary", "min"))
    yield from check_rules(profile, problem)


def _check_questions(
    profile: Profile,
    profile_problem: Reporter,
    files: Sequence[ParsedQuestions],
    *,
    complete: bool,
) -> Iterable[Problem]:
    dimensions = {d.id for d in profile.dimensions}
    sources: dict[str, set[str]] = {}
    background_values: dict[str, set[str]] = {}
    seen_ids: dict[str, str] = {}
    seen_sections: dict[str, str] = {}

    for name, qfile, lines in files:
        problem = Reporter(name, lines)

        if qfile.section.id in seen_sections:
            yield problem(
                f"section id already used in {seen_sections[qfile.section.id]}",
                ("section", "id"),
                qfile.section.id,
            )
        seen_sections.setdefault(qfile.section.id, name)
        if not qfile.questions:
            yield problem("the file has no question", ("questions",), None)

        for q_index, question in enumerate(qfile.questions):
            at: Location = ("questions", q_index)
            if question.id in seen_ids:
                yield problem(
                    f"duplicate question id {question.id!r} (also in {seen_ids[question.id]})",
                    (*at, "id"),
                    question.id,
                )
            seen_ids.setdefault(question.id, name)
            yield from _check_text(
                question.text, MAX_QUESTION_CHARS, (*at, "text"), question.id, problem
            )

            if question.kind == "likert":
                if question.options:
                    yield problem(
                        "a likert question takes no options", (*at, "options"), question.id
                    )
                if not question.dimensions:
                    yield problem(
                        "a likert question needs at least one dimension",
                        (*at, "dimensions"),
                        question.id,
                    )
                if question.background:
                    yield problem(
                        "a likert question cannot record a background",
                        (*at, "background"),
                        question.id,
                    )
                for dimension in question.dimensions:
                    if dimension not in dimensions:
                        yield problem(
                            f"unknown dimension {dimension!r}", (*at, "dimensions"), question.id
                        )
                    sources.setdefault(dimension, set()).add(question.id)
                continue
            if question.reverse:
                yield problem(
                    "only a likert question can be reverse-keyed", (*at, "reverse"), question.id
                )

            if question.dimensions:
                yield problem(
                    "only likert questions take dimensions; put evidence on the options",
                    (*at, "dimensions"),
                    question.id,
                )
            if len(question.options) < 2:
                yield problem(
                    "needs at least two options"
                    if question.options
                    else "the option list is empty",
                    (*at, "options"),
                    question.id,
                )
            for duplicate in _duplicates(o.id for o in question.options):
                yield problem(f"duplicate option id {duplicate!r}", (*at, "options"), question.id)
            for o_index, option in enumerate(question.options):
                o_at: Location = (*at, "options", o_index)
                item = f"{question.id}/{option.id}"
                yield from _check_text(
                    option.text, MAX_OPTION_CHARS, (*o_at, "text"), item, problem
                )
                for dimension in option.evidence:
                    if dimension not in dimensions:
                        yield problem(f"unknown dimension {dimension!r}", (*o_at, "evidence"), item)
                    sources.setdefault(dimension, set()).add(question.id)
                if option.exclusive and question.kind != "multiple":
                    yield problem(
                        "only an option of a multiple choice question can be exclusive",
                        (*o_at, "exclusive"),
                        item,
                    )
                if option.exclusive and any(option.evidence.values()):
                    yield problem(
                        "an exclusive option (none of these) gives no evidence",
                        (*o_at, "evidence"),
                        item,
                    )
                if question.background:
                    if option.value is None:
                        yield problem(
                            f"needs a value for background {question.background!r}",
                            (*o_at, "value"),
                            item,
                        )
                    else:
                        background_values.setdefault(question.background, set()).add(option.value)
                elif option.value is not None:
                    yield problem(
                        "value given but the question records no background",
                        (*o_at, "value"),
                        item,
                    )

    if not complete:
        return
    for index, required in enumerate(profile.dimensions):
        count = len(sources.get(required.id, ()))
        if count == 0:
            yield profile_problem(
                "no question gives evidence for this dimension",
                ("dimensions", index, "id"),
                required.id,
            )
        elif count < MIN_SOURCES and required.category not in SINGLE_SOURCE_CATEGORIES:
            yield profile_problem(
                f"only {count} question gives evidence for this dimension; it needs at least"
                f" {MIN_SOURCES} (a self-rating and a scenario or a “have you done…” question)",
                ("dimensions", index, "id"),
                required.id,
            )
    yield from _check_background_use(profile, profile_problem, background_values)


def _check_background_use(
    profile: Profile, problem: Reporter, background_values: dict[str, set[str]]
) -> Iterable[Problem]:
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
    for t_index, step in enumerate(profile.training):
        for c_index, condition in enumerate(step.when):
            for key, accepted in condition.items():
                at = ("training", t_index, "when", c_index, key)
                known = background_values.get(key)
                if known is None:
                    yield problem(f"background {key!r} is recorded by no question", at, step.id)
                    continue
                for value in accepted:
                    if value not in known:
                        yield problem(f"unknown {key} value {value!r}", at, step.id)
        education = background_values.get("education", set())
        if step.leads_to is not None and step.leads_to not in education:
            yield problem(
                f"unknown education value {step.leads_to!r}",
                ("training", t_index, "leads_to"),
                step.id,
            )
    yield from check_entry_routes(profile, problem, background_values)


def _check_text(
    text: Text, limit: int, loc: Location, item: str | None, problem: Reporter
) -> Iterable[Problem]:
    for lang in LANGS:
        if len(text(lang)) > limit:
            yield problem(f"text longer than {limit} characters", (*loc, lang), item)
