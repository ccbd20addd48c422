"""The fake Bot API of the load benchmarks: the tests' server, timing each update.

`LoadServer` serves the bots of `bench.load` and `bench.slow_disk` on 127.0.0.1
and notes when each update is delivered (the getUpdates answer that carries
it) and when the bot first calls the API about it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from tests.support.fake_botapi import FakeBotAPI, JSONDict

TOKEN = "123456789:AAHbenchTokenForTheLoadTest_0123456789ab"


class LoadServer(FakeBotAPI):
    """The fake Bot API, timing each update from its delivery to the bot's first call.

    Users wait on one event each instead of the fake's `wait_for`, which re-checks
    every waiter on every request.
    """

    def __init__(self) -> None:
        super().__init__(TOKEN)
        self.delivered: dict[int, float] = {}
        self.latencies: list[float] = []
        self.updates = 0
        self.events: dict[int, asyncio.Event] = {}
        for key, (name, handler) in list(self._handlers.items()):
            self._handlers[key] = (name, self._timed(name, handler))

    def _timed(self, name: str, handler: Callable[[Any], Awaitable[Any]]) -> Any:
        async def timed(call: Any) -> Any:
            if name == "getUpdates":
                result = await handler(call)
                now = time.monotonic()
                for update in result:
                    chat = _chat_of(update)
                    if chat is not None:
                        self.delivered[chat] = now
                        self.updates += 1
                return result
            chat = self._chat_id(call.params)
            if chat is not None and chat in self.delivered:
                self.latencies.append(time.monotonic() - self.delivered.pop(chat))
            try:
                return await handler(call)
            finally:
                if chat is not None and chat in self.events:
                    self.events[chat].set()

        return timed

    def _chat_id(self, params: JSONDict) -> int | None:
        chat = params.get("chat_id")
        if isinstance(chat, int):
            return chat
        query = self.callback_queries.get(str(params.get("callback_query_id", "")))
        return query.chat_id if query else None


def _chat_of(update: JSONDict) -> int | None:
    if "message" in update:
        return int(update["message"]["chat"]["id"])
    if "callback_query" in update:
        return int(update["callback_query"]["from"]["id"])
    return None
