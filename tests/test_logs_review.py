"""`careerbot logs review` as a real process: the URL once serving, a taken port, signals."""

from __future__ import annotations

import os
import selectors
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support.ports import free_port
from tests.support.scorelog import fill, scorelog_content

pytest.importorskip("datasette")

DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture
def scores(tmp_path: Path) -> Path:
    path = tmp_path / "scores.db"
    fill(path, scorelog_content())
    return path


@pytest.fixture
def temp_dir(tmp_path: Path) -> Path:
    """The review's TMPDIR: where its snapshot lives while it runs."""
    directory = tmp_path / "tmp"
    directory.mkdir()
    return directory


@pytest.fixture
def port() -> int:
    return free_port()


def start_review(scores: Path, port: int, temp_dir: Path) -> subprocess.Popen[str]:
    review = [sys.executable, "-m", "bot", "logs", "review", "--db", str(scores)]
    # Started with SIGINT ignored, as in a shell's background job: Ctrl+C must still stop it.
    return subprocess.Popen(
        ["sh", "-c", 'trap "" INT; exec "$@"', "sh", *review, "--port", str(port)],
        env={**os.environ, "TMPDIR": str(temp_dir)},
        start_new_session=True,  # so that a failing test can stop Datasette too
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def read_line_with(process: subprocess.Popen[str], text: str, seconds: float = 120) -> str:
    """The first line of the review's output that holds `text`, read straight from the pipe
    (a buffered readline could hold a second line back from select)."""
    assert process.stdout is not None
    fd = process.stdout.fileno()
    seen = ""
    deadline = time.monotonic() + seconds
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not selector.select(timeout=1):
                continue
            chunk = os.read(fd, 65536).decode()
            assert chunk, f"the review ended before printing {text!r}; it printed:\n{seen}"
            seen += chunk
            for line in seen.splitlines():
                if text in line:
                    return line
    raise AssertionError(f"no {text!r} within {seconds} s; the review printed:\n{seen}")


def connection_refused(port: int) -> bool:
    with socket.socket() as client:
        return client.connect_ex(("127.0.0.1", port)) != 0


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_datasette_and_removes_the_snapshot(
    scores: Path, port: int, temp_dir: Path, sig: signal.Signals
) -> None:
    process = start_review(scores, port, temp_dir)
    try:
        line = read_line_with(process, "Serving")
        url = f"http://127.0.0.1:{port}/scores"
        assert url in line
        # The URL is printed once Datasette serves: the very first request answers.
        with DIRECT.open(f"{url}/results.json?_shape=array", timeout=10) as response:
            assert response.status == 200
        [snapshot_dir] = temp_dir.iterdir()
        assert snapshot_dir.name.startswith("careerbot-review-")

        process.send_signal(sig)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()

    assert process.returncode == 0, err
    assert "Stopped." in out
    assert list(temp_dir.iterdir()) == [], "the snapshot is removed"
    assert connection_refused(port), "Datasette is not left serving"


def test_a_taken_port_fails_clearly_before_serving(scores: Path, port: int, temp_dir: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", port))
        squatter.listen()
        process = start_review(scores, port, temp_dir)
        out, err = process.communicate(timeout=60)

    assert process.returncode == 1
    assert f"port {port} on 127.0.0.1 is taken" in err
    assert "Serving" not in out
    assert list(temp_dir.iterdir()) == []
