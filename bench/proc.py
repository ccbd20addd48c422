"""The bot processes on a shared machine: what they cost, read from Linux's /proc (CPU time,
waits for a CPU, peak memory), and the priority they run at."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of the process so far, all its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_queue_seconds(pid: int) -> float:
    """How long the process's live threads have waited, runnable, for a CPU so far.

    On a machine with more runnable processes than cores, a process that never
    sleeps still shows a small share of a core: it spends the rest in the
    run queue. This is that rest (the scheduler's own figure, in
    /proc/PID/task/TID/schedstat; threads that have ended are not counted).
    """
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[1])
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue  # a thread that just ended
    return total / 1e9


def peak_rss_mib(pid: int) -> float:
    """The process's peak resident size so far (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def raise_priority(niceness: int) -> int:
    """Run this process, and the bot processes it starts, at `niceness`; the niceness in effect.

    On a machine shared with other work, a bot process at the default priority
    gets a core's share of its fair share and no more: the rest of the time it
    waits in the run queue, and a load that fits on an idle core (1,000 people
    at a reader's pace) queues up until people give up (docs/benchmarks.md).
    Lowering the niceness needs root or CAP_SYS_NICE; without it, nothing changes.
    """
    with contextlib.suppress(PermissionError):
        os.setpriority(os.PRIO_PROCESS, 0, niceness)
    return os.getpriority(os.PRIO_PROCESS, 0)


def load_average() -> float:
    """The machine's load average over the last minute (runnable processes, all users)."""
    return os.getloadavg()[0]
