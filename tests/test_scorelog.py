"""The anonymous score log: what one result writes, the schema, failures, purge."""

from __future__ import annotations

import logging
import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from bot.content.models import CATEGORIES, Content
from bot.engine.result import evaluate
from bot.engine.session import asked_questions
from bot.scorelog.scores_schema import MIGRATIONS
from bot.scorelog.store import ScoreLog
from tests.support.harness import make_read_only, undo_read_only
from tests.support.languages import LANGS
from tests.support.scorelog import (
    PLAN,
    QUIZ_SECONDS,
    SOURCES,
    Planned,
    fill,
    finished_at,
    play,
    record,
    scorelog_content,
)

LOG_TABLES = ("results", "dimension_scores", "answers")


@pytest.fixture(scope="module")
def content() -> Content:
    return scorelog_content()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "scores.db"


def rows(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[dict[str, object]]:
    with Database(path) as db:
        return list(db.query(sql, params))


# --- What a result writes ---------------------------------------------------


def test_record_writes_the_result_its_dimensions_and_answers(
    content: Content, db_path: Path
) -> None:
    log = ScoreLog(db_path, sources=SOURCES)
    recorded = record(log, content, Planned(date(2026, 2, 3), 2, "en", "salon2026"))
    score = recorded.result.score

    [row] = rows(db_path, "select * from results")
    assert row == {
        "id": recorded.id,
        "date": "2026-02-03",
        "profile_id": "ecommerce",
        "version": content.version,
        "lang": "en",
        "fit": round(score.overall, 1),
        "band": score.band.id,
        **{f"fit_{c}": round(score.categories[c], 1) for c in CATEGORIES},
        "education": score.value("education"),
        "experience": score.value("experience"),
        "duration_seconds": QUIZ_SECONDS,
        "source": "salon2026",
        "fit_interest": None,  # this fixture's profile measures no interest
        "readiness": score.readiness,
        "band_uncapped": score.uncapped.id,
        "cap": None,
        "experience_field": None,  # this fixture asks neither where nor its situation
        "situation": None,
    }
    assert row["education"] == "bac5" and row["experience"] == "lots"
    assert row["readiness"] == "ready"  # bac5 is the fixture's Master

    dimensions = rows(db_path, "select * from dimension_scores order by position")
    assert [(d["dimension"], d["category"]) for d in dimensions] == [
        (d.dimension.id, d.dimension.category) for d in score.dimensions
    ]
    for stored, scored in zip(dimensions, score.dimensions, strict=True):
        assert stored["result_id"] == recorded.id
        assert stored["fit"] == round(100 * scored.fit, 1)
        assert stored["level"] == round(scored.level, 2)
        assert stored["gap"] == int(scored.fit < 1)

    answers = rows(db_path, "select question_id, answer from answers order by position")
    assert answers == [
        {"question_id": q.id, "answer": ",".join(recorded.session.answers[q.id])}
        for q in content.questions
    ]
    assert {"question_id": "q_tools", "answer": "sheet,analytics"} in answers


def test_an_empty_multiple_choice_is_stored_as_an_empty_answer(
    content: Content, db_path: Path
) -> None:
    record(ScoreLog(db_path), content, Planned(date(2026, 2, 3), 0))
    [row] = rows(db_path, "select answer from answers where question_id = 'q_tools'")
    assert row == {"answer": ""}


def test_each_record_gets_a_new_random_id(content: Content, db_path: Path) -> None:
    log = ScoreLog(db_path)
    session = play(content, 3, quiz_id="abcdef12")
    result = evaluate(content, session.answers)
    ids = {log.record(content, session, result, finished_at=finished_at(date(2026, 1, 1)))}
    ids |= {log.record(content, session, result, finished_at=finished_at(date(2026, 1, 1)))}
    assert len(ids) == 2
    for result_id in ids:
        assert result_id is not None and re.fullmatch(r"[0-9a-f]{32}", result_id)
        assert "abcdef12" not in result_id


def test_a_source_not_on_the_admins_list_is_recorded_as_other(
    content: Content, db_path: Path
) -> None:
    log = ScoreLog(db_path, sources=frozenset({"salon_2026-lyon"}))
    record(log, content, Planned(date(2026, 1, 1), 1, source="jean_dupont"))
    record(log, content, Planned(date(2026, 1, 1), 1, source="salon_2026-lyon"))
    record(log, content, Planned(date(2026, 1, 1), 1, source=None))
    sources = [r["source"] for r in rows(db_path, "select source from results")]
    assert sorted(sources, key=str) == sorted(["other", "salon_2026-lyon", None], key=str)


def test_the_shipped_content_is_logged_in_full(shipped_content: Content, db_path: Path) -> None:
    recorded = record(ScoreLog(db_path), shipped_content, Planned(date(2026, 4, 1), 2))
    [row] = rows(db_path, "select * from results")
    assert row["profile_id"] == shipped_content.profile.id
    assert row["education"] is not None and row["experience"] is not None
    score = recorded.result.score
    assert row["fit_interest"] == round(score.interest or 0, 1)
    assert (row["readiness"], row["band"], row["band_uncapped"]) == (
        score.readiness,
        score.band.id,
        score.uncapped.id,
    )
    assert row["cap"] == (score.cap.id if score.cap else None)
    [count] = rows(db_path, "select count(*) as n from dimension_scores")
    assert count["n"] == len(shipped_content.profile.dimensions)
    [count] = rows(db_path, "select count(*) as n from answers")
    asked = asked_questions(shipped_content, recorded.session.lang)
    assert count["n"] == len(recorded.session.answers) == len(asked)


# --- Nothing that identifies a person ---------------------------------------

IDENTIFYING_WORDS = {
    "user", "chat", "name", "username", "first", "last", "telegram", "locale",
    "language", "code", "phone", "email", "hash", "ip", "time", "timestamp", "at", "message",
}  # fmt: skip


def test_no_column_name_identifies_a_person(content: Content, db_path: Path) -> None:
    fill(db_path, content)
    with Database(db_path) as db:
        assert set(db.table_names()) == {*LOG_TABLES, "_sqlite_migrations"}
        for table in LOG_TABLES:
            for column in db.table(table).columns_dict:
                words = set(column.split("_"))
                assert not words & IDENTIFYING_WORDS, f"{table}.{column}"


def test_no_value_carries_a_session_id_or_a_time_of_day(content: Content, db_path: Path) -> None:
    recorded = fill(db_path, content)
    quiz_ids = {r.session.quiz_id for r in recorded}
    started = {str(r.session.started_at) for r in recorded}
    started |= {str(int(r.session.started_at)) for r in recorded}

    with Database(db_path) as db:
        values = [
            str(value)
            for table in db.table_names()
            for row in db.table(table).rows
            for value in row.values()
        ]
    assert values
    for value in values:
        assert value not in quiz_ids | started
        assert not any(quiz_id in value for quiz_id in quiz_ids)
        assert not re.search(r"\d{1,2}:\d{2}", value), value
        if re.match(r"\d{4}-\d{2}-\d{2}", value):
            assert len(value) == 10, value  # a day, never a time

    langs = {row["lang"] for row in rows(db_path, "select lang from results")}
    assert langs <= set(LANGS)

    # Not even in the bytes on disk (the write-ahead log included).
    raw = b"".join(p.read_bytes() for p in db_path.parent.glob("scores.db*"))
    assert not any(quiz_id.encode() in raw for quiz_id in quiz_ids)


# --- Schema and migrations --------------------------------------------------


def index_columns(db: Database, table: str) -> list[list[str]]:
    return [index.columns for index in db.table(table).indexes]


def test_schema_has_the_indexes_the_summary_needs(content: Content, db_path: Path) -> None:
    ScoreLog(db_path).migrate()
    with Database(db_path) as db:
        assert db.journal_mode == "wal"
        results = index_columns(db, "results")
        assert ["date"] in results and ["lang"] in results and ["source"] in results
        for child in ("dimension_scores", "answers"):
            assert any(columns[0] == "result_id" for columns in index_columns(db, child))
            [fk] = db.table(child).foreign_keys
            assert (fk.column, fk.other_table, fk.other_column) == ("result_id", "results", "id")
        assert ["dimension", "gap"] in index_columns(db, "dimension_scores")
        assert ["question_id"] in index_columns(db, "answers")


def test_migrations_are_idempotent(content: Content, db_path: Path) -> None:
    log = ScoreLog(db_path)
    log.migrate()
    with Database(db_path) as db:
        schema = db.schema
    fill(db_path, content, PLAN[:2])
    for _ in range(3):
        ScoreLog(db_path).migrate()
    with Database(db_path) as db:
        assert db.schema == schema
        assert [m.name for m in MIGRATIONS.applied(db)] == [
            "m001_create_tables",
            "m002_summary_indexes",
            "m003_item_scores",
            "m004_verdict",
            "m005_knowledge_and_situation",
            "m006_profile_filter",
            "m007_no_insertion_order",
        ]
        assert db.table("results").count == 2


def test_migrations_upgrade_an_old_schema_and_keep_its_rows(
    content: Content, db_path: Path
) -> None:
    db_path.parent.mkdir(parents=True)
    with Database(db_path) as db:
        MIGRATIONS.apply(db, stop_before="m002_summary_indexes")
        assert index_columns(db, "results") == [["id"]]  # the primary key only
    old = record(ScoreLog(db_path), content, Planned(date(2025, 12, 1), 3))

    ScoreLog(db_path).migrate()
    with Database(db_path) as db:
        assert ["date"] in index_columns(db, "results")
        assert ["profile_id", "date"] in index_columns(db, "results")
        assert [m.name for m in MIGRATIONS.applied(db)][-1] == "m007_no_insertion_order"
    assert [r["id"] for r in rows(db_path, "select id from results")] == [old.id]


def test_a_log_written_with_rowids_loses_them_and_keeps_every_row_in_order(
    content: Content, db_path: Path
) -> None:
    """m007 rebuilds the tables WITHOUT ROWID: the rows, indexes and keys stay, and each
    result's dimensions and answers keep the order they were written in as `position`."""
    donor = db_path.with_name("donor.db")
    logged = [record(ScoreLog(donor), content, plan) for plan in PLAN[:3]]
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with Database(db_path) as db, Database(donor) as written:
        MIGRATIONS.apply(db, stop_before="m007_no_insertion_order")
        for result in logged:  # as the old schema wrote them, in order
            for table in LOG_TABLES:
                key = "id" if table == "results" else "result_id"
                ordered = "" if table == "results" else " order by position"
                found = written.query(
                    f"select * from {table} where {key} = ?{ordered}", [result.id]
                )
                db.table(table).insert_all(
                    {k: v for k, v in r.items() if k != "position"} for r in found
                )
    before = {table: rows(db_path, f"select * from {table} order by rowid") for table in LOG_TABLES}
    indexes = {table: index_columns(Database(db_path), table) for table in before}

    ScoreLog(db_path).migrate()
    with Database(db_path) as db:
        for table in before:
            assert "without rowid" in db.table(table).schema.lower()
            with pytest.raises(sqlite3.OperationalError, match="rowid"):
                db.execute(f"select rowid from {table}")
            assert index_columns(db, table) == indexes[table]
    assert rows(db_path, "select * from results order by id") == sorted(
        before["results"], key=lambda r: str(r["id"])
    )
    for table in ("dimension_scores", "answers"):
        for result in logged:
            kept = rows(
                db_path,
                f"select * from {table} where result_id = '{result.id}' order by position",
            )
            written = [r for r in before[table] if r["result_id"] == result.id]
            assert [r["position"] for r in kept] == list(range(len(written)))
            assert [{k: v for k, v in r.items() if k != "position"} for r in kept] == written


def test_answers_logged_before_item_scores_keep_an_empty_score(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    with Database(db_path) as db:
        MIGRATIONS.apply(db, stop_before="m003_item_scores")
        db.table("answers").insert({"result_id": "old", "question_id": "q_talk", "answer": "3"})
    ScoreLog(db_path).migrate()
    (row,) = rows(db_path, "select * from answers")
    assert (row["answer"], row["score"], row["category"]) == ("3", None, None)


def test_migration_stamps_are_kept_to_the_day(db_path: Path) -> None:
    ScoreLog(db_path).migrate()
    stamps = [r["applied_at"] for r in rows(db_path, "select applied_at from _sqlite_migrations")]
    assert len(stamps) == 7  # one per migration
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(stamp)) for stamp in stamps)


