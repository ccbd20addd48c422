"""`state.db`: what the bot keeps about each person while they use it.

This is personal data (keyed by Telegram user id): sessions in progress, the
last result and the one before it (to show progress on a retake), the
preferred language. It is never exported; `/forget` deletes
it and idle rows expire. Every write is committed before the bot replies, so a
bot killed at any moment resumes each quiz where it was.

The database is in WAL mode with `synchronous = NORMAL`: a commit is written
to the write-ahead log, which is flushed to the disk at each checkpoint rather
than at each commit. A killed bot process loses nothing (the log is in the
operating system's hands); a power cut or a crash of the machine itself may
lose the answers of the last moments, never corrupt the file. `FULL` would
flush at every commit: about seven times the cost of saving an answer, paid
by everyone whose call waits on the database's thread (docs/benchmarks.md).
The bot calls these methods on that thread only (`bot.state.state_store`).

It also holds the outbox of finished quizzes not yet written to the anonymous
score log (`unlogged_results`, no user id): a quiz is closed and its result
queued in one transaction, so a crash before the score log is written loses
nothing.

The schema is built by the migrations in `bot.state.state_schema`. A stored
row that no longer validates (after a deploy that changed a model) is dropped
with a log line instead of failing every command of that person.

A finished result is kept as its record (`bot.engine.record`), not its answers;
the outbox row, which must carry the answers for the anonymous item analysis,
is deleted once logged. `secure_delete` zeroes deleted rows in the file and a
checkpoint truncates the write-ahead log after each such deletion (and after
`/forget`), so no copy of the answers stays in `state.db` or its WAL.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from pathlib import Path

from pydantic import ValidationError

from bot.content.models import Content, Lang
from bot.engine.record import ResultRecord
from bot.engine.session import QuizSession
from bot.private_files import create_private
from bot.sqlite_lib import Database
from bot.state.database import prove_writable, storage_error, storage_errors
from bot.state.expiry import delete_older, idle_users
from bot.state.records import ActiveQuiz, KeptResult, UnloggedResult
from bot.state.state_schema import MIGRATIONS, stored_content

log = logging.getLogger(__name__)


def _problems(error: ValidationError) -> str:
    """A short summary of a validation error, without the stored values."""
    first = error.errors(include_input=False)[0]
    where = ".".join(str(part) for part in first["loc"]) or "the row"
    return f"{error.error_count()} problem(s), first: {where}: {first['msg']}"


class StateDb:
    """The tables of `state.db`, one method per query.

    The bot reaches them through `bot.state.state_store.StateStore`, which turns `sqlite3`
    errors into `StorageError`s; the content archive, which the registry uses directly,
    does so itself.
    """

    def __init__(self, path: Path, *, timeout: float = 10.0) -> None:
        self.path = path
        try:
            create_private(path)
            conn = sqlite3.connect(path, timeout=timeout, check_same_thread=False)
            self.db = Database(conn)
            self.db.enable_wal()
            self.db.execute("PRAGMA synchronous = NORMAL")
            # What is deleted is overwritten, not left in free space (see `forget`).
            self.db.execute("PRAGMA secure_delete = ON")
            if MIGRATIONS.pending(self.db):
                MIGRATIONS.apply(self.db)
                self.checkpoint()
            prove_writable(conn)
        except (sqlite3.Error, OSError) as error:
            raise storage_error(error, path) from None
        self._dropped: set[int] = set()

    def close(self) -> None:
        self.db.close()

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the file and empty it: what was deleted is gone."""
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # --- Quiz sessions ---

    def load_quiz(self, user_id: int) -> ActiveQuiz | None:
        """The quiz in progress; one that no longer validates is dropped (see `take_dropped`)."""
        rows = list(self.db.query("select * from sessions where user_id = ?", [user_id]))
        if not rows:
            return None
        row = rows[0]
        try:
            session = QuizSession.model_validate_json(row["data"])
        except ValidationError as error:
            log.warning("A stored quiz no longer validates and was dropped: %s", _problems(error))
            self.delete_quiz(user_id)
            self._dropped.add(user_id)
            return None
        return ActiveQuiz(session=session, chat_id=row["chat_id"], message_id=row["message_id"])

    def take_dropped(self, user_id: int) -> bool:
        """True once if this person's quiz was dropped because it no longer validated."""
        if user_id in self._dropped:
            self._dropped.discard(user_id)
            return True
        return False

    def save_quiz(self, user_id: int, quiz: ActiveQuiz) -> None:
        """Every answer goes through here: one plain statement, as `Table.upsert` would
        read the table's schema on every call (120 µs of CPU a save instead of 15 µs)."""
        with self.db.atomic():
            self.db.execute(
                "insert into sessions (user_id, chat_id, message_id, data, updated_at)"
                " values (?, ?, ?, ?, ?) on conflict (user_id) do update set"
                " chat_id = excluded.chat_id, message_id = excluded.message_id,"
                " data = excluded.data, updated_at = excluded.updated_at",
                [
                    user_id,
                    quiz.chat_id,
                    quiz.message_id,
                    quiz.session.model_dump_json(),
                    time.time(),
                ],
            )

    def delete_quiz(self, user_id: int) -> None:
        with self.db.atomic():
            self.db.execute("delete from sessions where user_id = ?", [user_id])

    def idle_users(self, older_than_days: int, now: float) -> tuple[set[int], set[int]]:
        """Who `expire_idle` would delete a quiz of, and who a chosen language of."""
        return idle_users(self.db, now - older_than_days * 86_400)

    def expire_idle(self, older_than_days: int, now: float | None = None) -> int:
        """Delete quizzes and results untouched for that many days; return how many (with
        nothing that old, it writes nothing: `bot.state.expiry`)."""
        expired = delete_older(self.db, (now or time.time()) - older_than_days * 86_400)
        if expired:
            self.checkpoint()
        return expired

    # --- Preferences and results ---

    def language(self, user_id: int) -> Lang | None:
        rows = list(self.db.query("select lang from languages where user_id = ?", [user_id]))
        lang = rows[0]["lang"] if rows else None
        return str(lang) if lang is not None else None

    def known_people(self) -> tuple[dict[int, Lang], set[int]]:
        """Every language a person chose, by user id, and who has a quiz in progress."""
        chosen = self.db.execute("select user_id, lang from languages where lang is not null")
        languages = {int(user): str(lang) for user, lang in chosen.fetchall()}
        quizzes = self.db.execute("select user_id from sessions").fetchall()
        return languages, {int(row[0]) for row in quizzes}

    def set_language(self, user_id: int, lang: Lang) -> None:
        with self.db.atomic():
            self.db.table("languages").upsert(
                {"user_id": user_id, "lang": lang, "updated_at": time.time()}, pk="user_id"
            )

    def save_result(self, user_id: int, result: KeptResult) -> None:
        """Keep `result` as the last one; the one it replaces becomes the previous one."""
        with self.db.atomic():
            self.db.execute(
                "insert or replace into previous_results select * from last_results"
                " where user_id = ?",
                [user_id],
            )
            self.db.table("last_results").upsert(
                {
                    "user_id": user_id,
                    "version": result.version,
                    "lang": result.lang,
                    "finished_at": result.finished_at,
                    "quiz_id": result.quiz_id,
                    "record": result.record.model_dump_json(),
                },
                pk="user_id",
            )

    def complete_quiz(
        self, user_id: int, result: KeptResult, unlogged: UnloggedResult | None = None
    ) -> None:
        """Keep the result, queue it for the score log and close the session, in one transaction."""
        with self.db.atomic():
            self.save_result(user_id, result)
            if unlogged is not None:
                self.db.table("unlogged_results").insert(
                    {
                        "id": unlogged.id,
                        "session": unlogged.session.model_dump_json(),
                        "finished_at": unlogged.finished_at,
                    }
                )
            self.delete_quiz(user_id)
        if unlogged is None:
            self.checkpoint()  # nothing to log: the answers go now (else once logged)

    def last_result(self, user_id: int) -> KeptResult | None:
        return self._result("last_results", user_id)

    def previous_result(self, user_id: int) -> KeptResult | None:
        """The result before the last one, to show what changed."""
        return self._result("previous_results", user_id)

    def _result(self, table: str, user_id: int) -> KeptResult | None:
        rows = list(self.db.query(f"select * from {table} where user_id = ?", [user_id]))
        if not rows:
            return None
        row = rows[0]
        try:
            record = ResultRecord.model_validate_json(row["record"] or "")
        except ValidationError as error:
            log.warning("A stored result no longer validates and was dropped: %s", _problems(error))
            with self.db.atomic():
                self.db.execute(f"delete from {table} where user_id = ?", [user_id])
            return None
        return KeptResult(record, row["finished_at"])

    # --- The outbox of results not yet in the score log ---

    def unlogged_results(self) -> list[UnloggedResult]:
        """The finished quizzes still to write to the score log, oldest first."""
        found = []
        for row in self.db.query("select * from unlogged_results order by finished_at"):
            try:
                session = QuizSession.model_validate_json(row["session"])
            except ValidationError as error:
                log.warning("An unlogged result no longer validates: %s", _problems(error))
                self.mark_logged(row["id"])
                continue
            found.append(UnloggedResult(row["id"], session, row["finished_at"]))
        return found

    def mark_logged(self, result_id: str) -> None:
        """Delete a logged result's outbox row, its answers with it (file and WAL)."""
        with self.db.atomic():
            self.db.execute("delete from unlogged_results where id = ?", [result_id])
        self.checkpoint()

    def forget(self, user_id: int) -> bool:
        """Delete everything kept about a user; True if there was anything."""
        deleted = 0
        with self.db.atomic():
            for table in ("sessions", "languages", "last_results", "previous_results"):
                cursor = self.db.execute(f"delete from {table} where user_id = ?", [user_id])
                deleted += cursor.rowcount
        # The WAL still holds the pages as they were before: copy the new ones into the file
        # and empty it, so that no copy of what was deleted is left on disk.
        self.checkpoint()
        return deleted > 0

    # --- Content versions, so a quiz finishes on the files it started with ---

    def remember_content(self, content: Content) -> None:
        """Keep a content version (called by the registry: errors are mapped here)."""
        with storage_errors(self.path):
            self._remember_content(content)

    def content(self, version: str) -> Content | None:
        """A kept content version, if known (called by the registry: errors are mapped here)."""
        with storage_errors(self.path):
            return self._content(version)

    def _remember_content(self, content: Content) -> None:
        data = {
            "profile": content.profile.model_dump(mode="json"),
            "files": [[name, qfile.model_dump(mode="json")] for name, qfile in content.files],
        }
        with self.db.atomic():
            self.db.table("content_versions").upsert(
                {"version": content.version, "data": json.dumps(data)}, pk="version"
            )

    def _content(self, version: str) -> Content | None:
        return stored_content(self.db, version)
