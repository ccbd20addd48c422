"""`careerbot chat`: the quiz in a terminal, through the same use cases as the bot.

Nothing here knows about Telegram: a question is printed with numbered
answers, the person types a number (several for a multiple choice), `b` to go
back or `q` to quit, and the result is the bot's message as plain text. The
state lives in memory (`MemoryStateStore`): nothing is kept.
"""

from __future__ import annotations

import asyncio
import html
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Final, TextIO

from bot.content.models import Content, Lang, Question, QuestionKind
from bot.content.served import ServedContents
from bot.engine.record import ResultRecord
from bot.engine.session import Quiz
from bot.presentation.job_picker import job_name
from bot.presentation.payloads import QuizPress, QuizVerb
from bot.presentation.result_sections import SECTIONS, section
from bot.presentation.result_text import to_plain
from bot.presentation.screens import question_screen, quiz_length
from bot.presentation.texts import LIKERT_LABELS, N_, t
from bot.services.deps import Deps, lang_of
from bot.services.deps import new_quiz_id as random_quiz_id
from bot.services.quiz import answer, back, confirm, restart, toggle
from bot.services.reply import Asked, Person, Reply
from bot.services.report import result_pdf
from bot.state.memory import MemoryStateStore
from bot.terminal.saved import save_chart, save_pdf

BACK: Final = "b"
QUIT: Final = "q"

#: The hint under a question answered by typing numbers, by kind of question.
TYPED_HINTS: Final[dict[QuestionKind, str]] = {
    "likert": N_("hint_likert"),
    "multiple": N_("chat_hint_multiple"),
}


class NotAnAnswer(ValueError):
    """The typed line is not an answer to the current question."""


def run_chat(
    contents: Content | Sequence[Content],
    lang: Lang,
    *,
    chart_path: Path | None = None,
    pdf_path: Path | None = None,
    seed: str | None = None,
    input: TextIO | None = None,
    output: TextIO | None = None,
) -> ResultRecord | None:
    """Play the quiz of a job on `input`/`output` (standard streams by default); with
    several jobs, the person first types the number of one.

    Returns the record of the finished quiz's result (the terminal keeps it in memory
    only), or None when the person quits (`q`,
    end of input or Ctrl-C) before the last answer. `seed` stands for the quiz id,
    which fixes the order of the answers: the same seed shows them in the same order.
    """
    state = MemoryStateStore()
    quiz_id = random_quiz_id if seed is None else lambda: seed
    served = ServedContents([contents] if isinstance(contents, Content) else contents)
    chat = _Chat(
        Deps(state, served, new_quiz_id=quiz_id),
        Person(user_id=0, chat_id=0, language_code=lang),  # the one person here
        lang,
        sys.stdin if input is None else input,
        sys.stdout if output is None else output,
    )
    content = chat.pick_job(served.served)
    if content is None:
        return None
    chat.lang = content.language_for(lang)
    chat.say(greeting(content, chat.lang))
    chat.say()
    chat.say(t("chat_keys", chat.lang))
    # One runner per chat: input is read between its calls, where Ctrl-C stays a
    # KeyboardInterrupt rather than a cancelled task.
    with asyncio.Runner() as chat.runner:
        finished = chat.play(content.profile.id)
        if finished is None:
            return None
        for shown in finished.screens:
            chat.say()
            chat.say(to_plain(shown.screen.text))
        for text in chat.runner.run(_sections(chat.deps, chat.person)):
            chat.say()
            chat.say(to_plain(text))
        if chart_path is not None:
            for attachment in finished.attachments:
                chat.say()
                chat.say(save_chart(attachment, chat.lang, chart_path))
        if pdf_path is not None:
            chat.say()
            pdf = chat.runner.run(result_pdf(chat.deps, chat.person))
            chat.say(save_pdf(pdf, chat.lang, pdf_path))
    kept = state.last.get(chat.person.user_id)
    return kept.record if kept else None


class _Chat:
    """One terminal chat: its use cases, its person and its streams."""

    runner: asyncio.Runner

    def __init__(self, deps: Deps, person: Person, lang: Lang, source: TextIO, out: TextIO) -> None:
        self.deps = deps
        self.person = person
        self.lang = lang
        self.source = source
        self.out = out

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def pick_job(self, contents: Sequence[Content]) -> Content | None:
        """The only job, or the one whose number the person types; None if they quit."""
        if len(contents) == 1:
            return contents[0]
        self.say(t("chat_job_picker", self.lang))
        for number, content in enumerate(contents, start=1):
            tagline = content.profile.tagline(content.language_for(self.lang))
            self.say(f"   {number}. {job_name(content, self.lang)} – {tagline}")
        while True:
            self.out.write(t("chat_prompt_one", self.lang, count=len(contents)))
            self.out.flush()
            typed = _read_line(self.source)
            if typed is None or typed.lower() == QUIT:
                self.say(t("chat_quit", self.lang))
                return None
            if _is_number(typed, len(contents)):
                self.say()
                return contents[int(typed) - 1]
            self.say(t("chat_job_invalid", self.lang, count=len(contents)))

    def play(self, profile_id: str) -> Reply | None:
        """Ask each question until the result comes (its reply), or None if the person quits."""
        reply = self.runner.run(restart(self.deps, self.person, None, None, profile_id))
        asked = _asked(reply)
        while asked is not None:
            self.say()
            self.say(render_question(asked))
            self.out.write(_prompt(asked, self.lang))
            self.out.flush()
            typed = _read_line(self.source)
            if typed is None or typed.lower() == QUIT:
                if typed is None:  # end of input: quit, as if `q` was typed
                    self.say()
                self.say(t("chat_quit", self.lang))
                return None
            try:
                reply = self.runner.run(_step(self.deps, self.person, asked, typed))
            except NotAnAnswer:
                self.say(_not_understood(asked, self.lang))
                continue
            if reply.notice:
                self.say(to_plain(reply.notice))
            if reply.screens and reply.screens[0].asked is None:
                return reply  # the result
            asked = _asked(reply) or asked
        return None


