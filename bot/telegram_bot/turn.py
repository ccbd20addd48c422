"""One command or button press: who asked, where, and how their reply is delivered."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from telegram import Bot, CallbackQuery, InputFile, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.presentation.screens import Screen
from bot.services import quiz, results
from bot.services.deps import Deps
from bot.services.reply import Attachment, Person, Reply
from bot.telegram_bot.delivery import retire, send, show, with_retries
from bot.telegram_bot.optional_charts import charts_unavailable

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
    """A person's command (`press` is None) or button press (`pressed`: the pressed message)."""

    bot: Bot
    deps: Deps
    person: Person
    pressed: int | None = None
    press: Press | None = None

    @classmethod
    def of_command(cls, update: Update, bot: Bot, deps: Deps) -> Turn:
        user, chat = update.effective_user, update.effective_chat
        assert user is not None and chat is not None
        return cls(bot, deps, Person(user.id, chat.id, user.language_code, user.first_name))

    @classmethod
    def of_press(cls, press: Press, bot: Bot, deps: Deps) -> Turn:
        user, message = press.query.from_user, press.query.message
        chat_id = user.id if message is None else message.chat.id
        person = Person(user.id, chat_id, user.language_code, user.first_name)
        return cls(bot, deps, person, None if message is None else message.message_id, press)

    async def deliver(self, reply: Reply) -> None:
        """The notice (a toast, or a message for a command), then the rest in order; a
        press is answered (its toast) while the rest goes out.

        Queued results are written to the score log even when delivery fails.
        """
        try:
            await self._deliver(reply)
        finally:
            if reply.log:
                await results.log_unlogged(self.deps)

    async def _deliver(self, reply: Reply) -> None:
        if self.press is None:
            if reply.notice is not None:
                await send(self.bot, self.person.chat_id, Screen(reply.notice))
            await self._show(reply)
            return
        # The press is answered while its screen is shown: one wait for both, not two in turn.
        answering = asyncio.create_task(self.press.answer(reply.notice))
        try:
            await self._show(reply)
        finally:
            await answering

    async def _show(self, reply: Reply) -> None:
        chat_id = self.person.chat_id
        for message_id in reply.retire:
            await retire(self.bot, chat_id, message_id)
        for shown in reply.screens:
            landed = await show(self.bot, chat_id, shown.where, shown.screen)
            if shown.asked is not None and landed != shown.where:
                await quiz.shown(self.deps, self.person, shown.asked, landed)
        for attachment in reply.attachments:
            await self._send(attachment)

    async def _send(self, attachment: Attachment) -> None:
        """A file is a bonus: if it cannot be drawn or sent, the text stands."""
        try:
            if attachment.ready:
                data = attachment.draw()
            else:  # a chart or a PDF: drawn in the chart thread, off the event loop
                from bot.presentation.charts import draw_in_background

                data = await draw_in_background(attachment.draw)
            send = self.bot.send_document if attachment.document else self.bot.send_photo
            await with_retries(
                lambda: send(
                    self.person.chat_id,
                    InputFile(data, filename=attachment.filename),
                    caption=attachment.caption,
                    parse_mode=ParseMode.HTML,
                )
            )
        except ImportError as error:
            charts_unavailable(error)
        except TelegramError as error:
            log.warning("Could not send %s: %s", attachment.filename, error)
        except Exception:
            log.exception("Could not draw or send %s", attachment.filename)
