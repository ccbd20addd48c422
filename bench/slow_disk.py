"""A slow disk: who waits for it, with the SQLite calls on the event loop and off it.

careerbot runs as in `bench.load` (its own process, the loopback Bot API), but
each answer it saves takes `delay` seconds longer (`bench.slow_disk_bot`).
Meanwhile `people` play the whole quiz at a human pace and `bystanders`, who
need no disk, send /help again and again. Each side's wait is timed as its
user sees it: from the press (or the command) to the next screen (or reply).

The two set-ups run in turn, A-B-B-A: the bot as it is (each database's calls
on a thread of their own) and the same bot with every store call made on the
event loop, as it was before. On the loop, each slow save stops the whole bot,
so /help waits behind everyone's saves; off it, only the person being saved
waits, behind the saves queued before theirs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field

from bench import proc
from bench.load import ROOT
from bench.load_server import TOKEN, LoadServer
from bench.players import WAIT_LIMIT, Player, Scenario, careerbot_press
from tests.support.fake_botapi import BotMessage, FakeUser

SETUPS = ("own thread (now)", "on the loop (before)")


@dataclass(frozen=True)
class SlowDisk:
    delay: float = 0.1
    """Seconds added to each answer saved."""
    people: int = 8
    bystanders: int = 4
    pace: tuple[float, float] = (1.0, 2.0)
    """Seconds before each press of the people playing, and between two /help."""


@dataclass
class TimedPlayer(Player):
    """A `Player` who times each press until the next screen."""

    pressed_at: float | None = None
    waits: list[float] = field(default_factory=list)

    async def _pause(self) -> None:
        await super()._pause()
        self.pressed_at = time.monotonic()

    async def _next_screen(self) -> BotMessage | None:
        screen = await super()._next_screen()
        if self.pressed_at is not None and screen is not None:
            self.waits.append(time.monotonic() - self.pressed_at)
        return screen


@dataclass
class SlowRun:
    help_waits: list[float]
    answer_waits: list[float]
    finished: int
    stuck: int
    cpu_ms_per_update: float


async def _ask_help(
    server: LoadServer, user: FakeUser, rng: random.Random, disk: SlowDisk, done: asyncio.Event
) -> list[float]:
    """Send /help again and again until `done`; how long each reply took to come."""
    event = server.events[user.id] = asyncio.Event()
    waits = []
    while not done.is_set():
        await asyncio.sleep(rng.uniform(*disk.pace))
        before = len(user.chat.all_messages)
        start = time.monotonic()
        user.send_text("/help")
        while len(user.chat.all_messages) == before:
            event.clear()
            await asyncio.wait_for(event.wait(), WAIT_LIMIT)
        waits.append(time.monotonic() - start)
    return waits


async def run_once(disk: SlowDisk, on_loop: bool, seed: int) -> SlowRun:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "BENCH_SAVE_DELAY": str(disk.delay)}
    env["BENCH_ON_LOOP"] = "1" if on_loop else "0"
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="careerbot-bench-") as data:
        async with LoadServer() as server:
            env |= {"CAREERBOT_DATA_DIR": data, "TELEGRAM_BASE_URL": server.base_url}
            process = await asyncio.create_subprocess_exec(
                *(sys.executable, "-m", "bench.slow_disk_bot"),
                cwd=ROOT,
                env=env,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL,
            )
            try:
                await server.wait_for(lambda s: s.requests_for("getUpdates"), timeout=60)
                scenario = Scenario("slow disk", disk.people, disk.pace, arrivals=disk.pace[1])
                players = [
                    TimedPlayer(
                        server.add_user(20_000 + n, f"Player{n}", language_code="fr"),
                        server,
                        careerbot_press,
                        scenario,
                        random.Random(rng.random()),
                    )
                    for n in range(disk.people)
                ]
                bystanders = [
                    server.add_user(30_000 + n, f"Bystander{n}", language_code="en")
                    for n in range(disk.bystanders)
                ]
                cpu = proc.cpu_seconds(process.pid)
                done = asyncio.Event()
                asking = [
                    asyncio.create_task(
                        _ask_help(server, user, random.Random(rng.random()), disk, done)
                    )
                    for user in bystanders
                ]
                await asyncio.gather(*(player.play() for player in players))
                done.set()
                help_waits = [wait for waits in await asyncio.gather(*asking) for wait in waits]
                cpu_ms = 1000 * (proc.cpu_seconds(process.pid) - cpu) / max(server.updates, 1)
            finally:
                process.terminate()
                await process.wait()
    return SlowRun(
        help_waits,
        [wait for player in players for wait in player.waits],
        finished=sum(player.finished for player in players),
        stuck=sum(player.stuck for player in players),
        cpu_ms_per_update=cpu_ms,
    )


def _ms(waits: list[float], quantile: float) -> float:
    if len(waits) < 2:
        return 1000 * (waits[0] if waits else 0.0)
    return 1000 * statistics.quantiles(waits, n=100, method="inclusive")[round(quantile * 100) - 1]


def measure(disk: SlowDisk, alternations: int, seed: int = 23) -> dict[str, list[SlowRun]]:
    """`alternations` rounds of A-B-B-A (A: now, B: before), the same people in each run."""
    runs: dict[str, list[SlowRun]] = {setup: [] for setup in SETUPS}
    for _ in range(alternations):
        for index in (0, 1, 1, 0):
            runs[SETUPS[index]].append(asyncio.run(run_once(disk, index == 1, seed)))
    return runs


def report(title: str, disk: SlowDisk, runs: dict[str, list[SlowRun]]) -> None:
    rounds = len(runs[SETUPS[0]]) // 2
    low, high = disk.pace
    print(f"\n{title}: each answer saved takes {disk.delay * 1000:.0f} ms more")
    print(
        f"   {disk.people} people play (a press every {low:g}–{high:g} s), {disk.bystanders}"
        f" others send /help as often; {rounds} round(s) of now, before, before, now;"
        " each wait as the user sees it"
    )
    print(
        f"   {'SQLite calls':<22} {'/help p50':>10} {'p99':>9} {'answer p50':>11} {'p99':>9}"
        f" {'CPU/update':>11} {'finished':>9}"
    )
    figures = {}
    for setup, setup_runs in runs.items():
        helps = [wait for run in setup_runs for wait in run.help_waits]
        answers = [wait for run in setup_runs for wait in run.answer_waits]
        cpu = statistics.median(run.cpu_ms_per_update for run in setup_runs)
        figures[setup] = [_ms(helps, 0.5), _ms(helps, 0.99), _ms(answers, 0.5), _ms(answers, 0.99)]
        figures[setup].append(cpu)
        finished = sum(run.finished for run in setup_runs)
        stuck = sum(run.stuck for run in setup_runs)
        help_p50, help_p99, answer_p50, answer_p99, _ = figures[setup]
        print(
            f"   {setup:<22} {help_p50:>7.0f} ms {help_p99:>6.0f} ms"
            f" {answer_p50:>8.0f} ms {answer_p99:>6.0f} ms {cpu:>8.2f} ms"
            f" {finished:>4} of {disk.people * len(setup_runs)}"
            + (f" ({stuck} stuck)" if stuck else "")
        )
    now, before = (figures[setup] for setup in SETUPS)
    ratios = [b / n if n else float("nan") for b, n in zip(before, now, strict=True)]
    print(
        f"   {'before ÷ now':<22} {ratios[0]:>8.1f}× {ratios[1]:>7.1f}×"
        f" {ratios[2]:>9.1f}× {ratios[3]:>7.1f}× {ratios[4]:>10.2f}×"
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `python -m bench` for this scenario."""
    default = SlowDisk()
    option = parser.add_argument
    option("--slow-disk", type=int, default=default.people, help="people on a slow disk (0: skip)")
    option("--slow-disk-bystanders", type=int, default=default.bystanders, help="/help senders")
    option("--slow-disk-delay", type=float, default=default.delay, help="seconds more per save")
    option(
        "--slow-disk-pace",
        type=lambda text: tuple(float(part) for part in text.split(",")),
        default=default.pace,
        metavar="LOW,HIGH",
        help="seconds before each press, and between two /help, on the slow disk",
    )
    option("--slow-disk-alternations", type=int, default=1, help="A-B-B-A rounds (0: skip)")


def run(title: str, args: argparse.Namespace) -> None:
    """Measure and report the scenario as `args` set it (see `add_arguments`)."""
    if not (args.slow_disk and args.slow_disk_alternations):
        return
    disk = SlowDisk(
        args.slow_disk_delay, args.slow_disk, args.slow_disk_bystanders, args.slow_disk_pace
    )
    report(title, disk, measure(disk, args.slow_disk_alternations))
