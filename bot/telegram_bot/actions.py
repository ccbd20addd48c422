"""What a person can do, each written once for the command and the button that ask for it.

Each action loads the person's state, asks the engine for the next state,
commits it, and only then shows it (see `bot.telegram_bot.delivery`).
A `Turn` says who asked and where: a command draws in a new message, a
button in the message it belongs to.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import time
import uuid
from datetime import UTC, datetime

from telegram import InputFile, User
from telegram.error import TelegramError

from bot.content.models import Lang
from bot.content.registry import ContentRegistry
from bot.engine.change import Change, compare
from bot.engine.result import Result, evaluate
from bot.engine.session import Quiz
from bot.presentation import screens
from bot.presentation.result_text import render_result
from bot.presentation.texts import lang_from_code, t
from bot.scorelog.store import ScoreLog
from bot.settings import Settings
from bot.state.store import ActiveQuiz, LastResult, StateStore, UnloggedResult
from bot.telegram_bot.delivery import show, with_retries
from bot.telegram_bot.turn import Turn

log = logging.getLogger(__name__)


class Actions:
    """Holds what the actions share: settings, stores and the content in use."""

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

    # --- Reading the person's state ---

    def lang_of(self, user: User) -> Lang:
        return self.store.language(user.id) or lang_from_code(user.language_code)

    def active(self, user_id: int) -> tuple[ActiveQuiz, Quiz] | None:
        """The person's quiz in progress and the rules it runs on, if any."""
        active = self.store.load_quiz(user_id)
        if active is None:
            return None
        content = self.registry.content_for(active.session.version)
        if content is None:
            self.store.delete_quiz(user_id)
            return None
        return active, Quiz(content)

    def _rescored(self, kept: LastResult | None) -> tuple[Quiz, Result] | None:
        """A kept result scored again on the content it was taken on, if that is still known."""
        content = self.registry.content_for(kept.version) if kept else None
        if kept is None or content is None:
            return None
        return Quiz(content), evaluate(content, kept.answers)

    def _last_outcome(self, user_id: int) -> tuple[Quiz, Result] | None:
        return self._rescored(self.store.last_result(user_id))

    def _change(self, user_id: int, outcome: Result) -> Change | None:
        """What moved since the result before the last one, if the person has one."""
        previous = self._rescored(self.store.previous_result(user_id))
        return compare(previous[1], outcome) if previous else None

    # --- The actions ---

    async def resume(self, turn: Turn) -> bool:
        """Show the quiz in progress where the person pressed; False if there is none."""
        found = self.active(turn.user.id)
        if found is None:
            return False
        active, quiz = found
        await turn.ack()
        await self.show_question(turn, active, quiz, turn.here)
        return True

    async def begin(self, turn: Turn, source: str | None) -> None:
        """The Begin button: the quiz in progress if there is one, else a new one."""
        if not await self.resume(turn):
            await self.restart(turn, source, turn.here)

    async def restart(self, turn: Turn, source: str | None, where: int | None) -> None:
        """Drop the quiz in progress (keeping its source) and start a fresh one at `where`."""
        previous = self.store.load_quiz(turn.user.id)
        if previous is not None:
            source = previous.session.source
            self.store.delete_quiz(turn.user.id)
            if previous.message_id != where:
                await self.retire_keyboard(turn, previous)
        await turn.ack()
        quiz = Quiz(self.registry.current)
        session = quiz.start(
            quiz_id=uuid.uuid4().hex[:8],
            lang=self.lang_of(turn.user),
            started_at=time.time(),
            source=source,
        )
        active = ActiveQuiz(session, turn.chat_id, where)
        self.store.save_quiz(turn.user.id, active)
        await self.reshow(turn, active, quiz)

    async def cancel(self, turn: Turn) -> None:
        """Stop the quiz in progress and erase its answers."""
        lang = self.lang_of(turn.user)
        active = self.store.load_quiz(turn.user.id)
        if active is None:
            await turn.note(t("nothing_to_cancel", lang))
            return
        self.store.delete_quiz(turn.user.id)
        await turn.ack()
        if active.message_id != turn.here:
            await self.retire_keyboard(turn, active)
        await show(turn.bot, turn.chat_id, turn.here, screens.Screen(t("cancelled", lang)))

    async def switch_language(self, turn: Turn, lang: Lang) -> bool:
        """Speak `lang` from now on and redraw the question in progress; False if there is none.

        A command shows the question again below it; a button (on a greeting or
        a result) redraws the question where it is.
        """
        self.store.set_language(turn.user.id, lang)
        await turn.note(t("language_set", lang))
        found = self.active(turn.user.id)
        if found is None:
            return False
        active, quiz = found
        moved = ActiveQuiz(
            quiz.switch_language(active.session, lang), active.chat_id, active.message_id
        )
        self.store.save_quiz(turn.user.id, moved)
        await self.show_question(
            turn, moved, quiz, None if turn.press is None else moved.message_id
        )
        return True

    async def finish(self, turn: Turn, active: ActiveQuiz, quiz: Quiz) -> None:
        """Keep the result and queue it for the score log in one transaction, show it, log it.

        A crash at any point loses nothing: the queued result is logged at the
        next start-up (`log_unlogged`), and a late press of the quiz's last
        button shows the result again (`show_finished`).
        """
        session = active.session
        outcome = evaluate(quiz.content, session.answers)
        now = time.time()
        self.store.complete_quiz(
            turn.user.id,
            LastResult(session.version, session.lang, dict(session.answers), now, session.quiz_id),
            UnloggedResult(uuid.uuid4().hex, session, now),
        )
        await turn.ack()
        change = self._change(turn.user.id, outcome)
        await self._present_result(turn, active.message_id, quiz, outcome, session.lang, change)
        await self.log_unlogged()

    async def show_finished(self, turn: Turn, quiz_id: str) -> bool:
        """A press on a quiz that is already finished shows its result; False if it is not."""
        last = self.store.last_result(turn.user.id)
        if last is None or last.quiz_id != quiz_id:
            return False
        await turn.note(t("toast_finished", self.lang_of(turn.user)))
        await self.show_result(turn)
        await self.log_unlogged()
        return True

    async def log_unlogged(self) -> int:
        """Write the queued results to the score log (off the event loop); return how many."""
        logged = 0
        for unlogged in self.store.unlogged_results():
            content = self.registry.content_for(unlogged.session.version)
            if content is None:
                log.warning("A queued result's questions are unknown: it cannot be logged")
                self.store.mark_logged(unlogged.id)
                continue
            outcome = evaluate(content, unlogged.session.answers)
            finished_at = datetime.fromtimestamp(unlogged.finished_at, UTC)
            recorded = await asyncio.to_thread(
                self.scores.record,
                content,
                unlogged.session,
                outcome,
                finished_at=finished_at,
                result_id=unlogged.id,
            )
            if recorded is None:
                break  # the score log is unavailable: keep the rest queued for later
            self.store.mark_logged(unlogged.id)
            logged += 1
        return logged

    async def show_result(self, turn: Turn) -> None:
        """Show the last result again: below a command, or in place for a button (no chart)."""
        lang = self.lang_of(turn.user)
        last = self._last_outcome(turn.user.id)
        if last is None:
            await turn.note(t("no_result", lang))
            return
        quiz, outcome = last
        change = self._change(turn.user.id, outcome)
        await self._present_result(
            turn, turn.here, quiz, outcome, lang, change, chart=turn.press is None
        )

    # --- Showing things ---

    async def retire_keyboard(self, turn: Turn, active: ActiveQuiz) -> None:
        """Remove the buttons of a question message that is no longer current (best effort)."""
        if active.message_id is None:
            return
        with contextlib.suppress(TelegramError):
            await turn.bot.edit_message_reply_markup(
                active.chat_id, active.message_id, reply_markup=None
            )

    async def show_question(
        self, turn: Turn, active: ActiveQuiz, quiz: Quiz, where: int | None
    ) -> None:
        """Move the current question to `where` (None: a new message), retiring the old one."""
        moved = ActiveQuiz(active.session, turn.chat_id, where)
        if active.message_id != where:
            await self.retire_keyboard(turn, active)
            if where is not None:
                self.store.save_quiz(turn.user.id, moved)
        await self.reshow(turn, moved, quiz)

    async def reshow(self, turn: Turn, active: ActiveQuiz, quiz: Quiz) -> None:
        """Show the current question; remember the message if a new one was needed."""
        if quiz.is_complete(active.session):
            return
        screen = screens.question_screen(quiz, active.session)
        shown = await show(turn.bot, active.chat_id, active.message_id, screen)
        if shown != active.message_id:
            self.store.save_quiz(turn.user.id, ActiveQuiz(active.session, active.chat_id, shown))

    async def _present_result(
        self,
        turn: Turn,
        where: int | None,
        quiz: Quiz,
        outcome: Result,
        lang: Lang,
        change: Change | None,
        *,
        chart: bool = True,
    ) -> None:
        text = render_result(quiz.content, outcome, lang, change)
        screen = screens.Screen(text, screens.result_buttons(lang))
        await show(turn.bot, turn.chat_id, where, screen)
        if chart:
            await self._send_result_chart(turn, quiz, outcome, lang)

    async def _send_result_chart(self, turn: Turn, quiz: Quiz, outcome: Result, lang: Lang) -> None:
        """The chart is a bonus: if it cannot be drawn or sent, the text result stands."""
        try:
            from bot.presentation.charts import draw_in_background, result_chart_png

            png = await draw_in_background(result_chart_png, quiz.content, outcome, lang)
            job = html.escape(quiz.content.profile.title(lang))
            caption = t("chart_caption", lang, job=job)
            await with_retries(
                lambda: turn.bot.send_photo(
                    turn.chat_id, InputFile(png, filename="result.png"), caption=caption
                )
            )
        except TelegramError as error:
            log.warning("Could not send the result chart: %s", error)
        except Exception:
            log.exception("Could not draw or send the result chart")
