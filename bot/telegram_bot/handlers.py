"""The Telegram conversation: commands, buttons and stray messages.

Thin on purpose: each callback loads the person's state, asks the engine for
the next state, commits it, and only then shows it (see `bot.telegram_bot.delivery`).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import re
import sqlite3
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime

from telegram import CallbackQuery, InlineKeyboardMarkup, InputFile, Message, Update, User
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot.content.loader import ContentError
from bot.content.models import Lang
from bot.content.registry import ContentRegistry
from bot.engine.result import Result, evaluate
from bot.engine.session import Quiz, QuizError, QuizSession
from bot.presentation import screens as views
from bot.presentation.buttons import MenuPress, QuizPress, decode
from bot.presentation.result_text import render_result
from bot.presentation.texts import lang_from_code, other_lang, t
from bot.scorelog.store import ScoreLog
from bot.settings import Settings
from bot.state.store import ActiveQuiz, LastResult, StateStore
from bot.telegram_bot.delivery import send, show, with_retries

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE

_SOURCE = re.compile(r"[A-Za-z0-9_-]{1,32}")
MAX_MESSAGE = 4096


def _begin_source(markup: InlineKeyboardMarkup | None) -> str | None:
    """The deep-link source carried by a greeting's Begin button, if any."""
    for row in markup.inline_keyboard if markup else ():
        for button in row:
            action = decode(button.callback_data if isinstance(button.callback_data, str) else None)
            if isinstance(action, MenuPress) and action.verb == "begin" and action.arg:
                return action.arg
    return None


@dataclass
class Press:
    """A callback query that is answered exactly once, whatever happens."""

    query: CallbackQuery
    answered: bool = False

    async def answer(self, toast: str | None = None) -> None:
        if self.answered:
            return
        self.answered = True
        try:
            await with_retries(lambda: self.query.answer(toast))
        except TelegramError as error:
            log.info("Could not answer a callback query: %s", error)


