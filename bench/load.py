"""careerbot under load, against a floor bot, on the same loopback Bot API.

Each bot runs in its own process, long polling the fake Bot API of the tests
(`bench.load_server`) served by this process on 127.0.0.1, where N simulated
people (`bench.players`) take the whole quiz, from /start to the result and
its chart, in one of two ways (a `Scenario`):

- *paced*: each user arrives at a random moment of the arrival window, then
  waits a random time within the pace before each press, as people do;
- *flat out*: every user starts at once and presses as soon as the question
  is on screen.

A run lasts until every quiz is finished and the last chart is sent. For the
whole run: updates per second, the bot process's own CPU per update (and its main
thread's: the event loop, without the chart and SQLite threads) and the
time it waited for a CPU (`bench.proc`), the latency from an update's delivery
(the getUpdates answer that carries it) to the bot's first call about it, the
peak resident size of the bot process, the messages sent per finished quiz
(the rest being edits). Linux only: CPU and memory are read from /proc.
`bench.alternation` runs the two bots in turn.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import os
import random
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from bench import proc
from bench.load_server import TOKEN, LoadServer
from bench.players import Player, Scenario, Strategy, careerbot_press, floor_press
from bot.content.models import Content
from bot.presentation.texts import LIKERT_LABELS, t
from tests.support.fake_botapi import JSONDict

ROOT = Path(__file__).resolve().parent.parent
Process = asyncio.subprocess.Process


@dataclass
class Phase:
    seconds: float = 0.0
    updates: int = 0
    cpu_seconds: float = 0.0
    loop_cpu_seconds: float = 0.0
    """The main thread's share of `cpu_seconds`: the event loop, without the threads that
    draw charts and write to SQLite."""
    wakeups: int = 0
    """Voluntary context switches of all threads (see `bench.proc.wakeups`)."""
    loop_wakeups: int = 0
    """Those of the main thread: the event loop's."""
    run_queue_seconds: float = 0.0
    """How long the bot process waited, runnable, for a CPU (see `bench.proc`)."""
    latencies: list[float] = field(default_factory=list)
    peak_rss_mib: float = 0.0

    @property
    def updates_per_second(self) -> float:
        return self.updates / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms_per_update(self) -> float:
        return 1000 * self.cpu_seconds / self.updates if self.updates else 0.0

    @property
    def loop_cpu_ms_per_update(self) -> float:
        return 1000 * self.loop_cpu_seconds / self.updates if self.updates else 0.0

    @property
    def wakeups_per_update(self) -> float:
        return self.wakeups / self.updates if self.updates else 0.0

    @property
    def loop_wakeups_per_update(self) -> float:
        return self.loop_wakeups / self.updates if self.updates else 0.0

    @property
    def run_queue_ms_per_update(self) -> float:
        return 1000 * self.run_queue_seconds / self.updates if self.updates else 0.0

    def latency_ms(self, quantile: float) -> float:
        if len(self.latencies) < 2:
            return 1000 * (self.latencies[0] if self.latencies else 0.0)
        cuts = statistics.quantiles(self.latencies, n=100, method="inclusive")
        return 1000 * cuts[round(quantile * 100) - 1]


@dataclass
class BotRun:
    name: str
    figures: Phase
    finished: int
    stuck: int
    messages_per_quiz: float
    edits_per_quiz: float
    load_average: float = 0.0
    """The machine's load average (1 minute) at the end of the run."""


@dataclass(frozen=True)
class Bot:
    """A bot process to measure: how to start it and how its users press."""

    name: str
    command: list[str]
    press_for: Strategy
    env: dict[str, str] = field(default_factory=dict)
    fresh_data_dir: bool = False
    """Start each run on an empty CAREERBOT_DATA_DIR (careerbot's state.db and scores.db)."""


