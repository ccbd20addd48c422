"""The content sets the bot can run: the current one and those quizzes started on.

Rule: a quiz always finishes on the version of the files it started with. Each
version is kept in an archive (`state.db` in the bot), so this holds across
`/reload` and restarts; new quizzes use the current version.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from bot.content.loader import load_content
from bot.content.models import Content


class ContentArchive(Protocol):
    """Where every content version in use is kept (see `bot.state.state_db.StateDb`)."""

    def remember_content(self, content: Content) -> None: ...

    def content(self, version: str) -> Content | None: ...


class ContentRegistry:
    def __init__(
        self, content: Content, archive: ContentArchive, questions_dir: Path, profiles_dir: Path
    ) -> None:
        self._archive = archive
        self._questions_dir = questions_dir
        self._profiles_dir = profiles_dir
        self._versions: dict[str, Content] = {}
        self._use(content)

    @property
    def current(self) -> Content:
        return self._current

    def content_for(self, version: str) -> Content | None:
        """The content of that version, if it is still known."""
        if version not in self._versions:
            content = self._archive.content(version)
            if content is None:
                return None
            self._versions[version] = content
        return self._versions[version]

    def reload(self) -> Content:
        """Read the files again; on `ContentError` the running set stays as it was."""
        content = load_content(self._questions_dir, self._profiles_dir)
        self._use(content)
        return content

    def _use(self, content: Content) -> None:
        self._archive.remember_content(content)
        self._current = self._versions.setdefault(content.version, content)
