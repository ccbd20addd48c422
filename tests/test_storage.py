"""state.db: sessions survive a reopen, idle ones expire, /forget forgets."""

from __future__ import annotations

import json
import time
from pathlib import Path

from bot.content.models import Content
from bot.engine.session import Quiz
from bot.state.records import ActiveQuiz
from bot.state.state_db import StateDb
from tests.support.records import kept


def test_a_saved_quiz_survives_closing_the_store(tmp_path: Path, mini_content: Content) -> None:
    quiz = Quiz(mini_content)
    session = quiz.start(quiz_id="abcd1234", lang="fr", started_at=1.0)
    session = quiz.answer(session, quiz.choices(quiz.current(session))[0])  # type: ignore[arg-type]
    store = StateDb(tmp_path / "state.db")
    store.save_quiz(7, ActiveQuiz(session, chat_id=7, message_id=3))
    store.close()
    loaded = StateDb(tmp_path / "state.db").load_quiz(7)
    assert loaded == ActiveQuiz(session, chat_id=7, message_id=3)


def test_idle_sessions_and_results_expire(tmp_path: Path, mini_content: Content) -> None:
    quiz = Quiz(mini_content)
    store = StateDb(tmp_path / "state.db")
    for user_id in (1, 2):
        session = quiz.start(quiz_id=f"quiz000{user_id}", lang="en", started_at=1.0)
        store.save_quiz(user_id, ActiveQuiz(session, chat_id=user_id, message_id=None))
        store.save_result(user_id, kept(mini_content, {}))
    now = time.time()
    assert store.expire_idle(30, now=now) == 0
    assert store.expire_idle(30, now=now + 31 * 86_400) == 4
    assert store.load_quiz(1) is None and store.last_result(2) is None


def test_forget_removes_every_row_of_the_user_only(tmp_path: Path, mini_content: Content) -> None:
    quiz = Quiz(mini_content)
    store = StateDb(tmp_path / "state.db")
    for user_id in (1, 2):
        session = quiz.start(quiz_id=f"quiz000{user_id}", lang="fr", started_at=1.0)
        store.save_quiz(user_id, ActiveQuiz(session, chat_id=user_id, message_id=None))
        store.set_language(user_id, "en")
    assert store.forget(1) is True
    assert store.load_quiz(1) is None and store.language(1) is None
    assert store.load_quiz(2) is not None and store.language(2) == "en"
    assert store.forget(1) is False


def test_content_versions_round_trip(tmp_path: Path, mini_content: Content) -> None:
    store = StateDb(tmp_path / "state.db")
    store.remember_content(mini_content)
    again = store.content(mini_content.version)
    assert again is not None
    assert again.profile == mini_content.profile and again.files == mini_content.files
    assert store.content("unknown") is None


def test_a_version_kept_in_an_older_format_reads_as_unknown(
    tmp_path: Path, mini_content: Content
) -> None:
    """A profile archived before a format change (here: no `entry`) is not a crash."""
    store = StateDb(tmp_path / "state.db")
    store.remember_content(mini_content)
    row = next(store.db.query("select data from content_versions"))
    data = json.loads(row["data"])
    del data["profile"]["entry"]
    store.db.table("content_versions").upsert(
        {"version": "older", "data": json.dumps(data)}, pk="version"
    )
    assert store.content("older") is None
    assert store.content(mini_content.version) is not None
