"""Admin commands: the score-log summary, its CSV export and reloading the content.

They are registered behind `filters.User(settings.admin_ids)`, so anyone else
falls through to the unknown-command answer and never learns they exist.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
from datetime import date

from telegram import InputFile, Update
from telegram.constants import MessageLimit
from telegram.ext import BaseHandler, CommandHandler, ContextTypes, filters

from bot.content.loader import ContentError
from bot.content.registry import ContentRegistry
from bot.presentation.screens import Screen
from bot.presentation.stats_text import format_summary
from bot.presentation.texts import t
from bot.scorelog.summary import Summary, chart_inputs, export_csv, load_summary
from bot.services.deps import Deps, lang_of
from bot.settings import Settings
from bot.telegram_bot.commands import person_of
from bot.telegram_bot.delivery import send, with_retries
from bot.telegram_bot.optional_charts import charts_unavailable

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE

#: Room kept for the `<pre>` tags around a block of text.
_PRE_MARGIN = 20


#: An HTML entity cut short at the end of a text ("&am", "&#3").
_PARTIAL_ENTITY = re.compile(r"&#?[A-Za-z0-9]*$")


def _pre(text: str, room: int) -> str:
    """`text` as a preformatted block, cut to fit in `room` characters, never inside an entity."""
    escaped = html.escape(text)
    budget = room - _PRE_MARGIN
    if len(escaped) > budget:
        escaped = _PARTIAL_ENTITY.sub("", escaped[:budget])
    return f"<pre>{escaped}</pre>"


class Admin:
    def __init__(self, settings: Settings, registry: ContentRegistry, deps: Deps) -> None:
        self.settings = settings
        self.registry = registry
        self.deps = deps

    def handlers(self, private: filters.BaseFilter) -> list[BaseHandler[Update, Context, None]]:
        """The admin commands, for the admins' private chats only."""
        admins = private & filters.User(user_id=self.settings.admin_ids)
        return [
            CommandHandler("stats", self.stats, filters=admins),
            CommandHandler("export", self.export, filters=admins),
            CommandHandler("reload", self.reload, filters=admins),
        ]

    async def stats(self, update: Update, context: Context) -> None:
        """The summary of the anonymous score log, then its chart."""
        chat = update.effective_chat
        assert chat is not None
        summary = await asyncio.to_thread(load_summary, self.settings.scores_db)
        text = _pre(format_summary(summary), MessageLimit.MAX_TEXT_LENGTH)
        await send(context.bot, chat.id, Screen(text))
        await self._send_stats_chart(update, context, summary)

    async def export(self, update: Update, context: Context) -> None:
        """The score log as a CSV document."""
        chat = update.effective_chat
        assert chat is not None
        data = await asyncio.to_thread(export_csv, self.settings.scores_db)
        name = f"careerbot-scores-{date.today().isoformat()}.csv"
        await with_retries(
            lambda: context.bot.send_document(chat.id, InputFile(data, filename=name))
        )

    async def reload(self, update: Update, context: Context) -> None:
        """Read the question and profile files again; list the problems if they are wrong."""
        person = person_of(update)
        assert person is not None
        lang = await lang_of(self.deps, person)
        try:
            content = self.registry.reload()
        except ContentError as error:
            problems_count = t("n_problems", lang, count=len(error.problems))
            head = t("reload_failed", lang, problems=problems_count)
            problems = "\n".join(str(p) for p in error.problems)
            body = _pre(problems, MessageLimit.MAX_TEXT_LENGTH - len(head))
            await send(context.bot, person.chat_id, Screen(f"{head}\n{body}"))
            return
        questions = t("n_questions", lang, count=len(content.questions))
        text = t("reloaded", lang, questions=questions, version=content.version)
        await send(context.bot, person.chat_id, Screen(text))

    async def _send_stats_chart(self, update: Update, context: Context, summary: Summary) -> None:
        """Like the result chart, a bonus: the text summary stands on its own."""
        try:
            from bot.presentation.charts import draw_in_background, stats_chart_png

            person = person_of(update)
            assert person is not None
            fits, means = chart_inputs(summary)
            lang = await lang_of(self.deps, person)
            png = await draw_in_background(stats_chart_png, fits, means, lang)
            await with_retries(
                lambda: context.bot.send_photo(person.chat_id, InputFile(png, filename="stats.png"))
            )
        except ImportError as error:
            charts_unavailable(error)
        except Exception:
            log.exception("Could not draw or send the stats chart")
