"""The profiles a bot serves, in the order it offers them, and the content versions known.

Each profile is a job with its own question set; a quiz runs on one version of one
profile (its `Content`), found again by that version.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.content.models import Content, Lang, Language


class ServedContents:
    """The current content of each profile served, and every version seen."""

    def __init__(self, contents: Sequence[Content]) -> None:
        if not contents:
            raise ValueError("a bot serves at least one profile")
        self._current: dict[str, Content] = {}
        self._versions: dict[str, Content] = {}
        self._serve(contents)

    @property
    def served(self) -> tuple[Content, ...]:
        """The current content of each profile, in the order offered."""
        return tuple(self._current.values())

    @property
    def default(self) -> Content:
        """The first profile served: its first language is the bot's default."""
        return next(iter(self._current.values()))

    def current(self, profile_id: str) -> Content | None:
        """The current content of that profile, if it is served."""
        return self._current.get(profile_id)

    def content_for(self, version: str) -> Content | None:
        """The content of that version, if it is known."""
        return self._versions.get(version)

    @property
    def languages(self) -> tuple[Language, ...]:
        """Every language of the profiles served, the default first."""
        return languages_of(self.served)

    def language_for(self, client_code: str | None) -> Lang:
        """The language to speak to a client reporting `client_code` before a profile is
        chosen: one of the profiles' languages of that name, else the default."""
        primary = (client_code or "").split("-")[0].lower()
        codes = [language.code for language in self.languages]
        return primary if primary in codes else codes[0]

    async def reload(self) -> tuple[Content, ...]:
        """Nothing to read again: the same contents."""
        return self.served

    def _serve(self, contents: Sequence[Content]) -> None:
        self._current = {content.profile.id: content for content in contents}
        for content in contents:
            self._versions.setdefault(content.version, content)


def languages_of(contents: Iterable[Content]) -> tuple[Language, ...]:
    """The languages of these contents, each once, in the order they first appear."""
    seen: dict[str, Language] = {}
    for content in contents:
        for language in content.profile.languages:
            seen.setdefault(language.code, language)
    return tuple(seen.values())
