"""The request that fetches updates, and what to do with an update that cannot be read.

`Bot.get_updates` parses a whole batch at once and raises for the lot when one
update cannot be read, so polling would fail again and again on the same
offset, leaving the bot alive but deaf. Each batch is parsed once, by
python-telegram-bot, as usual; this request (PTB's `HTTPXRequest`, with
`do_request` extended: the public hook PTB documents for custom requests) only
keeps the last answer as it came. When a batch cannot be parsed, `PollingBot`
reads that answer again update by update (`updates_of`): an update that cannot
be read becomes an empty one with its id, which still moves the offset past
it, and one line says it was skipped. The webhook skips such an update the
same way (`parsed`).
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any

from telegram import Bot, Update
from telegram.request import HTTPXRequest

log = logging.getLogger(__name__)


class UpdatesRequest(HTTPXRequest):
    """The bot's `get_updates_request`: only `getUpdates` goes through it."""

    last_answer: bytes = b""
    """The body of the last successful `getUpdates`, as received (kept, not copied)."""

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        self.last_answer = b""  # kept only once this request has its answer
        code, payload = await super().do_request(*args, **kwargs)
        if code == HTTPStatus.OK:
            self.last_answer = payload
        return code, payload


def updates_of(answer: bytes, bot: Bot) -> tuple[tuple[Update, ...], int]:
    """The updates of a `getUpdates` answer, read one by one, and how many were skipped.

    An update that cannot be read is an empty update with its id (and one warning);
    one without an id, which no offset can move past, is left out.
    """
    raw_updates = json.loads(answer).get("result", [])
    updates, skipped = [], 0
    for raw in raw_updates:
        update = parsed(raw, bot)
        if update is None:
            skipped += 1
            update_id = raw.get("update_id") if isinstance(raw, dict) else None
            if not isinstance(update_id, int):
                continue
            update = Update(update_id)
        updates.append(update)
    return tuple(updates), skipped


def parsed(raw: Any, bot: Bot) -> Update | None:
    """`raw` read as an update of `bot`; None, with one warning, if it cannot be read."""
    try:
        return Update.de_json(raw, bot)
    except Exception as error:
        update_id = raw.get("update_id") if isinstance(raw, dict) else None
        log.warning("Skipped update %s: it cannot be read (%s)", update_id, type(error).__name__)
        return None
