"""Run the `Application` until a stop signal or a fatal error, and say which ended it.

PTB's `run_polling` keeps a process alive after Telegram refused the token
(its polling loop logs "Invalid token. Aborting retry loop." and ends, the
process stays up, deaf), and a refused token at start-up comes with a double
traceback. Here the application runs as PTB documents for custom set-ups
(`async with application`, `updater.start_polling`, `application.start`),
and a refused token, met by polling, by a handler or at start-up, stops the
process with one line and a non-zero status (`FatalError`), so that the
service manager restarts it or alerts someone.
"""

from __future__ import annotations

import asyncio
import secrets
import signal
from dataclasses import dataclass

from telegram import Update
from telegram.error import InvalidToken
from telegram.ext import Application

from bot.telegram_bot.shutdown import TOKEN_REFUSED, FatalError, Shutdown
from bot.telegram_bot.webhook import WebhookServer

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@dataclass(frozen=True)
class WebhookOptions:
    url: str
    listen: str = "127.0.0.1"
    port: int = 8443
    secret_token: str | None = None


def serve(
    application: Application,  # type: ignore[type-arg]
    shutdown: Shutdown,
    webhook: WebhookOptions | None = None,
) -> None:
    """Run until SIGINT or SIGTERM (a clean stop) or a fatal error (`FatalError`)."""
    try:
        asyncio.run(_serve(application, shutdown, webhook))
    except InvalidToken:
        raise FatalError(TOKEN_REFUSED) from None
    if shutdown.fatal is not None:
        raise FatalError(f"{shutdown.fatal}; the bot stopped")


async def _serve(
    application: Application,  # type: ignore[type-arg]
    shutdown: Shutdown,
    webhook: WebhookOptions | None,
) -> None:
    loop = asyncio.get_running_loop()
    for stop_signal in STOP_SIGNALS:
        loop.add_signal_handler(stop_signal, shutdown.request)
    updater = application.updater
    assert updater is not None
    server: WebhookServer | None = None
    try:
        async with application:  # getMe: a refused token raises InvalidToken here
            try:
                if application.post_init:
                    await application.post_init(application)
                if webhook is None:
                    await updater.start_polling(
                        allowed_updates=Update.ALL_TYPES, error_callback=shutdown.polling_error
                    )
                else:
                    server = await _start_webhook(application, webhook)
                await application.start()
                await shutdown.wait()
            finally:
                if updater.running:
                    await updater.stop()
                if server is not None:
                    await server.stop()
                if application.running:
                    await application.stop()
    finally:
        if application.post_shutdown:
            await application.post_shutdown(application)


async def _start_webhook(
    application: Application,  # type: ignore[type-arg]
    webhook: WebhookOptions,
) -> WebhookServer:
    """Listen for Telegram's calls, then tell Telegram where to make them."""
    secret = webhook.secret_token or secrets.token_urlsafe(32)
    server = WebhookServer(application.bot, application.update_queue, secret)
    try:
        server.start(webhook.listen, webhook.port)
    except OSError as error:
        where = f"{webhook.listen}:{webhook.port}"
        raise FatalError(f"the webhook cannot listen on {where}: {error.strerror}") from None
    await application.bot.set_webhook(
        webhook.url, allowed_updates=Update.ALL_TYPES, secret_token=secret
    )
    return server
