"""Kept results: answers scored once and kept as a record, and the record a running bot kept."""

from __future__ import annotations

import time
from pathlib import Path

from bot.content.models import Content, Lang
from bot.engine.record import ResultRecord, record_of
from bot.engine.result import evaluate
from bot.engine.scoring import Answers
from bot.state.records import KeptResult
from bot.state.state_db import StateDb


def record(
    content: Content, answers: Answers, lang: Lang = "en", quiz_id: str | None = None
) -> ResultRecord:
    return record_of(content, evaluate(content, answers), lang=lang, quiz_id=quiz_id)


def kept(
    content: Content,
    answers: Answers,
    lang: Lang = "en",
    *,
    quiz_id: str | None = None,
    finished_at: float | None = None,
) -> KeptResult:
    return KeptResult(record(content, answers, lang, quiz_id), finished_at or time.time())


def stored_record(data_dir: Path, user_id: int) -> ResultRecord:
    """The result record a running bot kept in `data_dir` for `user_id`."""
    store = StateDb(data_dir / "state.db")
    last = store.last_result(user_id)
    store.close()
    assert last is not None
    return last.record
