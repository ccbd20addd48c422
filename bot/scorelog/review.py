"""`careerbot logs review`: Datasette on a snapshot of the score log, run as a well-behaved server.

The port is checked before anything starts (a port held only by connections in
TIME-WAIT is free, as it is for Datasette); the URL is printed only once Datasette
answers; SIGINT and SIGTERM stop Datasette and remove the snapshot; a Datasette that
fails to start makes the command fail too. Datasette stays in careerbot's process
group and, on Linux, gets SIGTERM when careerbot dies, even by SIGKILL: it never
serves on as an orphan; the snapshot such a review leaves behind is removed by
the next one.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from importlib.resources import files
from pathlib import Path
from types import FrameType

#: The Datasette metadata: titles, descriptions and the canned queries.
METADATA = files("bot.scorelog").joinpath("datasette/metadata.yaml")
REVIEW_HOST = "127.0.0.1"
START_TIMEOUT = 60.0
"""Seconds Datasette gets to answer its first request."""
STOP_TIMEOUT = 10.0
"""Seconds Datasette gets to stop after SIGTERM before it is killed."""
SNAPSHOT_PREFIX = "careerbot-review-"
"""A snapshot's folder is named `careerbot-review-<pid of the review>-<random>`."""
_PR_SET_PDEATHSIG = 1
"""prctl(2): the signal the calling process gets when its parent dies."""
_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))
"""Asks Datasette directly, whatever proxy the environment names."""


class ReviewError(Exception):
    """The review server could not start; the message says why."""


class _Stopped(Exception):
    """SIGINT or SIGTERM arrived."""


def snapshot(source: Path, target: Path) -> None:
    """Copy a consistent image of the live log, write-ahead log included, into one file."""
    with (
        closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as src,
        closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")


def check_port_free(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As Datasette's own server binds: only a listening socket makes the port taken.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise ReviewError(
                f"port {port} on {host} is taken ({error.strerror}): "
                "stop what uses it or choose another with --port."
            ) from None


def remove_orphaned_snapshots(folder: Path) -> list[Path]:
    """Remove the snapshots in `folder` whose review is gone (killed before it could)."""
    removed = []
    for candidate in folder.glob(f"{SNAPSHOT_PREFIX}*-*"):
        pid = candidate.name.removeprefix(SNAPSHOT_PREFIX).split("-", 1)[0]
        if candidate.is_dir() and pid.isdigit() and not _running_pid(int(pid)):
            shutil.rmtree(candidate, ignore_errors=True)
            removed.append(candidate)
    return removed


def _running_pid(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def serve(path: Path, port: int, *, echo: Callable[[str], None]) -> None:
    """Serve a snapshot of `path` until Datasette stops, Ctrl+C or SIGTERM."""
    check_port_free(REVIEW_HOST, port)
    if left := remove_orphaned_snapshots(Path(tempfile.gettempdir())):
        echo(f"Removed {len(left)} snapshot(s) left by a review that was killed.")
    url = f"http://{REVIEW_HOST}:{port}/scores"
    prefix = f"{SNAPSHOT_PREFIX}{os.getpid()}-"
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        copy = Path(tmp) / "scores.db"
        snapshot(path, copy)
        metadata = Path(tmp) / "metadata.yaml"
        metadata.write_text(METADATA.read_text(encoding="utf-8"), encoding="utf-8")
        command = [sys.executable, "-m", "datasette", "serve", "-i", str(copy)]
        command += ["--metadata", str(metadata), "--host", REVIEW_HOST, "--port", str(port)]
        with _signals_as_exception(), _running(command) as process:
            try:
                _wait_until_serving(process, f"http://{REVIEW_HOST}:{port}/-/versions.json")
                echo(f"Serving a snapshot of {path} at {url} (Ctrl+C to stop)")
                code = process.wait()
            except _Stopped:
                echo("Stopped.")
                return
        if code != 0:
            raise ReviewError(f"Datasette stopped with exit code {code}.")


@contextmanager
def _running(command: list[str]) -> Iterator[subprocess.Popen[bytes]]:
    """Datasette in a child process, always stopped (then killed if stuck) on leaving."""
    process = subprocess.Popen(command, preexec_fn=_dies_with_parent())
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _dies_with_parent() -> Callable[[], None] | None:
    """What the child runs before Datasette: ask Linux for SIGTERM when this process dies.

    Prepared here, in the parent, so that the child (between fork and exec) only calls
    prctl; a parent that died before that call is caught by its pid having changed.
    """
    if not sys.platform.startswith("linux"):
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    parent = os.getpid()

    def in_child() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:
            os._exit(1)

    return in_child


@contextmanager
def _signals_as_exception() -> Iterator[None]:
    """SIGINT and SIGTERM raise `_Stopped`, even where SIGINT was inherited as ignored
    (as in a shell's background job), so that both always stop the server."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise _Stopped

    watched = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, stop) for sig in watched}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _wait_until_serving(process: subprocess.Popen[bytes], probe_url: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if (code := process.poll()) is not None:
            raise ReviewError(f"Datasette did not start (exit code {code}): see its message above.")
        try:
            with _LOCAL.open(probe_url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise ReviewError(f"Datasette did not answer within {START_TIMEOUT:.0f} s.")
