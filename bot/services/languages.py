"""Switching the language: from now on, and for what is on screen."""

from __future__ import annotations

from bot.content.models import Lang
from bot.presentation import screens
from bot.presentation.texts import other_lang, t
from bot.services.deps import Deps, active, lang_of, question_at
from bot.services.reply import Person, Reply, Show
from bot.services.results import show_result
from bot.state.records import ActiveQuiz


async def switch_language(deps: Deps, person: Person) -> Reply:
    """/language: the other language from now on; the question in progress shown again below."""
    lang = other_lang(await lang_of(deps, person))
    return await _switch(deps, person, lang, on_button=False) or Reply(
        notice=t("language_set", lang)
    )


async def switch_on_button(
    deps: Deps, person: Person, pressed: int | None, arg: str, source: str | None
) -> Reply:
    """A language button on a greeting or a result: the question in progress redrawn where
    it is if there is one, else the pressed greeting or result redrawn in that language."""
    lang: Lang = "fr" if arg.startswith("fr") else "en"
    redrawn = await _switch(deps, person, lang, on_button=True)
    if redrawn is not None:
        return redrawn
    notice = Reply(notice=t("language_set", lang))
    if arg.endswith(screens.RESULT_SUFFIX):
        return notice.then(await show_result(deps, person, pressed, chart=False))
    greeting = screens.welcome(deps.contents.current, lang, person.first_name, source)
    return notice.then(Reply(screens=(Show(greeting, pressed),)))


async def _switch(deps: Deps, person: Person, lang: Lang, *, on_button: bool) -> Reply | None:
    """Speak `lang` from now on and redraw the question in progress; None if there is none."""
    await deps.state.set_language(person.user_id, lang)
    found = await active(deps, person)
    if found is None:
        return None
    current, quiz = found
    session = quiz.switch_language(current.session, lang)
    moved = ActiveQuiz(session, current.chat_id, current.message_id)
    await deps.state.save_quiz(person.user_id, moved)
    where = moved.message_id if on_button else None
    return await question_at(deps, person, (moved, quiz), where, notice=t("language_set", lang))
