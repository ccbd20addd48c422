"""Kept results for the state-store tests: answers scored once and kept as a record."""

from __future__ import annotations

import time

from bot.content.models import Content, Lang
from bot.engine.record import ResultRecord, record_of
from bot.engine.result import evaluate
from bot.engine.scoring import Answers
from bot.state.records import KeptResult


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
