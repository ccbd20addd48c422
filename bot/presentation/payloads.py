"""The payloads carried by inline buttons (Telegram allows 64 bytes).

A quiz button names the quiz and the step it was drawn for, so a button
pressed twice, pressed after Back, or kept on screen from an older quiz is
recognised as stale instead of being counted again. A result button names the
quiz the result comes from and the view to open (the summary or a section), so
it keeps working after a restart and tells a replaced result apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

SEPARATOR = "|"

QuizVerb = Literal["answer", "toggle", "confirm", "back", "cancel", "erase", "go_on"]
MenuVerb = Literal["begin", "resume", "restart", "lang", "retake", "job"]

_QUIZ_CODES: dict[QuizVerb, str] = {
    "answer": "a",
    "toggle": "t",
    "confirm": "c",
    "back": "b",
    "cancel": "x",  # Stop the quiz: asks first, as one tap would erase every answer
    "erase": "e",  # Yes, erase
    "go_on": "k",  # Go on with the quiz: the same question, answers kept
}
_QUIZ_VERBS = {code: verb for verb, code in _QUIZ_CODES.items()}
_MENU_VERBS: tuple[MenuVerb, ...] = ("begin", "resume", "restart", "lang", "retake", "job")

#: A step is ASCII digits only: `str.isdigit` also accepts "²" or "٣", which `int` refuses.
_STEP = re.compile(r"[0-9]{1,5}")


@dataclass(frozen=True)
class QuizPress:
    """A button of one question of one quiz."""

    quiz_id: str
    step: int
    verb: QuizVerb
    arg: str = ""

    def encode(self) -> str:
        return SEPARATOR.join(("q", self.quiz_id, str(self.step), _QUIZ_CODES[self.verb], self.arg))


@dataclass(frozen=True)
class MenuPress:
    """A button outside the questions: begin, resume, switch language, pick a job, …

    `profile` names the job of a greeting's Begin button and of a button of the job
    picker (whose `arg`, like Begin's, is the deep-link source).
    """

    verb: MenuVerb
    arg: str = ""
    profile: str = ""

    def encode(self) -> str:
        parts = ("m", self.verb, self.arg, *((self.profile,) if self.profile else ()))
        return SEPARATOR.join(parts)


ResultView = Literal[
    "summary", "path", "routes", "salary", "develop", "detail", "neighbours", "pdf"
]
_RESULT_CODES: dict[ResultView, str] = {
    "summary": "s",
    "path": "p",
    "routes": "a",
    "salary": "m",
    "develop": "g",
    "detail": "c",
    "neighbours": "n",
    "pdf": "f",
}
_RESULT_VIEWS = {code: name for name, code in _RESULT_CODES.items()}


@dataclass(frozen=True)
class ResultPress:
    """A button under a result: open one of its views in place, or send its PDF."""

    quiz_id: str
    """The quiz the result comes from ("" for a result kept without one)."""
    view: ResultView

    def encode(self) -> str:
        return SEPARATOR.join(("r", self.quiz_id, _RESULT_CODES[self.view]))


Payload = QuizPress | MenuPress | ResultPress


def decode(data: str | None) -> Payload | None:
    """Parse a payload; anything malformed or foreign gives None."""
    if not data:
        return None
    parts = data.split(SEPARATOR)
    if parts[0] == "q" and len(parts) == 5:
        _, quiz_id, step, code, arg = parts
        verb = _QUIZ_VERBS.get(code)
        if verb is None or not quiz_id or not _STEP.fullmatch(step):
            return None
        return QuizPress(quiz_id, int(step), verb, arg)
    if parts[0] == "r" and len(parts) == 3:
        view = _RESULT_VIEWS.get(parts[2])
        return None if view is None else ResultPress(parts[1], view)
    if parts[0] == "m" and len(parts) in (3, 4):
        menu_verb, arg, profile = parts[1], parts[2], SEPARATOR.join(parts[3:])
        for known in _MENU_VERBS:
            if menu_verb == known:
                return MenuPress(known, arg, profile)
    return None
