"""The request that fetches updates: an update that cannot be read is skipped, not retried.

`Bot.get_updates` parses a whole batch at once and raises for the lot when one
update cannot be read, so polling would fail again and again on the same
offset, leaving the bot alive but deaf. This request (PTB's `HTTPXRequest`,
with `do_request` extended: the public hook PTB documents for custom requests)
hands the bot a batch in which such an update is left empty: its id still moves
the offset past it, and one line says it was skipped.
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any

from telegram import Update
from telegram.request import HTTPXRequest

log = logging.getLogger(__name__)


class UpdatesRequest(HTTPXRequest):
    """The bot's `get_updates_request`: only `getUpdates` goes through it."""

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        code, payload = await super().do_request(*args, **kwargs)
        if code != HTTPStatus.OK:
            return code, payload
        try:
            answer = json.loads(payload)
        except ValueError:
            return code, payload  # PTB reports it as it would
        if not isinstance(answer, dict) or not isinstance(answer.get("result"), list):
            return code, payload
        answer["result"] = [readable(raw) for raw in answer["result"]]
        return code, json.dumps(answer).encode()


def readable(raw: Any) -> Any:
    """`raw` if it reads as an update, else an empty update with its id (and one warning)."""
    try:
        Update.de_json(raw)
    except Exception as error:
        update_id = raw.get("update_id") if isinstance(raw, dict) else None
        log.warning("Skipped update %s: it cannot be read (%s)", update_id, type(error).__name__)
        return {"update_id": update_id}
    return raw
