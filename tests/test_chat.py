"""`careerbot chat`: the quiz played through standard input and output.

In-process runs on the mini fixture check exact behaviour; real `python -m bot
chat` processes on the shipped files check the command end to end.
"""

from __future__ import annotations

import math
import sys
import types
from pathlib import Path

import pytest

from bot.content.models import Content, Lang
from bot.content.typography import NBSP, NNBSP
from bot.engine.result import evaluate
from bot.engine.session import Quiz, asked_questions, option_order
from bot.presentation.progress import progress_bar
from bot.presentation.screens import estimated_minutes
from bot.presentation.texts import t
from bot.terminal.chat import invalid_answer
from tests.support.answers import EXAMPLE, EXAMPLE_TYPED
from tests.support.languages import LANGS
from tests.support.terminal import (
    CLI_SEED,
    FILE_ORDER_SEED,
    SHUFFLED_SEED,
    chat_process,
    expected_answers,
    play,
    printed_figures,
    scored,
    typed_answer,
)

# --- In process, on the mini fixture ------------------------------------------------------


def test_the_file_order_seed_keeps_the_file_order(mini_content: Content) -> None:
    shuffled = [q for q in mini_content.questions if q.kind != "likert" and not q.ordered]
    assert [q.id for q in shuffled] == ["change", "tools", "employer", "market"]
    for question in shuffled:
        in_file = tuple(o.id for o in question.options)
        assert option_order(FILE_ORDER_SEED, question) == in_file
        assert option_order(SHUFFLED_SEED, question) != in_file


def test_worked_example_through_the_terminal(mini_content: Content) -> None:
    result, out = play(mini_content, EXAMPLE_TYPED)
    assert result == scored(mini_content, EXAMPLE)
    assert f"Compatibilité{NBSP}: 56{NNBSP}% (Possible)" in out
    assert f"40{NNBSP}000 à 44{NNBSP}500{NBSP}€ bruts par an" in out
    assert "<b>" not in out and "&#x27;" not in out  # plain text, not Telegram HTML


def test_greeting_gives_count_and_minutes(mini_content: Content, shipped_content: Content) -> None:
    _, out = play(mini_content, [])
    assert out.startswith(f"Bonjour{NNBSP}! Je vais vous aider")
    assert "testeur de quiz" in out
    # about 120 words read at 200 a minute (36 s), then 2 likert × 4 s + 5 single × 6 s
    # + 1 multiple × 10 s = 48 s to decide: 84 s → 2 min
    assert "8 questions, environ 2 minutes" in out
    assert t("quiz_resumable", "fr") not in out  # nothing is kept to pick up later
    _, out = play(shipped_content, [], "en")
    count = len(asked_questions(shipped_content, "en"))
    assert out.startswith("Hello! I'll help you")
    assert f"{count} questions, about {estimated_minutes(shipped_content, 'en')} minutes" in out


@pytest.mark.parametrize("lang", LANGS)
def test_the_announced_time_covers_reading_every_screen(
    shipped_content: Content, lang: Lang
) -> None:
    """Honest: at least the time to read every question and answer at a phone's 200 words a
    minute, plus a few seconds to decide on each (the review of the quiz found about 9 min)."""
    questions = shipped_content.questions
    words = sum(
        len(text.split())
        for q in questions
        for text in (q.text(lang), *(o.text(lang) for o in q.options))
    )
    reading = 60 * words / 200 + 4 * len(questions)
    minutes = estimated_minutes(shipped_content, lang)
    assert minutes * 60 >= reading
    assert minutes <= math.ceil(reading / 60) + 2  # and not padded either


@pytest.mark.parametrize("lang", LANGS)
def test_the_shipped_quiz_takes_under_ten_minutes(shipped_content: Content, lang: Lang) -> None:
    """The README promises a chat of under ten minutes: every question the verdict added
    (knowledge, forced choice, field, situation, working French) counts towards it."""
    assert estimated_minutes(shipped_content, lang) < 10


