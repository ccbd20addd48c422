"""The files `careerbot chat` saves on request: the result chart (--chart), its PDF (--pdf)."""

from __future__ import annotations

from pathlib import Path

from bot.content.models import Lang
from bot.presentation.result_text import to_plain
from bot.presentation.texts import N_, t
from bot.services.reply import Attachment, Reply


def save_chart(chart: Attachment, lang: Lang, path: Path) -> str:
    """Write the result chart to `path`; the line to print, whether it worked or not."""
    return save_file(chart, path, N_("chat_chart_saved"), N_("chat_chart_failed"), lang)


def save_pdf(reply: Reply, lang: Lang, path: Path) -> str:
    """Write the PDF the reply holds to `path`; the line to print, whether it worked or
    not (the reply's notice when it holds none)."""
    if not reply.attachments:
        return to_plain(reply.notice or "")
    return save_file(reply.attachments[0], path, N_("chat_pdf_saved"), N_("chat_pdf_failed"), lang)


def save_file(attachment: Attachment, path: Path, saved: str, failed: str, lang: Lang) -> str:
    """Write an attachment to `path`; the line to print (catalogue key `saved` or `failed`)."""
    try:
        path.write_bytes(attachment.draw())
    except Exception as error:  # a file is an extra: never lose the result over it
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return t(failed, lang, reason=reason)
    return t(saved, lang, path=path)
