"""The schema of `scores.db`, built by migrations (`sqlite_utils.Migrations`, the
successor of the sqlite-migrate package): add a new function at the end to change
it, never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from bot.content.models import CATEGORIES
from bot.sqlite_lib import Database, ForeignKey, Migrations

MIGRATIONS = Migrations("careerbot_scores")

#: Background answers kept as columns of `results` (the salary and advice inputs).
BACKGROUND_COLUMNS: tuple[str, ...] = ("education", "experience", "experience_field", "situation")

#: `Migrations` stamps each applied migration to the microsecond; this trigger
#: cuts the stamp to the day, so the file holds no time finer than a day.
_DAY_ONLY_MIGRATION_STAMPS = f"""
CREATE TRIGGER IF NOT EXISTS {MIGRATIONS.migrations_table}_day_only
AFTER INSERT ON {MIGRATIONS.migrations_table}
BEGIN
    UPDATE {MIGRATIONS.migrations_table}
    SET applied_at = substr(NEW.applied_at, 1, 10) WHERE id = NEW.id;
END
"""


@MIGRATIONS()
def m001_create_tables(db: Database) -> None:
    db.table("results").create(
        {
            "id": str,
            "date": str,
            "profile_id": str,
            "version": str,
            "lang": str,
            "fit": float,
            "band": str,
            **{f"fit_{category}": float for category in CATEGORIES},
            **dict.fromkeys(BACKGROUND_COLUMNS[:2], str),  # the others came with m005
            "duration_seconds": int,
            "source": str,
        },
        pk="id",
        not_null={"date", "profile_id", "version", "lang", "fit", "band"},
    )
    # The compound primary keys start with result_id: they index the foreign key.
    db.table("dimension_scores").create(
        {
            "result_id": str,
            "dimension": str,
            "category": str,
            "level": float,
            "fit": float,
            "gap": int,
        },
        pk=("result_id", "dimension"),
        foreign_keys=[ForeignKey("dimension_scores", "result_id", "results", "id")],
        not_null={"result_id", "dimension", "category", "level", "fit", "gap"},
    )
    db.table("answers").create(
        {"result_id": str, "question_id": str, "answer": str},
        pk=("result_id", "question_id"),
        foreign_keys=[ForeignKey("answers", "result_id", "results", "id")],
        not_null={"result_id", "question_id", "answer"},
    )


@MIGRATIONS()
def m002_summary_indexes(db: Database) -> None:
    db.table("results").create_index(["date"])
    db.table("results").create_index(["lang"])
    db.table("results").create_index(["source"])
    db.table("dimension_scores").create_index(["dimension", "gap"])
    db.table("answers").create_index(["question_id"])


@MIGRATIONS()
def m003_item_scores(db: Database) -> None:
    """Each answer's item score (0–4, reverse keying applied) and category: item analysis."""
    db.table("answers").add_column("score", float)
    db.table("answers").add_column("category", str)


@MIGRATIONS()
def m004_verdict(db: Database) -> None:
    """Interest, readiness and the cap rule: how often the gates change a verdict, and why."""
    results = db.table("results")
    results.add_column("fit_interest", float)
    results.add_column("readiness", str)
    results.add_column("band_uncapped", str)
    results.add_column("cap", str)


def migrate(db: Database) -> None:
    """Create or upgrade the schema; does not write when it is up to date.

    Safe when several processes open a new file at once: the migrations run
    inside one `BEGIN IMMEDIATE` transaction, and whoever gets it second finds
    nothing left to do.
    """
    if not MIGRATIONS.pending(db):
        return
    db.enable_wal()
    with immediate(db):
        if not MIGRATIONS.pending(db):
            return
        MIGRATIONS.ensure_migrations_table(db)
        db.execute(_DAY_ONLY_MIGRATION_STAMPS)
        MIGRATIONS.apply(db)


@contextmanager
def immediate(db: Database) -> Iterator[Database]:
    """A write transaction that takes the write lock first (waiting the busy timeout).

    A plain BEGIN takes it only at the first write, and SQLite then refuses at
    once instead of waiting when another writer got there in between.
    """
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


@MIGRATIONS()
def m005_knowledge_and_situation(db: Database) -> None:
    """Whether a knowledge question was answered right (its difficulty), and two more
    background facts: where the experience was gained, and the person's situation."""
    db.table("answers").add_column("correct", int)
    results = db.table("results")
    results.add_column("experience_field", str)
    results.add_column("situation", str)


@MIGRATIONS()
def m006_profile_filter(db: Database) -> None:
    """Several jobs in one log: each result keeps its profile id (a column since m001, set
    on every row); this index serves the summary, items and export of one profile."""
    db.table("results").create_index(["profile_id", "date"], if_not_exists=True)


#: The tables of results, each kept in the order of its primary key (WITHOUT ROWID).
RESULT_TABLES: tuple[str, ...] = ("results", "dimension_scores", "answers")


@MIGRATIONS()
def m007_no_insertion_order(db: Database) -> None:
    """No row tells when it was written: each table is rebuilt WITHOUT ROWID, so its rows
    sit in the order of their (random) result id and no `rowid` gives the order in which
    quizzes were finished, which could line them up with another file's order. A
    `position` column keeps each result's dimensions and answers in the profile's and the
    quiz's order, which the rowid used to give. A later migration may add columns; it must
    not `transform` these tables (that rebuilds a table with a rowid: a test checks)."""
    tables = {name: _table_sql(db, name) for name in RESULT_TABLES}
    indexes = [
        row[0]
        for row in db.execute(
            "select sql from sqlite_master where type = 'index' and sql is not null"
            f" and tbl_name in ({', '.join('?' for _ in RESULT_TABLES)})",
            list(RESULT_TABLES),
        )
    ]
    for name in RESULT_TABLES:
        db.execute(f"alter table [{name}] rename to [{name}_with_rowid]")
    for name, sql in tables.items():
        db.execute(f"{sql} without rowid")
        columns = ", ".join(f"[{column}]" for column in db.table(name).columns_dict)
        if name == "results":
            db.execute(
                f"insert into [{name}] ({columns}) select {columns} from [{name}_with_rowid]"
            )
            continue
        db.execute(f"alter table [{name}] add column [position] integer")
        db.execute(
            f"insert into [{name}] ({columns}, [position]) select {columns},"
            f" row_number() over (partition by result_id order by rowid) - 1"
            f" from [{name}_with_rowid]"
        )
    for name in reversed(RESULT_TABLES):
        db.execute(f"drop table [{name}_with_rowid]")
    for sql in indexes:
        db.execute(sql)


def _table_sql(db: Database, name: str) -> str:
    [(sql,)] = db.execute(
        "select sql from sqlite_master where type = 'table' and name = ?", [name]
    ).fetchall()
    return str(sql)
