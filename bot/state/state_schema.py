"""The schema of `state.db`, built by migrations (`sqlite_utils.Migrations`), like `scores.db`'s.

Add a new function at the end to change it, never edit one that has shipped.
"""

from __future__ import annotations

import json
import logging

from pydantic import ValidationError

from bot.content.models import Content, Lang, Profile, QuestionFile
from bot.engine.record import record_of
from bot.engine.result import evaluate
from bot.sqlite_lib import Database, Migrations

log = logging.getLogger(__name__)

MIGRATIONS = Migrations("careerbot_state")


@MIGRATIONS()
def m001_create_tables(db: Database) -> None:
    """The tables from before migrations existed; kept as they were in those files."""
    db.table("sessions").create(
        {"user_id": int, "chat_id": int, "message_id": int, "data": str, "updated_at": float},
        pk="user_id",
        not_null={"chat_id", "data", "updated_at"},
        if_not_exists=True,
    )
    db.table("languages").create(
        {"user_id": int, "lang": str, "updated_at": float}, pk="user_id", if_not_exists=True
    )
    db.table("last_results").create(
        {"user_id": int, "version": str, "lang": str, "answers": str, "finished_at": float},
        pk="user_id",
        if_not_exists=True,
    )
    db.table("content_versions").create(
        {"version": str, "data": str}, pk="version", if_not_exists=True
    )


@MIGRATIONS()
def m002_unlogged_results(db: Database) -> None:
    db.table("unlogged_results").create(
        {"id": str, "session": str, "finished_at": float},
        pk="id",
        not_null={"session", "finished_at"},
    )


@MIGRATIONS()
def m003_previous_results(db: Database) -> None:
    """The result before the last one, to show progress on a retake."""
    db.table("previous_results").create(
        {"user_id": int, "version": str, "lang": str, "answers": str, "finished_at": float},
        pk="user_id",
        if_not_exists=True,
    )


@MIGRATIONS()
def m004_result_quiz_ids(db: Database) -> None:
    """Which quiz a result comes from: a late press of its last button shows it again."""
    for table in ("last_results", "previous_results"):
        db.table(table).add_column("quiz_id", str)


@MIGRATIONS()
def m005_result_records(db: Database) -> None:
    """Results are kept as records (figures and the choices made from them), not answers.

    Each stored result is scored once more on the content it was taken on and kept as
    its record; one whose content is unknown or whose answers no longer read is dropped
    with a log line. The answers column goes; with `secure_delete` on, its pages are
    zeroed, not left in the file.
    """
    for table in ("last_results", "previous_results"):
        db.table(table).add_column("record", str)
        converted = dropped = 0
        for row in list(db.query(f"select * from {table}")):
            record = _converted(db, row)
            if record is None:
                db.execute(f"delete from {table} where user_id = ?", [row["user_id"]])
                dropped += 1
            else:
                db.execute(
                    f"update {table} set record = ? where user_id = ?", [record, row["user_id"]]
                )
                converted += 1
        if converted or dropped:
            log.info(
                "%s: %d result(s) kept as records, %d dropped (unreadable or unknown content)",
                table,
                converted,
                dropped,
            )
        db.table(table).transform(drop={"answers"})


@MIGRATIONS()
def m006_expiry_indexes(db: Database) -> None:
    """An index on the time each expiring row is counted from (`bot.state.expiry`): every
    /start looks for rows to expire, and finds out there are none without reading the tables."""
    for table, column in (
        ("sessions", "updated_at"),
        ("last_results", "finished_at"),
        ("previous_results", "finished_at"),
        ("languages", "updated_at"),
    ):
        db.table(table).create_index([column], if_not_exists=True)


def _converted(db: Database, row: dict[str, object]) -> str | None:
    """A result stored as answers, as the JSON of its record; None if it cannot be."""
    content = stored_content(db, str(row["version"]))
    if content is None:
        return None
    try:
        raw = json.loads(str(row["answers"]))
        answers = {str(k): tuple(map(str, v)) for k, v in raw.items()}
        lang: Lang = str(row["lang"])
        result = evaluate(content, answers)
    except (ValueError, TypeError, AttributeError, KeyError):
        return None
    quiz_id = row.get("quiz_id")
    record = record_of(content, result, lang=lang, quiz_id=str(quiz_id) if quiz_id else None)
    return record.model_dump_json()


def stored_content(db: Database, version: str) -> Content | None:
    """A content version kept in the `content_versions` table, if it still validates."""
    rows = list(db.query("select data from content_versions where version = ?", [version]))
    if not rows:
        return None
    data = json.loads(rows[0]["data"])
    try:
        return Content(
            profile=Profile.model_validate(data["profile"]),
            files=tuple(
                (name, QuestionFile.model_validate(qfile)) for name, qfile in data["files"]
            ),
            version=version,
        )
    except ValidationError as error:
        first = error.errors(include_input=False)[0]
        log.warning("Stored content %s no longer validates: %s", version, first["msg"])
        return None
