"""The whole result as one text: the summary, then every section (the terminal prints it).

On Telegram the summary is a message of its own and each section opens in place
from a button under it (bot/presentation/result_summary.py and result_sections.py);
this text is what a person who opened every section has read.
"""

from __future__ import annotations

from bot.content.models import Content, Lang
from bot.engine.change import Change
from bot.engine.record import ResultRecord, record_of
from bot.engine.result import Result
from bot.presentation.result_sections import SECTIONS, section
from bot.presentation.result_summary import summary


def render_result(
    content: Content,
    result: Result | ResultRecord,
    lang: Lang,
    change: Change | None = None,
    *,
    pointer: bool = True,
) -> str:
    """The summary then every section that has something to say, from the result's record.

    A `Result` just scored is turned into its record first: what is shown is always
    what a record holds.
    """
    record = result if isinstance(result, ResultRecord) else record_of(content, result, lang=lang)
    parts = [summary(content, record, lang, change, pointer=pointer)]
    for name in SECTIONS:
        text = section(content, record, lang, name, change)
        if text is not None:
            parts.append(text)
    return "\n\n".join(parts)
