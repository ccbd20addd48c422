"""One command or button press, as the actions see it: who, where, and how to answer."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import Bot, CallbackQuery, Update, User
from telegram.error import TelegramError

from bot.presentation.screens import Screen
from bot.telegram_bot.delivery import send, with_retries

log = logging.getLogger(__name__)


@dataclass
class Press:
    """A callback query that is answered exactly once, whatever happens."""

    query: CallbackQuery
    answered: bool = False

    async def answer(self, toast: str | None = None) -> None:
        if self.answered:
            return
        self.answered = True
        try:
            # Safe to repeat: a second answer to the same query is only refused.
            await with_retries(lambda: self.query.answer(toast), idempotent=True)
        except TelegramError as error:
            log.info("Could not answer a callback query: %s", error)


@dataclass
class Turn:
    """A person's command (`press` is None) or button press (`here` is the pressed message)."""

    bot: Bot
    user: User
    chat_id: int
    here: int | None = None
    press: Press | None = None

    @classmethod
    def of_command(cls, update: Update, bot: Bot) -> Turn:
        user, chat = update.effective_user, update.effective_chat
        assert user is not None and chat is not None
        return cls(bot, user, chat.id)

    @classmethod
    def of_press(cls, press: Press, bot: Bot) -> Turn:
        user, message = press.query.from_user, press.query.message
        if message is None:
            return cls(bot, user, user.id, None, press)
        return cls(bot, user, message.chat.id, message.message_id, press)

    async def note(self, text: str) -> None:
        """A short acknowledgement: a toast for a button, a message for a command."""
        if self.press is not None:
            await self.press.answer(text)
        else:
            await send(self.bot, self.chat_id, Screen(text))

    async def ack(self) -> None:
        """Stop the button's spinner before slower work (nothing to do for a command)."""
        if self.press is not None:
            await self.press.answer()
