"""The quiz session: where a person is in the quiz and what they answered.

`QuizSession` is plain data (stored as JSON in `state.db`); `Quiz` holds the
rules that move it forward. Every move returns a new session with `step`
increased, so a button drawn for an earlier step can be recognised as stale.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from bot.content.models import MAX_LEVEL, Content, Lang, Question

LIKERT_CHOICES: tuple[str, ...] = tuple(str(level) for level in range(MAX_LEVEL + 1))
"""A likert answer is its level, "0" (not at all) to "4" (completely)."""

MAX_SOURCE_CHARS = 32
"""Telegram allows 64 characters in a `/start` payload; the source also rides in
the Begin button's payload (64 bytes in all), so it is kept to 32."""
_SOURCE = re.compile(rf"[A-Za-z0-9_-]{{1,{MAX_SOURCE_CHARS}}}")


def deep_link_source(text: str | None) -> str | None:
    """`text` if it is a deep-link source (A–Z, a–z, 0–9, _ and -), else None.

    The one rule for a source: the Telegram layer reads it with it, the score
    log stores nothing else.
    """
    return text if text is not None and _SOURCE.fullmatch(text) else None


def option_order(quiz_id: str, question: Question) -> tuple[str, ...]:
    """The order a quiz shows a question's answers in: the same every time for one quiz.

    Likert scales and `ordered` questions keep the file's order. Other options
    are sorted by a hash of the quiz id, the question and the option, so the
    order depends on nothing else (not Back, the language or a restart) and the
    position of the best answer tells nothing. Options marked `last` ("another
    field") come after them, then exclusive ones ("none of these"), both in the
    file's order: where people look for them.
    """
    if question.kind == "likert":
        return LIKERT_CHOICES
    ids = tuple(option.id for option in question.options)
    if question.ordered:
        return ids
    place = {option.id: 2 if option.exclusive else int(option.last) for option in question.options}

    def key(option_id: str) -> tuple[int, int, bytes]:
        if place[option_id]:
            return place[option_id], ids.index(option_id), b""
        salt = f"{quiz_id}\0{question.id}\0{option_id}".encode()
        return 0, 0, hashlib.sha256(salt).digest()

    return tuple(sorted(ids, key=key))


def asked_in(content: Content, question: Question, lang: Lang) -> bool:
    """Whether a quiz in `lang` asks `question`: a question for other languages than the
    job's own is not asked in the job's language."""
    return not (question.other_languages_only and lang == content.profile.job_language)


def asked_questions(content: Content, lang: Lang) -> tuple[Question, ...]:
    """The questions a quiz started in `lang` asks, in order."""
    return tuple(q for q in content.questions if asked_in(content, q, lang))


class QuizError(ValueError):
    """A move the current question does not allow (unknown option, wrong kind, …)."""