# --- A failure to log never costs the user their result ----------------------


class ReadOnlyScoreLog(ScoreLog):
    """Opens the file as SQLite does on a read-only disk or file."""

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)


def attempt(log: ScoreLog, content: Content) -> str | None:
    session = play(content, 2, quiz_id="secretquiz")
    result = evaluate(content, session.answers)
    return log.record(content, session, result, finished_at=finished_at(date(2026, 5, 1)))


def test_a_read_only_database_is_logged_not_raised(
    content: Content, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ScoreLog(db_path).migrate()
    with caplog.at_level(logging.WARNING, logger="bot.scorelog.store"):
        assert attempt(ReadOnlyScoreLog(db_path), content) is None
    assert "readonly" in caplog.text and str(db_path) in caplog.text
    assert "secretquiz" not in caplog.text
    assert rows(db_path, "select * from results") == []


def test_a_read_only_file_is_logged_not_raised(
    content: Content, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "scores.db"
    fill(path, content, PLAN[:1])
    make_read_only(path)  # even for root, who ignores permission bits
    try:
        with caplog.at_level(logging.WARNING, logger="bot.scorelog.store"):
            assert attempt(ScoreLog(path), content) is None
        assert "score not logged" in caplog.text
    finally:
        undo_read_only(path)
    assert len(rows(path, "select * from results")) == 1


def test_a_locked_database_is_logged_not_raised(
    content: Content, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    log = ScoreLog(db_path, timeout=0.05)
    log.migrate()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with caplog.at_level(logging.WARNING, logger="bot.scorelog.store"):
            assert attempt(log, content) is None
        assert "locked" in caplog.text
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert attempt(log, content) is not None  # and it recovers once the lock is gone


def test_a_directory_that_cannot_be_created_is_logged_not_raised(
    content: Content, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "file").write_text("not a directory")
    with caplog.at_level(logging.WARNING, logger="bot.scorelog.store"):
        assert attempt(ScoreLog(tmp_path / "file" / "scores.db"), content) is None
    assert "score not logged" in caplog.text


def test_an_unexpected_error_writes_nothing_and_is_not_raised(
    content: Content,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(*args: object) -> list[dict[str, object]]:
        raise RuntimeError("boom")

    monkeypatch.setattr("bot.scorelog.store._answer_rows", broken)
    with caplog.at_level(logging.WARNING, logger="bot.scorelog.store"):
        assert attempt(ScoreLog(db_path), content) is None
    assert "unexpected error" in caplog.text
    for table in LOG_TABLES:  # the result and its scores were rolled back together
        assert rows(db_path, f"select * from {table}") == []


# --- Purge --------------------------------------------------------------------


def test_purge_deletes_old_results_with_their_rows(content: Content, db_path: Path) -> None:
    recorded = fill(db_path, content)
    log = ScoreLog(db_path)
    today = date(2026, 3, 15)  # keeps results dated 2026-02-13 and after
    old = {r.id for r in recorded if r.planned.day < date(2026, 2, 13)}
    assert len(old) == 5

    assert log.purge(30, today, dry_run=True) == 5
    assert len(rows(db_path, "select id from results")) == len(PLAN)

    assert log.purge(30, today) == 5
    kept = {r["id"] for r in rows(db_path, "select id from results")}
    assert kept == {r.id for r in recorded} - old
    for child in ("dimension_scores", "answers"):
        ids = {r["result_id"] for r in rows(db_path, f"select result_id from {child}")}
        assert ids == kept
    assert log.purge(30, today) == 0


def test_purge_without_a_log_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "scores.db"
    assert ScoreLog(path).purge(0, date(2026, 1, 1)) == 0
    assert not path.exists()


def test_a_knowledge_answer_is_logged_right_or_not(shipped_content: Content, db_path: Path) -> None:
    """The difficulty of a knowledge question (`logs items`' Right column) comes from this."""
    from bot.engine.result import evaluate
    from bot.scorelog.items import load_items
    from tests.support.scorelog import finished_at, play

    log = ScoreLog(db_path, sources=SOURCES)
    for index, pick in enumerate((0, 1, 2, 3)):
        session = play(shipped_content, pick, quiz_id=f"k{index:07d}")
        result = evaluate(shipped_content, session.answers)
        log.record(shipped_content, session, result, finished_at=finished_at(date(2026, 3, 2)))
    stored = rows(db_path, "select question_id, answer, correct from answers")
    knowledge = [q for q in shipped_content.questions if q.kind == "knowledge"]
    assert knowledge
    for question in knowledge:
        (right,) = [o.id for o in question.options if o.right]
        logged = [r for r in stored if r["question_id"] == question.id]
        assert len(logged) == 4
        assert all(r["correct"] == int(r["answer"] == right) for r in logged)
    others = [r for r in stored if r["question_id"] not in {q.id for q in knowledge}]
    assert all(r["correct"] is None for r in others)
    items = {i.question_id: i for i in load_items(db_path).items}
    for question in knowledge:
        logged = [r for r in stored if r["question_id"] == question.id]
        assert items[question.id].share_right == sum(int(str(r["correct"])) for r in logged) / 4
    assert all(items[q].share_right is None for q in ("like_selling", "education"))
