"""careerbot as `bench.careerbot_process` runs it, on a slow disk (for `bench.slow_disk`).

Each answer saved in `state.db` (`save_quiz`, and `complete_quiz` for the last
one) takes `BENCH_SAVE_DELAY` seconds longer: a sleep in the store, on whatever
thread makes the call. With `BENCH_ON_LOOP=1`, every call of a store runs on
the event loop, as the bot did before each database had a thread of its own.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable
from typing import Any, TypeVar

from bench.careerbot_process import main as careerbot
from bot.state.db_thread import DbThread
from bot.state.state_db import StateDb

T = TypeVar("T")


def _slowed(method: Callable[..., Any], delay: float) -> Callable[..., Any]:
    @functools.wraps(method)
    def slowed(*args: Any, **kwargs: Any) -> Any:
        time.sleep(delay)
        return method(*args, **kwargs)

    return slowed


async def _on_the_loop(self: DbThread, call: Callable[[], T]) -> T:
    return self._mapped(call)


def main() -> None:
    delay = float(os.environ["BENCH_SAVE_DELAY"])
    for name in ("save_quiz", "complete_quiz"):
        setattr(StateDb, name, _slowed(getattr(StateDb, name), delay))
    if os.environ.get("BENCH_ON_LOOP") == "1":
        setattr(DbThread, "run", _on_the_loop)  # noqa: B010
    careerbot()


if __name__ == "__main__":
    main()
