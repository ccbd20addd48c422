"""Choosing the language: from now on, and for what is on screen."""

from __future__ import annotations

from bot.content.models import Lang
from bot.presentation import screens
from bot.presentation.payloads import MenuPress
from bot.presentation.texts import t
from bot.services.deps import Deps, active, lang_of, question_at
from bot.services.jobs import greeting
from bot.services.reply import Person, Reply, Show
from bot.services.results import show_result
from bot.state.records import ActiveQuiz


async def choose_language(deps: Deps, person: Person) -> Reply:
    """/language: the languages of the quiz (before one, of every job served), each a button."""
    lang = await lang_of(deps, person)
    return Reply(screens=(Show(screens.language_picker(await _offered(deps, person), lang)),))


async def _offered(deps: Deps, person: Person) -> tuple[Lang, ...]:
    """The languages the person can pick now: their quiz's, else those of the jobs served."""
    found = await active(deps, person)
    if found is not None:
        return found[1].content.languages
    return tuple(language.code for language in deps.contents.languages)


async def switch_on_button(
    deps: Deps, person: Person, pressed: int | None, arg: str, shown: MenuPress | None
) -> Reply:
    """A language button: on a greeting, the job picker or a result, the question in progress
    redrawn where it is if there is one, else the pressed screen redrawn in that language; on
    the /language picker, the question in progress (or a confirmation) in place of the picker.
    `shown` is the pressed screen's Begin or job button (its job and deep-link source)."""
    lang, _, suffix = arg.partition(".")
    if lang not in await _offered(deps, person):
        return Reply(notice=t("toast_invalid", await lang_of(deps, person)))
    on_picker = f".{suffix}" == screens.PICKER_SUFFIX
    redrawn = await _switch(deps, person, lang, pressed if on_picker else None)
    if redrawn is not None:
        return redrawn
    done = t("language_set", lang)
    if on_picker:
        return Reply(screens=(Show(screens.Screen(done), pressed),))
    if f".{suffix}" == screens.RESULT_SUFFIX:
        return Reply(notice=done).then(await show_result(deps, person, pressed, chart=False))
    source = shown.arg or None if shown is not None else None
    profile_id = shown.profile if shown is not None and f".{suffix}" != screens.JOBS_SUFFIX else ""
    screen = greeting(deps, lang, person.first_name, source, profile_id)
    return Reply(notice=done, screens=(Show(screen, pressed),))


async def _switch(deps: Deps, person: Person, lang: Lang, into: int | None) -> Reply | None:
    """Speak `lang` from now on and redraw the question in progress, in its own message or
    `into` another; None if there is no quiz in progress."""
    await deps.state.set_language(person.user_id, lang)
    found = await active(deps, person)
    if found is None:
        return None
    current, quiz = found
    session = quiz.switch_language(current.session, lang)
    moved = ActiveQuiz(session, current.chat_id, current.message_id)
    await deps.state.save_quiz(person.user_id, moved)
    where = into if into is not None else moved.message_id
    return await question_at(deps, person, (moved, quiz), where, notice=t("language_set", lang))
