"""Read the anonymous score log: the summary figures and the exports.

Everything here opens `scores.db` read-only, so it is safe while the bot runs.
A log that does not exist yet reads as empty. The Datasette canned queries in
`bot/scorelog/datasette/metadata.yaml` compute the same figures in SQL.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO, TypeVar

from bot.content.models import CATEGORIES
from bot.scorelog.scores_schema import migrate
from bot.sqlite_lib import Database

#: Start of each 10-point fit bucket; the last one, 90, also holds 100.
FIT_BUCKETS: tuple[int, ...] = tuple(range(0, 100, 10))
#: How an empty multiple-choice answer is counted: unlike an option id (such as
#: `none`, "None of these"), it has brackets and a space. Datasette's answer counts use it too.
NO_ANSWER = "(nothing ticked)"
#: How a result without a deep-link source is shown.
NO_SOURCE = "(direct)"

K = TypeVar("K")

#: The results of the period (and of one profile, when `:profile` is set), as `r`.
PERIOD_SQL = (
    "(:since is null or r.date >= :since) and (:until is null or r.date <= :until)"
    " and (:profile is null or r.profile_id = :profile)"
)


@dataclass(frozen=True)
class Stat:
    mean: float
    median: float


@dataclass(frozen=True)
class Summary:
    since: date | None
    until: date | None
    count: int
    fits: tuple[float, ...]
    """Every overall fit (0–100), for charts."""
    fit: Stat | None
    """None when there is no result."""
    fit_buckets: dict[int, int]
    """Bucket start (see `FIT_BUCKETS`) → results; every bucket is present."""
    categories: dict[str, Stat]
    dimensions: dict[str, Stat]
    """Dimension id → its fit (0–100), in the profile's order."""
    gaps: list[tuple[str, int]]
    """Dimensions below their requirement → results, the most frequent first."""
    answers: dict[str, dict[str, int]]
    """Question id → option id → how many results chose it (in quiz order)."""
    by_lang: dict[str, int]
    by_source: dict[str | None, int]
    by_month: dict[str, int]
    """`YYYY-MM` → results, oldest first."""
    by_profile: dict[str, int] = field(default_factory=dict)
    """Profile id (the job) → results, the most frequent first."""


