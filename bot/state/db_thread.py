"""One thread per database that does all of the bot's work on it, in the order it was asked.

The event loop hands a call to the thread and awaits its end: while one person's
answer is being written (a slow or frozen disk), the loop goes on with everyone
else, and whatever needs no disk answers at once. One thread, not a pool: calls
run one at a time in the order they came, on the one connection, so that a
person's writes keep their order and no transaction of one call interleaves
with another's. The call's `sqlite3` and OS errors come back as `StorageError`s.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from bot.state.database import storage_errors

T = TypeVar("T")


class DbThread:
    def __init__(self, path: Path, name: str) -> None:
        self.path = path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)

    async def run(self, call: Callable[[], T]) -> T:
        """Run `call` on the thread, after the calls before it, and await its end."""
        return await asyncio.wrap_future(self._executor.submit(self._mapped, call))

    def wait(self, call: Callable[[], T]) -> T:
        """`run` for a caller outside the event loop (start-up, a worker thread): blocks it."""
        return self._executor.submit(self._mapped, call).result()

    def close(self, last: Callable[[], None] | None = None) -> None:
        """Run `last` (closing the connection) after every call queued, then end the thread."""
        if last is not None:
            self._executor.submit(last)
        self._executor.shutdown(wait=True)

    def _mapped(self, call: Callable[[], T]) -> T:
        with storage_errors(self.path):
            return call()
