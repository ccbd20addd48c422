"""Which job a person is shown: the greeting of one, or the picker when several are served.

The settings name the profiles served; with one, nothing is asked. A deep-link source
rides in the picker's buttons and then in the chosen greeting's Begin button.
"""

from __future__ import annotations

from bot.content.models import Content, Lang
from bot.presentation import screens
from bot.presentation.job_picker import job_picker
from bot.services.deps import Deps, active
from bot.services.reply import Person


def only_job(deps: Deps) -> Content | None:
    """The job served, when there is just one."""
    served = deps.contents.served
    return served[0] if len(served) == 1 else None


def greeting(
    deps: Deps, lang: Lang, name: str, source: str | None, profile_id: str = ""
) -> screens.Screen:
    """The greeting of that job (or of the only one); else the job picker."""
    content = deps.contents.current(profile_id) if profile_id else None
    content = content or only_job(deps)
    if content is None:
        codes = [language.code for language in deps.contents.languages]
        return job_picker(
            deps.contents.served, codes, lang, name, source, keep_days=deps.session_ttl_days
        )
    return screens.welcome(
        content, content.language_for(lang), name, source, keep_days=deps.session_ttl_days
    )


async def job_to_start(deps: Deps, person: Person, profile_id: str = "") -> Content | None:
    """The current content of the job to start: the one named, else the person's (their quiz
    in progress, else their last result), else the only one served; None: ask them."""
    if not profile_id:
        profile_id = await _their_job(deps, person)
    return (deps.contents.current(profile_id) if profile_id else None) or only_job(deps)


async def their_contents(deps: Deps, person: Person) -> tuple[Content, ...]:
    """The job the person is busy with, as its current content; every job served if none.

    With one job served, that one: nothing to read (/about needs no disk)."""
    only = only_job(deps)
    if only is not None:
        return (only,)
    mine = deps.contents.current(await _their_job(deps, person))
    return (mine,) if mine is not None else deps.contents.served


async def _their_job(deps: Deps, person: Person) -> str:
    """The profile id of the quiz in progress, else of the last result; "" if neither."""
    found = await active(deps, person)
    if found is not None:
        return found[1].content.profile.id
    kept = await deps.state.last_result(person.user_id)
    content = deps.contents.content_for(kept.version) if kept is not None else None
    return content.profile.id if content is not None else ""