def fit_bucket(fit: float) -> int:
    return min(int(fit // 10), 9) * 10


def bucket_label(start: int) -> str:
    return f"{start}–{start + 10 if start == 90 else start + 9}"


def load_summary(
    path: Path,
    *,
    since: date | None = None,
    until: date | None = None,
    option_order: Mapping[str, Sequence[str]] | None = None,
    profile: str | None = None,
) -> Summary:
    """Every figure of `careerbot logs summary` for results dated since–until (inclusive),
    of one profile if `profile` names it.

    `option_order` (question id → its option ids, as in its file) lists each question's
    answers in that order, so a scale (diplomas, years) reads from bottom to top; other
    answers, and every answer without it, come in alphabetical order.
    """
    order = option_order or {}
    params = period_params(since, until, profile)
    results, dimension_rows, answer_rows = _period_rows(path, params)
    fits = tuple(row["fit"] for row in results)
    buckets = Counter(fit_bucket(fit) for fit in fits)
    dimension_fits: dict[str, list[float]] = defaultdict(list)
    gaps: Counter[str] = Counter()
    for row in dimension_rows:
        dimension_fits[row["dimension"]].append(row["fit"])
        gaps[row["dimension"]] += row["gap"]
    answers: dict[str, Counter[str]] = defaultdict(Counter)
    for row in answer_rows:
        answers[row["question_id"]].update(
            row["answer"].split(",") if row["answer"] else [NO_ANSWER]
        )

    return Summary(
        since=since,
        until=until,
        count=len(results),
        fits=fits,
        fit=_stat(fits),
        fit_buckets={start: buckets[start] for start in FIT_BUCKETS},
        categories={
            category: stat
            for category in CATEGORIES
            if (stat := _stat([r[f"fit_{category}"] for r in results])) is not None
        },
        dimensions={
            dim: stat for dim, fits_ in dimension_fits.items() if (stat := _stat(fits_)) is not None
        },
        gaps=sorted(((dim, n) for dim, n in gaps.items() if n), key=lambda item: -item[1]),
        answers={
            question: dict(
                sorted(counts.items(), key=lambda item: _option_order(item[0], order.get(question)))
            )
            for question, counts in answers.items()
        },
        by_profile=_most_first(Counter(row["profile_id"] for row in results)),
        by_lang=_most_first(Counter(row["lang"] for row in results)),
        by_source=_most_first(Counter(row["source"] for row in results)),
        by_month=dict(sorted(Counter(row["date"][:7] for row in results).items())),
    )


def _period_rows(
    path: Path, params: dict[str, str | None]
) -> tuple[list[sqlite3.Row], list[sqlite3.Row], list[sqlite3.Row]]:
    """The period's results, their dimension scores and their answers (none without a log)."""
    with reader(path) as conn:
        if conn is None:
            return [], [], []
        results = conn.execute(
            f"select * from results r where {PERIOD_SQL} order by r.date", params
        ).fetchall()
        dimension_rows = conn.execute(
            "select d.dimension, d.fit, d.gap from dimension_scores d"
            f" join results r on r.id = d.result_id where {PERIOD_SQL}"
            " order by d.position, d.result_id",
            params,
        ).fetchall()
        answer_rows = conn.execute(
            "select a.question_id, a.answer from answers a"
            f" join results r on r.id = a.result_id where {PERIOD_SQL}"
            " order by a.position, a.result_id",
            params,
        ).fetchall()
    return results, dimension_rows, answer_rows


def export_rows(
    path: Path, *, since: date | None = None, until: date | None = None, profile: str | None = None
) -> list[dict[str, Any]]:
    """One row per result, oldest first: its columns, then one `dim_<id>` fit per dimension."""
    params = period_params(since, until, profile)
    with reader(path) as conn:
        if conn is None:
            return []
        rows = [
            dict(row)
            for row in conn.execute(
                f"select * from results r where {PERIOD_SQL} order by r.date, r.id", params
            )
        ]
        fits: dict[str, dict[str, float]] = defaultdict(dict)
        columns: dict[str, None] = {}
        for row in conn.execute(
            "select d.result_id, d.dimension, d.fit from dimension_scores d"
            f" join results r on r.id = d.result_id where {PERIOD_SQL}"
            " order by d.position, d.result_id",
            params,
        ):
            fits[row["result_id"]][row["dimension"]] = row["fit"]
            columns.setdefault(row["dimension"], None)
    for row in rows:
        row.update({f"dim_{dim}": fits[row["id"]].get(dim) for dim in columns})
    return rows


def export_columns(path: Path) -> list[str]:
    """The export's columns, known even when no result falls in the period: the results
    table's columns (the current schema when there is no log yet), then `dim_<id>` for each
    dimension the log has scored."""
    with reader(path) as conn:
        if conn is not None:
            columns = [row["name"] for row in conn.execute("pragma table_info(results)")]
            dimensions = [
                row["dimension"]
                for row in conn.execute(
                    "select dimension from dimension_scores"
                    " group by dimension order by min(position), dimension"
                )
            ]
            return columns + [f"dim_{dimension}" for dimension in dimensions]
    empty = Database(memory=True)
    migrate(empty)
    return [column.name for column in empty.table("results").columns]


def export_csv(path: Path, *, since: date | None = None, until: date | None = None) -> bytes:
    """The export as a UTF-8 CSV document (for the /export command)."""
    out = io.StringIO()
    write_csv(export_rows(path, since=since, until=until), out, export_columns(path))
    return out.getvalue().encode("utf-8")


def chart_inputs(summary: Summary) -> tuple[tuple[float, ...], dict[str, float]]:
    """The arguments of `charts.stats_chart_png`: every fit and each category's mean."""
    return summary.fits, {category: stat.mean for category, stat in summary.categories.items()}


def write_csv(rows: Sequence[Mapping[str, Any]], out: TextIO, columns: Sequence[str] = ()) -> None:
    """Write a header (`columns`, then any other key of the rows) and the rows; empty cells
    for missing values. With no rows, the header alone."""
    fieldnames = list(dict.fromkeys([*columns, *(key for row in rows for key in row)]))
    writer = csv.DictWriter(out, fieldnames=fieldnames, restval="")
    writer.writeheader()
    writer.writerows(rows)


def write_json(rows: Sequence[Mapping[str, Any]], out: TextIO, columns: Sequence[str] = ()) -> None:
    """Write the rows as a JSON list (`columns` is for the CSV writer's signature)."""
    json.dump(list(rows), out, ensure_ascii=False, indent=2)
    out.write("\n")


@contextmanager
def reader(path: Path) -> Iterator[sqlite3.Connection | None]:
    """A read-only connection, or None when there is no log (or no schema) yet."""
    if not path.is_file():
        yield None
        return
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        has_results = conn.execute(
            "select 1 from sqlite_master where type = 'table' and name = 'results'"
        ).fetchone()
        yield conn if has_results else None


def period_params(
    since: date | None, until: date | None, profile: str | None = None
) -> dict[str, str | None]:
    """The parameters of `PERIOD_SQL`."""
    return {
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "profile": profile,
    }


def _stat(values: Sequence[float | None]) -> Stat | None:
    present = [v for v in values if v is not None]
    if not present:
        return None
    return Stat(mean=statistics.fmean(present), median=statistics.median(present))


def _most_first(counts: Counter[K]) -> dict[K, int]:
    return dict(counts.most_common())


def _option_order(option: str, options: Sequence[str] | None) -> tuple[bool, int, str]:
    known = options or ()
    place = known.index(option) if option in known else len(known)
    return (option == NO_ANSWER, place, option)
