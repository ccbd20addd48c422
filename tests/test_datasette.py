"""Datasette serves the score log with the metadata and canned queries of `logs review`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.scorelog.review import METADATA
from bot.scorelog.summary import NO_ANSWER, NO_SOURCE, Summary, bucket_label, load_summary
from tests.support.jobs import FAKE
from tests.support.scorelog import canned_rows, filled_log, review_datasette, review_metadata

pytest.importorskip("datasette.app")  # tests.support.scorelog.review_datasette serves it

QUERIES = (
    "by_profile",
    "fit_distribution",
    "category_means",
    "dimension_means",
    "frequent_gaps",
    "answers_per_question",
    "by_language",
    "by_source",
    "by_month",
    "item_analysis",
    "category_alpha",
)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return filled_log(tmp_path / "scores.db")


@pytest.fixture
async def ds(db_path: Path) -> AsyncIterator[Any]:
    async with review_datasette(db_path) as datasette:
        yield datasette


def test_the_metadata_ships_with_the_package() -> None:
    assert METADATA.is_file()
    metadata = review_metadata()
    assert tuple(metadata["databases"]["scores"]["queries"]) == QUERIES


async def test_every_canned_query_runs_and_returns_rows(ds: Any) -> None:
    for name in QUERIES:
        assert await canned_rows(ds, name), name


async def test_the_metadata_describes_every_column(ds: Any) -> None:
    tables = review_metadata()["databases"]["scores"]["tables"]
    database = ds.get_database("scores")
    for table in ("results", "dimension_scores", "answers"):
        columns = await database.table_columns(table)
        assert list(tables[table]["columns"]) == columns, table
        assert tables[table]["description"]
    assert tables["_sqlite_migrations"]["hidden"] is True


async def test_the_database_is_served_read_only(ds: Any) -> None:
    database = ds.get_database("scores")
    assert not database.is_mutable
    response = await ds.client.get("/scores.json")
    assert response.status_code == 200


def summary_figures(summary: Summary) -> dict[str, Any]:
    return {
        "fit_distribution": {
            bucket_label(start): n for start, n in summary.fit_buckets.items() if n
        },
        "categories": {c: round(s.mean, 1) for c, s in summary.categories.items()},
        "dimensions": {d: round(s.mean, 1) for d, s in summary.dimensions.items()},
        "gaps": summary.gaps,
        "answers": summary.answers,
        "by_language": summary.by_lang,
        "by_source": {(s or NO_SOURCE): n for s, n in summary.by_source.items()},
        "by_month": summary.by_month,
    }


async def canned_figures(ds: Any, **params: str) -> dict[str, Any]:
    [means] = await canned_rows(ds, "category_means", **params)
    answers: dict[str, dict[str, int]] = {}
    for row in await canned_rows(ds, "answers_per_question", **params):
        answers.setdefault(row["question_id"], {})[row["choice"]] = row["times"]
    return {
        "fit_distribution": {
            row["fit_range"]: row["results"]
            for row in await canned_rows(ds, "fit_distribution", **params)
        },
        "categories": {c: means[c] for c in ("qualities", "skills", "background")},
        "dimensions": {
            row["dimension"]: row["mean_fit"]
            for row in await canned_rows(ds, "dimension_means", **params)
        },
        "gaps": [
            (row["dimension"], row["gaps"])
            for row in await canned_rows(ds, "frequent_gaps", **params)
        ],
        "answers": answers,
        "by_language": {
            row["lang"]: row["results"] for row in await canned_rows(ds, "by_language", **params)
        },
        "by_source": {
            row["source"]: row["results"] for row in await canned_rows(ds, "by_source", **params)
        },
        "by_month": {
            row["month"]: row["results"] for row in await canned_rows(ds, "by_month", **params)
        },
    }


async def test_canned_queries_agree_with_the_summary(ds: Any, db_path: Path) -> None:
    summary = load_summary(db_path)
    canned = await canned_figures(ds)
    expected = summary_figures(summary)

    assert canned["fit_distribution"] == expected["fit_distribution"]
    # Means agree to the one decimal shown; SQLite and Python may round a tie apart.
    for means in ("categories", "dimensions"):
        assert canned[means] == pytest.approx(expected[means], abs=0.11)
    assert sorted(canned["gaps"]) == sorted(expected["gaps"])
    assert {q: dict(sorted(a.items())) for q, a in canned["answers"].items()} == {
        q: dict(sorted(a.items())) for q, a in expected["answers"].items()
    }
    assert NO_ANSWER in canned["answers"]["q_tools"]
    for breakdown in ("by_language", "by_source", "by_month"):
        assert canned[breakdown] == expected[breakdown], breakdown


async def test_canned_queries_take_since_and_until(ds: Any, db_path: Path) -> None:
    summary = load_summary(db_path, since=date(2026, 2, 1), until=date(2026, 2, 28))
    canned = await canned_figures(ds, since="2026-02-01", until="2026-02-28")
    assert summary.count == 4
    assert sum(canned["fit_distribution"].values()) == summary.count
    expected = summary_figures(summary)
    for exact in ("fit_distribution", "by_language", "by_source", "by_month"):
        assert canned[exact] == expected[exact], exact
    assert canned["categories"] == pytest.approx(expected["categories"], abs=0.11)
    assert sorted(canned["gaps"]) == sorted(summary.gaps)


# --- Several jobs ---------------------------------------------------------------------

#: The job of tests/fixtures/scorelog; the fake job shares some of its dimension ids.
LOGGED = "ecommerce"


@pytest.fixture
def two_jobs_db(tmp_path: Path) -> Path:
    """A log with 12 results of one job and 7 of the fake one."""
    return filled_log(tmp_path / "scores.db", two_jobs=True)


@pytest.fixture
async def two_jobs(two_jobs_db: Path) -> AsyncIterator[Any]:
    async with review_datasette(two_jobs_db) as datasette:
        yield datasette


async def test_each_canned_query_keeps_the_job_named(two_jobs: Any, two_jobs_db: Path) -> None:
    for profile, count in ((LOGGED, 12), (FAKE, 7)):
        summary = load_summary(two_jobs_db, profile=profile)
        assert summary.count == count
        canned = await canned_figures(two_jobs, profile=profile)
        expected = summary_figures(summary)
        for exact in ("fit_distribution", "by_language", "by_source", "by_month"):
            assert canned[exact] == expected[exact], (profile, exact)
        for means in ("categories", "dimensions"):
            assert canned[means] == pytest.approx(expected[means], abs=0.11), (profile, means)
        assert sorted(canned["gaps"]) == sorted(expected["gaps"]), profile
        assert canned["answers"].keys() == expected["answers"].keys(), profile
        for name in ("item_analysis", "category_alpha"):
            rows = await canned_rows(two_jobs, name, profile=profile)
            assert rows and {row["profile_id"] for row in rows} == {profile}, (profile, name)
    assert [
        (row["profile_id"], row["results"]) for row in await canned_rows(two_jobs, "by_profile")
    ] == [
        (LOGGED, 12),
        (FAKE, 7),
    ]


async def test_without_a_job_no_row_mixes_two(two_jobs: Any, two_jobs_db: Path) -> None:
    """The figures of dimensions and questions, which each job has of its own, come per job."""
    per_job = {
        "category_means": lambda rows: {
            c: rows[0][c] for c in ("qualities", "skills", "background")
        },
        "dimension_means": lambda rows: {row["dimension"]: row["mean_fit"] for row in rows},
        "frequent_gaps": lambda rows: sorted((row["dimension"], row["gaps"]) for row in rows),
    }
    answered = {
        name: await canned_rows(two_jobs, name)
        for name in (*per_job, "answers_per_question", "item_analysis", "category_alpha")
    }
    for profile in (LOGGED, FAKE):
        summary = load_summary(two_jobs_db, profile=profile)
        expected = summary_figures(summary)
        mine = {
            name: [r for r in rows if r["profile_id"] == profile] for name, rows in answered.items()
        }
        assert per_job["category_means"](mine["category_means"]) == pytest.approx(
            expected["categories"], abs=0.11
        )
        assert per_job["dimension_means"](mine["dimension_means"]) == pytest.approx(
            expected["dimensions"], abs=0.11
        )
        assert per_job["frequent_gaps"](mine["frequent_gaps"]) == sorted(expected["gaps"])
        for row in mine["frequent_gaps"]:  # a share of that job's results
            assert row["percent_of_results"] == round(100 * row["gaps"] / summary.count, 1)
        assert {r["question_id"] for r in mine["answers_per_question"]} == set(summary.answers)
        assert {r["question_id"] for r in mine["item_analysis"]} <= set(summary.answers)
        assert mine["category_alpha"], profile
    shared = {r["dimension"] for r in answered["dimension_means"] if r["profile_id"] == FAKE}
    assert shared & {
        r["dimension"] for r in answered["dimension_means"] if r["profile_id"] == LOGGED
    }
