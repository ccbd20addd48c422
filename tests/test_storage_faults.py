"""Unusable storage at start-up: corrupt files moved aside, unusable directories in one line,
state.db migrations, and stored rows that no longer validate."""

from __future__ import annotations

import logging
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.content.models import Content
from bot.engine.result import evaluate
from bot.engine.session import Quiz
from bot.scorelog.store import ScoreLog
from bot.state.database import check_database
from bot.state.records import ActiveQuiz
from bot.state.state_db import StateDb
from tests.support.fake_botapi import FakeBotAPI
from tests.support.harness import (
    make_settings,
    running_bot,
    undo_read_only,
)
from tests.support.process import NO_TELEGRAM, BotProcess, bot_env

# --- Ways a state.db can be broken ---------------------------------------------


def _with_quizzes(path: Path, content: Content) -> bytes:
    """A real state.db with many quizzes in progress, as bytes."""
    store = StateDb(path)
    quiz = Quiz(content)
    for user_id in range(1, 300):
        session = quiz.start(quiz_id=f"{user_id:08x}", lang="fr", started_at=1.0)
        store.save_quiz(user_id, ActiveQuiz(session, chat_id=user_id, message_id=user_id))
    store.close()
    data = path.read_bytes()
    path.unlink()
    return data


def garbage(path: Path, content: Content) -> None:
    path.write_bytes(b"this is not a database, just some text\n" * 200)


