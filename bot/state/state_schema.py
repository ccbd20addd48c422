"""The schema of `state.db`, built by migrations (`sqlite_utils.Migrations`), like `scores.db`'s.

Add a new function at the end to change it, never edit one that has shipped.
"""

from __future__ import annotations

from bot.sqlite_lib import Database, Migrations

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
