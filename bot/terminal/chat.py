"""`careerbot chat`: the quiz in a terminal, on the same engine and texts as the bot.

Nothing here knows about Telegram: a question is printed with numbered
answers, the person types a number (several for a multiple choice), `b` to go
back or `q` to quit, and the result is the bot's message as plain text.
"""

from __future__ import annotations

import html
import re
import sys
import time
import uuid
from pathlib import Path
from typing import Final, TextIO

from bot.content.models import Content, Lang, Question, QuestionKind
from bot.engine.result import Result, evaluate
from bot.engine.session import Quiz, QuizSession
from bot.presentation.result_text import render_result, to_plain
from bot.presentation.screens import question_screen, quiz_length
from bot.presentation.texts import t

BACK: Final = "b"
QUIT: Final = "q"

#: The hint under a question answered by typing numbers, by kind of question.
TYPED_HINTS: Final[dict[QuestionKind, str]] = {
    "likert": "hint_likert",
    "multiple": "chat_hint_multiple",
}


class NotAnAnswer(ValueError):
    """The typed line is not an answer to the current question."""


def run_chat(
    content: Content,
    lang: Lang,
    *,
    chart_path: Path | None = None,
    seed: str | None = None,
    input: TextIO | None = None,
    output: TextIO | None = None,
) -> Result | None:
    """Play the quiz on `input`/`output` (standard streams by default).

    Returns the result, or None when the person quits (`q`, end of input or
    Ctrl-C) before the last answer. `seed` stands for the quiz id, which fixes
    the order of the answers: the same seed shows them in the same order.
    """
    source = sys.stdin if input is None else input
    out = sys.stdout if output is None else output

    def say(text: str = "") -> None:
        out.write(text + "\n")
        out.flush()

    quiz = Quiz(content)
    quiz_id = seed if seed is not None else uuid.uuid4().hex[:8]
    session = quiz.start(quiz_id=quiz_id, lang=lang, started_at=time.time())
    say(greeting(content, lang))
    say()
    say(t("chat_keys", lang))

    while (question := quiz.current(session)) is not None:
        say()
        say(render_question(quiz, session, question))
        out.write(_prompt(quiz, question, lang))
        out.flush()
        try:
            line = source.readline()
        except KeyboardInterrupt:
            line = ""
        if not line:  # end of input: quit, as if `q` was typed
            say()
            say(t("chat_quit", lang))
            return None
        typed = line.strip()
        command = typed.lower()
        if command == QUIT:
            say(t("chat_quit", lang))
            return None
        if command == BACK:
            if session.position == 0:
                say(to_plain(t("toast_first", lang)))
            else:
                session = quiz.back(session)
            continue
        try:
            session = apply_answer(quiz, session, question, typed)
        except NotAnAnswer:
            key = "chat_invalid_many" if question.kind == "multiple" else "chat_invalid_one"
            say(t(key, lang, count=len(quiz.choices(question))))

    result = evaluate(content, session.answers)
    say()
    say(to_plain(render_result(content, result, lang)))
    if chart_path is not None:
        say()
        say(save_chart(content, result, lang, chart_path))
    return result


def greeting(content: Content, lang: Lang) -> str:
    """The greeting of the terminal: no name to greet, and nothing is kept."""
    hello = t("chat_greeting", lang, job=html.escape(content.profile.title(lang)))
    return to_plain(f"{hello}\n\n{content.profile.summary(lang)}\n\n{quiz_length(content, lang)}")


def render_question(quiz: Quiz, session: QuizSession, question: Question) -> str:
    """The bot's question screen as plain text, with numbered answers; ✔ marks those given."""
    lang = session.lang
    chosen = set(session.pending if question.kind == "multiple" else quiz.previous_answer(session))
    lines = [to_plain(question_screen(quiz, session, TYPED_HINTS).text)]
    choices = quiz.order(session, question)
    for number, (choice, label) in enumerate(
        zip(choices, _labels(question, choices, lang), strict=True), start=1
    ):
        mark = "✔" if choice in chosen else " "
        lines.append(f" {mark} {number}. {label}")
    return "\n".join(lines)


def apply_answer(quiz: Quiz, session: QuizSession, question: Question, typed: str) -> QuizSession:
    """Move the session on with the typed answer; `NotAnAnswer` if it is not one."""
    choices = quiz.order(session, question)
    numbers = _numbers(typed, len(choices))
    if question.kind != "multiple":
        if len(numbers) != 1:
            raise NotAnAnswer(typed)
        return quiz.answer(session, choices[numbers[0] - 1])
    wanted = {choices[number - 1] for number in numbers}
    if len(wanted) > 1 and any(question.options_by_id[c].exclusive for c in wanted):
        raise NotAnAnswer(typed)  # "none of these" goes alone
    for choice in choices:  # tick and untick through the engine, as the buttons do
        if (choice in wanted) != (choice in session.pending):
            session = quiz.toggle(session, choice)
    return quiz.confirm(session)


def save_chart(content: Content, result: Result, lang: Lang, path: Path) -> str:
    """Write the result chart to `path`; the line to print, whether it worked or not."""
    try:
        # Imported here: matplotlib is an optional extra, and slow to import.
        from bot.presentation.charts import result_chart_png

        path.write_bytes(result_chart_png(content, result, lang))
    except Exception as error:  # the chart is an extra: never lose the result over it
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return t("chat_chart_failed", lang, reason=reason)
    return t("chat_chart_saved", lang, path=path)


def _labels(question: Question, choices: tuple[str, ...], lang: Lang) -> list[str]:
    if question.kind == "likert":
        return [to_plain(t(f"likert_{level}", lang)) for level in choices]
    return [question.options_by_id[choice].text(lang) for choice in choices]


def _prompt(quiz: Quiz, question: Question, lang: Lang) -> str:
    if question.kind == "multiple":
        return t("chat_prompt_many", lang)
    return t("chat_prompt_one", lang, count=len(quiz.choices(question)))


def _numbers(typed: str, count: int) -> list[int]:
    """The answer numbers in `typed` ("1 3", "1,3"); `NotAnAnswer` if any is not 1…count."""
    tokens = [token for token in re.split(r"[\s,;]+", typed) if token]
    if not all(_is_number(token, count) for token in tokens):
        raise NotAnAnswer(typed)
    return sorted({int(token) for token in tokens})


def _is_number(token: str, count: int) -> bool:
    return token.isascii() and token.isdigit() and 1 <= int(token) <= count
