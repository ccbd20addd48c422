"""Checks of the question kinds the verdict relies on, across the question files.

Kept apart from `validation` (shapes and references) so that each module stays
small; `validation.check_content` runs them. Here: forced choices, questions
of fact, the length of scenario options, and the statements that cap rules read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.content.models import Profile, Question, QuestionFile
from bot.content.problems import Location, Problem, Reporter

ParsedQuestions = tuple[str, QuestionFile, dict[Location, int]]
#: The placeholder a statement rule's reason quotes the person's answer with.
ANSWER = "{answer}"


#: A scenario's longest option may be at most this many times its shortest, in each
#: language: a longer answer must not give itself away as the complete one.
MAX_LENGTH_RATIO = 1.5


def check_kinds(files: Sequence[ParsedQuestions]) -> Iterable[Problem]:
    """Forced choices, questions of fact and scenarios are well formed."""
    for name, qfile, lines in files:
        problem = Reporter(name, lines)
        for q_index, question in enumerate(qfile.questions):
            yield from _check_knowledge(question, ("questions", q_index), problem)
            yield from _check_pick(question, ("questions", q_index), problem)
            yield from _check_lengths(question, ("questions", q_index), problem)


def _check_lengths(question: Question, at: Location, problem: Reporter) -> Iterable[Problem]:
    """A scenario (a single choice that records no background) has options of similar
    length: the longest at most `MAX_LENGTH_RATIO` times the shortest."""
    if question.kind != "single" or question.background or len(question.options) < 2:
        return
    for lang in question.options[0].text.root:
        lengths = [len(option.text(lang)) for option in question.options]
        if max(lengths) > MAX_LENGTH_RATIO * min(lengths):
            yield problem(
                f"scenario options differ too much in length ({min(lengths)} to"
                f" {max(lengths)} characters; at most {MAX_LENGTH_RATIO}×)",
                (*at, "options", lang),
                question.id,
            )


def _check_knowledge(question: Question, at: Location, problem: Reporter) -> Iterable[Problem]:
    """A question of fact: its origin, exactly one right answer (the only one showing
    something) and « I don't know » (`last`); `right` and `origin` nowhere else."""
    knowledge = question.kind == "knowledge"
    if knowledge and not (question.origin or "").strip():
        yield problem("a knowledge question needs the `origin` of its fact", at, question.id)
    if not knowledge and question.origin is not None:
        yield problem("only a knowledge question has an `origin`", (*at, "origin"), question.id)
    right = [o for o in question.options if o.right]
    if not knowledge:
        for option in right:
            yield problem(
                "only a knowledge question has a right answer",
                (*at, "options"),
                f"{question.id}/{option.id}",
            )
        return
    if len(right) != 1:
        yield problem(
            "a knowledge question needs exactly one right answer (`right: true`),"
            f" not {len(right)}",
            (*at, "options"),
            question.id,
        )
    for index, option in enumerate(question.options):
        if bool(option.evidence) != option.right:
            yield problem(
                "the right answer, and only it, gives evidence",
                (*at, "options", index, "evidence"),
                f"{question.id}/{option.id}",
            )
    if not any(o.last and not o.right for o in question.options):
        yield problem(
            "a knowledge question offers « I don't know » (an option marked `last`)",
            (*at, "options"),
            question.id,
        )


def _check_pick(question: Question, at: Location, problem: Reporter) -> Iterable[Problem]:
    """Forced choices are multiple choices with fewer picks than options, and no "none"."""
    if question.pick is None:
        return
    at = (*at, "pick")
    if question.kind != "multiple":
        yield problem("only a multiple choice can be a forced choice", at, question.id)
    elif question.pick >= len(question.options):
        yield problem("a forced choice picks fewer options than it shows", at, question.id)
    if any(o.exclusive for o in question.options):
        yield problem("a forced choice has no “none of these” option", at, question.id)


def check_languages(profile: Profile, files: Sequence[ParsedQuestions]) -> Iterable[Problem]:
    """A question for other languages than the job's needs the profile's `job_language`, an
    `assumed` option, and a place after every other question (a quiz's list of questions
    is fixed when it starts)."""
    seen_limited = False
    for name, qfile, lines in files:
        problem = Reporter(name, lines)
        for q_index, question in enumerate(qfile.questions):
            at: Location = ("questions", q_index)
            if not question.other_languages_only:
                if question.assumed is not None:
                    yield problem(
                        "`assumed` goes with `other_languages_only`", (*at, "assumed"), question.id
                    )
                if seen_limited:
                    yield problem(
                        "comes after a question asked only in other languages: those come last",
                        at,
                        question.id,
                    )
                continue
            seen_limited = True
            if profile.job_language is None:
                yield problem(
                    "`other_languages_only` needs the profile's `job_language`", at, question.id
                )
            if question.assumed not in question.options_by_id:
                yield problem(
                    "`assumed` must name one of its options", (*at, "assumed"), question.id
                )


def check_statements(
    profile: Profile, problem: Reporter, questions: dict[str, Question]
) -> Iterable[Problem]:
    """A statement rule reads a likert statement that is not reverse-keyed, and quotes it;
    a constraint's `statement` is a likert statement (its answer read as shown), and its
    `at_most` statements are not reverse-keyed."""
    for index, line in enumerate(profile.constraints):
        for key in line.at_most:
            # Read as shown, a reverse-keyed statement answered low would mean the opposite.
            low = questions.get(key)
            if low is None or low.kind != "likert" or low.reverse:
                yield problem(
                    f"{key!r} is not a likert statement that is not reverse-keyed",
                    ("constraints", index, "at_most"),
                    line.id,
                )
        if line.statement is None:
            continue
        known = questions.get(line.statement)
        if known is None or known.kind != "likert":
            yield problem(
                f"{line.statement!r} is not a likert statement",
                ("constraints", index, "statement"),
                line.id,
            )
    for index, rule in enumerate(profile.caps):
        if rule.statement is None:
            continue
        at: Location = ("caps", index, "statement")
        question = questions.get(rule.statement)
        if question is None or question.kind != "likert" or question.reverse:
            yield problem(
                f"{rule.statement!r} is not a likert statement that is not reverse-keyed",
                at,
                rule.id,
            )
        reasons = [(("caps", index, "reason"), rule.reason)] + [
            (("caps", index, "wordings", w_index, "reason"), wording.reason)
            for w_index, wording in enumerate(rule.wordings)
        ]
        for where, text in reasons:
            for lang, reason in text.root.items():
                if ANSWER not in reason:
                    yield problem(
                        f"the reason quotes the answer with {ANSWER}", (*where, lang), rule.id
                    )
