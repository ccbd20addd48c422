"""The slash commands, stray messages and errors: each decoded and handed to its use case."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import ContextTypes
from telegram.helpers import create_deep_linked_url

from bot.presentation.screens import Screen
from bot.presentation.texts import N_, t
from bot.services import languages, people, quiz, results
from bot.services.deps import Deps, lang_of
from bot.services.reply import Person, Reply
from bot.state.database import StorageError
from bot.telegram_bot.delivery import send
from bot.telegram_bot.turn import Turn

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE


def person_of(update: Update) -> Person | None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return None
    return Person(user.id, chat.id, user.language_code, user.first_name)


class Commands:
    """One callback per command; each is a call to a use case and the delivery of its reply."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    def _turn(self, update: Update, context: Context) -> Turn:
        return Turn.of_command(update, context.bot, self.deps)

    async def _in_chat(self, update: Update, context: Context, reply: Reply) -> None:
        """Send a reply's screens; also in groups, where the sender may be unknown."""
        chat = update.effective_chat
        assert chat is not None
        for shown in reply.screens:
            await send(context.bot, chat.id, shown.screen)

    async def _text(self, update: Update, context: Context, key: str, **values: object) -> None:
        reply = await people.text(self.deps, person_of(update), key, **values)
        await self._in_chat(update, context, reply)

    async def start(self, update: Update, context: Context) -> None:
        """Greet, or offer to resume the quiz in progress."""
        turn = self._turn(update, context)
        payload = context.args[0] if context.args else None
        await turn.deliver(await quiz.start(self.deps, turn.person, payload))

    async def help(self, update: Update, context: Context) -> None:
        """List the commands."""
        await self._text(update, context, N_("help"))

    async def about(self, update: Update, context: Context) -> None:
        """Say what the job is, then explain the method and the source."""
        await self._in_chat(update, context, await people.about(self.deps, person_of(update)))

    async def cancel(self, update: Update, context: Context) -> None:
        turn = self._turn(update, context)
        await turn.deliver(await quiz.cancel(self.deps, turn.person, None))

    async def restart(self, update: Update, context: Context) -> None:
        turn = self._turn(update, context)
        await turn.deliver(await quiz.restart(self.deps, turn.person, None, None))

    async def language(self, update: Update, context: Context) -> None:
        """Offer the quiz's languages, each a button."""
        turn = self._turn(update, context)
        await turn.deliver(await languages.choose_language(self.deps, turn.person))

    async def result(self, update: Update, context: Context) -> None:
        turn = self._turn(update, context)
        await turn.deliver(await results.show_result(self.deps, turn.person, None, chart=True))

    async def forget(self, update: Update, context: Context) -> None:
        """Delete everything kept about this person in state.db."""
        turn = self._turn(update, context)
        await turn.deliver(await people.forget(self.deps, turn.person))

    async def unknown_command(self, update: Update, context: Context) -> None:
        """Any command the bot does not offer to this person."""
        await self._text(update, context, N_("unknown_command"))

    async def in_group(self, update: Update, context: Context) -> None:
        """The quiz is private: point to a private chat."""
        link = create_deep_linked_url(context.bot.username, "group")
        await self._text(update, context, N_("private_only"), link=link)

    async def stray_message(self, update: Update, context: Context) -> None:
        """Text, stickers and the like: point back to the buttons."""
        turn = self._turn(update, context)
        await turn.deliver(await quiz.stray_message(self.deps, turn.person))

    async def after_update(self, update: Update, context: Context) -> None:
        """Tell a person once that their stored quiz had to be dropped (see `StateDb`)."""
        person = person_of(update)
        if person is None:
            return
        reply = await people.dropped_notice(self.deps, person)
        if reply is not None:
            await Turn(context.bot, self.deps, person).deliver(reply)

    async def _storage_trouble(self, update: object, context: Context, error: Exception) -> None:
        """state.db failed (a full or frozen disk): say so plainly; nothing was half-saved."""
        log.warning("Could not read or save a person's state: %s", error)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        # Not the stored language: it is in the same database that just failed.
        user = update.effective_user
        lang = self.deps.contents.language_for(user.language_code if user else None)
        with contextlib.suppress(TelegramError):
            await send(context.bot, update.effective_chat.id, Screen(t("storage_busy", lang)))

    async def on_error(self, update: object, context: Context) -> None:
        """Log the error (the token is redacted by the log filter) and reassure the person.

        Telegram being unreachable is not a bug: one line, and no message
        (which could not be delivered either).
        """
        error = context.error
        if update is None and isinstance(error, TelegramError):
            return  # fetching updates failed: `PollingBot` reports outages
        if isinstance(error, BadRequest):  # a NetworkError in PTB: the request's fault
            log.warning("Telegram refused a request while handling an update: %s", error)
        elif isinstance(error, NetworkError | RetryAfter):
            log.warning("Telegram could not be reached for an update: %s", error)
            return
        if isinstance(error, StorageError):
            await self._storage_trouble(update, context, error)
            return
        if isinstance(error, BadRequest) and "not modified" in error.message:
            return
        if not isinstance(error, BadRequest):
            log.error("Error while handling an update", exc_info=error)
        person = person_of(update) if isinstance(update, Update) else None
        if person is None or not isinstance(update, Update):
            return
        if update.effective_chat is None or update.effective_chat.type != "private":
            return
        with contextlib.suppress(TelegramError, StorageError):
            lang = await lang_of(self.deps, person)
            await send(context.bot, person.chat_id, Screen(t("error", lang)))