def test_question_display(mini_content: Content) -> None:
    _, out = play(mini_content, ["3", "1"])
    first = out.index("Question 1/8")
    assert out[first:].startswith(f"Question 1/8  {progress_bar(0, 8)}\nVos qualités\n\n")
    for number, level in enumerate(range(5), start=1):
        assert f"{number}. {t(f'likert_{level}', 'fr')}" in out
    assert f"Question 3/8  {progress_bar(2, 8)}\nVos compétences" in out
    assert t("chat_hint_multiple", "fr") in out
    assert t("hint_multiple", "fr") not in out  # no button to confirm with here
    assert "   3. Du HTML" in out


def test_invalid_input_then_a_valid_one(mini_content: Content) -> None:
    typed = [
        *["0", "6", "trois", "", "1 2", "²"],  # talk (likert): 6 refused
        "3",
        "9",  # change (3 options): refused
        "1 1",  # the same number twice is still one answer
        "4",  # tools (3 options, several allowed): refused
        "1",
        *["1 4", "x"],  # webcult: 2 refused, then the input ends
    ]
    result, out = play(mini_content, typed)
    assert result is None
    one_of_five = t("chat_invalid_one", "fr", count=5)
    assert one_of_five == f"Réponse non comprise{NBSP}: tapez un seul numéro de 1 à 5, b ou q."
    assert out.count(one_of_five) == 6 + 2
    assert out.count(t("chat_invalid_one", "fr", count=3)) == 1
    assert out.count(t("chat_invalid_many", "fr", count=3)) == 1
    # each refusal shows the same question again
    counts = [out.count(f"Question {n}/8") for n in range(1, 6)]
    assert counts == [7, 2, 2, 3, 0]


def test_multiple_choice_rejects_an_unknown_number(mini_content: Content) -> None:
    _, out = play(mini_content, ["3", "1", "1 4", "1 3"])
    assert out.count(t("chat_invalid_many", "fr", count=3)) == 1
    assert out.count("Question 3/8") == 2


def test_multiple_choice_takes_an_empty_line_for_none(mini_content: Content) -> None:
    result, _ = play(mini_content, [*EXAMPLE_TYPED[:2], "", *EXAMPLE_TYPED[3:]])
    assert result == scored(mini_content, {**EXAMPLE, "tools": ()})


@pytest.mark.parametrize("ticks", ["1,2", "2 1", " 1 ,  2 ", "1;2"])
def test_multiple_choice_takes_numbers_in_any_order_and_separator(
    mini_content: Content, ticks: str
) -> None:
    result, _ = play(mini_content, [*EXAMPLE_TYPED[:2], ticks, *EXAMPLE_TYPED[3:]])
    assert result == scored(mini_content, EXAMPLE)


def test_back_shows_the_previous_answer_and_changes_it(mini_content: Content) -> None:
    typed = ["b", "5", "b", "1", *EXAMPLE_TYPED[1:]]
    result, out = play(mini_content, typed)
    assert t("toast_first", "fr") in out
    assert out.count("Question 1/8") == 3
    assert f" ✔ 5. {t('likert_4', 'fr')}" in out  # the answer given before going back
    assert result == scored(mini_content, EXAMPLE)  # the new answer replaced it


def test_back_onto_a_multiple_choice_keeps_its_ticks(mini_content: Content) -> None:
    typed = ["1", "1", "1 3", "b", "1 2", *EXAMPLE_TYPED[3:]]
    result, out = play(mini_content, typed)
    back_at_tools = out.split("Question 3/8")[2]
    assert " ✔ 1. Un tableur" in back_at_tools
    assert "   2. Un outil de mesure" in back_at_tools
    assert " ✔ 3. Du HTML" in back_at_tools
    assert result == scored(mini_content, EXAMPLE)


@pytest.mark.parametrize("quit_line", ["q", "Q", " q "])
def test_q_quits(mini_content: Content, quit_line: str) -> None:
    result, out = play(mini_content, ["3", quit_line, "1"])
    assert result is None
    assert out.rstrip().endswith(t("chat_quit", "fr"))
    assert "Question 3/8" not in out


def test_end_of_input_quits(mini_content: Content) -> None:
    result, out = play(mini_content, ["3", "1"], "en")
    assert result is None
    assert out.rstrip().endswith("Quiz stopped, nothing was saved. See you soon!")