def truncated(path: Path, content: Content) -> None:
    data = _with_quizzes(path, content)
    path.write_bytes(data[: len(data) // 2])


def empty(path: Path, content: Content) -> None:
    path.write_bytes(b"")


def corrupted_pages(path: Path, content: Content) -> None:
    data = bytearray(_with_quizzes(path, content))
    data[3 * 4096 : 5 * 4096] = bytes(range(256)) * 32
    path.write_bytes(bytes(data))


BREAKAGES: list[Callable[[Path, Content], None]] = [garbage, truncated, empty, corrupted_pages]


def _moved_aside(data_dir: Path) -> bytes:
    [moved] = data_dir.glob("state.db.corrupt-*")
    return moved.read_bytes()


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda f: f.__name__)
async def test_a_corrupt_state_db_is_moved_aside_loudly_and_the_bot_starts_fresh(
    server: FakeBotAPI,
    tmp_path: Path,
    shipped_content: Content,
    breakage: Callable[[Path, Content], None],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Finding 8: a broken state.db crashed every start, or was used silently."""
    breakage(tmp_path / "state.db", shipped_content)
    broken = (tmp_path / "state.db").read_bytes()
    user = server.add_user(501, language_code="fr")
    with caplog.at_level(logging.INFO):
        async with running_bot(make_settings(server, tmp_path)):
            user.send_text("/start")
            await user.wait_for(lambda u: "▶️ Commencer le quiz" in u.buttons())
    assert _moved_aside(tmp_path)[: len(broken)] == broken
    loud = [r for r in caplog.records if "corrupt" in r.getMessage()]
    assert len(loud) == 1 and loud[0].levelno == logging.ERROR
    assert "moved to" in loud[0].getMessage() and not loud[0].exc_info
    with sqlite3.connect(tmp_path / "state.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


async def test_a_garbage_state_db_does_not_crash_the_process(
    server: FakeBotAPI, tmp_path: Path, shipped_content: Content
) -> None:
    """Finding 8: every start exited with a raw traceback (a supervisor would crash-loop)."""
    garbage(tmp_path / "state.db", shipped_content)
    user = server.add_user(502, language_code="fr")
    bot = BotProcess(server, tmp_path)
    with bot.running():
        user.send_text("/start")
        await user.wait_for(lambda u: "▶️ Commencer le quiz" in u.buttons(), timeout=30)
        assert bot.stop(signal.SIGTERM) == 0
    output = bot.outputs[-1]
    assert "Traceback" not in output
    assert len([line for line in output.splitlines() if "corrupt" in line]) == 1


def _run(
    data_dir: Path, preexec_fn: Callable[[], None] | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        env=bot_env(NO_TELEGRAM, data_dir, **env),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=preexec_fn,
    )


def _one_error_line(completed: subprocess.CompletedProcess[str]) -> str:
    assert completed.returncode != 0
    output = completed.stdout + completed.stderr
    assert "Traceback" not in output
    errors = [line for line in completed.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, output
    return errors[0]


def test_refusing_a_corrupt_file_is_one_line_and_keeps_it(
    tmp_path: Path, shipped_content: Content
) -> None:
    garbage(tmp_path / "state.db", shipped_content)
    line = _one_error_line(_run(tmp_path, CAREERBOT_ON_CORRUPT_DB="refuse"))
    assert "state.db is corrupt" in line and "CAREERBOT_ON_CORRUPT_DB" in line
    assert (tmp_path / "state.db").read_bytes().startswith(b"this is not a database")


def test_a_data_directory_that_cannot_be_created_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("a file where the directory should be")
    line = _one_error_line(_run(tmp_path / "file" / "data"))
    assert "data directory" in line and "cannot be created" in line


def test_a_read_only_data_directory_is_one_line(tmp_path: Path) -> None:
    """Finding 8: a read-only data directory at start-up gave a raw traceback."""
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o555)
    immutable = False
    if os.access(data, os.W_OK):  # root ignores permission bits
        subprocess.run(["chattr", "+i", str(data)], check=True, capture_output=True)
        immutable = True
    try:
        line = _one_error_line(_run(data))
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(data)], check=True, capture_output=True)
        data.chmod(0o755)
    assert "data directory" in line and "not writable" in line


# --- Storage faults at start-up that are not corruption: the files stay as they are ----------
#
# Issue 19: with the disk full at start-up, a healthy state.db was called corrupt and moved
# aside, and the person on question 6 started again at question 1. Each fault below meets a
# healthy database, as a stopped bot leaves it (quizzes or results in its write-ahead log):
# the bot must stop with one line saying what to fix, and leave every file untouched.


def _healthy_files(data_dir: Path, name: str, content: Content) -> dict[str, bytes]:
    """A healthy `name` (state.db or scores.db) with rows in its WAL, as a killed bot leaves it."""
    work = data_dir.parent / f"{data_dir.name}-work"
    work.mkdir()
    path = work / name
    if name == "state.db":
        data = StateDb(path)
        quiz = Quiz(content)
        for user_id in range(1, 50):
            session = quiz.start(quiz_id=f"{user_id:08x}", lang="fr", started_at=1.0)
            data.save_quiz(user_id, ActiveQuiz(session, chat_id=user_id, message_id=user_id))
        held = data.db.conn
    else:
        scores = ScoreLog(path)
        for number in range(5):
            session = Quiz(content).start(quiz_id=f"{number:08x}", lang="en", started_at=1.0)
            scores.record(content, session, evaluate(content, {}), finished_at=datetime.now(UTC))
        held = sqlite3.connect(path)
        held.execute(
            "insert into results (id, date, profile_id, version, lang, fit, band)"
            " values ('late', '2026-01-01', 'p', 'v', 'fr', 1, 'low')"
        )
        held.commit()
    data_dir.mkdir(exist_ok=True)
    for suffix in ("", "-wal"):  # copied while the connection is open: the WAL is not merged
        (data_dir / f"{name}{suffix}").write_bytes((work / f"{name}{suffix}").read_bytes())
    held.close()
    return {path.name: path.read_bytes() for path in sorted(data_dir.iterdir())}


def _disk_full() -> None:
    """In the bot process: no file may grow (as on a full disk), and that is not fatal."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def _untouched(data_dir: Path, before: dict[str, bytes]) -> None:
    """The database's files as they were (SQLite may open its `-shm` index, rebuilt at will)."""
    assert not list(data_dir.glob("*.corrupt-*")), "nothing moved aside"
    files = {name: (data_dir / name).read_bytes() for name in before}
    assert files == before, "every file byte for byte as it was"


@pytest.mark.parametrize("name", ["state.db", "scores.db"])
def test_a_full_disk_at_start_up_stops_in_one_line_and_moves_nothing(
    tmp_path: Path, shipped_content: Content, name: str
) -> None:
    data = tmp_path / "data"
    before = _healthy_files(data, name, shipped_content)
    line = _one_error_line(_run(data, preexec_fn=_disk_full))
    assert name in line and "corrupt" not in line
    assert "free some space" in line
    _untouched(data, before)
    if name == "state.db":
        kept = StateDb(data / name).load_quiz(6)
        assert kept is not None, "the person on question 6 keeps their quiz once space is freed"


@pytest.mark.parametrize("name", ["state.db", "scores.db"])
def test_a_read_only_database_at_start_up_stops_in_one_line_and_moves_nothing(
    tmp_path: Path, shipped_content: Content, name: str
) -> None:
    data = tmp_path / "data"
    before = _healthy_files(data, name, shipped_content)
    files = list(data.iterdir())
    for path in files:  # the database and its write-ahead log
        path.chmod(0o444)
        if os.geteuid() == 0:  # root ignores permission bits
            subprocess.run(["chattr", "+i", str(path)], check=True, capture_output=True)
    try:
        line = _one_error_line(_run(data))
    finally:
        for path in files:
            undo_read_only(path)
    assert name in line and "corrupt" not in line
    assert "permissions" in line or "read-only" in line or "writable" in line
    _untouched(data, before)


@pytest.mark.parametrize("name", ["state.db", "scores.db"])
def test_a_database_locked_by_another_process_stops_in_one_line_and_moves_nothing(
    tmp_path: Path, shipped_content: Content, name: str
) -> None:
    data = tmp_path / "data"
    _healthy_files(data, name, shipped_content)
    holder = sqlite3.connect(data / name)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        line = _one_error_line(_run(data))
    finally:
        holder.rollback()
        holder.close()
    assert name in line and "corrupt" not in line and "locked" in line
    assert not list(data.glob("*.corrupt-*"))


@pytest.mark.parametrize("name", ["state.db", "scores.db"])
def test_a_corrupt_database_is_refused_in_one_line_on_both_files(
    tmp_path: Path, shipped_content: Content, name: str
) -> None:
    garbage(tmp_path / name, shipped_content)
    line = _one_error_line(_run(tmp_path, CAREERBOT_ON_CORRUPT_DB="refuse"))
    assert f"{name} is corrupt" in line and "CAREERBOT_ON_CORRUPT_DB" in line
    assert (tmp_path / name).read_bytes().startswith(b"this is not a database")


def test_a_corrupt_scores_db_is_moved_aside_and_a_fresh_one_made(
    tmp_path: Path, shipped_content: Content
) -> None:
    """Both files follow the same rule: only a failed integrity check moves a file."""
    corrupted_pages(tmp_path / "scores.db", shipped_content)
    broken = (tmp_path / "scores.db").read_bytes()
    check_database(tmp_path / "scores.db", "move")
    [moved] = tmp_path.glob("scores.db.corrupt-*")
    assert moved.read_bytes() == broken and not (tmp_path / "scores.db").exists()


# --- state.db migrations and stored rows that no longer validate -------------------

#: The tables of a state.db written before it had migrations.
_UNVERSIONED_SCHEMA = """
CREATE TABLE sessions (user_id INTEGER PRIMARY KEY, chat_id INTEGER NOT NULL,
    message_id INTEGER, data TEXT NOT NULL, updated_at FLOAT NOT NULL);
CREATE TABLE languages (user_id INTEGER PRIMARY KEY, lang TEXT, updated_at FLOAT);
CREATE TABLE last_results (user_id INTEGER PRIMARY KEY, version TEXT, lang TEXT,
    answers TEXT, finished_at FLOAT);
CREATE TABLE content_versions (version TEXT PRIMARY KEY, data TEXT);
INSERT INTO languages VALUES (7, 'en', 1.0);
"""


def test_state_db_has_migrations_and_adopts_a_file_from_before_them(tmp_path: Path) -> None:
    """Finding 10: state.db had no migrations."""
    path = tmp_path / "state.db"
    with sqlite3.connect(path) as conn:
        conn.executescript(_UNVERSIONED_SCHEMA)
    store = StateDb(path)
    assert store.language(7) == "en", "the rows written before migrations are kept"
    names = [row["name"] for row in store.db.query("select name from _sqlite_migrations")]
    assert names == [
        "m001_create_tables",
        "m002_unlogged_results",
        "m003_previous_results",
        "m004_result_quiz_ids",
        "m005_result_records",
        "m006_expiry_indexes",
    ]
    store.close()


def _store_an_outdated_session(path: Path, content: Content, user_id: int) -> None:
    """A session as an older release might have stored it: a field renamed since."""
    store = StateDb(path)
    session = Quiz(content).start(quiz_id="0ld5e55n", lang="fr", started_at=1.0)
    data = session.model_dump(mode="json")
    data["answers_given"] = data.pop("answers")
    with store.db.conn:
        store.db.execute(
            "insert into sessions values (?, ?, ?, ?, ?)",
            [user_id, user_id, None, __import__("json").dumps(data), 1e10],
        )
    store.close()


def told(text: str) -> bool:
    return "a dû être recommencé" in text or "had to start over" in text


@pytest.mark.parametrize("command", ["/start", "/forget", "/restart", "/cancel", "/language"])
async def test_a_stored_session_that_no_longer_validates_never_blocks_a_command(
    server: FakeBotAPI,
    tmp_path: Path,
    shipped_content: Content,
    command: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Finding 10: after a deploy that renamed a field, /start and /forget failed ("Oups")."""
    user = server.add_user(503, language_code="fr")
    _store_an_outdated_session(tmp_path / "state.db", shipped_content, user.id)
    with caplog.at_level(logging.INFO):
        async with running_bot(make_settings(server, tmp_path)):
            user.send_text(command)
            if command == "/language":  # the picker reads nothing; the pick loads the quiz
                await user.wait_for(lambda u: "English" in u.buttons())
                user.press("English")
            await user.wait_for(lambda u: any(told(text) for text in u.texts))
            await server.wait_until_idle()
    assert not any("Oups" in text for text in user.texts)
    assert len([text for text in user.texts if told(text)]) == 1, "the person is told once"
    assert any("no longer validates" in r.getMessage() for r in caplog.records)
    assert "Traceback" not in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
