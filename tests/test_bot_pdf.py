"""« Mon bilan (PDF) » over Telegram: the real Application against the fake Bot API.

The button under the result sends a document (sendDocument) that pypdf reads
back: the whole result of that quiz, in the person's language, on one or two
pages, and nothing in it that names the person. After a restart and a retake,
the old result's button still sends that result's PDF.
"""

from __future__ import annotations

import io
import logging
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from bot.content.models import Content, Lang
from bot.engine.record import ResultRecord
from bot.presentation.pdf import MAX_PAGES
from bot.presentation.result_full import render_result
from bot.presentation.result_text import to_plain
from bot.presentation.texts import money_range, percent, t
from bot.telegram_bot import optional_charts
from tests.support.fake_botapi import BotMessage, FakeBotAPI, FakeUser
from tests.support.harness import QuizPlayer, make_settings, random_choices, running_bot
from tests.support.pdf_text import page_texts, squeezed
from tests.support.records import stored_record

USER_ID = 918273645
FIRST_NAME = "Noémie"
USERNAME = "noemie_k"


async def pdf_sent(
    server: FakeBotAPI, user: FakeUser, result: BotMessage, content: Content, lang: Lang
) -> bytes:
    """Press the result's PDF button; the document the bot sends in reply."""
    before = len(user.messages)
    pressed = user.press(t("button_pdf", lang), message_id=result.message_id)
    answer = await server.wait_for_answer(pressed)
    assert answer.get("text") == t("pdf_toast", lang)
    sent = await user.wait_for(
        lambda u: next((m for m in u.messages[before:] if m.document), None), timeout=60
    )
    assert sent.document_filename == t("pdf_filename", lang)
    assert sent.caption == to_plain(t("pdf_caption", lang, job=content.profile.title(lang)))
    assert sent.document is not None
    return sent.document


def check_pdf(data: bytes, content: Content, record: ResultRecord, lang: Lang) -> None:
    """The whole result of `record`, its figures, on one or two pages, naming no one."""
    pages = page_texts(data, lang)
    assert 1 <= len(pages) <= MAX_PAGES
    whole = to_plain(render_result(content, record, lang, pointer=False))
    assert squeezed("".join(pages)) == squeezed(whole)
    words = " ".join(" ".join("".join(pages).split()).split())
    for figure in (
        percent(record.overall, lang),
        money_range(*record.salary.shown, lang),
    ):
        assert " ".join(figure.replace("\u00a0", " ").split()) in words, figure
    raw = data.decode("latin-1")
    for who in (str(USER_ID), FIRST_NAME, USERNAME):
        assert who not in raw and who not in words
    reader = PdfReader(io.BytesIO(data))
    metadata: dict[str, Any] = dict(reader.metadata or {})
    today = datetime.now(UTC).date()
    days = {f"D:{day:%Y%m%d}000000Z" for day in (today, today - timedelta(days=1))}
    assert metadata.pop("/CreationDate") in days, (
        "the day it was made (this test may span midnight)"
    )
    assert metadata == {"/Creator": "careerbot", "/Producer": "careerbot"}
    assert "/ID" not in reader.trailer


async def test_the_pdf_button_sends_the_result_of_its_quiz_even_after_a_restart_and_a_retake(
    server: FakeBotAPI, tmp_path: Path, shipped_content: Content
) -> None:
    user = server.add_user(USER_ID, FIRST_NAME, username=USERNAME, language_code="fr")
    player = QuizPlayer(user, shipped_content)
    settings = make_settings(server, tmp_path)
    async with running_bot(settings):
        result = await player.take(random_choices(shipped_content, random.Random(51)), "fr")
        assert t("button_pdf", "fr") == "📄 Mon bilan (PDF)"
        assert "📄 Mon bilan (PDF)" in result.buttons
        record = stored_record(tmp_path, user.id)
        check_pdf(
            await pdf_sent(server, user, result, shipped_content, "fr"),
            shipped_content,
            record,
            "fr",
        )

    async with running_bot(settings):  # a new process, then a retake
        user.press("🔄 Refaire le quiz", message_id=result.message_id)
        await player.play(random_choices(shipped_content, random.Random(52)))
        await user.wait_for(lambda u: stored_record(tmp_path, u.id).quiz_id != record.quiz_id)
        old = await pdf_sent(server, user, result, shipped_content, "fr")
        check_pdf(old, shipped_content, record, "fr")
    assert not server.unanswered_callback_queries()


async def test_the_pdf_is_in_the_person_s_language(
    server: FakeBotAPI, tmp_path: Path, shipped_content: Content
) -> None:
    user = server.add_user(USER_ID, FIRST_NAME, username=USERNAME, language_code="en-GB")
    player = QuizPlayer(user, shipped_content)
    async with running_bot(make_settings(server, tmp_path)):
        result = await player.take(random_choices(shipped_content, random.Random(53)), "en")
        assert "📄 My report (PDF)" in result.buttons
        data = await pdf_sent(server, user, result, shipped_content, "en")
        check_pdf(data, shipped_content, stored_record(tmp_path, user.id), "en")


def test_a_missing_pdf_library_is_said_once_with_what_to_install(
    caplog: pytest.LogCaptureFixture,
) -> None:
    optional_charts._say_pdf_once.cache_clear()
    with caplog.at_level(logging.WARNING):
        for _ in range(2):
            optional_charts.charts_unavailable(ModuleNotFoundError("no fpdf", name="fpdf"))
    assert [r.getMessage() for r in caplog.records] == [
        "The PDF is off: fpdf is not installed (pip install 'careerbot[pdf]'); "
        "the PDF button sends nothing."
    ]
