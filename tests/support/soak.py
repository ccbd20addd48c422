"""`make soak`: the fault campaign at length, checking that the bot's memory and open file
descriptors stay flat. Prints its figures (docs/reliability.md keeps a run's).

    python -m tests.support.soak [--users 500] [--minutes 8] [--seed 7]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlite_utils import Database

from bot.content.loader import load_content
from bot.presentation.texts import open_catalogues
from tests.support.chaos import Plan, run_campaign
from tests.support.fake_botapi import FakeBotAPI
from tests.support.harness import TOKEN
from tests.support.paths import MINI_PROFILES, MINI_QUESTIONS

#: People arrive during this share of the run; the rest leaves the last ones time to finish.
ARRIVALS = 0.65
#: Growth allowed between the first and the last third of the steady state.
MAX_RSS_GROWTH_MB = 15.0
MAX_FD_GROWTH = 5


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _fds(pid: int) -> int:
    """Open descriptors other than sockets: the HTTP connection pool opens and closes
    sockets with the number of requests in flight (bounded by its size), files must not grow."""
    fd_dir = Path(f"/proc/{pid}/fd")
    return sum(1 for fd in fd_dir.iterdir() if not os.readlink(fd).startswith("socket:"))


def _steady_windows(
    samples: list[tuple[float, float, int]], started: float, arrivals: float
) -> tuple[list[tuple[float, float, int]], list[tuple[float, float, int]]]:
    """The first and last third of the steady state, when as many people arrive as finish.

    Memory follows the number of quizzes in progress, which climbs while the first people
    play and falls while the last ones finish: only the second half of the arrivals, when
    that number is flat, tells a leak from a crowd.
    """
    steady = [s for s in samples if started + arrivals / 2 <= s[0] <= started + arrivals]
    third = max(len(steady) // 3, 1)
    return steady[:third], steady[-third:]


async def soak(users: int, minutes: float, seed: int) -> int:
    samples: list[tuple[float, float, int]] = []

    def sample(pid: int) -> None:
        with contextlib.suppress(OSError):  # the process is between a kill and a restart
            samples.append((time.monotonic(), _rss_mb(pid), _fds(pid)))

    span = minutes * 60
    plan = Plan(
        seed=seed,
        users=users,
        quizzes_each=1,
        kills=0,  # a restart would reset memory: this run measures one process
        fault_every=1.0,
        arrival_spread=span * ARRIVALS,
        sample=sample,
        think=(2.0, 6.0),  # people read before they press; flat-out load is `make bench`'s job
        patience=240.0,  # the last to arrive still get to finish
        unthrottled=True,  # 500 people exceed Telegram's 30 messages/s: measure the bot, not that
    )
    # The harness renders each expected result itself, in the languages of the quiz it plays.
    open_catalogues(None, load_content(MINI_QUESTIONS, MINI_PROFILES).profile.languages)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as data:
        async with FakeBotAPI(token=TOKEN) as server:
            report = await run_campaign(server, Path(data), plan, span=span, settle=300.0)
            requests = len(server.requests)
        with Database(Path(data) / "scores.db") as db:
            logged = db.table("results").count
    elapsed = time.monotonic() - started

    early, late = _steady_windows(samples, started, span * ARRIVALS)
    rss_early = statistics.median(s[1] for s in early)
    rss_late = statistics.median(s[1] for s in late)
    fd_early = max(s[2] for s in early)
    fd_late = max(s[2] for s in late)
    print(f"soak: {users} people over {elapsed:.0f} s, seed {seed}")
    print(f"  results shown and checked: {report.results_checked}; logged in scores.db: {logged}")
    print(f"  Bot API requests: {requests}; faults injected: {report.faults}")
    print(f"  bot memory (RSS, median): {rss_early:.1f} MB early, {rss_late:.1f} MB late")
    print(f"  bot open fds other than sockets (max): {fd_early} early, {fd_late} late")
    print(f"  problems: {len(report.problems)}")
    for problem in report.problems[:5]:
        print("   -", problem if "--verbose" in sys.argv else problem.splitlines()[0])
    if "--verbose" in sys.argv:
        print(report.bot_output)
    ok = (
        not report.problems
        and report.results_checked == users == logged
        and rss_late - rss_early <= MAX_RSS_GROWTH_MB
        and fd_late - fd_early <= MAX_FD_GROWTH
        and "Traceback" not in report.bot_output
    )
    print("soak: OK" if ok else "soak: FAILED")
    return 0 if ok else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--minutes", type=float, default=8.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--verbose", action="store_true", help="Print each problem in full.")
    args = parser.parse_args()
    sys.exit(asyncio.run(soak(args.users, args.minutes, args.seed)))


if __name__ == "__main__":
    main()
