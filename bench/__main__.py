"""Measure what the charts cost next to the rest of the bot.

1. Start-up: a fresh `python -c "import bot.cli"` (the baseline) against the
   same with `bot.presentation.charts` imported, with content loaded and scored, and with
   one result chart rendered: wall time and peak memory (ru_maxrss), each as
   the best time and median memory of several subprocess runs.
2. In one warm process: scoring one result against rendering one chart.
3. The rate of `evaluate()` on random answers.
4. What saving an answer in state.db costs with synchronous=FULL and NORMAL.
5. The whole bot under load against a bare python-telegram-bot floor, both on
   the same loopback Bot API, in turn (A-B-B-A, see `bench.alternation`): 60
   people at a human pace, then 200 flat out; with `--crowd 1000`, a crowd at a
   reader's pace too (long: about ten minutes per bot).
6. A slow disk: who waits for it, SQLite on the event loop or off it (`bench.slow_disk`).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bench import proc, slow_disk
from bench.micro import evaluate_rate, find_content, score_vs_render, startup, state_commits
from bot.presentation.texts import open_catalogues


def _pace(text: str) -> tuple[float, float]:
    low, high = (float(part) for part in text.split(","))
    return low, high


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="subprocess runs per start-up case")
    parser.add_argument(
        "--load-only", action="store_true", help="skip the start-up and chart measurements"
    )
    parser.add_argument(
        "--alternations", type=int, default=3, help="A-B-B-A rounds of the paced load"
    )
    parser.add_argument("--users", type=int, default=60, help="people at a human pace")
    parser.add_argument(
        "--pace", type=_pace, default=(2.0, 4.0), metavar="LOW,HIGH", help="seconds per press"
    )
    parser.add_argument(
        "--arrivals", type=float, default=10.0, help="seconds over which the paced people arrive"
    )
    parser.add_argument("--flat", type=int, default=200, help="people flat out (0: skip)")
    parser.add_argument(
        "--flat-alternations", type=int, default=1, help="A-B-B-A rounds of the flat-out load"
    )
    parser.add_argument("--crowd", type=int, default=0, help="people at a reader's pace (0: skip)")
    parser.add_argument(
        "--crowd-pace",
        type=_pace,
        default=(10.0, 20.0),
        metavar="LOW,HIGH",
        help="seconds per press in the crowd",
    )
    parser.add_argument(
        "--crowd-arrivals", type=float, default=60.0, help="seconds over which the crowd arrives"
    )
    parser.add_argument(
        "--crowd-abba", action="store_true", help="the crowd A-B-B-A instead of one A-B pair"
    )
    parser.add_argument(
        "--nice",
        type=int,
        default=-10,
        help="niceness of the bench, the bots it starts and its session (below 0 needs root)",
    )
    slow_disk.add_arguments(parser)
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="sample each bot's first run of each load with py-spy into DIR",
    )
    return parser.parse_args()


def main() -> None:
    args = _arguments()
    with proc.priority(args.nice) as priority:
        _measure(args, priority)


def _measure(args: argparse.Namespace, priority: str) -> None:
    content, questions, profiles = find_content()
    open_catalogues(None, content.profile.languages)
    print(
        f"careerbot bench: Python {sys.version.split()[0]}, content {content.profile.id!r} "
        f"({len(content.questions)} questions, {len(content.profile.dimensions)} dimensions)\n"
        f"{priority} (the bench and the bots it starts); "
        f"{os.cpu_count()} CPUs, load average {proc.load_average():.1f} at the start\n"
    )
    if not args.load_only:
        startup(args.runs, questions, profiles)
        score_vs_render(content)
        evaluate_rate(content)
        state_commits(content)
    from bench.alternation import AB, ABBA, alternate, report
    from bench.load import the_two_bots
    from bench.players import Scenario

    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    loads = [
        ("5. Paced", Scenario("paced", args.users, args.pace, args.arrivals), args.alternations),
        ("6. Flat out", Scenario("flat", args.flat, None), args.flat_alternations),
        ("7. A crowd", Scenario("crowd", args.crowd, args.crowd_pace, args.crowd_arrivals), 1),
    ]
    with the_two_bots(content) as bots:
        for title, scenario, rounds in loads:
            if scenario.users and rounds:
                order = AB if scenario.name == "crowd" and not args.crowd_abba else ABBA
                results = alternate(bots, scenario, rounds, order, profile_dir=args.profile)
                report(title, scenario, results)
    slow_disk.run("8. A slow disk", args)


if __name__ == "__main__":
    main()
