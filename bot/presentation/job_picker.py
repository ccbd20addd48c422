"""The greeting when several jobs are served: which job to explore, each by its title."""

from __future__ import annotations

import html
from collections.abc import Sequence

from bot.content.models import Content, Lang
from bot.presentation.payloads import MenuPress
from bot.presentation.screens import JOBS_SUFFIX, Button, Screen, language_buttons
from bot.presentation.texts import t


def job_picker(
    contents: Sequence[Content],
    languages: Sequence[Lang],
    lang: Lang,
    name: str,
    source: str | None,
    *,
    keep_days: int = 30,
) -> Screen:
    """The greeting when several jobs are served: each job's title and tagline, then one
    button per job (its title) and the languages; `source` (a deep-link payload) travels in
    each job's button; `keep_days` as `welcome`."""
    privacy = t("privacy", lang, days=keep_days)
    jobs_text = "\n".join(
        t(
            "job_picker_line",
            lang,
            job=html.escape(job_name(content, lang)),
            tagline=html.escape(content.profile.tagline(content.language_for(lang))),
        )
        for content in contents
    )
    text = "\n\n".join((t("job_picker", lang, name=html.escape(name)), jobs_text, privacy))
    jobs = [
        [
            Button(
                job_name(content, lang), MenuPress("job", source or "", content.profile.id).encode()
            )
        ]
        for content in contents
    ]
    return Screen(text, [*jobs, *language_buttons(languages, lang, JOBS_SUFFIX)])


def job_name(content: Content, lang: Lang) -> str:
    """The job's title as a label on its own ("Testeur de nuages"), in `lang` if the
    profile has it, else in its own first language."""
    title = content.profile.title(content.language_for(lang))
    return title[:1].upper() + title[1:]
