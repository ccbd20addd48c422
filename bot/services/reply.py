"""The plain values the use cases take and give back: who asks, and what to show them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.engine.session import Quiz, QuizSession
from bot.presentation.screens import Screen


@dataclass(frozen=True)
class Person:
    """Who asks, as the adapter knows them."""

    user_id: int
    chat_id: int
    language_code: str | None = None
    """The language the person's client reports (used until they pick one)."""
    first_name: str = ""


@dataclass(frozen=True)
class Asked:
    """The question a screen asks: the adapter tells `quiz.shown` where it landed."""

    quiz: Quiz
    session: QuizSession


@dataclass(frozen=True)
class Show:
    """A screen and where it goes."""

    screen: Screen
    where: int | None = None
    """The message it replaces; None: a new message."""
    asked: Asked | None = None


@dataclass(frozen=True)
class Attachment:
    """A file sent after the text: a picture (a chart) unless `document` (a PDF, a CSV).

    `draw` is slow (run it off the event loop) and may fail: the text stands alone.
    When the data is `ready` (an export), `draw` only hands it over.
    """

    filename: str
    caption: str | None
    draw: Callable[[], bytes]
    document: bool = False
    ready: bool = False


@dataclass(frozen=True)
class Reply:
    """What a use case gives the adapter to deliver, in this order."""

    notice: str | None = None
    """A short acknowledgement: a toast for a button, a line for a command."""
    retire: tuple[int, ...] = ()
    """Messages whose buttons must go (a question left behind)."""
    screens: tuple[Show, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    log: bool = False
    """Results wait for the score log: call `results.log_unlogged` once delivered (or not)."""

    def then(self, other: Reply) -> Reply:
        """This reply followed by `other`; a button takes only the first notice."""
        return replace(
            self,
            notice=self.notice or other.notice,
            retire=self.retire + other.retire,
            screens=self.screens + other.screens,
            attachments=self.attachments + other.attachments,
            log=self.log or other.log,
        )
