"""Checks across files that a schema alone cannot express.

The pydantic models check each file's shape; these checks make sure the files
agree with each other (every evidence target exists, every dimension is asked
about, salary levels cover every answer, …) and fit Telegram's limits.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.content.advice_rules import check_advice
from bot.content.kinds import check_kinds, check_languages, check_statements
from bot.content.models import (
    MAX_OPTION_CHARS,
    MAX_QUESTION_CHARS,
    MIN_SOURCES,
    SINGLE_SOURCE_CATEGORIES,
    Option,
    Profile,
    Question,
    QuestionFile,
    Text,
)
from bot.content.problems import Location, Problem, Reporter
from bot.content.rules import (
    check_cap_backgrounds,
    check_condition,
    check_entry_routes,
    check_rules,
    check_salary_scales,
    conditions_of,
)

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
    questions = {q.id: q for _, qfile, _ in question_files for q in qfile.questions}
    return [
        *_check_profile(profile, report),
        *_check_questions(profile, report, question_files, complete=complete),
        *check_kinds(question_files),
        *check_languages(profile, question_files),
        *(check_statements(profile, report, questions) if complete else []),
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
    yield from check_advice(profile, problem)


@dataclass
class _Seen:
    """What the question files have shown so far, for the checks across them."""

    dimensions: set[str]
    """The profile's dimension ids."""
    sources: dict[str, set[str]] = dataclasses.field(default_factory=dict)
    """Dimension id → the questions that give evidence for it."""
    background_values: dict[str, set[str]] = dataclasses.field(default_factory=dict)
    question_files: dict[str, str] = dataclasses.field(default_factory=dict)
    """Question id → the file that first has it."""
    section_files: dict[str, str] = dataclasses.field(default_factory=dict)

    def evidence(self, dimension: str, question: Question) -> None:
        self.sources.setdefault(dimension, set()).add(question.id)


def _check_questions(
    profile: Profile,
    profile_problem: Reporter,
    files: Sequence[ParsedQuestions],
    *,
    complete: bool,
) -> Iterable[Problem]:
    seen = _Seen({d.id for d in profile.dimensions})
    for name, qfile, lines in files:
        yield from _check_question_file(name, qfile, Reporter(name, lines), seen)
    if not complete:
        return
    yield from _check_dimension_sources(profile, profile_problem, seen)
    yield from _check_background_use(profile, profile_problem, seen.background_values)


def _check_question_file(
    name: str, qfile: QuestionFile, problem: Reporter, seen: _Seen
) -> Iterable[Problem]:
    if qfile.section.id in seen.section_files:
        yield problem(
            f"section id already used in {seen.section_files[qfile.section.id]}",
            ("section", "id"),
            qfile.section.id,
        )
    seen.section_files.setdefault(qfile.section.id, name)
    if not qfile.questions:
        yield problem("the file has no question", ("questions",), None)
    for q_index, question in enumerate(qfile.questions):
        at: Location = ("questions", q_index)
        if question.id in seen.question_files:
            first = seen.question_files[question.id]
            yield problem(
                f"duplicate question id {question.id!r} (also in {first})",
                (*at, "id"),
                question.id,
            )
        seen.question_files.setdefault(question.id, name)
        yield from _check_text(
            question.text, MAX_QUESTION_CHARS, (*at, "text"), question.id, problem
        )
        if question.kind == "likert":
            yield from _check_likert(question, at, problem, seen)
        else:
            yield from _check_choices(question, at, problem, seen)


def _check_likert(
    question: Question, at: Location, problem: Reporter, seen: _Seen
) -> Iterable[Problem]:
    """A statement to rate: its dimensions, no options, no background."""
    if question.options:
        yield problem("a likert question takes no options", (*at, "options"), question.id)
    if not question.dimensions:
        yield problem(
            "a likert question needs at least one dimension", (*at, "dimensions"), question.id
        )
    if question.background:
        yield problem(
            "a likert question cannot record a background", (*at, "background"), question.id
        )
    for dimension in question.dimensions:
        if dimension not in seen.dimensions:
            yield problem(f"unknown dimension {dimension!r}", (*at, "dimensions"), question.id)
        seen.evidence(dimension, question)


