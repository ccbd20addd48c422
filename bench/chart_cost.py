"""What one result chart costs: CPU warm and cold, PNG size, resident memory (docs/benchmarks.md).

`python -m bench.chart_cost` runs `--runs` fresh processes. Each loads the shipped
content, scores `--charts` random results, then draws one chart cold (Pillow
imported by it, as in the bot) and the others warm, alternating the languages, in
one worker thread, with the bot's allocator settings (`give_memory_back`). It
prints the median over the processes of: CPU per chart warm (median) and cold, the
PNG's mean size, the resident size before the first chart, once Pillow is imported,
after the first chart and after the last, the peak over the warm charts (VmHWM reset
after the first) and the process's peak (ru_maxrss).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _rss_mib(field: str = "VmRSS") -> float:
    """The resident size now (VmRSS), or its peak since start or the last reset (VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _reset_peak() -> None:
    """VmHWM starts again from the resident size now (Linux 4.0 and later)."""
    Path("/proc/self/clear_refs").write_text("5")


def _child(charts: int) -> dict[str, float]:
    """One fresh process's figures (run with `--child`)."""
    from bench.micro import find_content, random_answers
    from bot.engine.record import record_of
    from bot.engine.result import evaluate
    from bot.presentation.texts import open_catalogues
    from bot.telegram_bot.malloc import give_memory_back

    give_memory_back()  # as the bot does at start-up

    content, _, _ = find_content()
    open_catalogues(None, content.profile.languages)
    rng = random.Random(7)
    langs = ["fr", "en"]
    records = [
        record_of(content, evaluate(content, random_answers(content, rng)), lang=langs[i % 2])
        for i in range(charts)
    ]
    before = _rss_mib()

    imported: list[float] = []

    def draw(index: int) -> tuple[float, int]:
        start = time.thread_time()
        from bot.presentation.result_chart import result_chart_png  # the first imports Pillow

        if not imported:
            imported.append(_rss_mib())
        data = result_chart_png(content, records[index], langs[index % 2])
        return time.thread_time() - start, len(data)

    with ThreadPoolExecutor(max_workers=1) as thread:
        cold, first_size = thread.submit(draw, 0).result()
        after_first = _rss_mib()
        _reset_peak()
        warm = [thread.submit(draw, i).result() for i in range(1, charts)]
        warm_peak = _rss_mib("VmHWM")
    return {
        "warm_ms": statistics.median(cpu for cpu, _ in warm) * 1000,
        "cold_ms": cold * 1000,
        "png_kb": statistics.mean([first_size] + [size for _, size in warm]) / 1000,
        "before_mib": before,
        "imported_mib": imported[0],
        "after_first_mib": after_first,
        "after_mib": _rss_mib(),
        "warm_peak_mib": warm_peak,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.chart_cost", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="fresh processes")
    parser.add_argument("--charts", type=int, default=51, help="charts per process")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.charts)))
        return
    runs = []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, "-m", "bench.chart_cost", "--child", "--charts", str(args.charts)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        runs.append(json.loads(out.stdout.splitlines()[-1]))
    print(f"Result chart, {args.charts} charts in each of {args.runs} fresh processes (median)")
    for key, name in [
        ("warm_ms", "CPU per chart, warm (ms)"),
        ("cold_ms", "CPU of the first chart, cold (ms)"),
        ("png_kb", "PNG, mean (KB)"),
        ("before_mib", "RSS before the first chart (MiB)"),
        ("imported_mib", "RSS once Pillow is imported (MiB)"),
        ("after_first_mib", "RSS after the first chart (MiB)"),
        ("after_mib", "RSS after the last chart (MiB)"),
        ("warm_peak_mib", "peak RSS over the warm charts (MiB)"),
        ("peak_mib", "peak RSS of the process (MiB)"),
    ]:
        values = [run[key] for run in runs]
        spread = f"({min(values):.1f}–{max(values):.1f})"
        print(f"   {name:<36} {statistics.median(values):>8.1f}  {spread}")


if __name__ == "__main__":
    main()
