"""Build and run the Telegram `Application`: the one place it is put together."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from telegram import BotCommand, BotCommandScopeAllPrivateChats, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.content.models import Content, Lang
from bot.content.registry import ContentRegistry
from bot.content.served import languages_of
from bot.presentation.texts import N_, open_catalogues, t
from bot.scorelog.store import ScoreLog
from bot.services.deps import Deps
from bot.services.results import log_unlogged
from bot.settings import Settings
from bot.state.archive import ContentArchiveOnThread
from bot.state.database import check_database, storage_errors
from bot.state.lock import data_dir_lock
from bot.state.state_db import StateDb
from bot.state.state_store import StateStore
from bot.telegram_bot.admin import Admin
from bot.telegram_bot.commands import Commands
from bot.telegram_bot.flood import FloodGate
from bot.telegram_bot.lifecycle import WebhookOptions, serve
from bot.telegram_bot.malloc import give_memory_back
from bot.telegram_bot.polling import PollingBot
from bot.telegram_bot.presses import Presses
from bot.telegram_bot.redaction import configure_logging
from bot.telegram_bot.shutdown import Shutdown
from bot.telegram_bot.updates_request import UpdatesRequest

log = logging.getLogger(__name__)

#: (command, text key of its description) as listed in Telegram's menu.
PUBLIC_COMMANDS = (
    ("start", N_("command_start")),
    ("help", N_("command_help")),
    ("result", N_("command_result")),
    ("language", N_("command_language")),
    ("restart", N_("command_restart")),
    ("cancel", N_("command_cancel")),
    ("forget", N_("command_forget")),
    ("about", N_("command_about")),
)


async def _register_commands(application: Application, deps: Deps) -> None:  # type: ignore[type-arg]
    """Show the commands in Telegram's menu in each language of the jobs served; clients in
    any other language see them in the default one."""
    scope = BotCommandScopeAllPrivateChats()
    codes = [language.code for language in deps.contents.languages]
    for code in (None, *codes):
        lang = code or codes[0]
        commands = [BotCommand(name, t(key, lang)) for name, key in PUBLIC_COMMANDS]
        await application.bot.set_my_commands(commands, scope=scope, language_code=code)


async def _start_up(application: Application, deps: Deps) -> None:  # type: ignore[type-arg]
    """Log the results a previous run finished but could not log, then list the commands."""
    logged = await log_unlogged(deps)
    if logged:
        log.info("Logged %d result(s) finished before the last stop", logged)
    await _register_commands(application, deps)


def open_stores(settings: Settings) -> tuple[StateDb, ScoreLog]:
    """Check both databases (see `bot.state.database`) and open them; `StorageError` if not."""
    for path in (settings.state_db, settings.scores_db):
        check_database(path, settings.on_corrupt_db)
    state = StateDb(settings.state_db)
    scores = ScoreLog(settings.scores_db, sources=settings.sources)
    with storage_errors(settings.scores_db):
        scores.migrate()
    return state, scores


def opt_in_to_timedelta() -> None:
    """Take time periods as `datetime.timedelta`, as python-telegram-bot 22 recommends.

    It deprecates whole seconds (such as `RetryAfter.retry_after`) and warns on every
    429 until the program opts in with the `PTB_TIMEDELTA` environment variable, which
    it reads each time; this adapter is written for timedelta.
    """
    os.environ["PTB_TIMEDELTA"] = "true"


def _use_cases(settings: Settings, contents: Sequence[Content]) -> tuple[Deps, Stores]:
    """What the use cases run on, the catalogues of the jobs' languages open.

    Each database's SQLite work runs on a thread of its own (`bot.state.db_thread`).
    """
    open_catalogues(settings.locales_dir, languages_of(contents))
    state_db, scores = open_stores(settings)
    state = StateStore(state_db)
    archive = ContentArchiveOnThread(state_db, state.thread)
    registry = ContentRegistry(contents, archive, settings.questions_dir, settings.profiles_dir)
    ttl, locales = settings.session_ttl_days, settings.locales_dir
    return Deps(state, registry, scores, ttl, locales_dir=locales), Stores(state, scores)


def build_application(
    settings: Settings,
    contents: Sequence[Content],
    shutdown: Shutdown | None = None,
    flood_gate: FloodGate | None = None,
) -> Application:  # type: ignore[type-arg]
    """The bot serving these jobs, wired: stores, handlers, rate limiting and per-user
    ordering.

    With a `shutdown`, a token Telegram refuses stops the bot (see `lifecycle`);
    `flood_gate` replaces the usual per-person limit (see `flood`).
    """
    opt_in_to_timedelta()
    from bot.telegram_bot.ordering import PerUserUpdateProcessor

    deps, stores = _use_cases(settings, contents)
    commands, presses = Commands(deps), Presses(deps)

    application = (
        ApplicationBuilder()
        .bot(_bot(settings, shutdown))
        .concurrent_updates(
            PerUserUpdateProcessor(gate=flood_gate, language_for=_language_for(deps))
        )
        .post_init(lambda app: _start_up(app, deps))
        .post_shutdown(lambda _: stores.close())
        .build()
    )
    private = filters.ChatType.PRIVATE
    public = {
        "start": commands.start,
        "help": commands.help,
        "about": commands.about,
        "cancel": commands.cancel,
        "restart": commands.restart,
        "language": commands.language,
        "result": commands.result,
        "forget": commands.forget,
    }
    application.add_handlers(
        [
            MessageHandler(filters.ChatType.GROUPS & filters.COMMAND, commands.in_group),
            *(CommandHandler(name, callback, filters=private) for name, callback in public.items()),
            *Admin(settings.admin_ids, deps).handlers(private),
            MessageHandler(private & filters.COMMAND, commands.unknown_command),
            MessageHandler(
                private & ~filters.COMMAND & ~filters.StatusUpdate.ALL, commands.stray_message
            ),
            CallbackQueryHandler(presses.press),
        ]
    )
    application.add_handler(TypeHandler(Update, commands.after_update), group=1)
    if shutdown is not None:
        application.add_error_handler(shutdown.on_error)  # first: it may stop the others
    application.add_error_handler(commands.on_error)
    return application


def _bot(settings: Settings, shutdown: Shutdown | None) -> PollingBot:
    """The Bot API client: rate limited, and told how to stop."""
    return PollingBot(
        settings.require_token(),
        base_url=settings.base_url,
        base_file_url=settings.base_url.replace("/bot", "/file/bot"),
        request=HTTPXRequest(connection_pool_size=256),
        get_updates_request=UpdatesRequest(connection_pool_size=1),
        rate_limiter=AIORateLimiter(max_retries=3),
        stopping=shutdown,
    )


def _language_for(deps: Deps) -> Callable[[str | None], Lang]:
    """The language to answer a client in, before a job is known (no database read: see
    `flood`)."""
    return deps.contents.language_for


@dataclass(frozen=True)
class Stores:
    state: StateStore
    scores: ScoreLog

    async def close(self) -> None:
        """Finish the writes queued (without holding up the loop), then close the files."""
        await asyncio.to_thread(self.state.close)
        await asyncio.to_thread(self.scores.close)


def run_bot(
    settings: Settings, contents: Sequence[Content], *, webhook: WebhookOptions | None = None
) -> None:
    """Run until SIGINT or SIGTERM, then shut down cleanly; `FatalError` if the bot cannot go on.

    The data directory is locked first: a second bot on it stops before touching a file.
    """
    configure_logging(settings.require_token())
    give_memory_back()  # before any thread starts
    with data_dir_lock(settings.data_dir):
        shutdown = Shutdown()
        application = build_application(settings, contents, shutdown)
        # What start-up built (content, models, libraries) lives as long as the
        # process: keep it out of the garbage collector's full passes, which
        # otherwise stop every conversation for up to 170 ms under load.
        gc.collect()
        gc.freeze()
        for content in contents:
            log.info(
                "careerbot starting: profile %s, %d questions (version %s)",
                content.profile.id,
                len(content.questions),
                content.version,
            )
        serve(application, shutdown, webhook)
