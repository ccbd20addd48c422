"""What each screen of the conversation shows: text and buttons, free of Telegram.

The Telegram layer turns a `Screen` into a message with an inline keyboard;
keeping it here makes every screen easy to test and to read.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bot.content.models import Content, Lang, Option, Question, QuestionKind
from bot.engine.session import Quiz, QuizSession, asked_questions
from bot.presentation.payloads import MenuPress, QuizPress, QuizVerb, ResultPress, ResultView
from bot.presentation.progress import progress_bar
from bot.presentation.texts import LIKERT_LABELS, N_, language_name, t, tn

#: Telegram's limit on a message's text, in characters after the HTML is parsed
#: (`telegram.constants.MessageLimit.MAX_TEXT_LENGTH`: this layer may not import
#: telegram, so tests/test_report.py checks the two agree). Every message the bot
#: writes stays within it, the longest result with its "what changed" included.
MAX_MESSAGE_CHARS = 4096

#: Reading speed on a phone, words per minute (slower than on paper).
READING_WORDS_PER_MINUTE = 200
#: Seconds to decide once read, by kind: a statement to rate, a list to pick
#: from (a scenario, a diploma) and a list to tick through, option by option.
SECONDS_TO_DECIDE = {"likert": 4, "single": 6, "multiple": 10, "knowledge": 6}
RESULT_SUFFIX = ".result"
"""Marks the language button of a result, which redraws the result, not the greeting."""
PICKER_SUFFIX = ".pick"
"""Marks a button of the /language picker, which the question or a confirmation replaces."""
JOBS_SUFFIX = ".jobs"
"""Marks the language button of the job picker, which redraws the picker."""
#: Language buttons side by side on a phone.
LANGUAGES_PER_ROW = 3


@dataclass(frozen=True)
class Button:
    text: str
    data: str


@dataclass(frozen=True)
class Screen:
    text: str
    buttons: list[list[Button]] = field(default_factory=list)


#: The hint under a question answered with buttons, by kind of question.
BUTTON_HINTS: dict[QuestionKind, str] = {
    "likert": N_("hint_likert"),
    "multiple": N_("hint_multiple"),
}


def screen_words(question: Question, lang: Lang) -> int:
    """Words a person reads on a question's screen: the question and its answers."""
    texts = [question.text(lang), *(option.text(lang) for option in question.options)]
    return sum(len(text.split()) for text in texts)


def estimated_minutes(content: Content, lang: Lang) -> int:
    """Reading every screen at phone speed, plus a few seconds to decide on each.

    The agreement scale and the hints under the buttons are the same on every
    screen of their kind: they count once, as people read them once.
    """
    questions = asked_questions(content, lang)
    kinds = {question.kind for question in questions}
    once = [t(BUTTON_HINTS[kind], lang) for kind in kinds if kind in BUTTON_HINTS]
    once += [t("hint_pick", lang, count=q.pick) for q in questions if q.pick][:1]
    if "likert" in kinds:
        once += [t(key, lang) for key in LIKERT_LABELS]
    words = sum(screen_words(question, lang) for question in questions)
    words += sum(len(text.split()) for text in once)
    seconds = 60 * words / READING_WORDS_PER_MINUTE
    seconds += sum(SECONDS_TO_DECIDE[question.kind] for question in questions)
    return max(1, math.ceil(seconds / 60))


def quiz_length(content: Content, lang: Lang) -> str:
    """ "The quiz: 21 questions, about 5 minutes." """
    return t(
        "quiz_length",
        lang,
        questions=tn("n_questions", len(asked_questions(content, lang)), lang),
        minutes=tn("n_minutes", estimated_minutes(content, lang), lang),
    )


def welcome(
    content: Content, lang: Lang, name: str, source: str | None = None, *, keep_days: int = 30
) -> Screen:
    """The greeting; `source` (a deep-link payload) travels in the Begin button; `keep_days`
    is how long state.db keeps a quiz and a result (the privacy line says it)."""
    job = html.escape(content.profile.title(lang))
    text = "\n\n".join(
        (
            t("greeting", lang, name=html.escape(name), job=job),
            html.escape(content.profile.summary(lang)),
            quiz_length(content, lang) + " " + t("quiz_resumable", lang),
            t("privacy", lang, days=keep_days),
        )
    )
    begin = MenuPress("begin", source or "", content.profile.id)
    return Screen(
        text,
        [
            [Button(t("button_begin", lang), begin.encode())],
            *language_buttons(content.languages, lang),
        ],
    )


def language_buttons(
    languages: Sequence[Lang], lang: Lang, suffix: str = "", *, current: bool = False
) -> list[list[Button]]:
    """A button per language, named in itself (« Français », "English"); the one spoken now
    only with `current`, ticked. `suffix` says where the button was pressed."""
    buttons = [
        Button(
            ("✔️ " if code == lang else "") + language_name(code),
            MenuPress("lang", code + suffix).encode(),
        )
        for code in languages
        if current or code != lang
    ]
    return [buttons[i : i + LANGUAGES_PER_ROW] for i in range(0, len(buttons), LANGUAGES_PER_ROW)]


def language_picker(languages: Sequence[Lang], lang: Lang) -> Screen:
    """/language: every language the quiz is written in (before a quiz: those of the jobs)."""
    return Screen(
        t("language_choose", lang),
        language_buttons(languages, lang, PICKER_SUFFIX, current=True),
    )


