"""The state store the use cases await, on `state.db`: its SQLite work off the event loop.

Every call runs on the database's own thread (`DbThread`), in the order it came, and is
awaited: a write is committed before the use case goes on, and a slow or frozen disk
holds up only the people whose call needs it. What most replies need is answered from
memory, so that they need no disk at all:

- the languages people chose: the whole (small) table, read once at start-up and kept
  in step with every write, so `/help`, `/about` or an unreadable button never wait;
- who has a quiz in progress (a set of user ids, also read at start-up): for anyone
  else there is no quiz to read;
- the quizzes in progress of the people seen last (`CACHED_QUIZZES` of them, about
  3.5 KB each): a stale or double press is answered from it.

A cached quiz is dropped before each write and kept again only once the write is
committed, so a write that fails or is cancelled leaves the next read to the file;
a person is counted as having a quiz before it is saved, and no longer only once its
deletion is committed, so the count never misses a quiz on file.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from bot.content.models import Lang
from bot.state.db_thread import DbThread
from bot.state.records import ActiveQuiz, KeptResult, UnloggedResult
from bot.state.state_db import StateDb

T = TypeVar("T")

#: How many people's quiz in progress (or its absence) are kept in memory.
CACHED_QUIZZES = 1024


class StateStore:
    def __init__(self, db: StateDb, *, cached_quizzes: int = CACHED_QUIZZES) -> None:
        self.db = db
        self.thread = DbThread(db.path, "state.db")
        self._languages, self._with_quiz = self.thread.wait(db.known_people)
        self._quizzes: OrderedDict[int, ActiveQuiz] = OrderedDict()
        self._cached_quizzes = cached_quizzes

    def close(self) -> None:
        """Finish the calls queued, close the database and end its thread."""
        self.thread.close(self.db.close)

    async def _run(self, call: Callable[[], T]) -> T:
        return await self.thread.run(call)

    # --- Served from memory ---

    async def language(self, user_id: int) -> Lang | None:
        return self._languages.get(user_id)

    async def load_quiz(self, user_id: int) -> ActiveQuiz | None:
        if user_id not in self._with_quiz:
            return None
        cached = self._quizzes.get(user_id)
        if cached is not None:
            self._quizzes.move_to_end(user_id)
            return cached
        found = await self._run(lambda: self.db.load_quiz(user_id))
        self._keep(user_id, found)
        return found

    async def take_dropped(self, user_id: int) -> bool:
        return self.db.take_dropped(user_id)

    # --- Writes: the memory follows what was committed ---

    async def set_language(self, user_id: int, lang: Lang) -> None:
        await self._run(lambda: self._with_language(user_id, self.db.set_language, lang))

    async def save_quiz(self, user_id: int, quiz: ActiveQuiz) -> None:
        self._quizzes.pop(user_id, None)
        self._with_quiz.add(user_id)
        await self._run(lambda: self.db.save_quiz(user_id, quiz))
        self._keep(user_id, quiz)

    async def delete_quiz(self, user_id: int) -> None:
        self._quizzes.pop(user_id, None)
        await self._run(lambda: self.db.delete_quiz(user_id))
        self._keep(user_id, None)

    async def complete_quiz(
        self, user_id: int, result: KeptResult, unlogged: UnloggedResult | None
    ) -> None:
        self._quizzes.pop(user_id, None)
        await self._run(lambda: self.db.complete_quiz(user_id, result, unlogged))
        self._keep(user_id, None)

    async def forget(self, user_id: int) -> bool:
        self._quizzes.pop(user_id, None)
        forgotten = await self._run(lambda: self._with_language(user_id, self.db.forget))
        self._keep(user_id, None)
        return forgotten

    async def expire_idle(self, older_than_days: int) -> int:
        now = time.time()

        def expire() -> tuple[set[int], int]:
            quizzes, languages = self.db.idle_users(older_than_days, now)
            expired = self.db.expire_idle(older_than_days, now)
            for user_id in languages:
                self._languages.pop(user_id, None)
            return quizzes, expired

        try:
            idle, expired = await self._run(expire)
        except asyncio.CancelledError:
            self._quizzes.clear()  # which quizzes expired is unknown: read them again
            raise
        for user_id in idle:
            self._keep(user_id, None)
        return expired

    def _with_language(self, user_id: int, write: Callable[..., T], *args: object) -> T:
        """Run a write that changes the person's language, then (on the database's thread, as
        soon as it is done, even for a caller gone meanwhile) read it again into memory."""
        try:
            return write(user_id, *args)
        finally:
            lang = self.db.language(user_id)
            if lang is None:
                self._languages.pop(user_id, None)
            else:
                self._languages[user_id] = lang

    def _keep(self, user_id: int, quiz: ActiveQuiz | None) -> None:
        """What the file now holds for that person (None: no quiz)."""
        if quiz is None:
            self._quizzes.pop(user_id, None)
            self._with_quiz.discard(user_id)
            return
        self._quizzes[user_id] = quiz
        self._quizzes.move_to_end(user_id)
        if len(self._quizzes) > self._cached_quizzes:
            self._quizzes.popitem(last=False)

    # --- Read from the file each time ---

    async def last_result(self, user_id: int) -> KeptResult | None:
        return await self._run(lambda: self.db.last_result(user_id))

    async def previous_result(self, user_id: int) -> KeptResult | None:
        return await self._run(lambda: self.db.previous_result(user_id))

    async def unlogged_results(self) -> list[UnloggedResult]:
        return await self._run(self.db.unlogged_results)

    async def mark_logged(self, result_id: str) -> None:
        await self._run(lambda: self.db.mark_logged(result_id))
