"""The result as a PDF to take to an adviser: behind « Mon bilan (PDF) » and `careerbot chat --pdf`.

The PDF holds the whole result, the summary then every section, rendered from
the stored record like every other view, and its chart, in the person's
language. It is drawn like the chart, off the event loop; fpdf2 (the `pdf`
extra) is imported only then.
"""

from __future__ import annotations

import html
from datetime import date
from functools import cache
from importlib.util import find_spec

from bot.content.models import Content, Lang
from bot.engine.change import Change, compare
from bot.engine.record import ResultRecord
from bot.presentation.texts import t
from bot.services.deps import Deps, lang_of
from bot.services.reply import Attachment, Person, Reply


@cache
def pdf_available() -> bool:
    """Whether the `pdf` extra is installed, with the charts extra it takes the chart and
    the font from (checked once, without importing them)."""
    return all(find_spec(module) is not None for module in ("fpdf", "PIL", "matplotlib"))


async def result_pdf(deps: Deps, person: Person) -> Reply:
    """The PDF of the last result (`careerbot chat --pdf`), or a notice when there is none.

    On Telegram the button under a result asks for that result's PDF
    (`results.open_view`), found by its quiz like its sections."""
    lang = await lang_of(deps, person)
    last = await deps.state.last_result(person.user_id)
    content = deps.contents.content_for(last.version) if last else None
    if last is None or content is None:
        return Reply(notice=t("no_result", lang))
    previous = await deps.state.previous_result(person.user_id)
    change = compare(content, previous.record, last.record) if previous else None
    attachment = pdf_of(content, last.record, lang, change)
    return Reply(notice=t("pdf_toast", lang), attachments=(attachment,))


def pdf_of(
    content: Content,
    record: ResultRecord,
    lang: Lang,
    change: Change | None,
    *,
    day: date | None = None,
) -> Attachment:
    """The PDF of a result, drawn when the adapter sends it; made `day` (default: today)."""

    def draw() -> bytes:
        # Imported here: fpdf2 is the optional `pdf` extra, kept out of memory until needed.
        from bot.presentation.pdf import result_pdf
        from bot.presentation.pdf_parts import document_of
        from bot.presentation.result_chart import result_chart_png
        from bot.presentation.result_full import render_result

        title, parts = document_of(render_result(content, record, lang, change, pointer=False))
        return result_pdf(title, parts, result_chart_png(content, record, lang), lang, day=day)

    caption = t("pdf_caption", lang, job=html.escape(content.profile.title(lang)))
    return Attachment(t("pdf_filename", lang), caption, draw, document=True)