class CareerBot:
    """Holds what the callbacks share: settings, stores and the content in use."""

    def __init__(
        self,
        settings: Settings,
        registry: ContentRegistry,
        store: StateStore,
        scores: ScoreLog,
    ) -> None:
        self.settings = settings
        self.registry = registry
        self.store = store
        self.scores = scores

    # --- Helpers ---

    def lang_of(self, user: User) -> Lang:
        return self.store.language(user.id) or lang_from_code(user.language_code)

    def _new_session(self, lang: Lang, source: str | None) -> QuizSession:
        return Quiz(self.registry.current).start(
            quiz_id=uuid.uuid4().hex[:8], lang=lang, started_at=time.time(), source=source
        )

    def _quiz_for(self, version: str) -> Quiz | None:
        content = self.registry.content_for(version)
        return Quiz(content) if content is not None else None

    def _active(self, user_id: int) -> tuple[ActiveQuiz, Quiz] | None:
        """The person's quiz in progress and the rules it runs on, if any."""
        active = self.store.load_quiz(user_id)
        if active is None:
            return None
        quiz = self._quiz_for(active.session.version)
        if quiz is None:
            self.store.delete_quiz(user_id)
            return None
        return active, quiz

    def _last_outcome(self, user_id: int) -> tuple[Quiz, Result] | None:
        """The person's last result, scored again on the content it was taken on."""
        last = self.store.last_result(user_id)
        quiz = self._quiz_for(last.version) if last else None
        if last is None or quiz is None:
            return None
        return quiz, evaluate(quiz.content, last.answers)

    async def _retire_keyboard(
        self, context: Context, chat_id: int, message_id: int | None
    ) -> None:
        """Remove the buttons of a question message that is no longer current (best effort)."""
        if message_id is None:
            return
        with contextlib.suppress(TelegramError):
            await context.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)

    async def _begin(
        self,
        context: Context,
        user_id: int,
        chat_id: int,
        session: QuizSession,
        message_id: int | None,
    ) -> None:
        """Save a new session, then show its first question."""
        active = ActiveQuiz(session, chat_id, message_id)
        self.store.save_quiz(user_id, active)
        await self._reshow(context, user_id, active, Quiz(self.registry.current))

    # --- Commands ---

    async def start(self, update: Update, context: Context) -> None:
        """Greet, or offer to resume the quiz in progress."""
        user, chat = update.effective_user, update.effective_chat
        assert user is not None and chat is not None
        self.store.expire_idle(self.settings.session_ttl_days)
        lang = self.lang_of(user)
        found = self._active(user.id)
        if found is not None:
            active, quiz = found
            await send(context.bot, chat.id, views.resume_offer(quiz, active.session))
            return
        source = context.args[0] if context.args and _SOURCE.fullmatch(context.args[0]) else None
        screen = views.welcome(self.registry.current, lang, user.first_name, source)
        await send(context.bot, chat.id, screen)

    async def help(self, update: Update, context: Context) -> None:
        """List the commands."""
        await self._reply(update, context, t("help", self._lang(update)))

    async def about(self, update: Update, context: Context) -> None:
        """Explain the method and the source."""
        await self._reply(update, context, t("about", self._lang(update)))

    async def cancel(self, update: Update, context: Context) -> None:
        """Stop the quiz in progress and erase its answers."""
        user, chat = update.effective_user, update.effective_chat
        assert user is not None and chat is not None
        lang = self.lang_of(user)
        active = self.store.load_quiz(user.id)
        if active is None:
            await self._reply(update, context, t("nothing_to_cancel", lang))
            return
        self.store.delete_quiz(user.id)
        await self._retire_keyboard(context, active.chat_id, active.message_id)
        await self._reply(update, context, t("cancelled", lang))

    async def restart(self, update: Update, context: Context) -> None:
        """Drop the quiz in progress and start a fresh one."""
        user, chat = update.effective_user, update.effective_chat
        assert user is not None and chat is not None
        previous = self.store.load_quiz(user.id)
        source = previous.session.source if previous else None
        if previous is not None:
            self.store.delete_quiz(user.id)
            await self._retire_keyboard(context, previous.chat_id, previous.message_id)
        await self._begin(
            context, user.id, chat.id, self._new_session(self.lang_of(user), source), None
        )

    async def language(self, update: Update, context: Context) -> None:
        """Switch between French and English; the current question is shown again."""
        user, chat = update.effective_user, update.effective_chat
        assert user is not None and chat is not None
        lang = other_lang(self.lang_of(user))
        self.store.set_language(user.id, lang)
        await self._reply(update, context, t("language_set", lang))
        found = self._active(user.id)
        if found is not None:
            active, quiz = found
            session = quiz.switch_language(active.session, lang)
            self.store.save_quiz(user.id, ActiveQuiz(session, active.chat_id, active.message_id))
            await self._retire_keyboard(context, active.chat_id, active.message_id)
            await self._reshow(context, user.id, ActiveQuiz(session, active.chat_id, None), quiz)

    async def result(self, update: Update, context: Context) -> None:
        """Show the last result again."""
        user, chat = update.effective_user, update.effective_chat
        assert user is not None and chat is not None
        lang = self.lang_of(user)
        last = self._last_outcome(user.id)
        if last is None:
            await self._reply(update, context, t("no_result", lang))
            return
        quiz, outcome = last
        await self._show_result(context, chat.id, None, quiz, outcome, lang)

    async def forget(self, update: Update, context: Context) -> None:
        """Delete everything kept about this person in state.db."""
        user = update.effective_user
        assert user is not None
        lang = self.lang_of(user)
        active = self.store.load_quiz(user.id)
        self.store.forget(user.id)
        if active is not None:
            await self._retire_keyboard(context, active.chat_id, active.message_id)
        await self._reply(update, context, t("forgotten", lang))

    async def unknown_command(self, update: Update, context: Context) -> None:
        """Any command the bot does not offer to this person."""
        await self._reply(update, context, t("unknown_command", self._lang(update)))

    async def in_group(self, update: Update, context: Context) -> None:
        """The quiz is private: point to a private chat."""
        link = f"https://t.me/{context.bot.username}?start=group"
        await self._reply(update, context, t("private_only", self._lang(update), link=link))

    async def stray_message(self, update: Update, context: Context) -> None:
        """Text, stickers and the like: point back to the buttons."""
        user, chat = update.effective_user, update.effective_chat
        assert user is not None and chat is not None
        lang = self.lang_of(user)
        found = self._active(user.id)
        if found is None:
            await self._reply(update, context, t("nothing_to_cancel", lang))
            return
        active, quiz = found
        await self._reply(update, context, t("use_buttons", lang))
        await self._retire_keyboard(context, active.chat_id, active.message_id)
        await self._reshow(context, user.id, ActiveQuiz(active.session, active.chat_id, None), quiz)

    # --- Admin commands ---

    def is_admin(self, update: Update) -> bool:
        user = update.effective_user
        return user is not None and user.id in self.settings.admin_ids

    async def stats(self, update: Update, context: Context) -> None:
        """Admins: the summary of the anonymous score log."""
        if not self.is_admin(update):
            await self.unknown_command(update, context)
            return
        from bot.scorelog.summary import format_summary, load_summary

        summary = await asyncio.to_thread(load_summary, self.settings.scores_db)
        text = format_summary(summary)
        await self._reply(update, context, f"<pre>{html.escape(text[: MAX_MESSAGE - 20])}</pre>")
        await self._send_stats_chart(update, context, summary)

    async def export(self, update: Update, context: Context) -> None:
        """Admins: the score log as a CSV document."""
        if not self.is_admin(update):
            await self.unknown_command(update, context)
            return
        from bot.scorelog.summary import export_csv

        data = await asyncio.to_thread(export_csv, self.settings.scores_db)
        chat = update.effective_chat
        assert chat is not None
        name = f"careerbot-scores-{date.today().isoformat()}.csv"
        await with_retries(
            lambda: context.bot.send_document(chat.id, InputFile(data, filename=name))
        )

    async def reload(self, update: Update, context: Context) -> None:
        """Admins: read the question and profile files again."""
        if not self.is_admin(update):
            await self.unknown_command(update, context)
            return
        lang = self._lang(update)
        try:
            content = self.registry.reload()
        except ContentError as error:
            problems = "\n".join(str(p) for p in error.problems)
            text = t("reload_failed", lang, count=len(error.problems))
            body = html.escape(problems)[: MAX_MESSAGE - len(text) - 20]
            await self._reply(update, context, f"{text}\n<pre>{body}</pre>")
            return
        await self._reply(
            update,
            context,
            t("reloaded", lang, count=len(content.questions), version=content.version),
        )

    # --- Buttons ---

    async def button(self, update: Update, context: Context) -> None:
        """Every inline button lands here; the query is always answered."""
        query = update.callback_query
        assert query is not None
        press = Press(query)
        try:
            action = decode(query.data)
            if isinstance(action, QuizPress):
                await self._quiz_press(press, action, context)
            elif isinstance(action, MenuPress):
                await self._menu_press(press, action, context)
            else:
                await press.answer(t("toast_invalid", self.lang_of(query.from_user)))
        except sqlite3.Error:
            log.exception("Could not read or save a quiz")
            # Not `lang_of`: it reads the same database that just failed.
            await press.answer(t("toast_busy", lang_from_code(query.from_user.language_code)))
        finally:
            await press.answer()

    async def _quiz_press(self, press: Press, action: QuizPress, context: Context) -> None:
        user = press.query.from_user
        lang = self.lang_of(user)
        found = self._active(user.id)
        if found is None or found[0].session.quiz_id != action.quiz_id:
            await press.answer(t("toast_old_quiz", lang))
            return
        active, quiz = found
        session = active.session
        if action.step != session.step:
            await press.answer(t("toast_stale", session.lang))
            await self._reshow(context, user.id, active, quiz)
            return
        if action.verb == "cancel":
            self.store.delete_quiz(user.id)
            await press.answer()
            await show(
                context.bot, active.chat_id, active.message_id, views.Screen(t("cancelled", lang))
            )
            return
        try:
            if action.verb == "back":
                session = quiz.back(session)
            elif action.verb == "toggle":
                session = quiz.toggle(session, action.arg)
            elif action.verb == "confirm":
                session = quiz.confirm(session)
            else:
                session = quiz.answer(session, action.arg)
        except QuizError:
            first = action.verb == "back" and session.position == 0
            await press.answer(t("toast_first" if first else "toast_invalid", session.lang))
            return
        message_id = press.query.message.message_id if press.query.message else active.message_id
        moved = ActiveQuiz(session, active.chat_id, message_id)
        if quiz.is_complete(session):
            await self._finish(press, context, user.id, moved, quiz)
            return
        self.store.save_quiz(user.id, moved)
        await press.answer()
        await self._reshow(context, user.id, moved, quiz)

    async def _menu_press(self, press: Press, action: MenuPress, context: Context) -> None:
        user = press.query.from_user
        message = press.query.message
        chat_id = message.chat.id if message else user.id
        message_id = message.message_id if message else None
        found = self._active(user.id)

        if action.verb in ("begin", "resume") and found is not None:
            active, quiz = found
            await press.answer()
            if active.message_id != message_id:
                await self._retire_keyboard(context, active.chat_id, active.message_id)
            await self._reshow(
                context, user.id, ActiveQuiz(active.session, chat_id, message_id), quiz
            )
            return
        if action.verb == "resume":
            await press.answer(t("toast_old_quiz", self.lang_of(user)))
            return
        if action.verb in ("begin", "restart", "retake"):
            source = action.arg or None
            if found is not None:
                source = found[0].session.source
                self.store.delete_quiz(user.id)
            await press.answer()
            target = None if action.verb == "retake" else message_id
            await self._begin(
                context, user.id, chat_id, self._new_session(self.lang_of(user), source), target
            )
            return
        # action.verb == "lang"
        lang: Lang = "fr" if action.arg.startswith("fr") else "en"
        self.store.set_language(user.id, lang)
        await press.answer(t("language_set", lang))
        if found is not None:
            active, quiz = found
            session = quiz.switch_language(active.session, lang)
            moved = ActiveQuiz(session, active.chat_id, active.message_id)
            self.store.save_quiz(user.id, moved)
            await self._reshow(context, user.id, moved, quiz)
        elif action.arg.endswith(views.RESULT_SUFFIX):
            last = self._last_outcome(user.id)
            if last is not None:
                quiz_of_last, outcome = last
                await self._show_result(
                    context, chat_id, message_id, quiz_of_last, outcome, lang, chart=False
                )
        else:
            source = _begin_source(message.reply_markup if isinstance(message, Message) else None)
            screen = views.welcome(self.registry.current, lang, user.first_name, source)
            await show(context.bot, chat_id, message_id, screen)

    # --- Showing things ---

    async def _reshow(self, context: Context, user_id: int, active: ActiveQuiz, quiz: Quiz) -> None:
        """Show the current question; remember the message if a new one was needed."""
        if quiz.is_complete(active.session):
            return
        screen = views.question_screen(quiz, active.session)
        shown = await show(context.bot, active.chat_id, active.message_id, screen)
        if shown != active.message_id:
            self.store.save_quiz(user_id, ActiveQuiz(active.session, active.chat_id, shown))

    async def _finish(
        self, press: Press, context: Context, user_id: int, active: ActiveQuiz, quiz: Quiz
    ) -> None:
        """Keep the result, log it anonymously, then show it."""
        session = active.session
        outcome = evaluate(quiz.content, session.answers)
        self.store.complete_quiz(
            user_id, LastResult(session.version, session.lang, dict(session.answers), time.time())
        )
        await press.answer()
        await asyncio.to_thread(
            self.scores.record, quiz.content, session, outcome, finished_at=datetime.now(UTC)
        )
        await self._show_result(
            context, active.chat_id, active.message_id, quiz, outcome, session.lang
        )

    async def _show_result(
        self,
        context: Context,
        chat_id: int,
        message_id: int | None,
        quiz: Quiz,
        outcome: Result,
        lang: Lang,
        *,
        chart: bool = True,
    ) -> None:
        text = render_result(quiz.content, outcome, lang)
        await show(context.bot, chat_id, message_id, views.Screen(text, views.result_buttons(lang)))
        if chart:
            await self._send_result_chart(context, chat_id, quiz, outcome, lang)

    async def _send_result_chart(
        self, context: Context, chat_id: int, quiz: Quiz, outcome: Result, lang: Lang
    ) -> None:
        """The chart is a bonus: if it cannot be drawn or sent, the text result stands."""
        try:
            from bot.presentation.charts import draw_in_background, result_chart_png

            png = await draw_in_background(result_chart_png, quiz.content, outcome, lang)
            caption = t("chart_caption", lang, job=quiz.content.profile.title(lang))
            await with_retries(
                lambda: context.bot.send_photo(
                    chat_id, InputFile(png, filename="result.png"), caption=caption
                )
            )
        except Exception:
            log.exception("Could not draw or send the result chart")

    async def _send_stats_chart(self, update: Update, context: Context, summary: object) -> None:
        try:
            from bot.presentation.charts import draw_in_background, stats_chart_png
            from bot.scorelog.summary import chart_inputs

            fits, means = chart_inputs(summary)  # type: ignore[arg-type]
            png = await draw_in_background(stats_chart_png, fits, means, self._lang(update))
            chat = update.effective_chat
            assert chat is not None
            await with_retries(
                lambda: context.bot.send_photo(chat.id, InputFile(png, filename="stats.png"))
            )
        except Exception:
            log.exception("Could not draw or send the stats chart")

    def _lang(self, update: Update) -> Lang:
        user = update.effective_user
        return self.lang_of(user) if user else "fr"

    async def _reply(self, update: Update, context: Context, text: str) -> None:
        chat = update.effective_chat
        assert chat is not None
        await with_retries(
            lambda: context.bot.send_message(chat.id, text, parse_mode=ParseMode.HTML)
        )

    # --- Errors ---

    async def on_error(self, update: object, context: Context) -> None:
        """Log the error (the token is redacted by the log filter) and reassure the person."""
        log.error("Error while handling an update", exc_info=context.error)
        if isinstance(context.error, BadRequest) and "not modified" in context.error.message:
            return
        if isinstance(update, Update) and update.effective_chat and update.effective_user:
            if update.effective_chat.type != "private":
                return
            with contextlib.suppress(TelegramError):
                await context.bot.send_message(
                    update.effective_chat.id, t("error", self.lang_of(update.effective_user))
                )
