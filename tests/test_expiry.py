"""Idle quizzes, results and languages expire when someone sends /start, after
`session_ttl_days`; a /start with nothing to expire writes nothing to state.db.

Every /start looks for rows to expire. It used to open a write transaction and run its
deletes over whole tables each time; the timestamps are now indexed, and the deletes
run only when a row is old enough.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.content.models import Content
from bot.content.served import ServedContents
from bot.engine.session import Quiz
from bot.services import quiz
from bot.services.deps import Deps
from bot.services.reply import Person
from bot.sqlite_lib import Database
from bot.state.expiry import EXPIRING
from bot.state.records import ActiveQuiz
from bot.state.state_db import StateDb
from bot.state.state_schema import MIGRATIONS
from bot.state.state_store import StateStore
from tests.support.records import kept

TTL_DAYS = 30
#: How a statement that writes, or opens a write transaction, begins (sqlite-utils wraps its
#: reads in a savepoint, which on its own only reads).
WRITES = ("insert", "update", "delete", "replace", "begin", "create", "drop", "alter")
ANA = Person(user_id=7, chat_id=7, language_code="fr", first_name="Ana")
LEFT = 8
"""Someone who started a quiz, chose a language and finished a quiz, then left."""


@pytest.fixture
async def deps(tmp_path: Path, mini_content: Content) -> AsyncIterator[Deps]:
    db = StateDb(tmp_path / "state.db")
    db.remember_content(mini_content)
    session = Quiz(mini_content).start(quiz_id="left0001", lang="fr", started_at=1.0)
    db.save_quiz(LEFT, ActiveQuiz(session, chat_id=LEFT, message_id=3))
    db.set_language(LEFT, "en")
    db.save_result(LEFT, kept(mini_content, {}))
    db.save_result(LEFT, kept(mini_content, {}))  # the first becomes the previous one
    db.checkpoint()
    store = StateStore(db)
    yield Deps(store, ServedContents([mini_content]), session_ttl_days=TTL_DAYS)
    await asyncio.to_thread(store.close)


def statements(db: StateDb) -> list[str]:
    """Every statement run on `db` from now on (on its thread), as SQLite traces it."""
    traced: list[str] = []
    db.db.conn.set_trace_callback(traced.append)
    return traced


def files(path: Path) -> dict[str, bytes]:
    """The database file and its write-ahead log, as they are on disk."""
    return {name: (path.parent / name).read_bytes() for name in (path.name, f"{path.name}-wal")}


def age(db: StateDb, user_id: int, days: float) -> None:
    """Make every row of `user_id` as old as `days`."""
    then = time.time() - days * 86_400
    with db.db.conn:
        for table, column in EXPIRING:
            db.db.execute(f"update {table} set {column} = ? where user_id = ?", [then, user_id])
    db.checkpoint()


def rows_of(db: StateDb, user_id: int) -> dict[str, int]:
    found = {}
    for table, _ in EXPIRING:
        query = f"select count(*) from {table} where user_id = ?"
        found[table] = db.db.execute(query, [user_id]).fetchone()[0]
    return found


async def test_a_start_with_nothing_to_expire_writes_nothing(deps: Deps) -> None:
    assert isinstance(deps.state, StateStore)
    db = deps.state.db
    age(db, LEFT, TTL_DAYS - 1)  # old, but not old enough
    before, changes = files(db.path), db.db.conn.total_changes
    traced = statements(db)
    for _ in range(2):
        reply = await quiz.start(deps, ANA, None)
        assert reply.screens  # the greeting
    assert any("updated_at <" in line for line in traced), "the expiry was not looked for"
    assert not [line for line in traced if line.lstrip().lower().startswith(WRITES)]
    assert db.db.conn.total_changes == changes
    assert files(db.path) == before
    assert rows_of(db, LEFT) == {table: 1 for table, _ in EXPIRING}


async def test_a_start_still_removes_what_is_older_than_the_time_kept(deps: Deps) -> None:
    """Privacy: a quiz, a result and a language untouched for `session_ttl_days` go at the
    next /start, whoever sends it."""
    assert isinstance(deps.state, StateStore)
    db = deps.state.db
    age(db, LEFT, TTL_DAYS + 1)
    before = files(db.path)
    traced = statements(db)
    await quiz.start(deps, ANA, None)
    assert [line for line in traced if line.lstrip().lower().startswith("delete")]
    assert rows_of(db, LEFT) == {table: 0 for table, _ in EXPIRING}
    assert files(db.path) != before
    assert await deps.state.load_quiz(LEFT) is None
    assert await deps.state.language(LEFT) is None


def test_an_old_state_db_gets_the_indexes_and_keeps_its_rows(
    tmp_path: Path, mini_content: Content
) -> None:
    path = tmp_path / "state.db"
    old = Database(path)
    MIGRATIONS.apply(old, stop_before="m006_expiry_indexes")
    session = Quiz(mini_content).start(quiz_id="old00001", lang="fr", started_at=1.0)
    old.table("sessions").insert(
        {
            "user_id": LEFT,
            "chat_id": LEFT,
            "message_id": 3,
            "data": session.model_dump_json(),
            "updated_at": time.time(),
        }
    )
    old.table("languages").insert({"user_id": LEFT, "lang": "en", "updated_at": time.time()})
    assert not any(old.table(table).indexes for table, _ in EXPIRING)
    old.close()

    db = StateDb(path)
    assert db.load_quiz(LEFT) == ActiveQuiz(session, chat_id=LEFT, message_id=3)
    assert db.language(LEFT) == "en"
    for table, column in EXPIRING:
        assert [index.columns for index in db.db.table(table).indexes] == [[column]], table
        plan = db.db.execute(
            f"explain query plan select exists (select 1 from {table} where {column} < ?)", [0]
        ).fetchall()
        assert any(f"USING COVERING INDEX idx_{table}_{column}" in row[-1] for row in plan), plan
    db.close()
