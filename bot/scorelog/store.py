"""`scores.db`: the anonymous log of finished quizzes, for admins to review.

Nothing here identifies a person: a result gets a fresh random id, the date is
kept to the day, and no user id, chat id, name, username, locale or hash of
them is ever written. Recording must never cost the user their result, so
`ScoreLog.record` logs a failure and returns None instead of raising.

The schema is built by the migrations in `bot.scorelog.scores_schema`.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

from bot.content.models import CATEGORIES, Content, Question
from bot.engine.result import Result
from bot.engine.scoring import item_category, item_score
from bot.engine.session import QuizSession
from bot.private_files import create_private
from bot.scorelog.scores_schema import BACKGROUND_COLUMNS, immediate, migrate
from bot.scorelog.summary import Summary, export_csv, load_summary
from bot.sqlite_lib import Database
from bot.state.database import prove_writable, storage_errors
from bot.state.db_thread import DbThread

logger = logging.getLogger(__name__)

#: What a deep-link source not on the admins' list is recorded as: a payload
#: is typed by the person and may be their name or phone number.
OTHER_SOURCE = "other"

#: One lock per file for the writers of this process; other processes (the
#: `logs purge` command, a second bot) wait on SQLite's busy timeout instead.
_WRITE_LOCKS: dict[Path, threading.Lock] = {}
_WRITE_LOCKS_GUARD = threading.Lock()


def _write_lock(path: Path) -> threading.Lock:
    with _WRITE_LOCKS_GUARD:
        return _WRITE_LOCKS.setdefault(path.resolve(), threading.Lock())


class ScoreLog:
    """The anonymous score log at `path` (created on first use).

    `sources` is the admins' list of deep-link sources worth recording; any
    other source is written as `OTHER_SOURCE`.
    """

    def __init__(
        self, path: Path, *, timeout: float = 10.0, sources: frozenset[str] = frozenset()
    ) -> None:
        self.path = path
        self.timeout = timeout
        """Seconds to wait for another process's write (the bot's own writes queue on a lock)."""
        self.sources = sources
        self._migrated = False
        self._thread = DbThread(path, "scores.db")
        """The bot's writes to the log, one at a time and off the event loop (`log_result`)."""

    def close(self) -> None:
        """Finish the writes queued and end the writer thread."""
        self._thread.close()

    def migrate(self) -> None:
        """Create or upgrade the schema now and prove the file can be written; call at start-up.

        Raises `StorageError` on failure.
        """
        with storage_errors(self.path), _write_lock(self.path), self._open() as db:
            migrate(db)
            prove_writable(db.conn)
        self._migrated = True

    def record(
        self,
        content: Content,
        session: QuizSession,
        result: Result,
        *,
        finished_at: datetime,
        result_id: str | None = None,
    ) -> str | None:
        """Log a finished quiz; return its id, or None if it could not be written.

        The date is `finished_at`'s day in its own timezone. A `result_id`
        already in the log is not written again, so a result can be recorded
        again safely after a crash (see the outbox in `bot.state.state_db`).
        """
        result_id = result_id or uuid.uuid4().hex
        try:
            with _write_lock(self.path), self._open() as db:
                if not self._migrated:
                    migrate(db)
                    self._migrated = True
                with immediate(db):
                    if db.table("results").count_where("id = ?", [result_id]):
                        return result_id
                    row = _result_row(result_id, content, session, result, finished_at)
                    db.table("results").insert({**row, "source": self.source_of(session)})
                    db.table("dimension_scores").insert_all(_dimension_rows(result_id, result))
                    db.table("answers").insert_all(_answer_rows(result_id, content, session))
        except (sqlite3.Error, OSError) as error:
            logger.warning("score not logged in %s: %s", self.path, error)
        except Exception:
            logger.exception("score not logged in %s: unexpected error", self.path)
        else:
            return result_id
        self._migrated = False  # the file may have been replaced: check the schema next time
        return None

    async def log_result(
        self,
        content: Content,
        session: QuizSession,
        result: Result,
        *,
        finished_at: datetime,
        result_id: str,
    ) -> str | None:
        """`record`, on the log's own thread: the bot's port onto the score log."""
        return await self._thread.run(
            lambda: self.record(
                content, session, result, finished_at=finished_at, result_id=result_id
            )
        )

    async def summary(self, profile: str | None = None) -> Summary:
        """Every figure of the log, of one job if `profile` names it (read-only, in a worker
        thread)."""
        return await asyncio.to_thread(lambda: load_summary(self.path, profile=profile))

    async def export_csv(self) -> bytes:
        """The log as a CSV document (read-only, in a worker thread)."""
        return await asyncio.to_thread(export_csv, self.path)

    def purge(
        self,
        older_than_days: int | None,
        today: date,
        *,
        source: str | None = None,
        dry_run: bool = False,
    ) -> int:
        """Delete the results dated before `today - older_than_days` and/or from `source`.

        With both, a result must match both; with neither, nothing is deleted.
        Return how many. Deleted rows are overwritten (secure_delete) and the
        write-ahead log is emptied, so they do not linger in the files. Raises `StorageError`.
        """
        conditions: list[str] = []
        params: list[str] = []
        if older_than_days is not None:
            conditions.append("date < ?")
            params.append((today - timedelta(days=older_than_days)).isoformat())
        if source is not None:
            conditions.append("source = ?")
            params.append(source)
        if not conditions or not self.path.exists():
            return 0
        where = " and ".join(conditions)
        with storage_errors(self.path), _write_lock(self.path), self._open() as db:
            migrate(db)
            old = f"select id from results where {where}"
            count: int = db.execute(f"select count(*) from ({old})", params).fetchone()[0]
            if dry_run or not count:
                return count
            db.execute("PRAGMA secure_delete = ON")
            with immediate(db):
                for child in ("dimension_scores", "answers"):
                    db.execute(f"delete from {child} where result_id in ({old})", params)
                db.execute(f"delete from results where {where}", params)
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return count

    @contextmanager
    def _open(self) -> Iterator[Database]:
        """A sqlite-utils `Database`, closed on leaving the `with` block."""
        with closing(self._connect()) as conn:
            yield Database(conn)

    def _connect(self) -> sqlite3.Connection:
        create_private(self.path)
        # isolation_level=None: the transactions are the explicit ones (`immediate`).
        return sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)

    def source_of(self, session: QuizSession) -> str | None:
        """The source to record: on the admins' list, else `OTHER_SOURCE`; None if none."""
        if not session.source:
            return None
        return session.source if session.source in self.sources else OTHER_SOURCE


