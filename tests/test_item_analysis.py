"""Item analysis for question editors: `careerbot logs items` and its Datasette queries.

A log is filled with quizzes whose answers are chosen here, so each figure can
be checked against a reference computed in the test with the standard library
(statistics.correlation, and Cronbach's alpha written out).
"""

from __future__ import annotations

import statistics
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.content.models import Content
from bot.engine.result import evaluate
from bot.engine.scoring import item_category, item_score
from bot.engine.session import Quiz
from bot.scorelog.items import MAX_MODAL_SHARE, MIN_ITEM_REST, Item, load_items
from bot.scorelog.store import ScoreLog
from tests.support.scorelog import canned_rows, review_datasette, scorelog_content

pytest.importorskip("datasette.app")  # tests.support.scorelog.review_datasette serves it

#: The scorelog fixture's questions: qualities q_talk, q_lead, q_team (likert);
#: skills q_web (single a/b/c), q_tools (multiple), q_figures (likert); background
#: q_education, q_experience. Six people; q_lead runs against the other
#: qualities, and everyone gives q_figures the same answer.
PEOPLE: list[dict[str, tuple[str, ...]]] = [
    {"q_talk": ("0",), "q_lead": ("4",), "q_team": ("0",), "q_web": ("c",), "q_tools": ()},
    {"q_talk": ("1",), "q_lead": ("3",), "q_team": ("2",), "q_web": ("b",), "q_tools": ("sheet",)},
    {"q_talk": ("2",), "q_lead": ("2",), "q_team": ("2",), "q_web": ("b",), "q_tools": ("cms",)},
    {"q_talk": ("3",), "q_lead": ("1",), "q_team": ("3",), "q_web": ("a",), "q_tools": ("sheet",)},
    {"q_talk": ("4",), "q_lead": ("0",), "q_team": ("4",), "q_web": ("a",), "q_tools": ()},
    {"q_talk": ("4",), "q_lead": ("1",), "q_team": ("3",), "q_web": ("a",), "q_tools": ("cms",)},
]
COMMON = {"q_figures": ("2",), "q_education": ("bac2",), "q_experience": ("some",)}


@pytest.fixture(scope="module")
def content() -> Content:
    return scorelog_content()


@pytest.fixture
def db_path(tmp_path: Path, content: Content) -> Path:
    path = tmp_path / "scores.db"
    log = ScoreLog(path)
    quiz = Quiz(content)
    for index, person in enumerate(PEOPLE):
        answers = {**person, **COMMON}
        session = quiz.start(quiz_id=f"p{index}", lang="fr", started_at=0.0)
        session = session.model_copy(
            update={"answers": answers, "position": len(content.questions)}
        )
        assert log.record(
            content, session, evaluate(content, answers), finished_at=datetime(2026, 3, index + 1)
        )
    return path


def reference_scores(content: Content) -> dict[str, list[float]]:
    """Question id → each person's item score, computed from the content."""
    return {
        q.id: [
            score
            for person in PEOPLE
            if (score := item_score(q, {**person, **COMMON}[q.id])) is not None
        ]
        for q in content.questions
    }


def by_id(items: list[Item]) -> dict[str, Item]:
    return {item.question_id: item for item in items}


# --- What the log stores ---------------------------------------------------------------------


def test_each_answer_is_logged_with_its_item_score_and_category(
    db_path: Path, content: Content
) -> None:
    import sqlite3

    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(
            "select a.question_id, a.answer, a.score, a.category from answers a"
            " join results r on r.id = a.result_id where r.date = '2026-03-01'"
        ).fetchall()
    first = {qid: (answer, score, category) for qid, answer, score, category in rows}
    assert len(first) == len(content.questions)  # the first person's answers
    assert first["q_talk"] == ("0", 0.0, "qualities")
    assert first["q_web"] == ("c", 0.0, "skills")
    assert first["q_tools"] == ("", 0.0, "skills")  # nothing ticked: no evidence
    assert first["q_education"] == ("bac2", 2.0, None)  # a background fact: no category
    for question in content.questions:
        assert first[question.id][2] == item_category(content, question)


def test_a_reverse_keyed_answer_is_logged_reversed(shipped_content: Content) -> None:
    question = next(q for q in shipped_content.questions if q.reverse)
    assert item_score(question, ("4",)) == 0.0
    assert item_score(question, ("1",)) == 3.0


# --- The figures -------------------------------------------------------------------------------


def test_counts_spread_and_top_answer(db_path: Path, content: Content) -> None:
    report = load_items(db_path)
    assert report.results == len(PEOPLE)
    items = by_id(report.items)
    talk = items["q_talk"]
    assert talk.count == 6
    assert talk.spread == pytest.approx(statistics.pstdev([0, 1, 2, 3, 4, 4]))
    assert talk.modal_answer == "4"
    assert talk.modal_share == pytest.approx(2 / 6)
    assert "does not separate" not in talk.flags


