"""Play a whole quiz through the use cases (no Telegram): for the service-level tests.

`deps` is a pytest fixture: the use cases' stores in memory, on the mini content, a fake
score log; a test module that imports it lists it in its `__all__`.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.content.models import Content
from bot.content.served import ServedContents
from bot.engine.result import Result
from bot.engine.scoring import Answers
from bot.engine.session import QuizSession
from bot.presentation.payloads import MenuPress, QuizPress, QuizVerb
from bot.scorelog.summary import Summary
from bot.services import quiz
from bot.services.deps import Deps
from bot.services.reply import Asked, Person, Reply
from bot.state.memory import MemoryStateStore

ANA = Person(user_id=7, chat_id=7, language_code="fr", first_name="Ana")
QUESTION_MESSAGE = 100


class FakeScoreLog:
    """Records what would be written to scores.db; `down` makes every write fail."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple[QuizSession, Result]] = {}
        self.down = False

    async def log_result(
        self,
        content: Content,
        session: QuizSession,
        result: Result,
        *,
        finished_at: datetime,
        result_id: str,
    ) -> str | None:
        if self.down:
            return None
        self.rows.setdefault(result_id, (session, result))
        return result_id

    async def summary(self, profile: str | None = None) -> Summary:
        raise AssertionError("the quiz's use cases read no summary")

    async def export_csv(self) -> bytes:
        raise AssertionError("the quiz's use cases export nothing")


@pytest.fixture
def deps(mini_content: Content) -> Deps:
    """The use cases' stores in memory, on the mini content; every quiz id is "q1"."""
    return Deps(
        MemoryStateStore(), ServedContents([mini_content]), FakeScoreLog(), new_quiz_id=lambda: "q1"
    )


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
