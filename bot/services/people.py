"""What a person can ask outside the quiz: forget me, the help and about texts."""

from __future__ import annotations

from bot.presentation import screens
from bot.presentation.texts import t
from bot.services.deps import Deps, lang_of
from bot.services.jobs import their_contents
from bot.services.reply import Person, Reply, Show


async def forget(deps: Deps, person: Person) -> Reply:
    """/forget: delete everything kept about this person in state.db."""
    lang = await lang_of(deps, person)
    found = await deps.state.load_quiz(person.user_id)
    await deps.state.forget(person.user_id)
    retire = (found.message_id,) if found is not None and found.message_id is not None else ()
    return Reply(notice=t("forgotten", lang), retire=retire)


async def dropped_notice(deps: Deps, person: Person) -> Reply | None:
    """Tell a person once that their stored quiz had to be dropped (it no longer validated)."""
    if not await deps.state.take_dropped(person.user_id):
        return None
    text = t("quiz_dropped", await lang_of(deps, person))
    return Reply(screens=(Show(screens.Screen(text)),))


async def text(deps: Deps, person: Person | None, key: str, **values: object) -> Reply:
    """One text of the catalogue, in a new message, in the person's language."""
    lang = await lang_of(deps, person) if person else deps.contents.language_for(None)
    return Reply(screens=(Show(screens.Screen(t(key, lang, **values))),))


async def about(deps: Deps, person: Person | None) -> Reply:
    """/about: what the job is (the person's; before one, each served), how answers are read
    and where the facts come from."""
    if person is None:
        lang, contents = deps.contents.language_for(None), deps.contents.served
    else:
        lang, contents = await lang_of(deps, person), await their_contents(deps, person)
    shown = (screens.about(content, content.language_for(lang)) for content in contents)
    return Reply(screens=tuple(Show(screen) for screen in shown))