def _result_row(
    result_id: str, content: Content, session: QuizSession, result: Result, finished_at: datetime
) -> dict[str, object]:
    score = result.score
    duration = max(0, round(finished_at.timestamp() - session.started_at))
    return {
        "id": result_id,
        "date": finished_at.date().isoformat(),
        "profile_id": content.profile.id,
        "version": content.version,
        "lang": session.lang,
        "fit": round(score.overall, 1),
        "band": score.band.id,
        **{f"fit_{category}": round(score.categories[category], 1) for category in CATEGORIES},
        **{key: score.value(key) for key in BACKGROUND_COLUMNS},
        "fit_interest": None if score.interest is None else round(score.interest, 1),
        "readiness": score.readiness,
        "band_uncapped": score.uncapped.id,
        "cap": score.cap.id if score.cap else None,
        "duration_seconds": duration,
    }


def _dimension_rows(result_id: str, result: Result) -> list[dict[str, object]]:
    """The dimension scores in the profile's order (`position`)."""
    return [
        {
            "result_id": result_id,
            "dimension": d.dimension.id,
            "category": d.dimension.category,
            "level": round(d.level, 2),
            "fit": round(100 * d.fit, 1),
            "gap": int(d.fit < 1.0),
            "position": position,
        }
        for position, d in enumerate(result.score.dimensions)
    ]


def _answer_rows(result_id: str, content: Content, session: QuizSession) -> list[dict[str, object]]:
    """The answers in quiz order (`position`); only ids of the current questions, never free
    text."""
    answered = [q for q in content.questions if q.id in session.answers]
    return [
        {
            "result_id": result_id,
            "question_id": q.id,
            "answer": ",".join(session.answers[q.id]),
            "score": item_score(q, session.answers[q.id]),
            "category": item_category(content, q),
            "correct": correct(q, session.answers[q.id]),
            "position": position,
        }
        for position, q in enumerate(answered)
    ]


def correct(question: Question, chosen: tuple[str, ...]) -> int | None:
    """1 for the right answer to a knowledge question, 0 for another; None elsewhere."""
    if question.kind != "knowledge":
        return None
    return int(any(question.options_by_id[c].right for c in chosen if c in question.options_by_id))
