"""A state store in memory: the terminal chat's (it keeps nothing) and the use-case tests'.

It behaves as `bot.state.state_store.StateStore` does, without a file.
"""

from __future__ import annotations

import time

from bot.content.models import Lang
from bot.state.records import ActiveQuiz, KeptResult, UnloggedResult


class MemoryStateStore:
    def __init__(self) -> None:
        self.quizzes: dict[int, tuple[ActiveQuiz, float]] = {}
        self.languages: dict[int, tuple[Lang, float]] = {}
        self.last: dict[int, KeptResult] = {}
        self.previous: dict[int, KeptResult] = {}
        self.unlogged: dict[str, UnloggedResult] = {}
        self.dropped: set[int] = set()

    async def language(self, user_id: int) -> Lang | None:
        kept = self.languages.get(user_id)
        return kept[0] if kept else None

    async def set_language(self, user_id: int, lang: Lang) -> None:
        self.languages[user_id] = (lang, time.time())

    async def load_quiz(self, user_id: int) -> ActiveQuiz | None:
        kept = self.quizzes.get(user_id)
        return kept[0] if kept else None

    async def save_quiz(self, user_id: int, quiz: ActiveQuiz) -> None:
        self.quizzes[user_id] = (quiz, time.time())

    async def delete_quiz(self, user_id: int) -> None:
        self.quizzes.pop(user_id, None)

    async def take_dropped(self, user_id: int) -> bool:
        if user_id in self.dropped:
            self.dropped.discard(user_id)
            return True
        return False

    async def complete_quiz(
        self, user_id: int, result: KeptResult, unlogged: UnloggedResult | None
    ) -> None:
        if user_id in self.last:
            self.previous[user_id] = self.last[user_id]
        self.last[user_id] = result
        if unlogged is not None:
            self.unlogged[unlogged.id] = unlogged
        self.quizzes.pop(user_id, None)

    async def last_result(self, user_id: int) -> KeptResult | None:
        return self.last.get(user_id)

    async def previous_result(self, user_id: int) -> KeptResult | None:
        return self.previous.get(user_id)

    async def unlogged_results(self) -> list[UnloggedResult]:
        return sorted(self.unlogged.values(), key=lambda unlogged: unlogged.finished_at)

    async def mark_logged(self, result_id: str) -> None:
        self.unlogged.pop(result_id, None)

    async def forget(self, user_id: int) -> bool:
        found = [
            kept.pop(user_id, None) is not None
            for kept in (self.quizzes, self.languages, self.last, self.previous)
        ]
        return any(found)

    async def expire_idle(self, older_than_days: int) -> int:
        cutoff = time.time() - older_than_days * 86_400
        idle = [user for user, (_, at) in self.quizzes.items() if at < cutoff]
        old = [user for user, result in self.last.items() if result.finished_at < cutoff]
        for user in idle:
            del self.quizzes[user]
        for user in old:
            del self.last[user]
        for user in [user for user, result in self.previous.items() if result.finished_at < cutoff]:
            del self.previous[user]
        for user in [user for user, (_, at) in self.languages.items() if at < cutoff]:
            del self.languages[user]
        return len(idle) + len(old)
