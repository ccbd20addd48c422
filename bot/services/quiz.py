"""The quiz: start, begin or resume, answer, tick, confirm, go back, restart, stop (asked
first from a button, at once from /cancel).

Each use case loads the person's state, asks the engine for the next state,
commits it, and only then returns what to show: a press is never shown as
done before it is saved. A press names the quiz and the step its button was
drawn for, so a stale or foreign button changes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from bot.engine.session import Quiz, QuizError, QuizSession, deep_link_source
from bot.presentation import screens
from bot.presentation.payloads import MenuPress, Payload, QuizPress, ResultPress
from bot.presentation.texts import N_, t
from bot.services.deps import Deps, active, lang_of, left_behind, newest, question, question_at
from bot.services.jobs import greeting, job_to_start
from bot.services.languages import switch_on_button
from bot.services.reply import Asked, Person, Reply, Show
from bot.services.results import finish, open_view, show_finished
from bot.state.records import ActiveQuiz

Move = Callable[[Quiz, QuizSession], QuizSession]


async def start(deps: Deps, person: Person, payload: str | None) -> Reply:
    """/start: the greeting (`payload` is a deep-link source), or an offer to resume."""
    await deps.state.expire_idle(deps.session_ttl_days)
    found = await active(deps, person)
    if found is not None:
        active_quiz, quiz = found
        return Reply(screens=(Show(screens.resume_offer(quiz, active_quiz.session)),))
    lang = await lang_of(deps, person)
    source = deep_link_source(payload)
    return Reply(screens=(Show(greeting(deps, lang, person.first_name, source)),))


async def resume(deps: Deps, person: Person, pressed: int | None) -> Reply | None:
    """The quiz in progress, shown where the person pressed; None if there is none."""
    found = await active(deps, person)
    return None if found is None else await question_at(deps, person, found, pressed)


async def begin(deps: Deps, person: Person, pressed: int | None, press: MenuPress) -> Reply:
    """The Begin button of a job's greeting: the quiz in progress if there is one, else a new
    one of that job (`press.profile`; none on a greeting of a bot serving one job)."""
    resumed = await resume(deps, person, pressed)
    if resumed is not None:
        return resumed
    return await restart(deps, person, press.arg or None, pressed, press.profile)


async def pick_job(deps: Deps, person: Person, pressed: int | None, press: MenuPress) -> Reply:
    """A button of the job picker: that job's greeting in place of the picker."""
    if deps.contents.current(press.profile) is None:
        return Reply(notice=t("toast_old_quiz", await lang_of(deps, person)))
    lang = await lang_of(deps, person)
    screen = greeting(deps, lang, person.first_name, press.arg or None, press.profile)
    return Reply(screens=(Show(screen, pressed),))


async def restart(
    deps: Deps, person: Person, source: str | None, where: int | None, profile_id: str = ""
) -> Reply:
    """Drop the quiz in progress (keeping its source) and start a fresh one at `where`, of
    the job named, else the person's; with several jobs and none of theirs, the picker."""
    content = await job_to_start(deps, person, profile_id)
    lang = await lang_of(deps, person)
    if content is None:
        return Reply(screens=(Show(greeting(deps, lang, person.first_name, source), where),))
    previous = await deps.state.load_quiz(person.user_id)
    retire: tuple[int, ...] = ()
    if previous is not None:
        source = previous.session.source
        retire = left_behind(previous, where)
    quiz = Quiz(content)
    session = quiz.start(
        quiz_id=deps.new_quiz_id(),
        lang=content.language_for(lang),
        started_at=time.time(),
        source=source,
    )
    fresh = ActiveQuiz(session, person.chat_id, where)
    await deps.state.save_quiz(person.user_id, fresh)
    return Reply(retire=retire, screens=question(quiz, fresh))


async def cancel(deps: Deps, person: Person, pressed: int | None) -> Reply:
    """Stop the quiz in progress and erase its answers: /cancel (typed on purpose, so at once)
    and Yes, erase."""
    found = await deps.state.load_quiz(person.user_id)
    if found is None:
        return Reply(notice=t("nothing_to_cancel", await lang_of(deps, person)))
    return await _erase(deps, person, found, pressed)


async def _erase(deps: Deps, person: Person, found: ActiveQuiz, pressed: int | None) -> Reply:
    """Delete the quiz `found`; the question left in another message loses its buttons."""
    await deps.state.delete_quiz(person.user_id)
    cancelled = Show(screens.Screen(t("cancelled", await lang_of(deps, person))), pressed)
    return Reply(retire=left_behind(found, pressed), screens=(cancelled,))


async def answer(deps: Deps, person: Person, pressed: int | None, press: QuizPress) -> Reply:
    """A likert level or a single choice: recorded, then the next question."""
    return await _move(deps, person, pressed, press, lambda q, s: q.answer(s, press.arg))


async def toggle(deps: Deps, person: Person, pressed: int | None, press: QuizPress) -> Reply:
    """Tick or untick an option of a multiple-choice question."""
    return await _move(deps, person, pressed, press, lambda q, s: q.toggle(s, press.arg))


async def confirm(deps: Deps, person: Person, pressed: int | None, press: QuizPress) -> Reply:
    """Record the ticked options (possibly none), then the next question."""
    return await _move(deps, person, pressed, press, lambda q, s: q.confirm(s))


