"""`careerbot logs review` as a real process: the URL once serving, a taken port, signals."""

from __future__ import annotations

import contextlib
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

from bot.scorelog.review import remove_orphaned_snapshots
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


def time_wait_on(port: int) -> None:
    """Leave a connection in TIME-WAIT on `port` (the side that closes first keeps it), with
    nothing listening there any more: what a review stopped a moment ago leaves behind
    (its server, like most, listened with SO_REUSEADDR)."""
    with socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", port))
        server.listen()
        with socket.create_connection(("127.0.0.1", port)) as client:
            accepted, _ = server.accept()
            accepted.close()  # the server's side closes first: its port goes to TIME-WAIT
            assert client.recv(1) == b""
    with socket.socket() as plain, pytest.raises(OSError):
        plain.bind(("127.0.0.1", port))  # what the old check did: refused


def test_a_port_held_only_in_time_wait_is_used(scores: Path, port: int, temp_dir: Path) -> None:
    time_wait_on(port)
    process = start_review(scores, port, temp_dir)
    try:
        assert f"127.0.0.1:{port}/scores" in read_line_with(process, "Serving")
        with DIRECT.open(f"http://127.0.0.1:{port}/scores.json", timeout=10) as response:
            assert response.status == 200
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.communicate(timeout=60)


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def gone(pid: int) -> bool:
    """Ended: no such process, or a zombie nobody has reaped yet."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal: Linux")
def test_datasette_dies_with_a_review_killed_by_sigkill(
    scores: Path, port: int, temp_dir: Path
) -> None:
    """Before, `kill -9` of the review left Datasette serving as an orphan."""
    review = [sys.executable, "-m", "bot", "logs", "review", "--db", str(scores)]
    process = subprocess.Popen(
        [*review, "--port", str(port)],
        env={**os.environ, "TMPDIR": str(temp_dir)},
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        read_line_with(process, "Serving")
        [datasette] = children_of(process.pid)
        process.kill()
        process.communicate(timeout=30)
        deadline = time.monotonic() + 60
        while not gone(datasette) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert gone(datasette), "Datasette outlived the review"
        assert connection_refused(port)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)

    [left] = temp_dir.iterdir()  # nobody was left to remove it: the next review does
    assert left.name.startswith(f"careerbot-review-{process.pid}-")
    following = start_review(scores, free_port(), temp_dir)
    try:
        read_line_with(following, "Serving")
        assert not left.exists()
        assert len(list(temp_dir.iterdir())) == 1
    finally:
        os.killpg(following.pid, signal.SIGTERM)
        following.communicate(timeout=60)


def test_only_the_snapshots_of_reviews_that_are_gone_are_removed(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    orphan = tmp_path / f"careerbot-review-{dead.pid}-abc"
    running = tmp_path / f"careerbot-review-{os.getpid()}-def"
    other = tmp_path / "careerbot-review-xyz"
    for folder in (orphan, running, other):
        folder.mkdir()
        (folder / "scores.db").write_bytes(b"")
    assert remove_orphaned_snapshots(tmp_path) == [orphan]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([running.name, other.name])
