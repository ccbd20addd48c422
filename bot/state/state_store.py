"""The state store the use cases await, on `state.db`: `sqlite3` errors become `StorageError`s.

Its calls run on the event loop for now (each is one short transaction); moving them
to a writer thread changes this class only, not the use cases.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from bot.content.models import Lang
from bot.state.database import storage_errors
from bot.state.records import ActiveQuiz, KeptResult, UnloggedResult
from bot.state.state_db import StateDb

T = TypeVar("T")


class StateStore:
    def __init__(self, db: StateDb) -> None:
        self.db = db

    def _run(self, call: Callable[[], T]) -> T:
        with storage_errors(self.db.path):
            return call()

    async def language(self, user_id: int) -> Lang | None:
        return self._run(lambda: self.db.language(user_id))

    async def set_language(self, user_id: int, lang: Lang) -> None:
        self._run(lambda: self.db.set_language(user_id, lang))

    async def load_quiz(self, user_id: int) -> ActiveQuiz | None:
        return self._run(lambda: self.db.load_quiz(user_id))

    async def save_quiz(self, user_id: int, quiz: ActiveQuiz) -> None:
        self._run(lambda: self.db.save_quiz(user_id, quiz))

    async def delete_quiz(self, user_id: int) -> None:
        self._run(lambda: self.db.delete_quiz(user_id))

    async def take_dropped(self, user_id: int) -> bool:
        return self.db.take_dropped(user_id)

    async def complete_quiz(
        self, user_id: int, result: KeptResult, unlogged: UnloggedResult | None
    ) -> None:
        self._run(lambda: self.db.complete_quiz(user_id, result, unlogged))

    async def last_result(self, user_id: int) -> KeptResult | None:
        return self._run(lambda: self.db.last_result(user_id))

    async def previous_result(self, user_id: int) -> KeptResult | None:
        return self._run(lambda: self.db.previous_result(user_id))

    async def unlogged_results(self) -> list[UnloggedResult]:
        return self._run(self.db.unlogged_results)

    async def mark_logged(self, result_id: str) -> None:
        self._run(lambda: self.db.mark_logged(result_id))

    async def forget(self, user_id: int) -> bool:
        return self._run(lambda: self.db.forget(user_id))

    async def expire_idle(self, older_than_days: int) -> int:
        return self._run(lambda: self.db.expire_idle(older_than_days))
