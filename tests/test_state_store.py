"""The state store off the event loop: its memory follows what was committed, its calls keep
their order, and the content versions in use are read once, at start-up."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.content.loader import load_content
from bot.content.models import Content
from bot.content.registry import ContentRegistry
from bot.engine.session import Quiz, QuizSession
from bot.state.archive import ContentArchiveOnThread
from bot.state.database import StorageUnavailable
from bot.state.records import ActiveQuiz
from bot.state.state_db import StateDb
from bot.state.state_store import StateStore
from tests.support.answers import EXAMPLE
from tests.support.paths import SHIPPED_PROFILES, SHIPPED_QUESTIONS
from tests.support.records import kept


def _full(*args: object, **kwargs: object) -> None:
    raise sqlite3.OperationalError("database or disk is full")


def _session(content: Content, quiz_id: str = "abcd1234", step: int = 0) -> QuizSession:
    session = Quiz(content).start(quiz_id=quiz_id, lang="fr", started_at=1.0)
    return session.model_copy(update={"step": step})


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[StateStore]:
    opened = StateStore(StateDb(tmp_path / "state.db"))
    yield opened
    await asyncio.to_thread(opened.close)


async def test_the_chosen_languages_are_read_at_start_up_and_follow_each_write(
    tmp_path: Path,
) -> None:
    db = StateDb(tmp_path / "state.db")
    db.set_language(1, "en")
    store = StateStore(db)
    try:
        assert await store.language(1) == "en" and await store.language(2) is None
        await store.set_language(2, "en")
        assert await store.language(2) == "en"
        assert await store.forget(1) is True
        assert await store.language(1) is None
    finally:
        await asyncio.to_thread(store.close)
    assert StateDb(tmp_path / "state.db").known_people() == ({2: "en"}, set())


async def test_a_write_that_fails_leaves_memory_as_the_file_is(
    store: StateStore, mini_content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = ActiveQuiz(_session(mini_content), 7, 3)
    await store.set_language(7, "en")
    await store.save_quiz(7, saved)
    for method in ("set_language", "save_quiz", "forget"):
        monkeypatch.setattr(StateDb, method, _full)
    with pytest.raises(StorageUnavailable):
        await store.set_language(7, "fr")
    with pytest.raises(StorageUnavailable):
        await store.save_quiz(7, ActiveQuiz(_session(mini_content, step=1), 7, 4))
    with pytest.raises(StorageUnavailable):
        await store.forget(7)
    assert await store.language(7) == "en"
    assert await store.load_quiz(7) == saved


async def test_a_quiz_is_read_from_the_file_once_then_from_memory(
    tmp_path: Path, mini_content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Who has a quiz is known from start-up: for anyone else nothing is read; a quiz is
    read once, then kept for the people seen last."""
    db = StateDb(tmp_path / "state.db")
    kept = {u: ActiveQuiz(_session(mini_content, f"quiz000{u}"), u, 3) for u in (1, 2, 3)}
    for user, quiz in kept.items():
        db.save_quiz(user, quiz)
    reads: list[int] = []
    load = StateDb.load_quiz

    def counted(db: StateDb, user_id: int) -> ActiveQuiz | None:
        reads.append(user_id)
        return load(db, user_id)

    monkeypatch.setattr(StateDb, "load_quiz", counted)
    store = StateStore(db, cached_quizzes=2)
    try:
        assert await store.load_quiz(4) is None and reads == []  # no quiz on file
        assert await store.load_quiz(1) == kept[1] and await store.load_quiz(2) == kept[2]
        assert await store.load_quiz(1) == kept[1] and reads == [1, 2]
        assert await store.load_quiz(3) == kept[3]  # pushes out 2, the least recently seen
        assert await store.load_quiz(1) == kept[1] and await store.load_quiz(2) == kept[2]
        assert reads == [1, 2, 3, 2]
        await store.delete_quiz(1)
        assert await store.load_quiz(1) is None and reads == [1, 2, 3, 2]
        fresh = ActiveQuiz(_session(mini_content, "quiz0005"), 5, None)
        await store.save_quiz(5, fresh)
        assert await store.load_quiz(5) == fresh and reads == [1, 2, 3, 2]
    finally:
        await asyncio.to_thread(store.close)


async def test_a_quiz_that_no_longer_reads_is_forgotten_by_memory_too(
    tmp_path: Path, mini_content: Content
) -> None:
    db = StateDb(tmp_path / "state.db")
    db.save_quiz(1, ActiveQuiz(_session(mini_content), 1, None))
    db.db.execute("update sessions set data = '{}' where user_id = 1")
    db.db.conn.commit()
    store = StateStore(db)
    try:
        assert await store.load_quiz(1) is None and await store.take_dropped(1)
        assert await store.load_quiz(1) is None and not await store.take_dropped(1)
    finally:
        await asyncio.to_thread(store.close)


async def test_expired_quizzes_and_languages_leave_memory_too(
    store: StateStore, mini_content: Content
) -> None:
    for user_id in (1, 2):
        await store.set_language(user_id, "en")
        await store.save_quiz(user_id, ActiveQuiz(_session(mini_content), user_id, None))
    old = time.time() - 40 * 86_400
    for table in ("sessions", "languages"):
        store.db.db.execute(f"update {table} set updated_at = ? where user_id = 1", [old])
    store.db.db.conn.commit()
    assert await store.expire_idle(30) == 1
    assert await store.load_quiz(1) is None and await store.language(1) is None
    assert await store.load_quiz(2) is not None and await store.language(2) == "en"


async def test_calls_run_one_at_a_time_in_the_order_they_came(
    store: StateStore, mini_content: Content
) -> None:
    """Fifty saves handed over at once: the last one asked is the one kept."""
    quizzes = [ActiveQuiz(_session(mini_content, step=s), 9, s) for s in range(50)]
    saves = [store.save_quiz(9, quiz) for quiz in quizzes]
    await asyncio.gather(*saves)
    kept = StateDb(store.db.path).load_quiz(9)
    assert kept is not None and kept.session.step == 49


def test_a_quiz_started_on_older_files_finishes_on_them_without_reading_the_disk_again(
    tmp_path: Path, mini_content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The versions rows refer to are read at start-up; later lookups are in memory."""
    db = StateDb(tmp_path / "state.db")
    db.remember_content(mini_content)
    db.save_quiz(1, ActiveQuiz(_session(mini_content), 1, None))
    db.save_result(2, kept(mini_content, EXAMPLE, "fr"))
    db.close()

    db = StateDb(tmp_path / "state.db")
    store = StateStore(db)
    try:
        shipped = load_content(SHIPPED_QUESTIONS, SHIPPED_PROFILES)
        archive = ContentArchiveOnThread(db, store.thread)
        registry = ContentRegistry([shipped], archive, SHIPPED_QUESTIONS, SHIPPED_PROFILES)
        monkeypatch.setattr(StateDb, "content", _full)
        older = registry.content_for(mini_content.version)
        assert older is not None and older.files == mini_content.files
        assert registry.content_for("unknown") is None
        assert registry.current(shipped.profile.id) is shipped
        monkeypatch.undo()
        assert db.content(shipped.version) is not None, "the current files are archived"
    finally:
        store.close()
