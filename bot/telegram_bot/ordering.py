"""Handle different people's updates concurrently, each person's in order, and refuse floods."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.telegram_bot.flood import FloodGate, Verdict, gated, refuse


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Runs updates concurrently, but one at a time per user.

    A double tap, or an answer sent while the previous one is being saved,
    waits its turn and then sees the state the first one left. A person who
    sends more than the `FloodGate` lets wait is refused at once (see `flood`):
    their backlog never fills the slots other people's updates need.
    """

    def __init__(
        self,
        max_concurrent_updates: int = 64,
        gate: FloodGate | None = None,
        language_for: Callable[[str | None], str] = lambda code: "fr",
    ) -> None:
        super().__init__(max_concurrent_updates)
        self._gate = gate or FloodGate()
        self._language_for = language_for
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        user = update.effective_user if isinstance(update, Update) else None
        if user is None:
            await coroutine
            return
        person = gated(update)
        if person is not None:
            verdict = self._gate.admit(person, self._waiting.get(person, 0))
            if verdict is not Verdict.HANDLE:
                if inspect.iscoroutine(coroutine):
                    coroutine.close()  # never run: no "was never awaited" warning
                assert isinstance(update, Update)
                await refuse(update, verdict, self._language_for)
                return
        lock = self._locks.setdefault(user.id, asyncio.Lock())
        self._waiting[user.id] = self._waiting.get(user.id, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._waiting[user.id] -= 1
            if not self._waiting[user.id]:
                del self._waiting[user.id]
                del self._locks[user.id]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""
