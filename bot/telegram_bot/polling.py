"""Fetching updates calmly: one log line per outage, a short pause between failed polls, and no
update that can stall polling.

PTB's polling loop reports every failed `getUpdates` to the error handlers (a
traceback each time Telegram answers 502) and waits 1.5 times longer after each
failure in a row, up to 30 s: after a run of failures the bot stays deaf for
up to half a minute once Telegram answers again, while people's messages pile
up. Here a failed poll is reported once per outage and retried after a pause
that grows only to `MAX_POLL_PAUSE`; PTB's loop sees an empty batch, so its own
back-off never starts. An update that cannot be read is skipped with one line
(`bot.telegram_bot.updates_request`).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.error import InvalidToken, RetryAfter, TelegramError, TimedOut
from telegram.ext import ExtBot

from bot.telegram_bot.shutdown import TOKEN_REFUSED, Shutdown
from bot.telegram_bot.updates_request import UpdatesRequest, updates_of

log = logging.getLogger(__name__)

#: Seconds before polling again after the first failed poll of an outage; doubled after
#: each further failure, up to `MAX_POLL_PAUSE`.
FIRST_POLL_PAUSE = 0.5
#: The longest pause between two polls while Telegram fails: how long the bot may stay
#: deaf after an outage ends.
MAX_POLL_PAUSE = 4.0


def poll_pause(failures: int) -> float:
    """Seconds to wait after `failures` failed polls in a row (at least one)."""
    return min(MAX_POLL_PAUSE, FIRST_POLL_PAUSE * 2.0 ** min(failures - 1, 16))


class _BatchErrorUnlogged(logging.Filter):
    """PTB logs a batch it cannot parse as critical, with a traceback and every update in
    it (people's names and messages); `PollingBot` skips the unreadable update with one
    line instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Error while parsing updates")


# The logger of `ExtBot.get_updates` (PTB names it after the class).
logging.getLogger("telegram.ext.ExtBot").addFilter(_BatchErrorUnlogged())


class PollingBot(ExtBot[int]):
    """An `ExtBot` whose `get_updates` rides out outages and unreadable updates.

    With `stopping` set, a token Telegram refuses (401) stops the bot instead of ending
    PTB's polling loop and leaving the process alive but deaf.
    """

    _failures = 0

    def __init__(
        self,
        token: str,
        *,
        get_updates_request: UpdatesRequest,
        stopping: Shutdown | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(token, get_updates_request=get_updates_request, **kwargs)
        # PTB freezes a bot's public attributes
        self._stopping, self._updates_request = stopping, get_updates_request

    async def get_updates(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        try:
            updates = await self._fetch(*args, **kwargs)
        except TimedOut:
            raise  # a long poll that got no answer: PTB polls again at once
        except InvalidToken:
            if self._stopping is None:
                raise
            first = self._stopping.fatal is None
            self._stopping.fail(TOKEN_REFUSED)
            if first:
                await asyncio.sleep(MAX_POLL_PAUSE)  # stopping the bot ends this wait
            return ()
        except RetryAfter as error:
            await self._failed(error, error.retry_after)
            return ()
        except TelegramError as error:
            await self._failed(error, None)
            return ()
        if self._failures:
            self._failures = 0
            log.warning("Fetching updates works again")
        return updates

    async def _fetch(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        """PTB's `get_updates`, which parses the whole batch once; if an update cannot be
        read, the batch read again one update at a time, that one skipped."""
        try:
            return await super().get_updates(*args, **kwargs)
        except TelegramError:
            raise
        except Exception:
            answer = self._updates_request.last_answer
            updates, skipped = updates_of(answer, self) if answer else ((), 0)
            if not skipped:
                raise  # not an unreadable update: a bug, reported as PTB would
        for update in updates:
            self.insert_callback_data(update)
        return updates

    async def _failed(self, error: TelegramError, retry_after: int | timedelta | None) -> None:
        """Report the first failure of an outage, then wait before the next poll."""
        self._failures += 1
        if self._failures == 1:
            log.warning("Cannot fetch updates (%s): trying again until Telegram answers", error)
        pause = poll_pause(self._failures)
        if isinstance(retry_after, timedelta):
            pause = max(pause, retry_after.total_seconds())
        elif retry_after is not None:
            pause = max(pause, retry_after)
        await asyncio.sleep(pause)
