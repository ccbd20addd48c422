"""Show a screen on Telegram, surviving the errors Telegram can answer with.

429s are retried by the `AIORateLimiter`; this module retries 5xx answers and
time-outs a few times, treats "message is not modified" as success and sends
a new message when the one to edit is gone. Texts are HTML: the application's
`Defaults` set the parse mode once for every call.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, NetworkError

from bot.presentation.screens import Screen

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Pauses before each new try after a 5xx answer or a time-out.
RETRY_DELAYS = (0.5, 1.5, 3.0)


def keyboard(screen: Screen) -> InlineKeyboardMarkup | None:
    if not screen.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.text, callback_data=b.data) for b in row]
            for row in screen.buttons
        ]
    )


async def with_retries(call: Callable[[], Awaitable[T]]) -> T:
    """Await `call()`, trying again after a 5xx answer or a time-out.

    429s are not handled here: the `AIORateLimiter` waits `retry_after` and retries them.
    """
    for delay in (*RETRY_DELAYS, None):
        try:
            return await call()
        except BadRequest:
            raise
        except NetworkError as error:
            if delay is None:
                raise
            log.warning("Telegram call failed (%s), trying again in %.1f s", error, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")


async def send(bot: Bot, chat_id: int, screen: Screen) -> Message:
    return await with_retries(
        lambda: bot.send_message(chat_id, screen.text, reply_markup=keyboard(screen))
    )


async def show(bot: Bot, chat_id: int, message_id: int | None, screen: Screen) -> int:
    """Put `screen` in the given message (or a new one); return the message id used."""
    if message_id is None:
        return (await send(bot, chat_id, screen)).message_id
    try:
        await with_retries(
            lambda: bot.edit_message_text(
                screen.text,
                chat_id=chat_id,
                message_id=message_id,
                reply_markup=keyboard(screen),
            )
        )
    except BadRequest as error:
        if "not modified" in error.message.lower():
            return message_id
        log.info("Cannot edit the message (%s): sending a new one", error.message)
        return (await send(bot, chat_id, screen)).message_id
    return message_id