async def back(deps: Deps, person: Person, pressed: int | None, press: QuizPress) -> Reply:
    """The previous question, its answer kept until it is answered again."""
    return await _move(deps, person, pressed, press, lambda q, s: q.back(s))


async def shown(deps: Deps, person: Person, asked: Asked, message_id: int | None) -> None:
    """Delivery put the question in another message (None: unknown): the next press edits it."""
    current = await deps.state.load_quiz(person.user_id)
    if current is None or current.session != asked.session:
        return
    await deps.state.save_quiz(
        person.user_id, ActiveQuiz(current.session, person.chat_id, message_id)
    )


async def stray_message(deps: Deps, person: Person) -> Reply:
    """Text, a sticker and the like: point back to the buttons, below the message."""
    lang = await lang_of(deps, person)
    found = await active(deps, person)
    if found is None:
        return Reply(notice=t("nothing_to_cancel", lang))
    return await question_at(deps, person, found, None, notice=t("use_buttons", lang))


async def press(
    deps: Deps,
    person: Person,
    pressed: int | None,
    payload: Payload | None,
    shown: MenuPress | None = None,
) -> Reply:
    """Any button: `payload` decoded (None if unreadable); `shown` is the Begin or job button
    of the pressed screen, whose job and deep-link source a language button keeps."""
    if isinstance(payload, QuizPress):
        return await _QUIZ_PRESSES[payload.verb](deps, person, pressed, payload)
    if isinstance(payload, ResultPress):
        return await open_view(deps, person, pressed, payload)
    if payload is None:
        return Reply(notice=t("toast_invalid", await lang_of(deps, person)))
    if payload.verb == "begin":
        return await begin(deps, person, pressed, payload)
    if payload.verb == "job":
        return await pick_job(deps, person, pressed, payload)
    if payload.verb == "resume":
        resumed = await resume(deps, person, pressed)
        return resumed or Reply(notice=t("toast_old_quiz", await lang_of(deps, person)))
    if payload.verb in ("restart", "retake"):
        return await restart(deps, person, None, None if payload.verb == "retake" else pressed)
    return await switch_on_button(deps, person, pressed, payload.arg, shown)


async def ask_to_stop(deps: Deps, person: Person, pressed: int | None, press: QuizPress) -> Reply:
    """Stop the quiz: the question's message asks first whether to erase every answer, as
    one tap meant as a pause or an undo would lose them all. Nothing is saved: it is a screen."""
    found = await _current(deps, person, pressed, press)
    if isinstance(found, Reply):
        return found
    return Reply(screens=(Show(screens.stop_confirmation(found[0].session), pressed),))


async def erase(deps: Deps, person: Person, pressed: int | None, press: QuizPress) -> Reply:
    """Yes, erase: the quiz stops and its answers go, as /cancel does."""
    found = await _current(deps, person, pressed, press)
    if isinstance(found, Reply):
        return found
    return await _erase(deps, person, found[0], pressed)


async def go_on(deps: Deps, person: Person, pressed: int | None, press: QuizPress) -> Reply:
    """Go on with the quiz: the same question again in place of the confirmation, answers kept."""
    found = await _current(deps, person, pressed, press)
    if isinstance(found, Reply):
        return found
    return await question_at(deps, person, found, newest(pressed, found[0].message_id))


async def _current(
    deps: Deps, person: Person, pressed: int | None, press: QuizPress
) -> tuple[ActiveQuiz, Quiz] | Reply:
    """The quiz in progress if `press` was drawn for its current step; else what to show
    instead: the result of a finished quiz, or a toast (with the current question if stale)."""
    found = await active(deps, person)
    if found is None or found[0].session.quiz_id != press.quiz_id:
        finished = await show_finished(deps, person, pressed, press.quiz_id)
        return finished or Reply(notice=t("toast_old_quiz", await lang_of(deps, person)))
    current = found[0]
    if press.step != current.session.step:
        live = newest(pressed, current.message_id)
        return await question_at(
            deps, person, found, live, notice=t("toast_stale", current.session.lang)
        )
    return found


async def _move(
    deps: Deps, person: Person, pressed: int | None, press: QuizPress, move: Move
) -> Reply:
    """Apply `move` if the press is for the current step of the quiz in progress."""
    found = await _current(deps, person, pressed, press)
    if isinstance(found, Reply):
        return found
    current, quiz = found
    session = current.session
    live = newest(pressed, current.message_id)
    try:
        session = move(quiz, session)
    except QuizError:
        first = press.verb == "back" and session.position == 0
        return Reply(notice=t(N_("toast_first") if first else N_("toast_invalid"), session.lang))
    moved = ActiveQuiz(session, current.chat_id, live)
    retire = Reply(retire=left_behind(current, live))
    if quiz.is_complete(session):
        return retire.then(await finish(deps, person, moved, quiz))
    await deps.state.save_quiz(person.user_id, moved)
    return retire.then(Reply(screens=question(quiz, moved)))


_QUIZ_PRESSES: dict[str, Callable[[Deps, Person, int | None, QuizPress], Awaitable[Reply]]] = {
    "answer": answer,
    "toggle": toggle,
    "confirm": confirm,
    "back": back,
    "cancel": ask_to_stop,
    "erase": erase,
    "go_on": go_on,
}
