"""The score log under concurrent writers, and the admins' list of sources."""

from __future__ import annotations

import multiprocessing
import threading
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from bot.content.models import Content
from bot.engine.result import evaluate
from bot.scorelog.scores_schema import MIGRATIONS
from bot.scorelog.store import ScoreLog
from tests.support.scorelog import finished_at, play, scorelog_content

#: What a source not on the list is recorded as (written out: the docs promise it).
OTHER_SOURCE = "other"


@pytest.fixture(scope="module")
def content() -> Content:
    return scorelog_content()


def _finish_together(log: ScoreLog, content: Content, count: int) -> list[str | None]:
    """`count` quizzes finished in the same instant, each recorded from its own thread."""
    barrier = threading.Barrier(count)
    ids: list[str | None] = [None] * count

    def finish(index: int) -> None:
        session = play(content, index % 5, quiz_id=f"quiz{index:04d}")
        result = evaluate(content, session.answers)
        barrier.wait()
        ids[index] = log.record(content, session, result, finished_at=finished_at(date.today()))

    threads = [threading.Thread(target=finish, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return ids


def test_eight_quizzes_finished_together_on_a_new_file_are_all_logged(
    content: Content, tmp_path: Path
) -> None:
    """Finding 1: simultaneous finishes lost rows to "database is locked"."""
    for attempt in range(3):
        path = tmp_path / f"run{attempt}" / "scores.db"
        ids = _finish_together(ScoreLog(path), content, 8)
        assert None not in ids
        with Database(path) as db:
            assert db.table("results").count == 8
            assert db.table("answers").count_where() > 0


def _open_new_file(path: str, start: object) -> None:
    start.wait()  # type: ignore[attr-defined]
    ScoreLog(Path(path)).migrate()


def test_two_processes_creating_the_file_at_once_both_succeed(tmp_path: Path) -> None:
    """Finding 1: "table _sqlite_migrations already exists" when two writers create the file."""
    context = multiprocessing.get_context("spawn")
    for attempt in range(4):
        path = tmp_path / f"run{attempt}" / "scores.db"
        start = context.Event()
        workers = [
            context.Process(target=_open_new_file, args=(str(path), start)) for _ in range(3)
        ]
        for worker in workers:
            worker.start()
        start.set()
        for worker in workers:
            worker.join(timeout=60)
        assert [worker.exitcode for worker in workers] == [0, 0, 0]
        with Database(path) as db:
            assert not MIGRATIONS.pending(db)


def test_recording_the_same_result_twice_writes_one_row(content: Content, tmp_path: Path) -> None:
    log = ScoreLog(tmp_path / "scores.db")
    session = play(content, 2)
    result = evaluate(content, session.answers)
    for _ in range(2):
        assert (
            log.record(
                content, session, result, finished_at=finished_at(date.today()), result_id="a" * 32
            )
            == "a" * 32
        )
    with Database(log.path) as db:
        assert db.table("results").count == 1


@pytest.mark.parametrize(
    ("payload", "recorded"),
    [("salon2026", "salon2026"), ("jean_dupont", OTHER_SOURCE), ("0612345678", OTHER_SOURCE)],
)
def test_only_sources_on_the_admins_list_are_recorded(
    content: Content, tmp_path: Path, payload: str, recorded: str
) -> None:
    """Finding 9: whatever follows /start was written into the anonymous log."""
    log = ScoreLog(tmp_path / "scores.db", sources=frozenset({"salon2026"}))
    session = play(content, 1, source=payload)
    log.record(
        content, session, evaluate(content, session.answers), finished_at=finished_at(date.today())
    )
    with Database(log.path) as db:
        assert [row["source"] for row in db.query("select source from results")] == [recorded]
