"""Fill a score log with real quizzes, for the score-log, logs CLI and Datasette tests.

Every result comes from playing the quiz through `Quiz` and scoring it with
`evaluate` on the content in tests/fixtures/scorelog, as the bot does.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from bot.content.loader import load_content
from bot.content.models import Content, Lang
from bot.engine.result import Result, evaluate
from bot.engine.session import Quiz, QuizSession
from bot.scorelog.review import METADATA, snapshot
from bot.scorelog.store import ScoreLog
from tests.support.jobs import JOBS_PROFILES, JOBS_QUESTIONS
from tests.support.paths import FIXTURES

FIXTURE = FIXTURES / "scorelog"
QUIZ_SECONDS = 240


def scorelog_content() -> Content:
    return load_content(FIXTURE / "questions", FIXTURE / "profiles")


@dataclass(frozen=True)
class Planned:
    day: date
    pick: int
    """0–4: how far down each question's answers to go (see `play`)."""
    lang: Lang = "fr"
    source: str | None = None


@dataclass(frozen=True)
class Recorded:
    id: str
    planned: Planned
    session: QuizSession
    result: Result


#: The deep-link sources the admins of these logs keep on their list.
SOURCES = frozenset({"salon2026", "lycee-pro"})

#: Twelve results over three months, both languages, two sources and direct starts.
PLAN: tuple[Planned, ...] = (
    Planned(date(2026, 1, 5), 0, "fr", "salon2026"),
    Planned(date(2026, 1, 5), 1, "fr", "salon2026"),
    Planned(date(2026, 1, 20), 2, "en", None),
    Planned(date(2026, 1, 31), 3, "fr", None),
    Planned(date(2026, 2, 1), 4, "fr", "salon2026"),
    Planned(date(2026, 2, 14), 2, "en", "lycee-pro"),
    Planned(date(2026, 2, 14), 3, "fr", None),
    Planned(date(2026, 2, 28), 1, "en", None),
    Planned(date(2026, 3, 1), 4, "fr", "lycee-pro"),
    Planned(date(2026, 3, 10), 0, "en", None),
    Planned(date(2026, 3, 15), 3, "fr", "salon2026"),
    Planned(date(2026, 3, 31), 2, "fr", None),
)


def play(
    content: Content,
    pick: int,
    *,
    lang: Lang = "fr",
    source: str | None = None,
    quiz_id: str = "q0000001",
    started_at: float = 0.0,
) -> QuizSession:
    """Answer every question: likert level `pick`, the option at index `pick`
    (or the last), and the first `pick` options of a multiple choice."""
    quiz = Quiz(content)
    session = quiz.start(quiz_id=quiz_id, lang=lang, started_at=started_at, source=source)
    while (question := quiz.current(session)) is not None:
        choices = quiz.choices(question)
        if question.kind == "multiple":
            for choice in choices[: question.pick or pick]:
                session = quiz.toggle(session, choice)
            session = quiz.confirm(session)
        else:
            session = quiz.answer(session, choices[min(pick, len(choices) - 1)])
    return session


def finished_at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 14, 30, 15)


def record(
    log: ScoreLog, content: Content, planned: Planned, *, quiz_id: str = "q0000001"
) -> Recorded:
    end = finished_at(planned.day)
    session = play(
        content,
        planned.pick,
        lang=planned.lang,
        source=planned.source,
        quiz_id=quiz_id,
        started_at=(end - timedelta(seconds=QUIZ_SECONDS)).timestamp(),
    )
    result = evaluate(content, session.answers)
    result_id = log.record(content, session, result, finished_at=end)
    assert result_id is not None
    return Recorded(result_id, planned, session, result)


def fill(path: Path, content: Content, plan: Sequence[Planned] = PLAN) -> list[Recorded]:
    log = ScoreLog(path, sources=SOURCES)
    return [
        record(log, content, planned, quiz_id=f"quiz{index:04d}")
        for index, planned in enumerate(plan)
    ]


def review_metadata() -> dict[str, Any]:
    """Datasette's metadata as `careerbot logs review` serves it (canned queries, dashboards)."""
    metadata: dict[str, Any] = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    return metadata


def filled_log(path: Path, *, two_jobs: bool = False) -> Path:
    """A score log at `path`: the twelve results of PLAN on the scorelog job and, with
    `two_jobs`, the first seven of PLAN on the fake job (tests/support/jobs), which shares
    some of its dimension ids."""
    fill(path, scorelog_content())
    if two_jobs:
        fill(path, load_content(JOBS_QUESTIONS, JOBS_PROFILES), PLAN[:7])
    return path


@asynccontextmanager
async def review_datasette(log: Path) -> AsyncIterator[Any]:
    """Datasette as `careerbot logs review` serves the score log at `log`: on a snapshot of
    it (review/scores.db beside it), read-only, with the package's metadata; its databases
    are closed after."""
    from datasette.app import Datasette  # the review extra: its tests import-or-skip it

    copy = log.parent / "review" / "scores.db"
    copy.parent.mkdir()
    snapshot(log, copy)
    datasette = Datasette(immutables=[str(copy)], metadata=review_metadata())
    try:
        yield datasette
    finally:
        for database in datasette.databases.values():
            database.close()


async def canned_rows(datasette: Any, name: str, **params: str) -> list[dict[str, Any]]:
    """The rows of a canned query of the review's metadata, run with `params`."""
    response = await datasette.client.get(
        f"/scores/{name}.json", params={"_shape": "array", **params}
    )
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()
    return rows