class QuizSession(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    quiz_id: str
    version: str
    """The `Content.version` the quiz was started on; it is finished on the same set."""
    lang: Lang
    source: str | None = None
    """The deep-link payload of `/start`, e.g. a fair's name."""
    started_at: float
    step: int = 0
    position: int = 0
    answers: dict[str, tuple[str, ...]] = {}
    """Question id → chosen option ids (likert: the level as a string)."""
    pending: tuple[str, ...] = ()
    """Options ticked so far on the current multiple-choice question."""
    skipped: tuple[str, ...] = ()
    """Questions this quiz does not ask, fixed when it starts from its language (a
    question for other languages than the job's); /language later changes the texts,
    not the questions."""


@dataclass(frozen=True)
class Progress:
    number: int
    """1-based number of the current question (n + 1 once complete)."""
    total: int

    @property
    def answered(self) -> int:
        return self.number - 1


class Quiz:
    """The rules of a quiz over one set of content."""

    def __init__(self, content: Content) -> None:
        self.content = content
        # The questions asked, by the questions a session skips: one press needs them
        # several times (the question, the progress, the answer, the next screen).
        self._asked: dict[tuple[str, ...], tuple[Question, ...]] = {}

    def start(
        self, *, quiz_id: str, lang: Lang, started_at: float, source: str | None = None
    ) -> QuizSession:
        return QuizSession(
            quiz_id=quiz_id,
            version=self.content.version,
            lang=lang,
            source=deep_link_source(source),
            started_at=started_at,
            skipped=tuple(
                q.id for q in self.content.questions if not asked_in(self.content, q, lang)
            ),
        )

    def questions(self, session: QuizSession) -> tuple[Question, ...]:
        """The questions this quiz asks, in order."""
        asked = self._asked.get(session.skipped)
        if asked is None:
            skipped = set(session.skipped)
            asked = tuple(q for q in self.content.questions if q.id not in skipped)
            self._asked[session.skipped] = asked
        return asked

    def current(self, session: QuizSession) -> Question | None:
        """The question to show, or None once every question is answered."""
        questions = self.questions(session)
        return questions[session.position] if session.position < len(questions) else None

    def is_complete(self, session: QuizSession) -> bool:
        return self.current(session) is None

    def progress(self, session: QuizSession) -> Progress:
        total = len(self.questions(session))
        return Progress(number=min(session.position, total) + 1, total=total)

    def choices(self, question: Question) -> tuple[str, ...]:
        """The ids of the answers a question accepts."""
        if question.kind == "likert":
            return LIKERT_CHOICES
        return tuple(option.id for option in question.options)

    def order(self, session: QuizSession, question: Question) -> tuple[str, ...]:
        """The answers of `question` in the order this quiz shows them (see `option_order`)."""
        return option_order(session.quiz_id, question)

    def previous_answer(self, session: QuizSession) -> tuple[str, ...]:
        """What was answered to the current question before going Back, if anything."""
        question = self.current(session)
        return session.answers.get(question.id, ()) if question else ()

    def answer(self, session: QuizSession, choice: str) -> QuizSession:
        """Answer a likert or single-choice question and move on."""
        question = self._require_current(session)
        if question.kind == "multiple":
            raise QuizError(f"{question.id} takes several answers: toggle then confirm")
        self._require_choice(question, choice)
        return self._advance(session, question, (choice,))

    def toggle(self, session: QuizSession, choice: str) -> QuizSession:
        """Tick or untick one option of a multiple-choice question.

        Ticking an exclusive option ("none of these") clears the others, and
        ticking another option clears the exclusive ones.
        """
        question = self._require_current(session)
        if question.kind != "multiple":
            raise QuizError(f"{question.id} takes a single answer")
        self._require_choice(question, choice)
        ticked = set(session.pending)
        if choice not in ticked:
            exclusive = {o.id for o in question.options if o.exclusive}
            ticked = set() if choice in exclusive else ticked - exclusive
        ticked.symmetric_difference_update({choice})
        ordered = tuple(c for c in self.choices(question) if c in ticked)
        return session.model_copy(update={"pending": ordered, "step": session.step + 1})

    def confirm(self, session: QuizSession) -> QuizSession:
        """Record the ticked options (possibly none; exactly `pick` for a forced choice)
        and move on."""
        question = self._require_current(session)
        if question.kind != "multiple":
            raise QuizError(f"{question.id} has nothing to confirm")
        if question.pick is not None and len(session.pending) != question.pick:
            raise QuizError(f"{question.id} takes exactly {question.pick} answers")
        return self._advance(session, question, session.pending)

    def back(self, session: QuizSession) -> QuizSession:
        """Go back one question; its answer is kept until it is answered again."""
        if session.position == 0:
            raise QuizError("already at the first question")
        position = session.position - 1
        previous = self.questions(session)[position]
        pending = session.answers.get(previous.id, ()) if previous.kind == "multiple" else ()
        return session.model_copy(
            update={"position": position, "pending": pending, "step": session.step + 1}
        )

    def switch_language(self, session: QuizSession, lang: Lang) -> QuizSession:
        return session.model_copy(update={"lang": lang, "step": session.step + 1})

    def _advance(
        self, session: QuizSession, question: Question, chosen: tuple[str, ...]
    ) -> QuizSession:
        next_position = session.position + 1
        pending: tuple[str, ...] = ()
        questions = self.questions(session)
        if next_position < len(questions):
            following = questions[next_position]
            if following.kind == "multiple":
                pending = session.answers.get(following.id, ())
        return session.model_copy(
            update={
                "answers": {**session.answers, question.id: chosen},
                "position": next_position,
                "pending": pending,
                "step": session.step + 1,
            }
        )

    def _require_current(self, session: QuizSession) -> Question:
        question = self.current(session)
        if question is None:
            raise QuizError("the quiz is already complete")
        return question

    def _require_choice(self, question: Question, choice: str) -> None:
        if choice not in self.choices(question):
            raise QuizError(f"{choice!r} is not an answer of {question.id}")