def about(content: Content, lang: Lang) -> Screen:
    """/about: what the job is, then how answers are read and where the facts come from."""
    profile = content.profile
    core = [mission for mission in profile.missions if mission.core] or profile.missions[:4]
    job = [
        t("about_job", lang, job=html.escape(profile.title(lang))),
        html.escape(profile.summary(lang)),
        t("job_missions", lang),
        *(f"• {html.escape(mission.text(lang))}" for mission in core),
        t("result_entry", lang),
        html.escape(profile.entry.text(lang)),
    ]
    method = t("about", lang, core_missions=html.escape(profile.about.core_missions(lang)))
    source = t("about_source", lang, source=html.escape(profile.about.source(lang)))
    return Screen("\n\n".join(("\n".join(job), method, source)))


def resume_offer(quiz: Quiz, session: QuizSession) -> Screen:
    lang = session.lang
    progress = quiz.progress(session)
    numbers = {"number": progress.number, "total": progress.total}
    return Screen(
        t("resume_prompt", lang, **numbers),
        [
            [Button(t("button_resume", lang, **numbers), MenuPress("resume").encode())],
            [Button(t("button_restart", lang), MenuPress("restart").encode())],
        ],
    )


def stop_confirmation(session: QuizSession) -> Screen:
    """Asked before Stop the quiz erases every answer: a tap meant as a pause or an undo
    would lose them all. Its buttons name the quiz and the step like the question's, so a
    stale one is refused; nothing is saved for it: it is only a screen."""
    lang = session.lang

    def press(verb: QuizVerb) -> str:
        return QuizPress(session.quiz_id, session.step, verb).encode()

    return Screen(
        t("stop_confirm", lang),
        [
            [Button(t("button_erase", lang), press("erase"))],
            [Button(t("button_go_on", lang), press("go_on"))],
        ],
    )


def question_screen(
    quiz: Quiz, session: QuizSession, hints: Mapping[QuestionKind, str] = BUTTON_HINTS
) -> Screen:
    """The current question with its progress, answers, Back and Stop the quiz.

    `hints` names the text shown under each kind of question (the terminal's differ).
    """
    question = quiz.current(session)
    if question is None:
        raise ValueError("the quiz is complete: there is no question to show")
    lang = session.lang
    progress = quiz.progress(session)
    section = quiz.content.section_of[question.id]
    hint = t("hint_pick", lang, count=question.pick) if question.pick else None
    if hint is None and question.kind in hints:
        hint = t(hints[question.kind], lang)
    counter = t("progress", lang, number=progress.number, total=progress.total)
    lines = [
        f"<b>{counter}</b>  {progress_bar(progress.answered, progress.total)}",
        f"<i>{html.escape(section.title(lang))}</i>",
        "",
        html.escape(question.text(lang)),
    ]
    if hint:
        lines += ["", f"<i>{hint}</i>"]
    return Screen("\n".join(lines), _answer_rows(quiz, session, question))


def _answer_rows(quiz: Quiz, session: QuizSession, question: Question) -> list[list[Button]]:
    lang = session.lang

    def press(verb: QuizVerb, arg: str = "") -> str:
        return QuizPress(session.quiz_id, session.step, verb, arg).encode()

    previous = quiz.previous_answer(session)
    rows: list[list[Button]] = []
    if question.kind == "likert":
        for level in reversed(quiz.choices(question)):
            mark = "• " if level in previous else ""
            rows.append([Button(mark + t(LIKERT_LABELS[int(level)], lang), press("answer", level))])
    elif question.one_answer:
        for option in _in_quiz_order(quiz, session, question):
            mark = "• " if option.id in previous else ""
            rows.append([Button(mark + option.text(lang), press("answer", option.id))])
    else:
        for option in _in_quiz_order(quiz, session, question):
            mark = "✅ " if option.id in session.pending else "▫️ "
            rows.append([Button(mark + option.text(lang), press("toggle", option.id))])
        ticked = len(session.pending)
        confirm = (
            t("button_confirm_count", lang, count=ticked) if ticked else t("button_none", lang)
        )
        # A forced choice is confirmed once exactly `pick` options are ticked.
        if question.pick is None or ticked == question.pick:
            rows.append([Button(confirm, press("confirm"))])
    navigation = [Button(t("button_cancel", lang), press("cancel"))]
    if session.position > 0:
        navigation.insert(0, Button(t("button_back", lang), press("back")))
    rows.append(navigation)
    return rows


def _in_quiz_order(quiz: Quiz, session: QuizSession, question: Question) -> list[Option]:
    """The options in this quiz's shuffled order: the same after Back, /language or a restart."""
    return [question.options_by_id[choice] for choice in quiz.order(session, question)]


#: The label of the button that opens each section of the result (or sends its PDF).
SECTION_BUTTONS: dict[ResultView, str] = {
    "path": N_("button_section_path"),
    "routes": N_("button_section_routes"),
    "salary": N_("button_section_salary"),
    "develop": N_("button_section_develop"),
    "detail": N_("button_section_detail"),
    "neighbours": N_("button_section_neighbours"),
    "pdf": N_("button_pdf"),
}


def result_buttons(
    content: Content, lang: Lang, quiz_id: str = "", sections: Sequence[ResultView] = ()
) -> list[list[Button]]:
    """Under the summary: a button per section (two a row), retake, the other languages."""
    opens = [
        Button(t(SECTION_BUTTONS[name], lang), ResultPress(quiz_id, name).encode())
        for name in sections
    ]
    return [
        *(opens[i : i + 2] for i in range(0, len(opens), 2)),
        [Button(t("button_retake", lang), MenuPress("retake").encode())],
        *language_buttons(content.languages, lang, RESULT_SUFFIX),
    ]


def section_buttons(lang: Lang, quiz_id: str = "") -> list[list[Button]]:
    """Under a section: back to the summary."""
    return [[Button(t("button_summary", lang), ResultPress(quiz_id, "summary").encode())]]
