"""What the use cases are built with, and the few steps several of them share."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.content.models import Lang
from bot.engine.result import Result
from bot.engine.session import Quiz
from bot.presentation import screens
from bot.services.ports import ContentSource, ScoreLogPort, StatePort
from bot.services.reply import Asked, Person, Reply, Show
from bot.state.records import ActiveQuiz


def new_quiz_id() -> str:
    return uuid.uuid4().hex[:8]


@dataclass
class Deps:
    state: StatePort
    contents: ContentSource
    scores: ScoreLogPort | None = None
    """None: nothing is logged (the terminal chat)."""
    session_ttl_days: int = 30
    new_quiz_id: Callable[[], str] = new_quiz_id
    evaluated: dict[str, Result] = field(default_factory=dict)
    """Results just finished and not yet logged, so that logging does not score them again."""
    log_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    locales_dir: Path | None = None
    """Where the catalogues are read again on /reload (None: the packaged ones)."""


async def lang_of(deps: Deps, person: Person) -> Lang:
    """The language the person chose, if a job served still offers it; else their client's,
    if offered; else the default (the first job's first language)."""
    chosen = await deps.state.language(person.user_id)
    codes = [language.code for language in deps.contents.languages]
    return chosen if chosen in codes else deps.contents.language_for(person.language_code)


async def active(deps: Deps, person: Person) -> tuple[ActiveQuiz, Quiz] | None:
    """The person's quiz in progress and the rules it runs on, if any."""
    found = await deps.state.load_quiz(person.user_id)
    if found is None:
        return None
    content = deps.contents.content_for(found.session.version)
    if content is None:
        await deps.state.delete_quiz(person.user_id)
        return None
    return found, Quiz(content)


def newest(*message_ids: int | None) -> int | None:
    """The newest of these messages: Telegram numbers a chat's messages in order.

    The question lives in the newest message showing it, so that the bottom
    of the chat is never a stale screen.
    """
    known = [message_id for message_id in message_ids if message_id is not None]
    return max(known) if known else None


def left_behind(quiz: ActiveQuiz, where: int | None) -> tuple[int, ...]:
    """The message showing the question, when the question moves to `where`."""
    if quiz.message_id is None or quiz.message_id == where:
        return ()
    return (quiz.message_id,)


def question(quiz: Quiz, active_quiz: ActiveQuiz) -> tuple[Show, ...]:
    """The current question, in the message that shows it (none once the quiz is complete)."""
    session = active_quiz.session
    if quiz.is_complete(session):
        return ()
    screen = screens.question_screen(quiz, session)
    return (Show(screen, active_quiz.message_id, Asked(quiz, session)),)


async def question_at(
    deps: Deps,
    person: Person,
    found: tuple[ActiveQuiz, Quiz],
    where: int | None,
    notice: str | None = None,
) -> Reply:
    """Move the current question to `where` (None: a new message), retiring the old one."""
    active_quiz, quiz = found
    moved = ActiveQuiz(active_quiz.session, person.chat_id, where)
    if active_quiz.message_id != where and where is not None:
        await deps.state.save_quiz(person.user_id, moved)
    return Reply(notice, left_behind(active_quiz, where), question(quiz, moved))