def test_a_question_everyone_answers_alike_is_flagged(db_path: Path) -> None:
    figures = by_id(load_items(db_path).items)["q_figures"]
    assert figures.modal_share == 1.0 > MAX_MODAL_SHARE
    assert figures.spread == 0.0
    assert figures.item_rest is None  # no spread, no correlation
    assert figures.flags == ["does not separate"]


def test_item_rest_correlation_and_its_flag(db_path: Path, content: Content) -> None:
    items = by_id(load_items(db_path).items)
    scores = reference_scores(content)
    rest_of_talk = [
        lead + team for lead, team in zip(scores["q_lead"], scores["q_team"], strict=True)
    ]
    assert items["q_talk"].item_rest == pytest.approx(
        statistics.correlation(scores["q_talk"], rest_of_talk)
    )
    lead = items["q_lead"]
    rest_of_lead = [
        talk + team for talk, team in zip(scores["q_talk"], scores["q_team"], strict=True)
    ]
    assert lead.item_rest == pytest.approx(statistics.correlation(scores["q_lead"], rest_of_lead))
    assert lead.item_rest is not None and lead.item_rest < MIN_ITEM_REST
    assert lead.flags == ["disagrees with its category"]
    assert items["q_education"].category is None and items["q_education"].item_rest is None


def test_cronbach_alpha_per_category(db_path: Path, content: Content) -> None:
    scores = reference_scores(content)

    def alpha(questions: list[str]) -> float:
        k = len(questions)
        totals = [sum(column) for column in zip(*(scores[q] for q in questions), strict=True)]
        item_variance = sum(statistics.pvariance(scores[q]) for q in questions)
        total_variance: float = statistics.pvariance(totals)
        return k / (k - 1) * (1 - item_variance / total_variance)

    categories = {c.name: c for c in load_items(db_path).categories}
    assert set(categories) == {"qualities", "skills"}
    qualities = categories["qualities"]
    assert (qualities.items, qualities.complete) == (3, 6)
    assert qualities.alpha == pytest.approx(alpha(["q_talk", "q_lead", "q_team"]))
    skills = categories["skills"]
    assert skills.alpha == pytest.approx(alpha(["q_web", "q_tools", "q_figures"]))


def test_an_empty_or_missing_log_gives_an_empty_report(tmp_path: Path) -> None:
    report = load_items(tmp_path / "nothing.db")
    assert (report.results, report.items, report.categories) == (0, [], [])


# --- The command -------------------------------------------------------------------------------


def test_logs_items_prints_every_question_and_the_flags(db_path: Path, content: Content) -> None:
    result = CliRunner().invoke(main, ["logs", "items", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    for question in content.questions:
        assert question.id in result.output
    assert "does not separate" in result.output
    assert "disagrees with its category" in result.output
    assert "Cronbach's alpha" in result.output


def test_logs_items_takes_a_period(db_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["logs", "items", "--db", str(db_path), "--since", "2026-03-04"]
    )
    assert result.exit_code == 0, result.output
    assert "Questions (3 results)" in result.output


# --- Datasette gives the same figures --------------------------------------------------------


@pytest.fixture
async def ds(db_path: Path) -> AsyncIterator[Any]:
    async with review_datasette(db_path) as datasette:
        yield datasette


async def test_the_canned_queries_agree_with_logs_items(ds: Any, db_path: Path) -> None:
    report = load_items(db_path)
    rows = {row["question_id"]: row for row in await canned_rows(ds, "item_analysis")}
    assert rows.keys() == {item.question_id for item in report.items}
    for item in report.items:
        row = rows[item.question_id]
        assert row["answers"] == item.count
        assert row["spread"] == pytest.approx(item.spread, abs=0.006)
        assert row["modal_share"] == pytest.approx(item.modal_share, abs=0.006)
        if item.item_rest is None:
            assert row["item_rest"] is None
        else:
            assert row["item_rest"] == pytest.approx(item.item_rest, abs=0.006)
        assert row["flag"] == ", ".join(item.flags)
    alphas = {row["category"]: row for row in await canned_rows(ds, "category_alpha")}
    for category in report.categories:
        assert alphas[category.name]["items"] == category.items
        assert alphas[category.name]["complete_results"] == category.complete
        assert alphas[category.name]["alpha"] == pytest.approx(category.alpha, abs=0.006)


async def test_the_canned_queries_take_the_period(ds: Any) -> None:
    rows = await canned_rows(ds, "item_analysis", since="2026-03-04", until="")
    assert {row["answers"] for row in rows} == {3}
