"""When the bot must stop, and whether it is a failure: a token Telegram refuses is one."""

from __future__ import annotations

import asyncio
import logging

from telegram.error import InvalidToken, TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

log = logging.getLogger(__name__)

TOKEN_REFUSED = (
    "Telegram refused the bot token (revoked or mistyped): set a valid TELEGRAM_BOT_TOKEN"
)


class FatalError(Exception):
    """The bot cannot go on; the message is one line."""


class Shutdown:
    """When the bot must stop, and whether it is a failure (`fatal`, one line)."""

    def __init__(self) -> None:
        self._requested = asyncio.Event()
        self.fatal: str | None = None

    def request(self) -> None:
        self._requested.set()

    def fail(self, reason: str) -> None:
        """Stop because the bot cannot go on; the first reason given is the one reported."""
        if self.fatal is None:
            self.fatal = reason
        self._requested.set()

    async def wait(self) -> None:
        await self._requested.wait()

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The first error handler: a refused token stops the bot, and no other handler runs."""
        if isinstance(context.error, InvalidToken):
            self.fail(TOKEN_REFUSED)
            raise ApplicationHandlerStop

    def polling_error(self, error: TelegramError) -> None:
        """`start_polling`'s error callback: `PollingBot` handles its failures, so this is a
        safety net that logs one line instead of PTB's traceback."""
        log.warning("Fetching updates failed: %s", error)
