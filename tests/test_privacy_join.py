"""Nothing in state.db links a person to their anonymous row in scores.db.

The attack of the last round: the operator holds both files, reads each
person's answers in state.db and joins them on the `answers` table of
scores.db. Here the same join runs on the raw bytes of state.db and of its
write-ahead log (deleted rows and old pages included) after real finishes and
retakes, and must find nothing; before the results are logged, while the
outbox still carries the answers, the same scan finds every person, which
shows it can.
"""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlite_utils import Database

from bot.content.models import Content
from bot.content.served import ServedContents
from bot.scorelog.store import ScoreLog
from bot.scorelog.summary import export_rows
from bot.services import results
from bot.services.deps import Deps
from bot.services.reply import Person
from bot.state.state_db import StateDb
from bot.state.state_store import StateStore
from tests.support.harness import random_choices
from tests.support.playing import play

PEOPLE = [Person(user_id=100 + n, chat_id=100 + n, language_code="fr") for n in range(4)]


def raw_bytes(state: Path) -> bytes:
    """Everything on disk for state.db: the file, its WAL and its shared-memory index."""
    return b"".join(
        path.read_bytes()
        for path in (state, state.with_name("state.db-wal"), state.with_name("state.db-shm"))
        if path.exists()
    )


def answer_vectors(scores: Path) -> dict[str, list[tuple[str, str]]]:
    """Each logged result's answers, as the scores.db reviewer sees them."""
    vectors: dict[str, list[tuple[str, str]]] = {}
    for row in Database(scores).query("select result_id, question_id, answer from answers"):
        vectors.setdefault(row["result_id"], []).append((row["question_id"], row["answer"]))
    return vectors


def joined(raw: bytes, vectors: dict[str, list[tuple[str, str]]], public: bytes) -> list[str]:
    """The results whose id, or any one of whose answers as state.db would have stored
    it (JSON, with or without spaces), appears in the raw bytes.

    A pattern found in `public` (the question files themselves, which state.db keeps:
    `"education": ["none"` is also a training step's condition) proves nothing: skipped.
    """
    found = []
    for result_id, pairs in vectors.items():
        needles = [result_id.encode()]
        for question, answer in pairs:
            first = answer.split(",")[0]
            for pattern in ('"{q}":["{a}"', '"{q}": ["{a}"'):
                needles.append(pattern.format(q=question, a=first).encode())
        if any(needle in raw for needle in needles if needle not in public):
            found.append(result_id)
    return found


def public_bytes(state: Path) -> bytes:
    """What anyone with the question files knows: the content versions state.db keeps."""
    with closing(sqlite3.connect(state)) as conn:
        rows = conn.execute("select data from content_versions").fetchall()
    return b"".join(data.encode() for (data,) in rows)


async def test_the_answer_vector_join_finds_nobody(
    tmp_path: Path, shipped_content: Content
) -> None:
    state_path, scores_path = tmp_path / "state.db", tmp_path / "scores.db"
    db = StateDb(state_path)
    assert db.db.execute("pragma secure_delete").fetchone() == (1,)
    db.remember_content(shipped_content)
    public = public_bytes(state_path)
    scores = ScoreLog(scores_path)
    scores.migrate()
    store = StateStore(db)
    deps = Deps(store, ServedContents([shipped_content]), scores)
    rng = random.Random(19)

    for person in PEOPLE:
        for _ in range(2):  # a finish, then a retake
            await play(deps, person, random_choices(shipped_content, rng))
    # Not logged yet: the outbox still holds the answers, and the scan finds each of them.
    queued = {
        f"answers of {n}": [(q, ",".join(a)) for q, a in unlogged.session.answers.items() if a]
        for n, unlogged in enumerate(await deps.state.unlogged_results())
    }
    assert len(queued) == 2 * len(PEOPLE)
    assert len(joined(raw_bytes(state_path), queued, public)) == len(queued)

    assert await results.log_unlogged(deps) == 2 * len(PEOPLE)
    vectors = answer_vectors(scores_path)
    assert len(vectors) == 2 * len(PEOPLE)
    assert joined(raw_bytes(state_path), vectors, public) == []
    # Each person still has their result and the one before it, as records.
    for person in PEOPLE:
        assert (await deps.state.last_result(person.user_id)) is not None
        assert (await deps.state.previous_result(person.user_id)) is not None
    store.close()
    assert joined(raw_bytes(state_path), vectors, public) == []


async def test_scores_db_shows_no_order_in_which_results_were_logged(
    tmp_path: Path, shipped_content: Content
) -> None:
    """The other join: line up scores.db's rows with state.db's by the order people
    finished. scores.db's tables have no rowid, and their rows come out in the order of
    their random ids, whatever the order they were logged in (export and Datasette alike)."""
    state_path, scores_path = tmp_path / "state.db", tmp_path / "scores.db"
    db = StateDb(state_path)
    db.remember_content(shipped_content)
    scores = ScoreLog(scores_path)
    scores.migrate()
    store = StateStore(db)
    deps = Deps(store, ServedContents([shipped_content]), scores)
    rng = random.Random(20)
    logged: list[str] = []
    for person in PEOPLE:
        await play(deps, person, random_choices(shipped_content, rng))
        [unlogged] = await deps.state.unlogged_results()
        assert await results.log_unlogged(deps) == 1
        logged.append(unlogged.id)
    store.close()

    with closing(sqlite3.connect(scores_path)) as conn:
        for table in ("results", "dimension_scores", "answers"):
            with pytest.raises(sqlite3.OperationalError, match="no such column: rowid"):
                conn.execute(f"select rowid from {table}")
        shown = [row[0] for row in conn.execute("select id from results")]
        by_result = [row[0] for row in conn.execute("select distinct result_id from answers")]
    assert sorted(shown) == sorted(logged)
    assert shown == sorted(logged) and by_result == sorted(logged)
    assert [row["id"] for row in export_rows(scores_path)] == sorted(logged)  # one day
