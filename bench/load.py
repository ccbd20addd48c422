"""careerbot under load, against a floor bot, on the same loopback Bot API.

Each bot runs in its own process, long polling the fake Bot API of the tests
(`tests/support/fake_botapi.py`) served by this process on 127.0.0.1, where
N simulated users take the whole quiz, from /start to the result and its
chart, in one of two ways (a `Scenario`):

- *paced*: each user arrives at a random moment of the arrival window, then
  waits a random time within the pace before each press, as people do;
- *flat out*: every user starts at once and presses as soon as the question
  is on screen.

A run lasts until every quiz is finished and the last chart is sent. For the
whole run: updates per second, the bot process's own CPU per update, the
latency from an update's delivery (the getUpdates answer that carries it) to
the bot's first call about it, the peak resident size of the bot process, the
messages sent per finished quiz (the rest being edits). Linux only: CPU and
memory are read from /proc. `bench.alternation` runs the two bots in turn.
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
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from bot.content.models import Content
from bot.presentation.payloads import MenuPress, QuizPress, decode
from bot.presentation.texts import LIKERT_LABELS, t
from tests.support.fake_botapi import BotMessage, FakeBotAPI, FakeUser, JSONDict

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456789:AAHbenchTokenForTheLoadTest_0123456789ab"
WAIT_LIMIT = 60.0
"""A user who sees no reply for this long gives up (and is counted as stuck)."""


# --- The Bot API side -------------------------------------------------------


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


# --- The users --------------------------------------------------------------

Strategy = Callable[[BotMessage, random.Random], str | None]
"""The callback data to press on the message with the keyboard; None when the quiz is over."""


def careerbot_press(message: BotMessage, rng: random.Random) -> str | None:
    presses = [decode(button.data) for row in message.reply_markup for button in row]
    quiz = [p for p in presses if isinstance(p, QuizPress)]
    if not quiz:
        begin = [p for p in presses if isinstance(p, MenuPress) and p.verb == "begin"]
        return begin[0].encode() if begin else None
    answers = [p for p in quiz if p.verb == "answer"]
    if answers:
        return rng.choice(answers).encode()
    confirm = [p for p in quiz if p.verb == "confirm"]
    if confirm and any(text.startswith("✅") for text in message.buttons):
        return confirm[0].encode()
    # A forced choice shows Confirm only once enough options are ticked: tick another.
    buttons = [button for row in message.reply_markup for button in row]
    unticked = [
        press
        for button in buttons
        if not button.text.startswith("✅")
        and isinstance(press := decode(button.data), QuizPress)
        and press.verb == "toggle"
    ]
    return rng.choice(unticked).encode()


def floor_press(message: BotMessage, rng: random.Random) -> str | None:
    data = [button.data for row in message.reply_markup for button in row]
    return rng.choice(data) if data else None


@dataclass(frozen=True)
class Scenario:
    """Who presses how fast: `users` people arriving within `arrivals` seconds, each waiting
    a random time within `pace` before every press (None: flat out, all at once)."""

    name: str
    users: int
    pace: tuple[float, float] | None
    arrivals: float = 0.0

    def describe(self) -> str:
        if self.pace is None:
            return f"flat out, {self.users:,} people"
        low, high = self.pace
        return f"{self.users:,} people, a press every {low:g}–{high:g} s"


@dataclass
class Player:
    user: FakeUser
    server: LoadServer
    press_for: Strategy
    scenario: Scenario
    rng: random.Random
    finished: bool = False
    stuck: bool = False
    seen: int = 0

    def _state(self) -> int:
        chat = self.user.chat
        return len(chat.all_messages) + sum(len(m.history) for m in chat.all_messages)

    async def _next_screen(self) -> BotMessage | None:
        """Wait until the bot has shown something new; the newest message with a keyboard."""
        event = self.server.events[self.user.id]
        deadline = time.monotonic() + WAIT_LIMIT
        while self._state() == self.seen:
            event.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                return None
        self.seen = self._state()
        messages = self.user.chat.messages
        keyboards = [m for m in messages if m.reply_markup]
        return keyboards[-1] if keyboards else messages[-1]

    async def _pause(self) -> None:
        if self.scenario.pace is not None:
            await asyncio.sleep(self.rng.uniform(*self.scenario.pace))

    async def play(self) -> None:
        self.server.events[self.user.id] = asyncio.Event()
        await asyncio.sleep(self.rng.uniform(0, self.scenario.arrivals))
        await self._pause()
        self.user.send_text("/start")
        while True:
            screen = await self._next_screen()
            if screen is None:
                self.stuck = True
                return
            data = self.press_for(screen, self.rng)
            if data is None:
                self.finished = True
                return
            await self._pause()
            self.user.press(callback_data=data, message_id=screen.message_id)


# --- The bot process --------------------------------------------------------


def _proc_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _proc_peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


@dataclass
class Phase:
    seconds: float = 0.0
    updates: int = 0
    cpu_seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    peak_rss_mib: float = 0.0

    @property
    def updates_per_second(self) -> float:
        return self.updates / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms_per_update(self) -> float:
        return 1000 * self.cpu_seconds / self.updates if self.updates else 0.0

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
    players: list[Player] = []
    async with LoadServer() as server, _bot_log() as log:
        process = await asyncio.create_subprocess_exec(
            *bot.command,
            cwd=ROOT,
            env={**env, "TELEGRAM_BASE_URL": server.base_url},
            stdout=asyncio.subprocess.DEVNULL,
            stderr=log,
        )
        spy = None
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
            start, cpu = time.monotonic(), _proc_cpu_seconds(process.pid)
            await asyncio.gather(*(player.play() for player in players))
            seconds = time.monotonic() - start
            await server.wait_until_idle(quiet=0.5, timeout=120)  # the last charts
            figures = Phase(
                seconds=seconds,
                updates=server.updates,
                cpu_seconds=_proc_cpu_seconds(process.pid) - cpu,
                latencies=server.latencies,
                peak_rss_mib=_proc_peak_rss_mib(process.pid),
            )
        finally:
            if spy is not None:
                spy.send_signal(signal.SIGINT)
                await spy.wait()
            process.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()
        done = [p for p in players if p.finished]
        if process.returncode not in (0, -signal.SIGINT) or not done:
            log.seek(0)
            sys.stderr.write(log.read().decode(errors="replace")[-3000:])
        chats = [p.user.chat for p in done]
        sent = sum(len(chat.all_messages) for chat in chats)
        edits = sum(len(m.history) for chat in chats for m in chat.all_messages)
        return BotRun(
            bot.name,
            figures,
            finished=len(done),
            stuck=sum(p.stuck for p in players),
            messages_per_quiz=sent / len(done) if done else 0.0,
            edits_per_quiz=edits / len(done) if done else 0.0,
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
