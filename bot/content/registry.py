"""The content sets the bot can run: the current one of each profile and those quizzes
started on.

Rule: a quiz always finishes on the version of the files it started with. Each
version is kept in an archive (`state.db` in the bot), so this holds across
`/reload` and restarts; new quizzes use the current version of their profile.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from bot.content.loader import load_profiles
from bot.content.models import Content
from bot.content.served import ServedContents


class ContentArchive(Protocol):
    """Where every content version in use is kept (`bot.state.archive` in the bot)."""

    def remember_content(self, content: Content) -> None:
        """Keep `content`; may block: called at start-up, and by `reload` in a worker thread."""
        ...

    def content(self, version: str) -> Content | None:
        """A kept version, if known; called by the use cases, so it should not block."""
        ...


class ContentRegistry(ServedContents):
    """The profiles served, read again on `/reload`, each version kept in the archive."""

    def __init__(
        self,
        contents: Sequence[Content],
        archive: ContentArchive,
        questions_dir: Path,
        profiles_dir: Path,
    ) -> None:
        self._archive = archive
        self._questions_dir = questions_dir
        self._profiles_dir = profiles_dir
        self._ids = tuple(content.profile.id for content in contents)
        super().__init__(contents)
        self._remember(contents)

    def content_for(self, version: str) -> Content | None:
        """The content of that version, of any profile, if it is still known."""
        known = super().content_for(version)
        if known is None:
            known = self._archive.content(version)
            if known is not None:
                self._versions[version] = known
        return known

    async def reload(self) -> tuple[Content, ...]:
        """Read every profile served again; on `ContentError` the running set stays as it was.

        Reading, checking and archiving the files takes a while: it is done in a worker
        thread, so that the bot goes on answering meanwhile.
        """
        contents = await asyncio.to_thread(self._load_and_archive)
        self._serve(contents)
        return contents

    def _load_and_archive(self) -> tuple[Content, ...]:
        contents = load_profiles(self._questions_dir, self._profiles_dir, self._ids)
        self._remember(contents)
        return contents

    def _remember(self, contents: Sequence[Content]) -> None:
        for content in contents:
            self._archive.remember_content(content)
