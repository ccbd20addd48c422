"""Inline buttons: every press lands here, is decoded and handed to an action.

The query is always answered, once, whatever happens (see `Press`).
"""

from __future__ import annotations

import logging
import sqlite3

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import ContextTypes

from bot.content.models import Lang
from bot.engine.session import QuizError
from bot.presentation import screens
from bot.presentation.buttons import MenuPress, QuizPress, decode
from bot.presentation.texts import lang_from_code, t
from bot.state.store import ActiveQuiz
from bot.telegram_bot.actions import Actions
from bot.telegram_bot.delivery import show
from bot.telegram_bot.turn import Press, Turn

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE


def _begin_source(message: object) -> str | None:
    """The deep-link source carried by a greeting's Begin button, if any."""
    markup = message.reply_markup if isinstance(message, Message) else None
    rows = markup.inline_keyboard if isinstance(markup, InlineKeyboardMarkup) else ()
    for row in rows:
        for button in row:
            data = button.callback_data
            action = decode(data if isinstance(data, str) else None)
            if isinstance(action, MenuPress) and action.verb == "begin" and action.arg:
                return action.arg
    return None


def newest(*message_ids: int | None) -> int | None:
    """The newest of these messages: Telegram numbers a chat's messages in order.

    The question lives in the newest message showing it, so that the bottom
    of the chat is never a stale screen.
    """
    known = [message_id for message_id in message_ids if message_id is not None]
    return max(known) if known else None


class Buttons:
    def __init__(self, actions: Actions) -> None:
        self.actions = actions

    async def press(self, update: Update, context: Context) -> None:
        """The one callback of every inline button."""
        query = update.callback_query
        assert query is not None
        press = Press(query)
        turn = Turn.of_press(press, context.bot)
        try:
            action = decode(query.data)
            if isinstance(action, QuizPress):
                await self._quiz_press(turn, action)
            elif isinstance(action, MenuPress):
                await self._menu_press(turn, action)
            else:
                await press.answer(t("toast_invalid", self.actions.lang_of(query.from_user)))
        except sqlite3.Error:
            log.exception("Could not read or save a quiz")
            # Not `lang_of`: it reads the same database that just failed.
            await press.answer(t("toast_busy", lang_from_code(query.from_user.language_code)))
        finally:
            await press.answer()

    async def _quiz_press(self, turn: Turn, action: QuizPress) -> None:
        lang = self.actions.lang_of(turn.user)
        found = self.actions.active(turn.user.id)
        if found is None or found[0].session.quiz_id != action.quiz_id:
            if not await self.actions.show_finished(turn, action.quiz_id):
                await turn.note(t("toast_old_quiz", lang))
            return
        active, quiz = found
        session = active.session
        live = newest(turn.here, active.message_id)
        if action.step != session.step:
            await turn.note(t("toast_stale", session.lang))
            await self.actions.show_question(turn, active, quiz, live)
            return
        if action.verb == "cancel":
            await self.actions.cancel(turn)
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
            await turn.note(t("toast_first" if first else "toast_invalid", session.lang))
            return
        if active.message_id != live:
            await self.actions.retire_keyboard(turn, active)
        moved = ActiveQuiz(session, active.chat_id, live)
        if quiz.is_complete(session):
            await self.actions.finish(turn, moved, quiz)
            return
        self.actions.store.save_quiz(turn.user.id, moved)
        await turn.ack()
        await self.actions.reshow(turn, moved, quiz)

    async def _menu_press(self, turn: Turn, action: MenuPress) -> None:
        if action.verb == "begin":
            await self.actions.begin(turn, action.arg or None)
        elif action.verb == "resume":
            if not await self.actions.resume(turn):
                await turn.note(t("toast_old_quiz", self.actions.lang_of(turn.user)))
        elif action.verb in ("restart", "retake"):
            where = None if action.verb == "retake" else turn.here
            await self.actions.restart(turn, None, where)
        else:
            await self._language(turn, action.arg)

    async def _language(self, turn: Turn, arg: str) -> None:
        """A language button on a greeting or a result: redraw it in that language."""
        lang: Lang = "fr" if arg.startswith("fr") else "en"
        if await self.actions.switch_language(turn, lang):
            return
        if arg.endswith(screens.RESULT_SUFFIX):
            await self.actions.show_result(turn)
            return
        assert turn.press is not None
        message = turn.press.query.message
        content = self.actions.registry.current
        screen = screens.welcome(content, lang, turn.user.first_name, _begin_source(message))
        await show(turn.bot, turn.chat_id, turn.here, screen)
