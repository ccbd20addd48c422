"""Headless Chromium for the dashboard test, and the two commands it checks the page against.

The browser is Debian's `chromium` (`make browser` installs it as root), driven by
Playwright's Python API: Playwright never downloads a browser of its own here.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.paths import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    # What works on a closed network, as root in a container: no sandbox (root), no GPU,
    # nothing fetched from outside (QUIC, background updates, components, sync).
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing_browser() -> str | None:
    """Why the browser test cannot run here, or None when it can."""
    if not CHROMIUM.exists():
        return (
            "Debian's chromium is not installed: `make browser` installs it as root "
            "(apt-get install chromium)"
        )
    return None


def careerbot(*args: str, columns: int = 400) -> str:
    """`python -m bot ARGS` as a user runs it; its standard output, wide enough not to wrap."""
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env={**os.environ, "COLUMNS": str(columns), "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return done.stdout


@contextmanager
def review_server(db: Path, port: int, log: Path) -> Iterator[str]:
    """`careerbot logs review` on `db`, as a user starts it; its base URL once it serves."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "logs", "review", "--db", str(db), "--port", str(port)],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_for_line(process, log, "Serving", seconds=120)
        yield f"http://127.0.0.1:{port}"
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _wait_for_line(process: subprocess.Popen[bytes], log: Path, text: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        printed = log.read_text(errors="replace")
        if text in printed:
            return
        if process.poll() is not None:
            raise AssertionError(f"logs review ended before serving; it printed:\n{printed}")
        time.sleep(0.2)
    raise AssertionError(f"logs review printed no {text!r} within {seconds:.0f} s")


# --- Reading `careerbot logs summary` as printed ---------------------------------------------

_OVERVIEW = re.compile(r"^\s*(Results|Mean fit|Median fit)\s+(\S+)\s*$")


def summary_tables(text: str) -> dict[str, list[list[str]]]:
    """The rows of each titled table that `logs summary` prints, cells stripped."""
    tables: dict[str, list[list[str]]] = {}
    title = ""
    for line in text.splitlines():
        cells = line.strip()
        if cells.startswith("│"):
            tables[title].append([cell.strip() for cell in cells.strip("│").split("│")])
        elif cells and cells[0] not in "┏┃┡└":
            title = cells
            tables.setdefault(title, [])
    return tables


def summary_overview(text: str) -> dict[str, str]:
    """The overview lines at the top of `logs summary`: Results, Mean fit, Median fit."""
    return {m[1]: m[2] for line in text.splitlines() if (m := _OVERVIEW.match(line))}


def chosen_counts(cell: str) -> dict[str, int]:
    """`pause ×69 · preorder ×96` → {'pause': 69, 'preorder': 96}."""
    counts = {}
    for part in cell.split(" · "):
        choice, _, times = part.rpartition(" ×")
        counts[choice] = int(times)
    return counts
