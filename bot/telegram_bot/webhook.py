"""The webhook: Telegram posts each update to a small tornado server that queues it.

PTB's own webhook answers an update it cannot parse with HTTP 400 and a
critical log with a traceback; Telegram then posts the same update again and
again, and holds back those after it. Here, as in polling, such an update is
skipped with one line (`updates_request.parsed`) and acknowledged with 200. The rest is
what PTB's webhook does: POST only, JSON only, the secret token checked, the
update put on the application's queue.
"""

from __future__ import annotations

import asyncio
import json
import logging
from http import HTTPStatus
from types import TracebackType

import tornado.httpserver
import tornado.web
from telegram import Bot

from bot.telegram_bot.updates_request import parsed

log = logging.getLogger(__name__)

URL_PATH = "/telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class _UpdateHandler(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("POST",)

    def initialize(self, bot: Bot, queue: asyncio.Queue[object], secret_token: str) -> None:
        self.bot, self.queue, self.secret_token = bot, queue, secret_token

    async def post(self) -> None:
        if self.request.headers.get("Content-Type") != "application/json":
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        if self.request.headers.get(SECRET_HEADER) != self.secret_token:
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        try:
            raw = json.loads(self.request.body)
        except ValueError:
            log.warning("Skipped a webhook call: its body is not JSON")
            return
        update = parsed(raw, self.bot)  # None: skipped, with one line
        if update is not None:
            await self.queue.put(update)

    def log_exception(
        self,
        typ: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """A refused call (403) is answered, not logged: anyone can knock."""


class WebhookServer:
    """Listens on `listen:port` for Telegram's calls until `stop`."""

    def __init__(self, bot: Bot, queue: asyncio.Queue[object], secret_token: str) -> None:
        app = tornado.web.Application(
            [(rf"{URL_PATH}/?", _UpdateHandler, {"bot": bot, "queue": queue,
                                                 "secret_token": secret_token})]
        )  # fmt: skip
        self._server = tornado.httpserver.HTTPServer(app)

    def start(self, listen: str, port: int) -> None:
        """Bind and serve; `OSError` if the address cannot be used."""
        self._server.listen(port, address=listen)

    async def stop(self) -> None:
        self._server.stop()
        await self._server.close_all_connections()
