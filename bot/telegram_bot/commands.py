"""The slash commands, stray messages and errors; the shared actions do the work."""

from __future__ import annotations

import contextlib
import logging
import sqlite3

from telegram import Update
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import ContextTypes
from telegram.helpers import create_deep_linked_url

from bot.engine.session import deep_link_source
from bot.presentation import screens
from bot.presentation.screens import Screen
from bot.presentation.texts import lang_from_code, other_lang, t
from bot.telegram_bot.actions import Actions
from bot.telegram_bot.delivery import send
from bot.telegram_bot.turn import Turn

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE


class Commands:
    """One callback per command; each is a thin call to an action or a reply."""

    def __init__(self, actions: Actions) -> None:
        self.actions = actions

    def _turn(self, update: Update, context: Context) -> Turn:
        return Turn.of_command(update, context.bot)

    async def _reply(self, update: Update, context: Context, key: str, **values: object) -> None:
        """Answer with one text; also in groups, where the sender may be unknown."""
        user, chat = update.effective_user, update.effective_chat
        assert chat is not None
        lang = self.actions.lang_of(user) if user else "fr"
        await send(context.bot, chat.id, Screen(t(key, lang, **values)))

    async def start(self, update: Update, context: Context) -> None:
        """Greet, or offer to resume the quiz in progress."""
        turn = self._turn(update, context)
        self.actions.store.expire_idle(self.actions.settings.session_ttl_days)
        found = self.actions.active(turn.user.id)
        if found is not None:
            active, quiz = found
            await send(turn.bot, turn.chat_id, screens.resume_offer(quiz, active.session))
            return
        source = deep_link_source(context.args[0]) if context.args else None
        lang = self.actions.lang_of(turn.user)
        content = self.actions.registry.current
        screen = screens.welcome(content, lang, turn.user.first_name, source)
        await send(turn.bot, turn.chat_id, screen)

    async def help(self, update: Update, context: Context) -> None:
        """List the commands."""
        await self._reply(update, context, "help")

    async def about(self, update: Update, context: Context) -> None:
        """Say what the job is, then explain the method and the source."""
        user, chat = update.effective_user, update.effective_chat
        assert chat is not None
        lang = self.actions.lang_of(user) if user else "fr"
        await send(context.bot, chat.id, screens.about(self.actions.registry.current, lang))

    async def cancel(self, update: Update, context: Context) -> None:
        await self.actions.cancel(self._turn(update, context))

    async def restart(self, update: Update, context: Context) -> None:
        await self.actions.restart(self._turn(update, context), None, None)

    async def language(self, update: Update, context: Context) -> None:
        """Switch between French and English."""
        turn = self._turn(update, context)
        await self.actions.switch_language(turn, other_lang(self.actions.lang_of(turn.user)))

    async def result(self, update: Update, context: Context) -> None:
        await self.actions.show_result(self._turn(update, context))

    async def forget(self, update: Update, context: Context) -> None:
        """Delete everything kept about this person in state.db."""
        turn = self._turn(update, context)
        lang = self.actions.lang_of(turn.user)
        active = self.actions.store.load_quiz(turn.user.id)
        self.actions.store.forget(turn.user.id)
        if active is not None:
            await self.actions.retire_keyboard(turn, active)
        await turn.note(t("forgotten", lang))

    async def unknown_command(self, update: Update, context: Context) -> None:
        """Any command the bot does not offer to this person."""
        await self._reply(update, context, "unknown_command")

    async def in_group(self, update: Update, context: Context) -> None:
        """The quiz is private: point to a private chat."""
        link = create_deep_linked_url(context.bot.username, "group")
        await self._reply(update, context, "private_only", link=link)

    async def stray_message(self, update: Update, context: Context) -> None:
        """Text, stickers and the like: point back to the buttons."""
        turn = self._turn(update, context)
        lang = self.actions.lang_of(turn.user)
        found = self.actions.active(turn.user.id)
        if found is None:
            await turn.note(t("nothing_to_cancel", lang))
            return
        active, quiz = found
        await turn.note(t("use_buttons", lang))
        await self.actions.show_question(turn, active, quiz, None)

    async def _storage_trouble(self, update: object, context: Context, error: Exception) -> None:
        """state.db failed (a full or frozen disk): say so plainly; nothing was half-saved."""
        log.warning("Could not read or save a person's state: %s", error)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        # Not `lang_of`: it reads the same database that just failed.
        user = update.effective_user
        lang = lang_from_code(user.language_code if user else None)
        with contextlib.suppress(TelegramError):
            await send(context.bot, update.effective_chat.id, Screen(t("storage_busy", lang)))

    async def after_update(self, update: Update, context: Context) -> None:
        """Tell a person once that their stored quiz had to be dropped (see `StateStore`)."""
        user, chat = update.effective_user, update.effective_chat
        if user is None or chat is None or not self.actions.store.take_dropped(user.id):
            return
        await send(context.bot, chat.id, Screen(t("quiz_dropped", self.actions.lang_of(user))))

    async def on_error(self, update: object, context: Context) -> None:
        """Log the error (the token is redacted by the log filter) and reassure the person.

        Telegram being unreachable is not a bug: one line, and no message
        (which could not be delivered either).
        """
        error = context.error
        if update is None and isinstance(error, TelegramError):
            return  # fetching updates failed: `PollingBot` reports outages
        if isinstance(error, NetworkError | RetryAfter):
            log.warning("Telegram could not be reached for an update: %s", error)
            return
        if isinstance(error, sqlite3.Error):
            await self._storage_trouble(update, context, error)
            return
        log.error("Error while handling an update", exc_info=error)
        if isinstance(error, BadRequest) and "not modified" in error.message:
            return
        if isinstance(update, Update) and update.effective_chat and update.effective_user:
            if update.effective_chat.type != "private":
                return
            lang = self.actions.lang_of(update.effective_user)
            with contextlib.suppress(TelegramError):
                await send(context.bot, update.effective_chat.id, Screen(t("error", lang)))
