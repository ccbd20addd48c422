"""Finishing a quiz, showing a result again, and writing results to the anonymous log.

A finish scores the answers once and keeps the result as its record
(`bot.engine.record`): every later view renders from the record and the content
version it names. It keeps the record and queues the answers for the score log in one transaction,
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
from bot.engine.record import ResultRecord, record_of
from bot.engine.result import evaluate
from bot.engine.session import Quiz
from bot.presentation import screens
from bot.presentation.payloads import ResultPress
from bot.presentation.result_sections import available, section
from bot.presentation.result_summary import summary
from bot.presentation.texts import t
from bot.services.deps import Deps, lang_of
from bot.services.reply import Attachment, Person, Reply, Show
from bot.services.report import pdf_available, pdf_of
from bot.state.records import ActiveQuiz, KeptResult, UnloggedResult

log = logging.getLogger(__name__)


async def finish(deps: Deps, person: Person, finished: ActiveQuiz, quiz: Quiz) -> Reply:
    """Score the answers (once), keep the result, and show it where the question was."""
    session = finished.session
    content = quiz.content
    outcome = evaluate(content, session.answers)
    record = record_of(content, outcome, lang=session.lang, quiz_id=session.quiz_id)
    now = time.time()
    unlogged = UnloggedResult(uuid.uuid4().hex, session, now) if deps.scores else None
    await deps.state.complete_quiz(person.user_id, KeptResult(record, now), unlogged)
    if unlogged is not None:
        deps.evaluated[unlogged.id] = outcome
    change = await _change(deps, person, KeptResult(record, now))
    reply = _result(content, record, session.lang, change, finished.message_id, chart=True)
    return Reply(log=unlogged is not None).then(reply)


async def show_result(deps: Deps, person: Person, where: int | None, *, chart: bool) -> Reply:
    """The last result again, at `where` (None: a new message)."""
    lang = await lang_of(deps, person)
    kept = await deps.state.last_result(person.user_id)
    content = deps.contents.content_for(kept.version) if kept else None
    if kept is None or content is None:
        return Reply(notice=t("no_result", lang))
    change = await _change(deps, person, kept)
    lang = content.language_for(lang)
    return _result(content, kept.record, lang, change, where, chart=chart)


async def open_view(deps: Deps, person: Person, pressed: int | None, press: ResultPress) -> Reply:
    """A button under a result: its summary or one of its sections, in place, or its PDF.

    The result is found by the quiz it comes from, so the button works after a restart;
    after a retake, the previous result is still shown (with a word saying so), and an
    older one is said to be replaced.
    """
    lang = await lang_of(deps, person)
    last = await deps.state.last_result(person.user_id)
    notice = None
    if last is not None and (last.quiz_id or "") == press.quiz_id:
        kept, change = last, await _change(deps, person, last)
    else:
        previous = await deps.state.previous_result(person.user_id)
        if previous is None or (previous.quiz_id or "") != press.quiz_id:
            return Reply(notice=t("toast_replaced", lang))
        kept, change, notice = previous, None, t("toast_previous_result", lang)
    content = deps.contents.content_for(kept.version)
    if content is None:
        return Reply(notice=t("no_result", lang))
    lang = content.language_for(lang)
    record = kept.record
    if press.view == "pdf":
        attachment = pdf_of(content, record, lang, change)
        return Reply(notice=t("pdf_toast", lang), attachments=(attachment,))
    if press.view == "summary":
        return Reply(notice).then(_result(content, record, lang, change, pressed, chart=False))
    text = section(content, record, lang, press.view, change)
    if text is None:
        return Reply(notice=t("toast_invalid", lang))
    screen = screens.Screen(text, screens.section_buttons(lang, record.quiz_id or ""))
    return Reply(notice, screens=(Show(screen, pressed),))


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


async def _change(deps: Deps, person: Person, last: KeptResult) -> Change | None:
    """What moved since the result before the last one, if the person has one of this job."""
    previous = await deps.state.previous_result(person.user_id)
    content = deps.contents.content_for(last.version)
    before = deps.contents.content_for(previous.version) if previous else None
    if previous is None or content is None or before is None:
        return None
    if before.profile.id != content.profile.id:
        return None
    return compare(content, previous.record, last.record)


def _result(
    content: Content,
    outcome: ResultRecord,
    lang: Lang,
    change: Change | None,
    where: int | None,
    *,
    chart: bool,
) -> Reply:
    # The sections that have something to say, then the PDF where it can be made.
    views = (*available(content, outcome, lang), *(("pdf",) if pdf_available() else ()))
    buttons = screens.result_buttons(content, lang, outcome.quiz_id or "", views)
    screen = screens.Screen(summary(content, outcome, lang, change), buttons)
    attachments = (_chart(content, outcome, lang),) if chart else ()
    return Reply(screens=(Show(screen, where),), attachments=attachments)


def _chart(content: Content, outcome: ResultRecord, lang: Lang) -> Attachment:
    def draw() -> bytes:
        # Imported here: Pillow is the optional `charts` extra.
        from bot.presentation.result_chart import result_chart_png

        return result_chart_png(content, outcome, lang)

    caption = t("chart_caption", lang, job=html.escape(content.profile.title(lang)))
    return Attachment("result.png", caption, draw)
