"""Show a screen on Telegram, surviving the errors Telegram can answer with.

429s are retried by the `AIORateLimiter`, and one that still comes through is
waited out here. 5xx answers and time-outs are tried again a few times — but a
call that is not idempotent (sending a message) only when it surely was not
applied: after a time-out or a dropped connection Telegram may have delivered
it, and a second copy would be a duplicate. "Message is not modified" counts
as success, and a new message is sent when the one to edit is gone. Texts are
HTML, said on each call (PTB's `Defaults` would cost a pass over every call's arguments).

A `BadRequest` is the request's fault, never the network's (python-telegram-bot
makes it a `NetworkError`, so it is caught first): a screen Telegram refuses
(too long, markup it cannot parse) is sent again shorter, as plain text, so the
person gets something rather than nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

import httpx
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError

from bot.presentation.result_text import fit_message, to_plain
from bot.presentation.screens import Screen

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Pauses before each new try after a 5xx answer or a time-out.
RETRY_DELAYS = (0.5, 1.5, 3.0)

#: The longest flood-control wait honoured here; a longer one fails the call.
MAX_RETRY_AFTER = 60.0

#: Transport errors raised before the request reached Telegram: safe to send again.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def may_have_been_applied(error: NetworkError) -> bool:
    """True when Telegram may have carried out the call although no answer came back."""
    cause = error.__cause__
    if cause is None:
        return False  # Telegram answered with an error status: it refused the call
    return not isinstance(cause, _NOT_SENT)


def _seconds(retry_after: int | timedelta) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, timedelta) else retry_after


def keyboard(screen: Screen) -> InlineKeyboardMarkup | None:
    if not screen.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.text, callback_data=b.data) for b in row]
            for row in screen.buttons
        ]
    )


async def with_retries(call: Callable[[], Awaitable[T]], *, idempotent: bool = False) -> T:
    """Await `call()`, trying again after a 429, a 5xx answer or a time-out.

    Unless `idempotent`, a call that may have been applied is not tried again:
    its error is raised (see `may_have_been_applied`).
    """
    for delay in (*RETRY_DELAYS, None):
        try:
            return await call()
        except BadRequest:
            raise
        except RetryAfter as error:
            wait = _seconds(error.retry_after)
            if delay is None or wait > MAX_RETRY_AFTER:
                raise
            log.warning("Telegram asks to slow down: waiting %.0f s before trying again", wait)
            await asyncio.sleep(wait)
        except NetworkError as error:
            if delay is None or (not idempotent and may_have_been_applied(error)):
                raise
            log.warning("Telegram call failed (%s), trying again in %.1f s", error, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")


async def send(bot: Bot, chat_id: int, screen: Screen) -> Message | None:
    """Send `screen` as a new message; None if it may have arrived but no answer came back."""
    try:
        return await with_retries(
            lambda: bot.send_message(
                chat_id, screen.text, parse_mode=ParseMode.HTML, reply_markup=keyboard(screen)
            )
        )
    except NetworkError as error:
        if not may_have_been_applied(error):
            raise
        log.warning("No answer to sendMessage (%s): not sending it again", error)
        return None


async def show(bot: Bot, chat_id: int, message_id: int | None, screen: Screen) -> int | None:
    """Put `screen` in the given message (or a new one); return the message id used.

    None when a new message may have been sent but its id is unknown: the next
    screen then goes into a new message, which becomes the live one. A screen
    Telegram refuses is sent again shorter (`shorter`).
    """
    try:
        return await _show(bot, chat_id, message_id, screen)
    except BadRequest as error:
        log.warning("Telegram refused a screen (%s): sending a shorter one", error.message)
    for fallback in (shorter(screen), Screen(shorter(screen).text)):
        try:
            sent = await send(bot, chat_id, fallback)
        except BadRequest as error:
            log.warning("Telegram refused the shorter screen too (%s)", error.message)
            continue
        return sent.message_id if sent else None
    return None


def shorter(screen: Screen) -> Screen:
    """The screen as escaped plain text, cut at a line to fit one message: no markup
    left to refuse, nothing over the limit."""
    return Screen(fit_message(html.escape(to_plain(screen.text), quote=False)), screen.buttons)


async def _show(bot: Bot, chat_id: int, message_id: int | None, screen: Screen) -> int | None:
    if message_id is None:
        sent = await send(bot, chat_id, screen)
        return sent.message_id if sent else None
    try:
        await with_retries(
            lambda: bot.edit_message_text(
                screen.text,
                chat_id=chat_id,
                message_id=message_id,
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard(screen),
            ),
            idempotent=True,
        )
    except BadRequest as error:
        if "not modified" in error.message.lower():
            return message_id
        log.info("Cannot edit the message (%s): sending a new one", error.message)
        sent = await send(bot, chat_id, screen)
        with contextlib.suppress(TelegramError):  # its buttons would be stale: best effort
            await bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
        return sent.message_id if sent else None
    return message_id


async def retire(bot: Bot, chat_id: int, message_id: int) -> None:
    """Remove the buttons of a message that is no longer current (best effort)."""
    with contextlib.suppress(TelegramError):
        await bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
