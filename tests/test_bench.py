"""`make bench` keeps working: the load benchmark runs end to end with a handful of users.

No timing is asserted (speed belongs to `make bench` itself): this checks that
both bots finish every quiz and that the report has its rows.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

from bench import proc
from tests.support.paths import ROOT


def bench(*args: str, module: str = "bench", timeout: int = 600) -> str:
    """What `python -m <module> <args>` prints; it must exit 0 (else its stderr says why)."""
    out = subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout


def test_the_load_benchmark_runs_with_a_few_users() -> None:
    """One A-B-B-A alternation of each load, three people each: every quiz finishes."""
    stdout = bench(
        *("--load-only", "--alternations", "1", "--users", "3", "--pace", "0.1,0.3"),
        *("--arrivals", "1", "--flat", "3", "--slow-disk", "0", "--nice", "0"),
    )
    sections = stdout.split("\n\n")
    loads = [s for s in sections if "A-B-B-A alternation" in s]
    assert len(loads) == 2, stdout  # paced and flat out
    for load in loads:
        lines = {line.strip().split("  ")[0]: line for line in load.splitlines() if line.strip()}
        rows = (
            *("updates per second", "CPU per update", "of it, the event loop", "peak RSS"),
            *("wake-ups per update", "of them, the event loop"),
        )
        for row in (*rows, "latency p99"):
            assert row in lines, load
        whole, loop = lines["CPU per update"].split(), lines["of it, the event loop"].split()
        for column in (3, 5):  # careerbot's ms, the floor's ms
            assert float(loop[column + 2]) <= float(whole[column]), load
        woken, loop_woken = (
            lines["wake-ups per update"].split(),
            lines["of them, the event loop"].split(),
        )
        for column in (3, 4):  # careerbot's, the floor's
            assert 0 < float(loop_woken[column + 2]) <= float(woken[column]), load
        finished = lines["finished quizzes"].split()
        # careerbot's two runs and the floor's two: every quiz of the three people.
        assert finished[2:5] == ["6", "of", "6"] and finished[5:8] == ["6", "of", "6"], load
    assert "no answer within" not in stdout


def test_the_event_loop_cpu_leaves_out_the_other_threads() -> None:
    """`main_thread_cpu_seconds` counts the main thread alone; `cpu_seconds` every thread."""
    pid = os.getpid()
    whole, main = proc.cpu_seconds(pid), proc.main_thread_cpu_seconds(pid)
    busy = threading.Thread(target=_spin, args=(0.5,))
    busy.start()
    busy.join()
    other_threads = (proc.cpu_seconds(pid) - whole) - (proc.main_thread_cpu_seconds(pid) - main)
    assert other_threads >= 0.4


def test_wakeups_count_every_live_thread_and_the_main_one_apart() -> None:
    """`wakeups` counts each sleep of the live threads; the main thread's come apart."""
    pid = os.getpid()
    slept, finish = threading.Event(), threading.Event()

    def sleep_often() -> None:
        for _ in range(50):
            time.sleep(0.001)
        slept.set()
        finish.wait()  # alive while counted: a thread that has ended is not

    sleeper = threading.Thread(target=sleep_often)
    sleeper.start()
    slept.wait()
    every, main = proc.wakeups(pid)
    finish.set()
    sleeper.join()
    # Totals, not differences: a thread of another test that ends meanwhile takes its own
    # count out of the total (once 49 against 50), while the live sleeper's stay in.
    assert main > 0
    assert every - main >= 50


def _spin(cpu_seconds: float) -> None:
    """Use `cpu_seconds` of this thread's CPU time (not wall time: a busy machine only slows it)."""
    end = time.thread_time() + cpu_seconds
    while time.thread_time() < end:
        pass


def test_the_slow_disk_benchmark_runs_with_a_few_people() -> None:
    """One A-B-B-A round of the slow disk, two people and one bystander: every quiz finishes
    in both set-ups, and the /help waits are reported."""
    stdout = bench(
        *("--load-only", "--users", "0", "--flat", "0", "--slow-disk", "2"),
        *("--slow-disk-bystanders", "1", "--slow-disk-pace", "0.05,0.1", "--nice", "0"),
    )
    section = stdout.split("8. A slow disk")[1]
    rows = {line.strip()[:22].strip(): line for line in section.splitlines()[1:]}
    for setup in ("own thread (now)", "on the loop (before)"):
        assert rows[setup].split()[-3:] == ["4", "of", "4"], stdout
    assert "before ÷ now" in rows, stdout


def test_the_chart_benchmark_prints_every_figure() -> None:
    """Two fresh processes of four charts: each row has its figure."""
    stdout = bench("--runs", "2", "--charts", "4", module="bench.chart_cost", timeout=300)
    rows = {line[:47].strip(): line[47:].split() for line in stdout.splitlines()[1:]}
    assert len(rows) == 11, stdout
    for name, figures in rows.items():
        assert float(figures[0]) > 0, name


def test_the_micro_benchmarks_run_and_print_every_case() -> None:
    """Sections 1 to 4 of `make bench` (start-up, one result, evaluate, state.db commits),
    once each, with no load after them: every case prints its row."""
    stdout = bench(
        *("--runs", "1", "--alternations", "0", "--flat", "0", "--slow-disk", "0", "--nice", "0")
    )
    for row in (
        "import bot.cli  (baseline)",
        "+ render one result chart",
        "result_chart_png()",
        "results/s",
        "NORMAL",
    ):
        assert row in stdout, stdout
