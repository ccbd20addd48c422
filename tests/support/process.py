"""`python -m bot run` as a real process, for the tests that kill it or read its output."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.fake_botapi import FakeBotAPI
from tests.support.harness import TOKEN
from tests.support.paths import ROOT, SHIPPED_PROFILES, SHIPPED_QUESTIONS

#: Where `bot_env` sends the bot when no Telegram should answer: nothing listens on port 9.
NO_TELEGRAM = "http://127.0.0.1:9/bot"


def bot_env(base_url: str, data_dir: Path, **extra_env: str) -> dict[str, str]:
    """The environment of `python -m bot run` on the shipped content, against the Bot API at
    `base_url`, keeping its files in `data_dir`."""
    return {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_BASE_URL": base_url,
        "CAREERBOT_DATA_DIR": str(data_dir),
        "CAREERBOT_QUESTIONS_DIR": str(SHIPPED_QUESTIONS),
        "CAREERBOT_PROFILES_DIR": str(SHIPPED_PROFILES),
        "PYTHONPATH": str(ROOT),
        **extra_env,
    }


class BotProcess:
    """`python -m bot run` in a subprocess, its output kept for inspection."""

    def __init__(
        self,
        server: FakeBotAPI,
        data_dir: Path,
        module: str = "bot",
        **extra_env: str,
    ) -> None:
        """`module` is what `python -m` runs: `bench.careerbot_process` lifts the 30 messages/s
        throttle for a load that the fake Bot API, not Telegram, has to carry."""
        self.argv = [sys.executable, "-m", module] + (["run"] if module == "bot" else [])
        self.env = bot_env(server.base_url, data_dir, **extra_env)
        self.cwd = data_dir
        self.outputs: list[str] = []
        self.process: subprocess.Popen[bytes] | None = None
        self.started_at = 0.0  # time.monotonic() of the last start
        # A file, not a pipe: a chatty bot must never block on a full pipe.
        self._log = data_dir / "bot-output.log"

    def start(self) -> None:
        self.cwd.mkdir(parents=True, exist_ok=True)
        self.started_at = time.monotonic()
        with self._log.open("wb") as log:
            self.process = subprocess.Popen(
                self.argv,
                env=self.env,
                cwd=self.cwd,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def output_so_far(self) -> str:
        return self._log.read_text(errors="replace")

    def wait(self, timeout: float = 60) -> int:
        """Wait for the process to end on its own; keep its output."""
        assert self.process is not None
        code = self.process.wait(timeout=timeout)
        self.outputs.append(self.output_so_far())
        self.process = None
        return code

    async def stop_soon(self, sig: int, timeout: float = 60) -> int:  # noqa: ASYNC109
        """`stop` without blocking the event loop (the fake Bot API may run in it)."""
        assert self.process is not None
        self.process.send_signal(sig)
        for _ in range(int(timeout * 10)):
            if self.process.poll() is not None:
                break
            await asyncio.sleep(0.1)
        return self.wait(timeout=1)

    def stop(self, sig: int) -> int:
        assert self.process is not None
        self.process.send_signal(sig)
        return self.wait(timeout=30)

    @contextmanager
    def running(self) -> Iterator[BotProcess]:
        self.start()
        try:
            yield self
        finally:
            if self.process is not None:
                self.stop(signal.SIGKILL)
