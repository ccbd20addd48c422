"""What one result chart costs: CPU warm and cold, PNG size, resident memory (docs/benchmarks.md).

`python -m bench.chart_cost` runs `--runs` fresh processes. Each loads the shipped
content, scores `--charts` random results, then draws them in one worker thread,
with the bot's allocator settings (`give_memory_back`), French and English in turn:
the first cold (Pillow imported by it, as in the bot), the first in the other
language, then the others warm. It prints the median over the processes of: CPU
per chart warm (median) and of the first two, the PNG's mean size, the resident
size before the first chart, once Pillow is imported, after the first chart and
after the last, and the peak resident size during the first chart, the second and
the others, read by another process as fast as it can (`_SAMPLER`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _rss_mib() -> float:
    """The resident size, counted page by page (`smaps_rollup`): VmRSS and statm are
    the kernel's running counts, which lag by megabytes on this machine."""
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        if line.startswith("Rss:"):
            return int(line.split()[1]) / 1024
    return 0.0


# The kernel's peak (VmHWM, ru_maxrss) misses memory mapped and unmapped between two
# of its updates, as a chart's canvas is: another process reads the resident size
# (page by page) as fast as it can instead. Each line on its stdin asks for the peak
# since the last one.
_SAMPLER = """
import os, select, sys
fd, peak = os.open(f"/proc/{sys.argv[1]}/smaps_rollup", os.O_RDONLY), 0
print("ready", flush=True)
while True:
    for _ in range(20):
        text = os.pread(fd, 4096, 0)
        start = text.index(b"Rss:") + 4
        peak = max(peak, int(text[start : text.index(b"kB", start)]))
    if select.select([sys.stdin], [], [], 0)[0]:
        line = sys.stdin.readline()
        print(peak / 1024, flush=True)
        if not line:
            break
        peak = 0
"""


class _Sampler:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _SAMPLER, str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdin and self.process.stdout
        self.stdin, self.stdout = self.process.stdin, self.process.stdout
        self.stdout.readline()

    def peak(self, last: bool = False) -> float:
        """The peak resident size in MiB since the last call."""
        if last:
            self.stdin.close()
        else:
            self.stdin.write("next\n")
            self.stdin.flush()
        peak = float(self.stdout.readline())
        if last:
            self.process.wait()
        return peak


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

    sampler = _Sampler()
    with ThreadPoolExecutor(max_workers=1) as thread:
        cold, first_size = thread.submit(draw, 0).result()
        after_first = _rss_mib()
        first_peak = sampler.peak()
        # The first chart in the other language: its texts are not kept yet either.
        second, second_size = thread.submit(draw, 1).result()
        second_peak = sampler.peak()
        warm = [thread.submit(draw, i).result() for i in range(2, charts)]
        warm_peak = sampler.peak(last=True)
    return {
        "warm_ms": statistics.median(cpu for cpu, _ in warm) * 1000,
        "cold_ms": cold * 1000,
        "second_ms": second * 1000,
        "png_kb": statistics.mean([first_size, second_size] + [size for _, size in warm]) / 1000,
        "before_mib": before,
        "imported_mib": imported[0],
        "after_first_mib": after_first,
        "after_mib": _rss_mib(),
        "first_peak_mib": first_peak,
        "second_peak_mib": second_peak,
        "warm_peak_mib": warm_peak,
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
        ("second_ms", "CPU of the first in the other language (ms)"),
        ("png_kb", "PNG, mean (KB)"),
        ("before_mib", "RSS before the first chart (MiB)"),
        ("imported_mib", "RSS once Pillow is imported (MiB)"),
        ("after_first_mib", "RSS after the first chart (MiB)"),
        ("after_mib", "RSS after the last chart (MiB)"),
        ("first_peak_mib", "peak RSS, first chart (MiB)"),
        ("second_peak_mib", "peak RSS, first in the other language (MiB)"),
        ("warm_peak_mib", "peak RSS over the other charts (MiB)"),
    ]:
        values = [run[key] for run in runs]
        spread = f"({min(values):.1f}–{max(values):.1f})"
        print(f"   {name:<44} {statistics.median(values):>8.1f}  {spread}")


if __name__ == "__main__":
    main()