def _check_choices(
    question: Question, at: Location, problem: Reporter, seen: _Seen
) -> Iterable[Problem]:
    """A single or multiple choice: two options or more, the evidence on the options."""
    if question.reverse:
        yield problem("only a likert question can be reverse-keyed", (*at, "reverse"), question.id)
    if question.dimensions:
        yield problem(
            "only likert questions take dimensions; put evidence on the options",
            (*at, "dimensions"),
            question.id,
        )
    if len(question.options) < 2:
        yield problem(
            "needs at least two options" if question.options else "the option list is empty",
            (*at, "options"),
            question.id,
        )
    for duplicate in _duplicates(o.id for o in question.options):
        yield problem(f"duplicate option id {duplicate!r}", (*at, "options"), question.id)
    for o_index, option in enumerate(question.options):
        yield from _check_option(question, option, (*at, "options", o_index), problem, seen)


def _check_option(
    question: Question, option: Option, at: Location, problem: Reporter, seen: _Seen
) -> Iterable[Problem]:
    item = f"{question.id}/{option.id}"
    yield from _check_text(option.text, MAX_OPTION_CHARS, (*at, "text"), item, problem)
    for dimension in option.evidence:
        if dimension not in seen.dimensions:
            yield problem(f"unknown dimension {dimension!r}", (*at, "evidence"), item)
        seen.evidence(dimension, question)
    if option.exclusive and question.kind != "multiple":
        yield problem(
            "only an option of a multiple choice question can be exclusive",
            (*at, "exclusive"),
            item,
        )
    if option.exclusive and any(option.evidence.values()):
        yield problem(
            "an exclusive option (none of these) gives no evidence", (*at, "evidence"), item
        )
    if question.background:
        if option.value is None:
            yield problem(
                f"needs a value for background {question.background!r}", (*at, "value"), item
            )
        else:
            seen.background_values.setdefault(question.background, set()).add(option.value)
    elif option.value is not None:
        yield problem("value given but the question records no background", (*at, "value"), item)


def _check_dimension_sources(profile: Profile, problem: Reporter, seen: _Seen) -> Iterable[Problem]:
    """Each dimension is asked about, most of them by two questions or more."""
    for index, required in enumerate(profile.dimensions):
        count = len(seen.sources.get(required.id, ()))
        if count == 0:
            yield problem(
                "no question gives evidence for this dimension",
                ("dimensions", index, "id"),
                required.id,
            )
        elif count < MIN_SOURCES and required.category not in SINGLE_SOURCE_CATEGORIES:
            yield problem(
                f"only {count} question gives evidence for this dimension; it needs at least"
                f" {MIN_SOURCES} (a self-rating and a scenario or a “have you done…” question)",
                ("dimensions", index, "id"),
                required.id,
            )


def _check_background_use(
    profile: Profile, problem: Reporter, background_values: dict[str, set[str]]
) -> Iterable[Problem]:
    yield from check_salary_scales(profile, problem, background_values)
    conditional = conditions_of(profile)  # every `when` and `own`
    for where, item, when in conditional:
        for c_index, condition in enumerate(when):
            at = (*where, c_index)
            yield from check_condition(condition, at, item, problem, background_values)
    education = background_values.get("education", set())
    for t_index, step in enumerate(profile.training):
        if step.leads_to is not None and step.leads_to not in education:
            yield problem(
                f"unknown education value {step.leads_to!r}",
                ("training", t_index, "leads_to"),
                step.id,
            )
    yield from check_entry_routes(profile, problem, background_values)
    yield from check_cap_backgrounds(profile, problem, background_values)


def _check_text(
    text: Text, limit: int, loc: Location, item: str | None, problem: Reporter
) -> Iterable[Problem]:
    for lang, written in text.root.items():
        if len(written) > limit:
            yield problem(f"text longer than {limit} characters", (*loc, lang), item)
