"""`careerbot logs demo`: simulated results scored by the real engine, removable by source."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import main
from bot.content.loader import load_content
from bot.engine.result import evaluate
from bot.engine.session import asked_questions
from bot.scorelog.items import MIN_ITEM_REST, load_items
from bot.scorelog.summary import fit_bucket, load_summary
from tests.support.paths import SHIPPED_PROFILES, SHIPPED_QUESTIONS
from tests.support.scorelog import fill, scorelog_content


@pytest.fixture(autouse=True)
def shipped_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERBOT_QUESTIONS_DIR", str(SHIPPED_QUESTIONS))
    monkeypatch.setenv("CAREERBOT_PROFILES_DIR", str(SHIPPED_PROFILES))


def logs(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, ["logs", *args], input=input, catch_exceptions=False)


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_demo_results_are_the_engine_scoring_varied_answers(tmp_path: Path) -> None:
    path = tmp_path / "scores.db"
    result = logs("demo", "--count", "80", "--db", str(path))

    assert result.exit_code == 0, result.output
    assert f"Added 80 demo results to {path} (source 'demo')" in result.stdout
    assert "careerbot logs purge --source demo" in result.stdout
    results = rows(path, "select id, fit, source, lang, date from results")
    assert len(results) == 80
    assert {source for _, _, source, _, _ in results} == {"demo"}
    assert {lang for *_, lang, _ in results} == {"fr", "en"}
    assert len({day for *_, day in results}) > 20, "spread over many days"
    assert len({fit_bucket(fit) for _, fit, *_ in results}) >= 4, "varied fits"  # type: ignore[arg-type]

    content = load_content(SHIPPED_QUESTIONS, SHIPPED_PROFILES)
    answers: dict[object, dict[str, tuple[str, ...]]] = defaultdict(dict)
    answer_rows = rows(path, "select result_id, question_id, answer from answers")
    for result_id, question, answer in answer_rows:
        answers[result_id][str(question)] = tuple(str(answer).split(",")) if answer else ()
    for result_id, fit, _, lang, _ in results:
        assert len(answers[result_id]) == len(
            asked_questions(content, "en" if lang == "en" else "fr")
        )
        assert fit == round(evaluate(content, answers[result_id]).score.overall, 1)

    assert load_summary(path).count == 80


def test_the_same_seed_gives_the_same_demo(tmp_path: Path) -> None:
    fits = []
    for name in ("a.db", "b.db"):
        logs("demo", "--count", "20", "--seed", "7", "--db", str(tmp_path / name))
        fits.append(rows(tmp_path / name, "select fit, band, education from results order by fit"))
    assert fits[0] == fits[1]


def test_purge_by_source_removes_the_demo_and_keeps_real_results(tmp_path: Path) -> None:
    path = tmp_path / "scores.db"
    real = fill(path, scorelog_content())
    logs("demo", "--count", "30", "--db", str(path))

    declined = logs("purge", "--source", "demo", "--db", str(path), input="n\n")
    assert declined.exit_code == 1
    assert "Delete 30 results from source 'demo'" in declined.output

    purged = logs("purge", "--source", "demo", "--yes", "--db", str(path))

    assert purged.exit_code == 0
    assert "Deleted 30 results from source 'demo'." in purged.output
    assert len(rows(path, "select id from results")) == len(real)
    orphans = "select count(*) from answers where result_id not in (select id from results)"
    assert rows(path, orphans) == [(0,)]
    again = logs("purge", "--source", "demo", "--yes", "--db", str(path))
    assert "No result from source 'demo'." in again.output


def test_purge_needs_a_criterion(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["logs", "purge", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2
    assert "--older-than DAYS and/or --source NAME" in result.output


def test_the_demo_answers_reverse_keyed_statements_as_people_do(tmp_path: Path) -> None:
    """An apt simulated person disagrees with "I need fixed hours". The demo used to agree,
    so `logs items` flagged the three reverse-keyed questions as disagreeing with their
    category (item–rest about −0.5)."""
    path = tmp_path / "scores.db"
    assert logs("demo", "--db", str(path)).exit_code == 0
    content = load_content(SHIPPED_QUESTIONS, SHIPPED_PROFILES)
    reverse = {q.id for q in content.questions if q.reverse}
    assert reverse, "the shipped questions have reverse-keyed statements"
    items = {item.question_id: item for item in load_items(path).items}
    for question in sorted(reverse):
        item = items[question]
        assert item.item_rest is not None and item.item_rest >= MIN_ITEM_REST, question
        assert "disagrees with its category" not in item.flags
    report = logs("items", "--db", str(path)).stdout
    assert not any(
        q in line and "disagrees" in line for q in reverse for line in report.splitlines()
    )
