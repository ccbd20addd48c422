"""What the use cases need from the stores and the content, as awaited `Protocol`s.

`bot.state.state_store.StateStore` (state.db), `bot.state.memory.MemoryStateStore`
(the terminal, the use-case tests), `bot.scorelog.scores_db.ScoreLog` and
`bot.content.registry.ContentRegistry` implement them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.content.models import Content, Lang, Language
from bot.engine.result import Result
from bot.engine.session import QuizSession
from bot.scorelog.summary import Summary
from bot.state.records import ActiveQuiz, KeptResult, UnloggedResult


class StatePort(Protocol):
    """The person's state; every method may raise `bot.state.database.StorageError`."""

    async def language(self, user_id: int) -> Lang | None: ...

    async def set_language(self, user_id: int, lang: Lang) -> None: ...

    async def load_quiz(self, user_id: int) -> ActiveQuiz | None: ...

    async def save_quiz(self, user_id: int, quiz: ActiveQuiz) -> None: ...

    async def delete_quiz(self, user_id: int) -> None: ...

    async def take_dropped(self, user_id: int) -> bool: ...

    async def complete_quiz(
        self, user_id: int, result: KeptResult, unlogged: UnloggedResult | None
    ) -> None: ...

    async def last_result(self, user_id: int) -> KeptResult | None: ...

    async def previous_result(self, user_id: int) -> KeptResult | None: ...

    async def unlogged_results(self) -> list[UnloggedResult]: ...

    async def mark_logged(self, result_id: str) -> None: ...

    async def forget(self, user_id: int) -> bool: ...

    async def expire_idle(self, older_than_days: int) -> int: ...


class ScoreLogPort(Protocol):
    async def log_result(
        self,
        content: Content,
        session: QuizSession,
        result: Result,
        *,
        finished_at: datetime,
        result_id: str,
    ) -> str | None:
        """Write a finished quiz to the anonymous log; None if it could not be written."""
        ...

    async def summary(self, profile: str | None = None) -> Summary:
        """Every figure of the log (of one job if `profile` names it), for /stats."""
        ...

    async def export_csv(self) -> bytes:
        """The log as a CSV document, one row per result."""
        ...


class ContentSource(Protocol):
    """The jobs served (`bot.content.served.ServedContents`)."""

    @property
    def served(self) -> tuple[Content, ...]:
        """The current content of each job served, in the order offered."""
        ...

    def current(self, profile_id: str) -> Content | None: ...

    def content_for(self, version: str) -> Content | None: ...

    @property
    def languages(self) -> tuple[Language, ...]:
        """Every language of the jobs served, the default first."""
        ...

    def language_for(self, client_code: str | None) -> Lang: ...

    async def reload(self) -> tuple[Content, ...]:
        """Read the files again; `ContentError` (and the current set kept) if they are wrong."""
        ...
