"""Inline buttons: every press lands here, is decoded, handed to the use case and answered.

The query is always answered, once, whatever happens (see `Press`).
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import ContextTypes

from bot.presentation.payloads import MenuPress, decode
from bot.presentation.texts import t
from bot.services import quiz
from bot.services.deps import Deps
from bot.state.database import StorageError
from bot.telegram_bot.turn import Press, Turn

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE


def greeting_button(message: object) -> MenuPress | None:
    """A greeting's Begin button or the job picker's first button, if the message has one:
    they carry the job and the deep-link source."""
    markup = message.reply_markup if isinstance(message, Message) else None
    rows = markup.inline_keyboard if isinstance(markup, InlineKeyboardMarkup) else ()
    for row in rows:
        for button in row:
            data = button.callback_data
            action = decode(data if isinstance(data, str) else None)
            if isinstance(action, MenuPress) and action.verb in ("begin", "job"):
                return action
    return None


class Presses:
    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    async def press(self, update: Update, context: Context) -> None:
        """The one callback of every inline button."""
        query = update.callback_query
        assert query is not None
        press = Press(query)
        turn = Turn.of_press(press, context.bot, self.deps)
        try:
            payload = decode(query.data)
            on_language = isinstance(payload, MenuPress) and payload.verb == "lang"
            shown = greeting_button(query.message) if on_language else None
            reply = await quiz.press(self.deps, turn.person, turn.pressed, payload, shown)
            await turn.deliver(reply)
        except StorageError as error:
            log.warning("Could not read or save a quiz: %s", error)
            # Not the stored language: it is in the same database that just failed.
            lang = self.deps.contents.language_for(query.from_user.language_code)
            await press.answer(t("toast_busy", lang))
        finally:
            await press.answer()