async def _py_spy(pid: int, output: Path) -> asyncio.subprocess.Process:
    spy = Path(sys.executable).with_name("py-spy")
    return await asyncio.create_subprocess_exec(
        *(str(spy), "record", "--pid", str(pid), "--rate", "250", "--nonblocking"),
        *("--format", "raw", "--output", str(output)),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


@contextlib.asynccontextmanager
async def _bot_log() -> AsyncIterator[IO[bytes]]:
    """Where the bot process writes its log: a file, so a full pipe never blocks it."""
    with tempfile.TemporaryFile() as log:
        yield log


async def run_bot(bot: Bot, scenario: Scenario, seed: int, profile: Path | None = None) -> BotRun:
    """Start the bot process against a fresh server, play the scenario to its end, stop it.

    With `profile`, py-spy samples the bot process (without pausing it) and
    writes its collapsed stacks to `profile` when the run ends.
    """
    with _data_dir(bot) as data:
        env = {**os.environ, **bot.env, "TELEGRAM_BOT_TOKEN": TOKEN}
        if data is not None:
            env["CAREERBOT_DATA_DIR"] = str(data)
        return await _play(bot, scenario, seed, env, profile)


async def _play(
    bot: Bot, scenario: Scenario, seed: int, env: dict[str, str], profile: Path | None
) -> BotRun:
    async with LoadServer() as server, _bot_log() as log:
        process = await asyncio.create_subprocess_exec(
            *bot.command,
            cwd=ROOT,
            env={**env, "TELEGRAM_BASE_URL": server.base_url},
            stdout=asyncio.subprocess.DEVNULL,
            stderr=log,
        )
        spy = None
        players: list[Player] = []
        try:
            await server.wait_for(lambda s: s.requests_for("getUpdates"), timeout=60)
            if profile is not None:
                spy = await _py_spy(process.pid, profile)
            rng = random.Random(seed)
            players += [
                Player(
                    server.add_user(10_000 + n, f"User{n}", language_code=rng.choice(["fr", "en"])),
                    server,
                    bot.press_for,
                    scenario,
                    random.Random(rng.random()),
                )
                for n in range(scenario.users)
            ]
            figures = await _measure(process.pid, server, players)
        finally:
            await _stop(process, spy)
        done = [p for p in players if p.finished]
        if process.returncode not in (0, -signal.SIGINT) or not done:
            log.seek(0)
            sys.stderr.write(log.read().decode(errors="replace")[-3000:])
        return _tally(bot.name, figures, players)


async def _measure(pid: int, server: LoadServer, players: list[Player]) -> Phase:
    """Play every quiz to its end, then wait for the last charts; the whole run's figures."""
    start = time.monotonic()
    cpu, loop_cpu = proc.cpu_seconds(pid), proc.main_thread_cpu_seconds(pid)
    waited = proc.run_queue_seconds(pid)
    wakeups, loop_wakeups = proc.wakeups(pid)
    await asyncio.gather(*(player.play() for player in players))
    seconds = time.monotonic() - start
    await server.wait_until_idle(quiet=0.5, timeout=120)  # the last charts
    wakeups_after, loop_wakeups_after = proc.wakeups(pid)
    return Phase(
        seconds=seconds,
        updates=server.updates,
        cpu_seconds=proc.cpu_seconds(pid) - cpu,
        loop_cpu_seconds=proc.main_thread_cpu_seconds(pid) - loop_cpu,
        run_queue_seconds=proc.run_queue_seconds(pid) - waited,
        wakeups=wakeups_after - wakeups,
        loop_wakeups=loop_wakeups_after - loop_wakeups,
        latencies=server.latencies,
        peak_rss_mib=proc.peak_rss_mib(pid),
    )


async def _stop(process: Process, spy: Process | None) -> None:
    if spy is not None:
        spy.send_signal(signal.SIGINT)
        await spy.wait()
    process.send_signal(signal.SIGINT)
    try:
        await asyncio.wait_for(process.wait(), 30)
    except TimeoutError:
        process.kill()
        await process.wait()


def _tally(name: str, figures: Phase, players: list[Player]) -> BotRun:
    done = [p for p in players if p.finished]
    chats = [p.user.chat for p in done]
    sent = sum(len(chat.all_messages) for chat in chats)
    edits = sum(len(m.history) for chat in chats for m in chat.all_messages)
    return BotRun(
        name,
        figures,
        finished=len(done),
        stuck=sum(p.stuck for p in players),
        messages_per_quiz=sent / len(done) if done else 0.0,
        edits_per_quiz=edits / len(done) if done else 0.0,
        load_average=proc.load_average(),
    )


@contextlib.contextmanager
def _data_dir(bot: Bot) -> Iterator[Path | None]:
    if not bot.fresh_data_dir:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="careerbot-bench-") as tmp:
        yield Path(tmp)


def floor_questions(content: Content) -> list[JSONDict]:
    """careerbot's questions, as plain question texts and option labels, for the floor bot."""
    questions = []
    total = len(content.questions)
    for number, question in enumerate(content.questions, start=1):
        if question.kind == "likert":
            options = [t(key, "fr") for key in reversed(LIKERT_LABELS)]
        else:
            options = [option.text("fr") for option in question.options]
        text = f"<b>Question {number}/{total}</b>\n\n{html.escape(question.text('fr'))}"
        questions.append({"text": text, "options": options})
    return questions


@contextlib.contextmanager
def the_two_bots(content: Content) -> Iterator[tuple[Bot, Bot]]:
    """careerbot as `careerbot run` starts it (30 messages/s throttle lifted) and the floor."""
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="careerbot-bench-") as tmp:
        quiz = Path(tmp) / "floor-questions.json"
        quiz.write_text(json.dumps(floor_questions(content)), encoding="utf-8")
        yield (
            Bot(
                "careerbot",
                [python, "-m", "bench.careerbot_process"],
                careerbot_press,
                fresh_data_dir=True,
            ),
            Bot("floor", [python, "-m", "bench.floor", str(quiz)], floor_press),
        )
