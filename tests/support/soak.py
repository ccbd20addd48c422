"""`make soak`: the fault campaign at length, checking that the bot's memory and open file
descriptors stay flat. Prints its figures (docs/reliability.md keeps a run's).

    python -m tests.support.soak [--users 500] [--minutes 5] [--seed 7]
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

from tests.support.chaos import Plan, run_campaign
from tests.support.fake_botapi import FakeBotAPI
from tests.support.harness import TOKEN

#: Growth allowed between the first and the last fifth of the run (after warm-up).
MAX_RSS_GROWTH_MB = 15.0
MAX_FD_GROWTH = 5


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


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
        arrival_spread=span * 0.7,
        sample=sample,
    )
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as data:
        async with FakeBotAPI(token=TOKEN) as server:
            report = await run_campaign(server, Path(data), plan, span=span, settle=300.0)
            requests = len(server.requests)
        with Database(Path(data) / "scores.db") as db:
            logged = db.table("results").count
    elapsed = time.monotonic() - started

    fifth = max(len(samples) // 5, 1)
    warm = samples[fifth:]  # the first fifth is start-up and warm-up
    early, late = warm[:fifth], warm[-fifth:]
    rss_early = statistics.median(s[1] for s in early)
    rss_late = statistics.median(s[1] for s in late)
    fd_early = max(s[2] for s in early)
    fd_late = max(s[2] for s in late)
    print(f"soak: {users} people over {elapsed:.0f} s, seed {seed}")
    print(f"  results shown and checked: {report.results_checked}; logged in scores.db: {logged}")
    print(f"  Bot API requests: {requests}; faults injected: {report.faults}")
    print(f"  bot memory (RSS, median): {rss_early:.1f} MB early, {rss_late:.1f} MB late")
    print(f"  bot open fds (max): {fd_early} early, {fd_late} late")
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
    parser.add_argument("--minutes", type=float, default=6.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--verbose", action="store_true", help="Print each problem in full.")
    args = parser.parse_args()
    sys.exit(asyncio.run(soak(args.users, args.minutes, args.seed)))


if __name__ == "__main__":
    main()
