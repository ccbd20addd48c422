"""The content sets the bot can run: the current one and those quizzes started on.

Rule: a quiz always finishes on the version of the files it started with. Each
version is kept in `state.db`, so this holds across `/reload` and restarts; new
quizzes use the current version.
"""

from __future__ import annotations

from pathlib import Path

from bot.loader import Content, load_content
from bot.session import Quiz
from bot.storage import StateStore


class ContentRegistry:
    def __init__(
        self, content: Content, store: StateStore, questions_dir: Path, profiles_dir: Path
    ) -> None:
        self._store = store
        self._questions_dir = questions_dir
        self._profiles_dir = profiles_dir
        self._quizzes: dict[str, Quiz] = {}
        self._use(content)

    @property
    def current(self) -> Quiz:
        return self._current

    def quiz_for(self, version: str) -> Quiz | None:
        """The quiz of that content version, if it is still known."""
        if version not in self._quizzes:
            content = self._store.content(version)
            if content is None:
                return None
            self._quizzes[version] = Quiz(content)
        return self._quizzes[version]

    def reload(self) -> Content:
        """Read the files again; on `ContentError` the running set stays as it was."""
        content = load_content(self._questions_dir, self._profiles_dir)
        self._use(content)
        return content

    def _use(self, content: Content) -> None:
        self._store.remember_content(content)
        self._current = self._quizzes.setdefault(content.version, Quiz(content))
