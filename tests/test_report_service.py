"""The PDF use case (bot/services/report.py) with in-memory stores."""

from __future__ import annotations

import pytest

from bot.content.models import Content
from bot.engine.result import evaluate
from bot.presentation.payloads import ResultPress, decode
from bot.presentation.result_full import render_result
from bot.presentation.result_text import to_plain
from bot.presentation.texts import t
from bot.services import report, results
from bot.services.deps import Deps
from bot.services.reply import Reply
from tests.support.answers import EXAMPLE
from tests.support.pdf_text import page_texts, squeezed
from tests.support.playing import ANA, deps, play

__all__ = ["deps"]  # the fixture of tests/support/playing.py


async def test_without_a_result_the_pdf_is_a_notice(deps: Deps) -> None:
    assert await report.result_pdf(deps, ANA) == Reply(notice=t("no_result", "fr"))


async def test_the_pdf_of_the_last_result_is_a_document_drawn_off_the_loop(
    deps: Deps, mini_content: Content
) -> None:
    await play(deps, ANA, EXAMPLE)
    reply = await report.result_pdf(deps, ANA)
    assert reply.notice == t("pdf_toast", "fr")
    [attachment] = reply.attachments
    assert attachment.document and not attachment.ready
    assert attachment.filename == "mon-bilan.pdf"
    text = squeezed("".join(page_texts(attachment.draw(), "fr")))
    result = evaluate(mini_content, EXAMPLE)
    whole = to_plain(render_result(mini_content, result, "fr", pointer=False))
    assert text == squeezed(whole), "the whole result, the pointer to the buttons left out"
    assert squeezed(to_plain(t("summary_more", "fr"))) not in text


async def test_the_button_is_offered_only_where_the_pdf_extra_is_installed(
    deps: Deps, monkeypatch: pytest.MonkeyPatch
) -> None:
    await play(deps, ANA, EXAMPLE)
    label = t("button_pdf", "fr")
    shown = await results.show_result(deps, ANA, None, chart=False)
    [button] = [b for row in shown.screens[0].screen.buttons for b in row if b.text == label]
    press = decode(button.data)
    assert isinstance(press, ResultPress) and press.view == "pdf"

    monkeypatch.setattr(results, "pdf_available", lambda: False)
    shown = await results.show_result(deps, ANA, None, chart=False)
    assert label not in [b.text for row in shown.screens[0].screen.buttons for b in row]


async def test_the_button_of_a_replaced_result_says_so(deps: Deps) -> None:
    await play(deps, ANA, EXAMPLE)
    reply = await results.open_view(deps, ANA, 200, ResultPress("gone", "pdf"))
    assert reply == Reply(notice=t("toast_replaced", "fr"))
