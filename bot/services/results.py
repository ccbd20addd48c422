"""Finishing a quiz, showing a result again, and writing results to the anonymous log.

A finish keeps the result and queues it for the score log in one transaction,
then the reply asks the adapter to log it once delivered (`Reply.log`). A crash
at any point loses nothing: the queue is logged at the next start-up, and a late
press of the quiz's last button shows the result again (`show_finished`).
"""

from __future__ import annotations

import html
import logging
import time
import uuid
from datetime import UTC, datetime

from bot.content.models import Content, Lang
from bot.engine.change import Change, compare
from bot.engine.result import Result, evaluate
from bot.engine.session import Quiz
from bot.presentation import screens
from bot.presentation.result_text import render_result
from bot.presentation.texts import t
from bot.services.deps import Deps, lang_of
from bot.services.reply import Attachment, Person, Reply, Show
from bot.state.records import ActiveQuiz, KeptResult, UnloggedResult

log = logging.getLogger(__name__)


async def finish(deps: Deps, person: Person, finished: ActiveQuiz, quiz: Quiz) -> Reply:
    """Score the answers (once), keep the result, and show it where the question was."""
    session = finished.session
    outcome = evaluate(quiz.content, session.answers)
    now = time.time()
    unlogged = UnloggedResult(uuid.uuid4().hex, session, now) if deps.scores else None
    kept = KeptResult(session.version, session.lang, dict(session.answers), now, session.quiz_id)
    await deps.state.complete_quiz(person.user_id, kept, unlogged)
    if unlogged is not None:
        deps.evaluated[unlogged.id] = outcome
    change = await _change(deps, person, quiz.content, outcome)
    reply = _result(quiz.content, outcome, session.lang, change, finished.message_id, chart=True)
    return Reply(log=unlogged is not None).then(reply)


async def show_result(deps: Deps, person: Person, where: int | None, *, chart: bool) -> Reply:
    """The last result again, at `where` (None: a new message)."""
    lang = await lang_of(deps, person)
    last = _rescored(deps, await deps.state.last_result(person.user_id))
    if last is None:
        return Reply(notice=t("no_result", lang))
    quiz, outcome = last
    change = await _change(deps, person, quiz.content, outcome)
    lang = quiz.content.language_for(lang)
    return _result(quiz.content, outcome, lang, change, where, chart=chart)


async def show_finished(
    deps: Deps, person: Person, pressed: int | None, quiz_id: str
) -> Reply | None:
    """A press on a quiz that is already finished shows its result in place; None if it is not."""
    last = await deps.state.last_result(person.user_id)
    if last is None or last.quiz_id != quiz_id:
        return None
    notice = Reply(notice=t("toast_finished", await lang_of(deps, person)), log=True)
    return notice.then(await show_result(deps, person, pressed, chart=False))


async def log_unlogged(deps: Deps) -> int:
    """Write the queued results to the score log; return how many."""
    if deps.scores is None:
        return 0
    logged = 0
    async with deps.log_lock:
        for unlogged in await deps.state.unlogged_results():
            content = deps.contents.content_for(unlogged.session.version)
            if content is None:
                log.warning("A queued result's questions are unknown: it cannot be logged")
                await deps.state.mark_logged(unlogged.id)
                continue
            outcome = deps.evaluated.pop(unlogged.id, None)
            if outcome is None:
                outcome = evaluate(content, unlogged.session.answers)
            recorded = await deps.scores.log_result(
                content,
                unlogged.session,
                outcome,
                finished_at=datetime.fromtimestamp(unlogged.finished_at, UTC),
                result_id=unlogged.id,
            )
            if recorded is None:
                deps.evaluated.clear()  # the score log is unavailable: keep the rest queued
                break
            await deps.state.mark_logged(unlogged.id)
            logged += 1
    return logged


def _rescored(deps: Deps, kept: KeptResult | None) -> tuple[Quiz, Result] | None:
    """A kept result scored again on the content it was taken on, if that is still known."""
    content = deps.contents.content_for(kept.version) if kept else None
    if kept is None or content is None:
        return None
    return Quiz(content), evaluate(content, kept.answers)


async def _change(deps: Deps, person: Person, content: Content, outcome: Result) -> Change | None:
    """What moved since the result before the last one, if the person has one of this job."""
    previous = _rescored(deps, await deps.state.previous_result(person.user_id))
    if previous is None or previous[0].content.profile.id != content.profile.id:
        return None
    return compare(previous[1], outcome)


def _result(
    content: Content,
    outcome: Result,
    lang: Lang,
    change: Change | None,
    where: int | None,
    *,
    chart: bool,
) -> Reply:
    screen = screens.Screen(
        render_result(content, outcome, lang, change), screens.result_buttons(content, lang)
    )
    attachments = (_chart(content, outcome, lang),) if chart else ()
    return Reply(screens=(Show(screen, where),), attachments=attachments)


def _chart(content: Content, outcome: Result, lang: Lang) -> Attachment:
    def draw() -> bytes:
        # Imported here: Pillow is the optional `charts` extra.
        from bot.presentation.result_chart import result_chart_png

        return result_chart_png(content, outcome, lang)

    caption = t("chart_caption", lang, job=html.escape(content.profile.title(lang)))
    return Attachment("result.png", caption, draw)
