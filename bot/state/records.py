"""What `state.db` keeps about a person, as plain records (the store ports pass these)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.models import Lang
from bot.engine.record import ResultRecord
from bot.engine.session import QuizSession


@dataclass(frozen=True)
class ActiveQuiz:
    """A quiz in progress and the message showing its current question."""

    session: QuizSession
    chat_id: int
    message_id: int | None
    """The message showing the current question, edited in place; None: not shown yet."""


@dataclass(frozen=True)
class KeptResult:
    """A finished quiz kept for its person (the last one, or the one before it): its
    record, never its answers."""

    record: ResultRecord
    finished_at: float

    @property
    def version(self) -> str:
        return self.record.version

    @property
    def lang(self) -> Lang:
        return self.record.lang

    @property
    def quiz_id(self) -> str | None:
        return self.record.quiz_id


@dataclass(frozen=True)
class UnloggedResult:
    """A finished quiz waiting to be written to the score log; `id` becomes its row id there."""

    id: str
    session: QuizSession
    finished_at: float