def test_chart_is_saved(mini_content: Content, tmp_path: Path) -> None:
    chart = tmp_path / "result.png"
    result, out = play(mini_content, EXAMPLE_TYPED, chart_path=chart)
    assert result is not None
    assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert out.rstrip().endswith(f"Graphique enregistré{NBSP}: {chart}")


def test_a_failing_chart_still_shows_the_result(
    mini_content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> bytes:
        raise RuntimeError("no fonts\nsecond line")

    fake = types.ModuleType("bot.presentation.result_chart")
    fake.result_chart_png = broken  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bot.presentation.result_chart", fake)
    chart = tmp_path / "result.png"
    result, out = play(mini_content, EXAMPLE_TYPED, "en", chart_path=chart)
    assert result is not None
    assert "Fit: 56% (Possible)" in out
    assert out.rstrip().endswith("Chart not created (no fonts).")
    assert not chart.exists()


def test_a_missing_chart_module_still_shows_the_result(
    mini_content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "bot.presentation.result_chart", None)  # import fails
    result, out = play(mini_content, EXAMPLE_TYPED, "en", chart_path=tmp_path / "x.png")
    assert result is not None
    assert "Your training path" in out
    assert out.rstrip().splitlines()[-1].startswith("Chart not created (")


# --- The progress bar -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "total", "bar"),
    [
        (0, 24, "▱▱▱▱▱▱▱▱▱▱"),
        (1, 24, "▱▱▱▱▱▱▱▱▱▱"),  # 0.42 cell
        (2, 24, "▰▱▱▱▱▱▱▱▱▱"),  # 0.83 cell
        (12, 24, "▰▰▰▰▰▱▱▱▱▱"),
        (23, 24, "▰▰▰▰▰▰▰▰▰▰"),  # 9.58 cells
        (24, 24, "▰▰▰▰▰▰▰▰▰▰"),
        (1, 8, "▰▱▱▱▱▱▱▱▱▱"),  # 1.25 cells
        (3, 8, "▰▰▰▰▱▱▱▱▱▱"),  # 3.75 cells
        (1, 4, "▰▰▰▱▱▱▱▱▱▱"),  # 2.5 cells: half rounds up
        (30, 24, "▰▰▰▰▰▰▰▰▰▰"),  # clamped
        (-1, 24, "▱▱▱▱▱▱▱▱▱▱"),
    ],
)
def test_progress_bar(number: int, total: int, bar: str) -> None:
    assert progress_bar(number, total) == bar


def test_progress_bar_width_and_monotony() -> None:
    assert progress_bar(1, 2, width=4) == "▰▰▱▱"
    bars = [progress_bar(n, 22) for n in range(23)]
    assert all(len(bar) == 10 for bar in bars)
    filled = [bar.count("▰") for bar in bars]
    assert filled == sorted(filled)


@pytest.mark.parametrize(("total", "width"), [(0, 10), (5, 0)])
def test_progress_bar_rejects_empty_scales(total: int, width: int) -> None:
    with pytest.raises(ValueError):
        progress_bar(0, total, width)


# --- A real `python -m bot chat` on the shipped files ------------------------------------------


@pytest.mark.parametrize(
    ("lang", "training"), [("fr", "Votre parcours de formation"), ("en", "Your training path")]
)
def test_cli_chat_to_the_end(
    shipped_content: Content, tmp_path: Path, lang: Lang, training: str
) -> None:
    stdin = "".join(typed_answer(q) + "\n" for q in shipped_content.questions)
    done = chat_process(tmp_path, ["--lang", lang], stdin)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    total = len(asked_questions(shipped_content, lang))
    assert f"Question {total}/{total}" in done.stdout
    expected = evaluate(shipped_content, expected_answers(shipped_content, CLI_SEED))
    fit, salary = printed_figures(done.stdout, lang)
    assert fit == round(expected.score.overall)
    assert salary == expected.salary.shown
    salary_range = shipped_content.profile.salary
    assert salary_range.min <= salary[0] < salary[1] <= salary_range.max
    assert training in done.stdout
    assert expected.score.band.label(lang) in done.stdout


