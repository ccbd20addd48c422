"""Fetching updates calmly: one log line per outage, and no update that can stall polling.

PTB reports every failed `getUpdates` to the error handlers (a traceback each
time Telegram answers 502), and an update it cannot parse makes `getUpdates`
fail again and again on the same offset, leaving the bot alive but deaf.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.error import TelegramError, TimedOut
from telegram.ext import ExtBot

log = logging.getLogger(__name__)


class PollingBot(ExtBot[int]):
    """An `ExtBot` whose `get_updates` reports outages once and skips unreadable updates."""

    _outage = False

    async def get_updates(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        try:
            updates = await super().get_updates(*args, **kwargs)
        except TimedOut:
            raise  # a long poll that got no answer: PTB polls again at once
        except TelegramError as error:
            if not self._outage:
                self._outage = True
                log.warning("Cannot fetch updates (%s): trying again until Telegram answers", error)
            raise
        if self._outage:
            self._outage = False
            log.warning("Fetching updates works again")
        return updates

    async def _do_post(self, endpoint: str, data: Any, **kwargs: Any) -> Any:
        """The raw answer; for `getUpdates`, an update that cannot be read is left empty.

        Overridden here because `Bot.get_updates` parses the whole batch at once
        and would raise for the lot before the offset can move past the bad one.
        """
        result = await super()._do_post(endpoint, data, **kwargs)
        if endpoint == "getUpdates" and isinstance(result, list):
            return [self._readable(raw) for raw in result]
        return result

    def _readable(self, raw: Any) -> Any:
        try:
            Update.de_json(raw, self)
        except Exception as error:
            update_id = raw.get("update_id") if isinstance(raw, dict) else None
            log.warning(
                "Skipped update %s: it cannot be read (%s)", update_id, type(error).__name__
            )
            return {"update_id": update_id}
        return raw
