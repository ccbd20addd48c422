"""careerbot (A) and the floor (B) in turn, A-B-B-A, so that a busy machine skews both alike.

Each alternation gives one ratio per figure: the mean of careerbot's two runs over
the mean of the floor's two. A load that rises or falls steadily over the four
runs hits A and B alike (A's runs sit around the same midpoint as B's); the
spread of the ratios over several alternations says how much the rest is noise.
"""

from __future__ import annotations

import asyncio
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.load import Bot, BotRun, Phase, run_bot
from bench.players import WAIT_LIMIT, Scenario

ABBA = (0, 1, 1, 0)
AB = (0, 1)
"""One pair, for a scenario too long to repeat (the 1,000 people at a reader's pace)."""


@dataclass(frozen=True)
class Metric:
    label: str
    unit: str
    digits: int
    of: Callable[[Phase], float]


METRICS = (
    Metric("updates per second", "/s", 1, lambda f: f.updates_per_second),
    Metric("CPU per update", "ms", 2, lambda f: f.cpu_ms_per_update),
    Metric("  of it, the event loop", "ms", 2, lambda f: f.loop_cpu_ms_per_update),
    Metric("wake-ups per update", "", 2, lambda f: f.wakeups_per_update),
    Metric("  of them, the event loop", "", 2, lambda f: f.loop_wakeups_per_update),
    Metric("waited for a CPU", "ms", 2, lambda f: f.run_queue_ms_per_update),
    Metric("latency p50", "ms", 1, lambda f: f.latency_ms(0.50)),
    Metric("latency p99", "ms", 1, lambda f: f.latency_ms(0.99)),
    Metric("peak RSS", "MiB", 1, lambda f: f.peak_rss_mib),
)


@dataclass
class Alternation:
    careerbot: list[BotRun]
    floor: list[BotRun]

    def ratio(self, metric: Metric) -> float:
        mine = statistics.fmean(metric.of(run.figures) for run in self.careerbot)
        base = statistics.fmean(metric.of(run.figures) for run in self.floor)
        return mine / base if base else float("nan")


def alternate(
    bots: tuple[Bot, Bot],
    scenario: Scenario,
    alternations: int,
    order: tuple[int, ...] = ABBA,
    seed: int = 11,
    profile_dir: Path | None = None,
) -> list[Alternation]:
    """`alternations` rounds of `order` (indexes into `bots`), the same users in each round.

    With `profile_dir`, py-spy samples the first run of each bot.
    """
    results = []
    profiled: set[str] = set()
    for round_ in range(alternations):
        runs: list[BotRun] = []
        for index in order:
            bot = bots[index]
            profile = None
            if profile_dir is not None and bot.name not in profiled:
                profiled.add(bot.name)
                profile = profile_dir / f"{scenario.name}-{bot.name}.txt"
            runs.append(asyncio.run(run_bot(bot, scenario, seed + round_, profile)))
        results.append(
            Alternation(
                [r for r in runs if r.name == bots[0].name],
                [r for r in runs if r.name == bots[1].name],
            )
        )
    return results


def _in_order(alternation: Alternation) -> list[BotRun]:
    """The runs of an alternation in the order they ran (A-B-B-A or A-B)."""
    careerbot, floor = alternation.careerbot, alternation.floor
    return [careerbot[0], *floor, *careerbot[1:]]


def report(title: str, scenario: Scenario, results: list[Alternation]) -> None:
    """Each figure: the median of each bot's runs, and the ratio's median and spread."""
    careerbot = [run for alternation in results for run in alternation.careerbot]
    floor = [run for alternation in results for run in alternation.floor]
    rounds = len(results)
    kind = "A-B-B-A" if len(results[0].floor) == 2 else "A-B"
    print(f"\n{title}: {scenario.describe()}, {rounds} {kind} alternation(s), whole runs")
    spread = "min–max" if rounds > 1 else ""
    print(f"   {'':<24} {'careerbot':>15} {'floor':>15} {'ratio':>7}  {spread}")
    for metric in METRICS:
        mine = statistics.median(metric.of(run.figures) for run in careerbot)
        base = statistics.median(metric.of(run.figures) for run in floor)
        ratios = [alternation.ratio(metric) for alternation in results]
        low_high = f"  {min(ratios):.2f}–{max(ratios):.2f}" if rounds > 1 else ""
        print(
            f"   {metric.label:<24} {mine:>10.{metric.digits}f} {metric.unit:<4}"
            f" {base:>10.{metric.digits}f} {metric.unit:<4}"
            f" {statistics.median(ratios):>6.2f}×{low_high}"
        )
    runs_each = len(careerbot), len(floor)
    finished = sum(r.finished for r in careerbot), sum(r.finished for r in floor)
    print(
        f"   {'finished quizzes':<24} {finished[0]:>10} of {runs_each[0] * scenario.users:<4}"
        f" {finished[1]:>7} of {runs_each[1] * scenario.users:<4}"
    )
    for label, of in (
        ("messages sent per quiz", lambda r: r.messages_per_quiz),
        ("edits per quiz", lambda r: r.edits_per_quiz),
    ):
        mine = statistics.median(of(run) for run in careerbot)
        base = statistics.median(of(run) for run in floor)
        print(f"   {label:<24} {mine:>10.2f}      {base:>10.2f}")
    loads = ", ".join(f"{run.load_average:.1f}" for a in results for run in _in_order(a))
    print(f"   {'machine load average':<24} {loads} (1 min, at the end of each run)")
    stuck = {
        name: sum(r.stuck for r in runs)
        for name, runs in (("careerbot", careerbot), ("floor", floor))
    }
    if any(stuck.values()):
        print(f"   users who got no answer within {WAIT_LIMIT:.0f} s: {stuck}")