def test_cli_chat_invalid_input_and_back(shipped_content: Content, tmp_path: Path) -> None:
    first, *rest = shipped_content.questions
    lines = ["nope", typed_answer(first), "b", typed_answer(first)]
    lines += [typed_answer(q) for q in rest]
    done = chat_process(tmp_path, ["--lang", "en"], "".join(f"{line}\n" for line in lines))
    assert done.returncode == 0, done.stderr
    assert "Answer not understood: type one number from 1 to 5, b or q." in done.stdout
    assert done.stdout.count(f"Question 1/{len(shipped_content.questions)}") == 3
    assert "Your training path" in done.stdout


def test_cli_chat_end_of_input_mid_quiz(shipped_content: Content, tmp_path: Path) -> None:
    stdin = "".join(typed_answer(q) + "\n" for q in shipped_content.questions[:3])
    done = chat_process(tmp_path, ["--lang", "fr"], stdin)
    assert done.returncode == 0
    assert "Traceback" not in done.stderr and done.stderr == ""
    assert done.stdout.rstrip().endswith(t("chat_quit", "fr"))
    assert "Question 4/" in done.stdout
    assert "Votre parcours de formation" not in done.stdout


# --- Shuffled answers and "none of these" ------------------------------------------------------


def test_answers_are_shown_in_the_quiz_order_and_typed_numbers_follow_it(
    mini_content: Content,
) -> None:
    # chat0 shows change as wait, adapt, refuse: "2" is adapt (as in the worked
    # example); tools as html, tracking, sheet: "3 2" ticks sheet and tracking.
    change = mini_content.question_by_id["change"]
    tools = mini_content.question_by_id["tools"]
    assert option_order(SHUFFLED_SEED, change) == ("wait", "adapt", "refuse")
    assert option_order(SHUFFLED_SEED, tools) == ("html", "tracking", "sheet")
    employer, market = (
        str(option_order(SHUFFLED_SEED, mini_content.question_by_id[qid]).index(pick) + 1)
        for qid, pick in (("employer", "large"), ("market", "international"))
    )

    typed = ["1", "2", "3 2", "4", "2", "1", employer, market]
    result, out = play(mini_content, typed, seed=SHUFFLED_SEED)
    assert result == scored(mini_content, EXAMPLE, seed=SHUFFLED_SEED)
    assert "   1. J'attends d'en savoir plus" in out
    assert "   3. Un tableur" in out
    # education and experience are ordered scales: never shuffled
    assert "   1. Bac\n   2. Bac+2\n   3. Bac+3\n   4. Master" in out


def test_the_same_seed_shows_the_same_order_after_back(mini_content: Content) -> None:
    _, out = play(mini_content, ["1", "b", "1", "1"], seed=SHUFFLED_SEED)
    screens = out.split("Question 2/8")
    assert len(screens) == 3
    assert screens[1].split("Votre réponse")[0] == screens[2].split("Votre réponse")[0]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_refusal_names_none_of_these_as_it_reads(shipped_content: Content, lang: Lang) -> None:
    for question in shipped_content.questions:
        none = [o for o in question.options if o.exclusive]
        if none:
            refused = invalid_answer(Quiz(shipped_content), question, lang)
            assert none[0].text(lang) in refused, question.id


def test_none_of_these_goes_alone(shipped_content: Content) -> None:
    tools = shipped_content.question_by_id["done_projects"]
    shown = option_order(SHUFFLED_SEED, tools)
    assert tools.options_by_id[shown[-1]].exclusive  # "none of these" comes last
    before = [typed_answer(q) for q in shipped_content.questions[: tools_position(shipped_content)]]
    none, other = str(len(shown)), "1"
    _, out = play(shipped_content, [*before, f"{other} {none}", none], "en", seed=SHUFFLED_SEED)
    refused = invalid_answer(Quiz(shipped_content), tools, "en")
    assert refused.endswith("“None of these yet” goes on its own.")  # the option as it reads
    assert out.count(refused) == 1
    # "none" alone is accepted: the next question comes
    number = tools_position(shipped_content) + 1
    assert f"Question {number + 1}/" in out


def tools_position(content: Content) -> int:
    return [q.id for q in content.questions].index("done_projects")
