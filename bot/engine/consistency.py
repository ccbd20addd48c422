"""Answers that do not hold together: contradictions the result points out kindly.

Two kinds, both plain facts about the answers:

- a reverse-keyed statement and its direct twin (`twin` in the question file)
  both agreed with, or both disagreed with: keyed, they are `twin_gap` steps apart
  or more (3 unless the question file says 4, for a pair such as fixed hours and a
  peak evening, where agreeing with one and mostly with the other is what many
  people mean);
- a skill claimed (self-ratings and "have you done…" lists give it 3 or more on
  average) that the knowledge questions on it did not show (a wrong answer or
  « I don't know »).

A twin contradicted, or two skills claimed and then answered wrongly, bring a
caution and keep the band below the top (a cap rule with `inconsistent: true`):
the one exception to "a better answer never lowers the band", since agreeing more
can create a contradiction. The fit itself stays monotone. « I don't know » is an
honest answer, not a contradiction: a skill claimed and then not known is pointed
out as something to check, and never brings the caution on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.models import Content, Question
from bot.engine.evidence import Answers, evidence

#: A skill claimed at this level or more on average…
CLAIMED = 3.0
#: …and shown at no more than this by the knowledge questions is a point to check.
SHOWN = 0.0
#: From this many claimed-but-not-shown skills on, the verdict is cautious.
CHECKS_FOR_CAUTION = 2


@dataclass(frozen=True)
class Consistency:
    twins: tuple[tuple[str, str], ...] = ()
    """(reverse-keyed statement, its twin) pairs answered as contradictions, in the
    quiz's order."""
    unshown: tuple[str, ...] = ()
    """Skills claimed but not shown by the knowledge questions, in profile order."""
    contradicted: tuple[str, ...] = ()
    """Of those, the skills whose knowledge questions got a wrong answer (not only
    « I don't know »)."""

    @property
    def inconsistent(self) -> bool:
        """A caution, and the band below the top: a twin contradicted, or two skills
        claimed and then answered wrongly."""
        return bool(self.twins) or len(self.contradicted) >= CHECKS_FOR_CAUTION


def consistency(content: Content, answers: Answers) -> Consistency:
    unshown = _unshown(content, answers)
    wrong = _answered_wrongly(content, answers)
    return Consistency(
        twins=_twins(content, answers),
        unshown=unshown,
        contradicted=tuple(d for d in unshown if d in wrong),
    )


def _keyed(question: Question, answers: Answers) -> float | None:
    chosen = answers.get(question.id, ())
    if not chosen:
        return None
    levels = evidence(question, chosen)
    return sum(levels.values()) / len(levels)


def _twins(content: Content, answers: Answers) -> tuple[tuple[str, str], ...]:
    found = []
    for question in content.questions:
        if question.twin is None:
            continue
        mine = _keyed(question, answers)
        theirs = _keyed(content.question_by_id[question.twin], answers)
        if mine is not None and theirs is not None and abs(mine - theirs) >= question.twin_gap:
            found.append((question.id, question.twin))
    return tuple(found)


def self_reported(question: Question) -> bool:
    """A self-report: a self-rating or a "have you done…" list (not a forced choice)."""
    return question.kind == "likert" or (question.kind == "multiple" and question.pick is None)


def self_rated_only(content: Content, backing: tuple[str, ...]) -> bool:
    """Every answer backing a strength (question ids) is a self-rating (a likert
    statement): no task done, scenario, forced choice or knowledge answer shows it."""
    questions = content.question_by_id
    return all(q in questions and questions[q].kind == "likert" for q in backing)


def _unshown(content: Content, answers: Answers) -> tuple[str, ...]:
    claimed: dict[str, list[float]] = {}
    shown: dict[str, list[float]] = {}
    for question in content.questions:
        if question.background or not (self_reported(question) or question.kind == "knowledge"):
            continue
        into = shown if question.kind == "knowledge" else claimed
        for dim, level in evidence(question, answers.get(question.id, ())).items():
            into.setdefault(dim, []).append(level)
    return tuple(
        d.id
        for d in content.profile.dimensions
        if d.id in shown
        and d.id in claimed
        and _mean(claimed[d.id]) >= CLAIMED
        and _mean(shown[d.id]) <= SHOWN
    )


def _answered_wrongly(content: Content, answers: Answers) -> set[str]:
    """The skills of the knowledge questions answered with a wrong option: neither the
    right one nor « I don't know » (the option a knowledge question marks `last`)."""
    wrong: set[str] = set()
    for question in content.questions:
        if question.kind != "knowledge":
            continue
        chosen = set(answers.get(question.id, ()))
        if any(o.id in chosen and not (o.right or o.last) for o in question.options):
            wrong |= {dim for o in question.options if o.right for dim in o.evidence}
    return wrong


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)
