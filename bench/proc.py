"""The bot processes on a shared machine: what they cost, read from Linux's /proc (CPU time,
waits for a CPU, peak memory), and the priority they run at."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of the process so far, all its threads."""
    return _cpu_seconds(Path(f"/proc/{pid}/stat"))


def main_thread_cpu_seconds(pid: int) -> float:
    """User and system CPU time of the process's main thread so far: the event loop's."""
    return _cpu_seconds(Path(f"/proc/{pid}/task/{pid}/stat"))


def _cpu_seconds(stat: Path) -> float:
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wakeups(pid: int) -> tuple[int, int]:
    """How often the process's live threads, and its main thread, have gone to sleep so far.

    Each voluntary context switch is a wait (for the network, a lock, a queue)
    that ended in a wake-up: on a virtual machine, each wake-up costs CPU of its
    own, and the first work after it runs slower (docs/benchmarks.md).
    """
    total = main = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            status = (task / "status").read_text()
        except (FileNotFoundError, ProcessLookupError):
            continue  # a thread that just ended
        count = int(status.split("voluntary_ctxt_switches:", 1)[1].split()[0])
        total += count
        if task.name == str(pid):
            main = count
    return total, main


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


@contextlib.contextmanager
def priority(niceness: int) -> Iterator[str]:
    """Run this process, and the bot processes it starts, at `niceness`; what was done.

    On a machine shared with other work, a process gets its fair share of the
    CPUs and no more: the rest of the time it waits, runnable, in the run queue.
    A bot that needs more than that share (1,000 people at a reader's pace ask
    careerbot for about 70 % of a core) falls behind until people give up
    (docs/benchmarks.md). With the scheduler's autogroups (Linux's default on a
    desktop or a shared VM), the share is split between sessions first, and a
    process's niceness only ranks it within its own session: so the session's
    autogroup gets `niceness` too, and its former niceness back afterwards.
    Lowering either needs root or CAP_SYS_NICE; without it, nothing changes.
    """
    autogroup = Path("/proc/self/autogroup")
    done = []
    with contextlib.suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, 0, niceness)
    done.append(f"niceness {os.getpriority(os.PRIO_PROCESS, 0)}")
    before = _autogroup_niceness(autogroup)
    if before is not None and before != niceness:
        with contextlib.suppress(OSError):
            autogroup.write_text(str(niceness))
    after = _autogroup_niceness(autogroup)
    if after is not None:
        done.append(f"session's autogroup at niceness {after}")
    try:
        yield ", ".join(done)
    finally:
        if before is not None and after != before:
            with contextlib.suppress(OSError):
                autogroup.write_text(str(before))


def _autogroup_niceness(autogroup: Path) -> int | None:
    """The niceness of the autogroup ("/autogroup-42 nice 0"); None without autogroups."""
    try:
        return int(autogroup.read_text().split()[-1])
    except (OSError, ValueError, IndexError):
        return None


def load_average() -> float:
    """The machine's load average over the last minute (runnable processes, all users)."""
    return os.getloadavg()[0]
