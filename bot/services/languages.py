"""Choosing the language: from now on, and for what is on screen."""

from __future__ import annotations

from bot.content.models import Lang
from bot.presentation import screens
from bot.presentation.texts import t
from bot.services.deps import Deps, active, lang_of, question_at
from bot.services.reply import Person, Reply, Show
from bot.services.results import show_result
from bot.state.records import ActiveQuiz


async def choose_language(deps: Deps, person: Person) -> Reply:
    """/language: the languages of the quiz, each a button."""
    lang = await lang_of(deps, person)
    return Reply(screens=(Show(screens.language_picker(deps.contents.current, lang)),))


async def switch_on_button(
    deps: Deps, person: Person, pressed: int | None, arg: str, source: str | None
) -> Reply:
    """A language button: on a greeting or a result, the question in progress redrawn where it
    is if there is one, else the pressed greeting or result redrawn in that language; on the
    /language picker, the question in progress (or a confirmation) in place of the picker."""
    lang, _, suffix = arg.partition(".")
    if lang not in deps.contents.current.languages:
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
    greeting = screens.welcome(deps.contents.current, lang, person.first_name, source)
    return Reply(notice=done, screens=(Show(greeting, pressed),))


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
