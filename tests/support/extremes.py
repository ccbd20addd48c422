"""The top and the bottom answer to every question of any content, and their results: a
strong and a weak profile, which the chart tests draw and compare."""

from __future__ import annotations

from bot.content.models import Content, Question
from bot.engine.result import Result, evaluate


def best_answer(question: Question) -> tuple[str, ...]:
    """The top of a scale, every option ticked, the option with the most evidence."""
    if question.kind == "likert":
        return ("4",)
    if question.kind == "multiple":
        return tuple(option.id for option in question.options)
    return (max(question.options, key=lambda o: sum(o.evidence.values())).id,)


def worst_answer(question: Question) -> tuple[str, ...]:
    """The bottom of a scale, nothing ticked, the option with the least evidence."""
    if question.kind == "likert":
        return ("0",)
    if question.kind == "multiple":
        return ()
    return (min(question.options, key=lambda o: sum(o.evidence.values())).id,)


def strong(content: Content) -> Result:
    """The result of the top answer to every question."""
    return evaluate(content, {q.id: best_answer(q) for q in content.questions})


def weak(content: Content) -> Result:
    """The result of the bottom answer to every question."""
    return evaluate(content, {q.id: worst_answer(q) for q in content.questions})
