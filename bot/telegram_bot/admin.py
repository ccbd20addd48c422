"""Admin commands: the score-log summary, its CSV export and reloading the content.

They are registered behind `filters.User(settings.admin_ids)`, so anyone else
falls through to the unknown-command answer and never learns they exist.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, ContextTypes, filters

from bot.services import admin
from bot.services.deps import Deps
from bot.telegram_bot.turn import Turn

Context = ContextTypes.DEFAULT_TYPE


class Admin:
    def __init__(self, admin_ids: frozenset[int], deps: Deps) -> None:
        self.admin_ids = admin_ids
        self.deps = deps

    def handlers(self, private: filters.BaseFilter) -> list[BaseHandler[Update, Context, None]]:
        """The admin commands, for the admins' private chats only."""
        admins = private & filters.User(user_id=self.admin_ids)
        return [
            CommandHandler("stats", self.stats, filters=admins),
            CommandHandler("export", self.export, filters=admins),
            CommandHandler("reload", self.reload, filters=admins),
        ]

    async def stats(self, update: Update, context: Context) -> None:
        """The summary of the anonymous score log, then its chart (per job; `/stats <job id>`:
        that job's only)."""
        turn = Turn.of_command(update, context.bot, self.deps)
        job = context.args[0] if context.args else ""
        await turn.deliver(await admin.stats(self.deps, turn.person, job))

    async def export(self, update: Update, context: Context) -> None:
        """The score log as a CSV document."""
        turn = Turn.of_command(update, context.bot, self.deps)
        await turn.deliver(await admin.export(self.deps))

    async def reload(self, update: Update, context: Context) -> None:
        """Read the question and profile files again; list the problems if they are wrong."""
        turn = Turn.of_command(update, context.bot, self.deps)
        await turn.deliver(await admin.reload(self.deps, turn.person))
