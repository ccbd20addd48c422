"""Play a whole quiz through the use cases (no Telegram): for the service-level tests."""

from __future__ import annotations

from bot.engine.scoring import Answers
from bot.presentation.payloads import MenuPress, QuizPress, QuizVerb
from bot.services import quiz
from bot.services.deps import Deps
from bot.services.reply import Asked, Person, Reply

QUESTION_MESSAGE = 100


def asked(reply: Reply) -> Asked | None:
    return next((shown.asked for shown in reply.screens if shown.asked), None)


def press(on: Asked, verb: QuizVerb, arg: str = "") -> QuizPress:
    return QuizPress(on.session.quiz_id, on.session.step, verb, arg)


async def play(deps: Deps, person: Person, answers: Answers) -> Reply:
    """Begin a quiz and answer every question; the reply to the last answer (the result)."""
    reply = await quiz.press(deps, person, QUESTION_MESSAGE, MenuPress("begin"))
    on = asked(reply)
    while on is not None:
        question = on.quiz.current(on.session)
        assert question is not None
        choice = answers[question.id]
        if question.kind == "multiple":
            for option in choice:
                ticked = asked(
                    await quiz.toggle(deps, person, QUESTION_MESSAGE, press(on, "toggle", option))
                )
                assert ticked is not None
                on = ticked
            reply = await quiz.confirm(deps, person, QUESTION_MESSAGE, press(on, "confirm"))
        else:
            reply = await quiz.answer(
                deps, person, QUESTION_MESSAGE, press(on, "answer", choice[0])
            )
        on = asked(reply)
    return reply
