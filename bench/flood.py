"""Fairness under flood: a bystander's /help while another person sends 400 texts at once.

A real `python -m bot run` process (with Telegram's 30 messages/s throttle, as
deployed) long polls the fake Bot API of the tests on 127.0.0.1. In each round a
new person sends `--flood` texts in one go, then a bystander sends /help: the
latency is from the bystander's message to the bot's answer. Before the per-person
limit (bot/telegram_bot/flood.py) the bystander waited 32 s behind 400 texts;
the goal is under 1 s. Run alone with `python -m bench.flood`.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import statistics
import tempfile
import time
from pathlib import Path

from tests.support.fake_botapi import FakeBotAPI, FakeUser
from tests.support.harness import TOKEN
from tests.support.process import BotProcess

GOAL_SECONDS = 1.0
HELP_MARKER = "/result"  # in the help text, in both languages


async def _help(user: FakeUser, timeout: float = 60.0) -> float:  # noqa: ASYNC109
    """Send /help and wait for the answer; the seconds it took."""
    count = len(user.texts)
    start = time.perf_counter()
    user.send_text("/help")
    await user.wait_for(
        lambda u: any(HELP_MARKER in text for text in u.texts[count:]), timeout=timeout
    )
    return time.perf_counter() - start


async def _measure(rounds: int, flood: int) -> tuple[list[float], list[int]]:
    latencies: list[float] = []
    replies: list[int] = []
    with tempfile.TemporaryDirectory(prefix="careerbot-flood-") as tmp:
        async with FakeBotAPI(token=TOKEN) as server:
            bot = BotProcess(server, Path(tmp))
            bystander = server.add_user(900_000, language_code="fr")
            bot.start()
            try:
                await _help(bystander, timeout=120)  # the bot is up
                for number in range(rounds):
                    flooder = server.add_user(900_001 + number, language_code="fr")
                    for text in range(flood):
                        flooder.send_text(f"flood {text}")
                    latencies.append(await _help(bystander))
                    await server.wait_until_idle(quiet=0.5, timeout=120)
                    replies.append(len(flooder.messages))
            finally:
                await bot.stop_soon(signal.SIGTERM)
    return latencies, replies


def measure(rounds: int = 5, flood: int = 400) -> tuple[list[float], list[int]]:
    """Each round's bystander latency (s) and how many replies the flooder got."""
    return asyncio.run(_measure(rounds, flood))


def report(latencies: list[float], replies: list[int], flood: int) -> None:
    print(f"\n6. A bystander's /help while another person sends {flood} texts at once")
    print(f"   {len(latencies)} rounds, a new flooder each time (goal: under {GOAL_SECONDS:.0f} s)")
    print(f"   {'bystander latency, median':<30} {statistics.median(latencies) * 1000:>8.0f} ms")
    print(f"   {'bystander latency, worst':<30} {max(latencies) * 1000:>8.0f} ms")
    print(f"   {'replies to the flooder':<30} {max(replies):>8} at most, of {flood} texts")


def section(rounds: int = 5, flood: int = 400) -> None:
    """Measure and print this benchmark, as a section of `make bench`."""
    latencies, replies = measure(rounds, flood)
    report(latencies, replies, flood)


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.flood", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--rounds", type=int, default=5, help="floods, one flooder each")
    parser.add_argument("--flood", type=int, default=400, help="texts per flood")
    args = parser.parse_args()
    section(args.rounds, args.flood)


if __name__ == "__main__":
    main()