def _not_understood(asked: Asked, lang: Lang) -> str:
    question = asked.quiz.current(asked.session)
    assert question is not None
    return invalid_answer(asked.quiz, question, lang)


def invalid_answer(quiz: Quiz, question: Question, lang: Lang) -> str:
    """What to type instead; names a "none of these" option as its button reads."""
    count = len(quiz.choices(question))
    if question.kind != "multiple":
        return t("chat_invalid_one", lang, count=count)
    if question.pick is not None:
        return t("chat_invalid_pick", lang, pick=question.pick, count=count)
    text = t("chat_invalid_many", lang, count=count)
    for option in question.options:
        if option.exclusive:
            text += " " + t("chat_invalid_none", lang, none=option.text(lang))
    return text


async def _sections(deps: Deps, person: Person) -> list[str]:
    """Every section of the result just shown (the terminal has no buttons to open them)."""
    kept = await deps.state.last_result(person.user_id)
    content = deps.contents.content_for(kept.version) if kept else None
    if kept is None or content is None:
        return []
    lang = await lang_of(deps, person)
    texts = (section(content, kept.record, lang, name) for name in SECTIONS)
    return [text for text in texts if text is not None]


def _read_line(source: TextIO) -> str | None:
    """The typed line without its spaces; None at the end of input or on Ctrl-C."""
    try:
        line = source.readline()
    except KeyboardInterrupt:
        line = ""
    return line.strip() if line else None


def _asked(reply: Reply) -> Asked | None:
    return next((shown.asked for shown in reply.screens if shown.asked), None)


def _press(asked: Asked, verb: QuizVerb, arg: str = "") -> QuizPress:
    """What the button for `verb` would carry on the question `asked`."""
    return QuizPress(asked.session.quiz_id, asked.session.step, verb, arg)


def _choices(asked: Asked) -> tuple[str, ...]:
    question = asked.quiz.current(asked.session)
    return () if question is None else asked.quiz.order(asked.session, question)


async def _step(deps: Deps, person: Person, asked: Asked, typed: str) -> Reply:
    """Go back, or answer with the typed numbers; `NotAnAnswer` if they are not one."""
    if typed.lower() == BACK:
        return await back(deps, person, None, _press(asked, "back"))
    question = asked.quiz.current(asked.session)
    assert question is not None
    choices = _choices(asked)
    numbers = _numbers(typed, len(choices))
    if question.kind != "multiple":
        if len(numbers) != 1:
            raise NotAnAnswer(typed)
        return await answer(deps, person, None, _press(asked, "answer", choices[numbers[0] - 1]))
    wanted = {choices[number - 1] for number in numbers}
    if question.pick is not None and len(wanted) != question.pick:
        raise NotAnAnswer(typed)  # a forced choice takes exactly `pick`
    if len(wanted) > 1 and any(question.options_by_id[c].exclusive for c in wanted):
        raise NotAnAnswer(typed)  # "none of these" goes alone
    for choice in choices:  # tick and untick as the buttons do
        if (choice in wanted) != (choice in asked.session.pending):
            ticked = _asked(await toggle(deps, person, None, _press(asked, "toggle", choice)))
            assert ticked is not None
            asked = ticked
    return await confirm(deps, person, None, _press(asked, "confirm"))


def greeting(content: Content, lang: Lang) -> str:
    """The greeting of the terminal: no name to greet, and nothing is kept."""
    hello = t("chat_greeting", lang, job=html.escape(content.profile.title(lang)))
    return to_plain(f"{hello}\n\n{content.profile.summary(lang)}\n\n{quiz_length(content, lang)}")


def render_question(asked: Asked) -> str:
    """The bot's question screen as plain text, with numbered answers; ✔ marks those given."""
    quiz, session = asked.quiz, asked.session
    question = quiz.current(session)
    assert question is not None
    chosen = set(session.pending if question.kind == "multiple" else quiz.previous_answer(session))
    lines = [to_plain(question_screen(quiz, session, TYPED_HINTS).text)]
    choices = quiz.order(session, question)
    for number, (choice, label) in enumerate(
        zip(choices, _labels(question, choices, session.lang), strict=True), start=1
    ):
        mark = "✔" if choice in chosen else " "
        lines.append(f" {mark} {number}. {label}")
    return "\n".join(lines)


def _labels(question: Question, choices: tuple[str, ...], lang: Lang) -> list[str]:
    if question.kind == "likert":
        return [to_plain(t(LIKERT_LABELS[int(level)], lang)) for level in choices]
    return [question.options_by_id[choice].text(lang) for choice in choices]


def _prompt(asked: Asked, lang: Lang) -> str:
    question = asked.quiz.current(asked.session)
    if question is not None and question.kind == "multiple":
        return t("chat_prompt_many", lang)
    return t("chat_prompt_one", lang, count=len(_choices(asked)))


def _numbers(typed: str, count: int) -> list[int]:
    """The answer numbers in `typed` ("1 3", "1,3"); `NotAnAnswer` if any is not 1…count."""
    tokens = [token for token in re.split(r"[\s,;]+", typed) if token]
    if not all(_is_number(token, count) for token in tokens):
        raise NotAnAnswer(typed)
    return sorted({int(token) for token in tokens})


def _is_number(token: str, count: int) -> bool:
    return token.isascii() and token.isdigit() and 1 <= int(token) <= count
