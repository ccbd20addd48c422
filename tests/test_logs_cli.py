"""`careerbot logs` and the queries behind it (bot/scorelog/summary.py)."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import statistics
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pydantic import TypeAdapter, ValidationError

from bot.cli import main
from bot.cli.logs import logs
from bot.content.models import Content, Identifier
from bot.presentation.admin_text import format_summary
from bot.presentation.screens import MAX_MESSAGE_CHARS
from bot.scorelog.store import ScoreLog
from bot.scorelog.summary import (
    FIT_BUCKETS,
    NO_ANSWER,
    Stat,
    Summary,
    chart_inputs,
    export_csv,
    fit_bucket,
    load_summary,
)
from tests.support.scorelog import (
    FIXTURE,
    Planned,
    Recorded,
    fill,
    record,
    review_metadata,
    scorelog_content,
)


@pytest.fixture(scope="module")
def content() -> Content:
    return scorelog_content()


@pytest.fixture
def logged(tmp_path: Path, content: Content) -> tuple[Path, list[Recorded]]:
    path = tmp_path / "scores.db"
    return path, fill(path, content)


def run(*args: str, input: str | None = None) -> Result:
    result = CliRunner().invoke(main, ["logs", *args], input=input, catch_exceptions=False)
    return result


def cli_csv(path: Path, *args: str) -> list[dict[str, str]]:
    result = run("export", "--format", "csv", "--db", str(path), *args)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def figure(label: str, output: str) -> str:
    match = re.search(rf"^\s*{label}\s+(\S+)\s*$", output, re.MULTILINE)
    assert match, f"no {label!r} in:\n{output}"
    return match.group(1)


# --- summary -------------------------------------------------------------------


def test_summary_figures_agree_with_the_csv_export(logged: tuple[Path, list[Recorded]]) -> None:
    path, recorded = logged
    result = run("summary", "--db", str(path))
    assert result.exit_code == 0, result.output
    out = result.stdout

    exported = cli_csv(path)
    fits = [float(row["fit"]) for row in exported]
    assert len(exported) == len(recorded) == 12
    assert figure("Results", out) == "12"
    assert figure("Mean fit", out) == f"{statistics.fmean(fits):.1f}"
    assert figure("Median fit", out) == f"{statistics.median(fits):.1f}"

    printed = {
        int(start): int(count) for start, count in re.findall(r"│ (\d+)–\d+\s*│\s*(\d+) │", out)
    }
    assert printed == {start: Counter(map(fit_bucket, fits))[start] for start in FIT_BUCKETS}
    qualities = statistics.fmean(float(row["fit_qualities"]) for row in exported)
    assert re.search(rf"│ qualities\s*│\s*{qualities:.1f} │", out)
    for title in ("Fit distribution", "Qualities and skills", "Answers per question", "per month"):
        assert title in out


def test_summary_with_since_and_until(logged: tuple[Path, list[Recorded]]) -> None:
    path, recorded = logged
    args = ("--since", "2026-02-01", "--until", "2026-02-28")
    result = run("summary", "--db", str(path), *args)
    exported = cli_csv(path, *args)
    february = [r for r in recorded if r.planned.day.month == 2]
    assert len(february) == len(exported) == 4
    assert {row["date"][:7] for row in exported} == {"2026-02"}
    assert figure("Results", result.stdout) == "4"
    assert "2026-02-01 to 2026-02-28" in result.stdout


def test_summary_of_a_missing_log_says_so(tmp_path: Path) -> None:
    result = run("summary", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 0
    assert "No score log at" in result.stderr
    assert figure("Results", result.stdout) == "0"


def test_the_default_log_is_scores_db_in_the_data_dir(
    logged: tuple[Path, list[Recorded]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = logged
    monkeypatch.chdir(path.parent)  # no stray .env
    monkeypatch.setenv("CAREERBOT_DATA_DIR", str(path.parent))
    assert figure("Results", run("summary").stdout) == "12"


def test_summary_chart_is_saved(logged: tuple[Path, list[Recorded]], tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    chart = tmp_path / "stats.png"
    result = run("summary", "--db", str(logged[0]), "--chart", str(chart))
    assert result.exit_code == 0, result.output
    assert chart.read_bytes().startswith(b"\x89PNG")


def test_a_failing_chart_is_one_notice_and_the_summary_still_prints(
    logged: tuple[Path, list[Recorded]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(
        sys.modules, "bot.presentation.charts", None
    )  # as if matplotlib were missing
    result = run("summary", "--db", str(logged[0]), "--chart", str(tmp_path / "c.png"))
    assert result.exit_code == 0
    assert figure("Results", result.stdout) == "12"
    [notice] = result.stderr.splitlines()
    assert notice.startswith("Chart not saved: ")
    assert not (tmp_path / "c.png").exists()


# --- export ----------------------------------------------------------------------


def test_json_export_parses_and_matches_the_csv(
    logged: tuple[Path, list[Recorded]], content: Content
) -> None:
    path, recorded = logged
    result = run("export", "--format", "json", "--db", str(path))
    exported = json.loads(result.stdout)
    assert [row["id"] for row in exported] == [row["id"] for row in cli_csv(path)]
    assert {row["id"] for row in exported} == {r.id for r in recorded}

    dims = [f"dim_{d.id}" for d in content.profile.dimensions]
    by_id = {r.id: r for r in recorded}
    for row in exported:
        assert list(row)[-len(dims) :] == dims
        scored = by_id[row["id"]].result.score
        assert row["fit"] == round(scored.overall, 1)
        for d in scored.dimensions:
            assert row[f"dim_{d.dimension.id}"] == round(100 * d.fit, 1)


def test_export_to_a_file(logged: tuple[Path, list[Recorded]], tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = run("export", "--db", str(logged[0]), "--output", str(out), "--since", "2026-03-01")
    assert result.exit_code == 0
    assert "4 results written" in result.stderr
    assert len(list(csv.DictReader(out.open(encoding="utf-8", newline="")))) == 4


def test_export_of_a_missing_log_is_empty(tmp_path: Path) -> None:
    assert (
        json.loads(run("export", "--format", "json", "--db", str(tmp_path / "x.db")).stdout) == []
    )


def test_an_empty_csv_export_is_its_header_alone(
    logged: tuple[Path, list[Recorded]], tmp_path: Path
) -> None:
    path, _ = logged
    full_header = run("export", "--db", str(path)).stdout.splitlines()[0]
    empty = run("export", "--db", str(path), "--since", "2030-01-01").stdout.splitlines()
    assert empty == [full_header]
    assert "dim_" in full_header

    missing = run("export", "--db", str(tmp_path / "none.db")).stdout.splitlines()
    assert len(missing) == 1
    assert missing[0].split(",")[:3] == ["id", "date", "profile_id"]
    assert export_csv(tmp_path / "none.db").decode().splitlines() == missing


def test_nothing_ticked_has_one_spelling_no_option_id_can_take() -> None:
    """An option may be called `none` ("None of these"): the empty answer must read otherwise."""
    with pytest.raises(ValidationError):
        TypeAdapter(Identifier).validate_python(NO_ANSWER)
    canned = review_metadata()["databases"]["scores"]["queries"]["answers_per_question"]["sql"]
    assert f"'{NO_ANSWER}'" in canned


# --- purge -----------------------------------------------------------------------


def test_purge_asks_then_deletes_the_old_results(tmp_path: Path, content: Content) -> None:
    path = tmp_path / "scores.db"
    log = ScoreLog(path)
    today = date.today()
    for days_ago in (0, 10, 40, 100):
        record(log, content, Planned(today - timedelta(days=days_ago), 2))

    declined = run("purge", "--older-than", "30", "--db", str(path), input="n\n")
    assert declined.exit_code == 1
    assert "Delete 2 results" in declined.output
    assert len(cli_csv(path)) == 4

    accepted = run("purge", "--older-than", "30", "--db", str(path), input="y\n")
    assert accepted.exit_code == 0
    assert "Deleted 2 results" in accepted.output
    assert len(cli_csv(path)) == 2

    again = run("purge", "--older-than", "0", "--yes", "--db", str(path))
    assert "Deleted 1 result dated" in again.output
    with sqlite3.connect(path) as conn:
        assert conn.execute("select min(date) from results").fetchone()[0] == today.isoformat()
        for child in ("dimension_scores", "answers"):
            orphans = (
                f"select count(*) from {child} where result_id not in (select id from results)"
            )
            assert conn.execute(orphans).fetchone()[0] == 0


# --- review ----------------------------------------------------------------------


def test_review_without_a_log_fails_clearly(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["logs", "review", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "No score log at" in result.output


# --- The Telegram text -------------------------------------------------------------


def test_format_summary_gives_the_main_figures(logged: tuple[Path, list[Recorded]]) -> None:
    path, recorded = logged
    summary = load_summary(path)
    text = format_summary(summary)
    fits = [round(r.result.score.overall, 1) for r in recorded]
    assert text.startswith("Score log, all time: 12 results")
    assert f"mean {statistics.fmean(fits):.1f}" in text
    assert "Languages: fr 8, en 4" in text
    assert "Sources: (direct) 6, salon2026 4, lycee-pro 2" in text
    assert "Months: 2026-01 4, 2026-02 4, 2026-03 4" in text
    assert len(text) <= MAX_MESSAGE_CHARS


def test_format_summary_stays_within_a_telegram_message() -> None:
    many: dict[str | None, int] = {f"source-{i:03d}-" + "x" * 50: 1 for i in range(300)}
    summary = Summary(
        since=None,
        until=None,
        count=300,
        fits=(50.0,) * 300,
        fit=Stat(50.0, 50.0),
        fit_buckets={start: 30 for start in FIT_BUCKETS},
        categories={"qualities": Stat(50.0, 50.0)},
        dimensions={f"dim{i}": Stat(50.0, 50.0) for i in range(100)},
        gaps=[(f"dim{i}" + "y" * 30, 300 - i) for i in range(100)],
        answers={f"q{i}": {"a": 1} for i in range(100)},
        by_lang={"fr": 300},
        by_source=many,
        by_month={f"20{y:02d}-{m:02d}": 1 for y in range(10, 35) for m in range(1, 13)},
    )
    text = format_summary(summary)
    assert len(text) <= MAX_MESSAGE_CHARS
    assert "300 results" in text


def test_format_summary_of_nothing() -> None:
    summary = load_summary(Path("/nonexistent/scores.db"), since=date(2026, 1, 1))
    assert format_summary(summary) == (
        "Score log, 2026-01-01 to today: 0 results\nNothing recorded in this period."
    )


# --- The summary's figures, one by one ------------------------------------------------


def test_summary_counts_gaps_answers_and_breakdowns(
    logged: tuple[Path, list[Recorded]], content: Content
) -> None:
    path, recorded = logged
    summary = load_summary(path, since=date(2026, 1, 20))
    kept = [r for r in recorded if r.planned.day >= date(2026, 1, 20)]
    assert summary.count == len(kept) == 10

    gaps = Counter(d.dimension.id for r in kept for d in r.result.score.dimensions if d.fit < 1)
    assert dict(summary.gaps) == {dim: n for dim, n in gaps.items() if n}
    assert [n for _, n in summary.gaps] == sorted(gaps.values(), reverse=True)
    assert list(summary.dimensions) == [d.id for d in content.profile.dimensions]

    for question in content.questions:
        chosen = Counter(
            option for r in kept for option in r.session.answers[question.id] or (NO_ANSWER,)
        )
        assert summary.answers[question.id] == dict(chosen)

    assert summary.by_lang == dict(Counter(r.planned.lang for r in kept).most_common())
    assert summary.by_source == dict(Counter(r.planned.source for r in kept).most_common())
    assert summary.by_month == {"2026-01": 2, "2026-02": 4, "2026-03": 4}
    assert summary.categories["skills"].median == statistics.median(
        round(r.result.score.categories["skills"], 1) for r in kept
    )


# --- For the bot's /export and /stats ----------------------------------------------------


def test_export_csv_is_the_cli_export_as_bytes(logged: tuple[Path, list[Recorded]]) -> None:
    path, _ = logged
    cli = run("export", "--format", "csv", "--db", str(path)).stdout_bytes
    assert export_csv(path) == cli
    assert cli.startswith(b"id,date,") and cli.endswith(b"\r\n")  # RFC 4180 line ends


def test_chart_inputs_are_the_fits_and_the_category_means(
    logged: tuple[Path, list[Recorded]],
) -> None:
    path, recorded = logged
    fits, means = chart_inputs(load_summary(path))
    assert sorted(fits) == sorted(round(r.result.score.overall, 1) for r in recorded)
    assert list(means) == ["qualities", "skills", "background"]
    assert means["skills"] == statistics.fmean(
        round(r.result.score.categories["skills"], 1) for r in recorded
    )


def test_every_logs_command_and_option_is_documented() -> None:
    guide = (Path(__file__).resolve().parents[1] / "docs" / "score-logs.md").read_text()
    for name, command in logs.commands.items():
        assert f"careerbot logs {name}" in guide, name
        for param in command.params:
            for option in param.opts:
                if option.startswith("--") and option != "--help":
                    assert option in guide, f"{name} {option}"


# --- Answers in the scale's order; nothing to analyse ------------------------------------


def test_summary_lists_a_scale_in_its_order_not_alphabetically(
    logged: tuple[Path, list[Recorded]], content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`none · some · lots`, as the question lists them; it used to be `lots · none · some`."""
    path, recorded = logged
    monkeypatch.setenv("CAREERBOT_QUESTIONS_DIR", str(FIXTURE / "questions"))
    monkeypatch.setenv("CAREERBOT_PROFILES_DIR", str(FIXTURE / "profiles"))
    result = run("summary", "--db", str(path))
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.stdout.splitlines() if "q_experience" in line]
    shown = re.findall(r"(\w+) ×\d+", line)
    chosen = {option for r in recorded for option in r.session.answers["q_experience"]}
    question = content.question_by_id["q_experience"]
    assert shown == [o.id for o in question.options if o.id in chosen]
    assert shown != sorted(shown), "the test needs a scale that is not in alphabetical order"


def test_summary_keeps_alphabetical_order_without_the_question_files(
    logged: tuple[Path, list[Recorded]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = logged
    monkeypatch.setenv("CAREERBOT_QUESTIONS_DIR", str(tmp_path / "no-questions"))
    result = run("summary", "--db", str(path))
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.stdout.splitlines() if "q_experience" in line]
    shown = re.findall(r"(\w+) ×\d+", line)
    assert shown == sorted(shown)


def test_items_on_an_empty_period_says_so_instead_of_empty_tables(
    logged: tuple[Path, list[Recorded]],
) -> None:
    path, _ = logged
    result = run("items", "--db", str(path), "--since", "2030-01-01")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "No result in this period (2030-01-01 to today): nothing to analyse."
    ]
    result = run("items", "--db", str(path.with_name("none.db")))
    assert result.stdout.splitlines() == ["No result yet: nothing to analyse."]
