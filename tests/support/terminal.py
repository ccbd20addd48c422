"""Playing `careerbot chat`: in process on typed lines, or as a subprocess on the shipped files,
and reading back what it printed."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.content.models import Content, Lang, Question
from bot.content.typography import NBSP, NNBSP
from bot.engine.record import ResultRecord, record_of
from bot.engine.result import evaluate
from bot.engine.scoring import Answers
from bot.engine.session import asked_questions, option_order
from bot.terminal.chat import run_chat
from tests.support.paths import SHIPPED_PROFILES, SHIPPED_QUESTIONS

#: A quiz id under which every shuffled question of the mini fixture happens to
#: keep its file order (checked in tests/test_chat.py), so the typed numbers of the worked
#: example read as in the file. `SHUFFLED_SEED` moves every one of them.
FILE_ORDER_SEED = "chat27"
SHUFFLED_SEED = "chat0"
#: The seed of the real `python -m bot chat` runs on the shipped files.
CLI_SEED = "cli-test"


def play(
    content: Content,
    lines: list[str],
    lang: Lang = "fr",
    *,
    seed: str = FILE_ORDER_SEED,
    **options: Path,
) -> tuple[ResultRecord | None, str]:
    """Run the chat on typed lines (no final newline = end of input after them);
    the record of the finished quiz's result (None if it was not finished) and the output."""
    out = io.StringIO()
    result = run_chat(
        content,
        lang,
        seed=seed,
        input=io.StringIO("".join(f"{line}\n" for line in lines)),
        output=out,
        **options,
    )
    return result, out.getvalue()


def scored(
    content: Content, answers: Answers, lang: Lang = "fr", seed: str = FILE_ORDER_SEED
) -> ResultRecord:
    """The record the chat keeps when these answers were typed (scores tell answers apart)."""
    return record_of(content, evaluate(content, answers), lang=lang, quiz_id=seed)


def typed_answer(question: Question) -> str:
    """The line a person types for the first shown (likert: the top) answer."""
    return {"likert": "5", "single": "1", "multiple": "1 2", "knowledge": "1"}[question.kind]


def expected_answers(content: Content, seed: str) -> dict[str, tuple[str, ...]]:
    """The answers `typed_answer` gives under `seed`, as the engine records them."""
    answers: dict[str, tuple[str, ...]] = {}
    for q in content.questions:
        shown = option_order(seed, q)
        if q.kind == "likert":
            answers[q.id] = ("4",)
        elif q.one_answer:
            answers[q.id] = (shown[0],)
        else:
            answers[q.id] = tuple(o.id for o in q.options if o.id in shown[:2])
    return answers


def typed_lines(content: Content, answers: Answers, seed: str) -> str:
    """What a person types in `careerbot chat` (French) under `seed` to give these answers."""
    lines = []
    for question in asked_questions(content, "fr"):
        shown = option_order(seed, question)
        lines.append(" ".join(str(shown.index(a) + 1) for a in answers[question.id]))
    return "".join(f"{line}\n" for line in lines)


def chat_process(
    tmp_path: Path, args: Sequence[str], stdin: str, **settings: str
) -> subprocess.CompletedProcess[str]:
    """`careerbot chat ARGS --seed CLI_SEED` in a subprocess, on the shipped files unless
    `settings` (CAREERBOT_… variables) say otherwise."""
    env = {
        **os.environ,
        "CAREERBOT_QUESTIONS_DIR": str(SHIPPED_QUESTIONS),
        "CAREERBOT_PROFILES_DIR": str(SHIPPED_PROFILES),
        "PYTHONIOENCODING": "utf-8",
        **settings,
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", "chat", *args, "--seed", CLI_SEED],
        input=stdin,
        cwd=tmp_path,  # no .env, no data directory from the repository
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def printed_figures(out: str, lang: Lang) -> tuple[int, tuple[int, int]]:
    """The fit percentage (from the detail section) and the salary range printed."""
    if lang == "fr":
        fit = re.search(rf"Compatibilité d’ensemble{NBSP}: (\d+){NNBSP}%", out)
        salary = re.search(
            rf"(\d+){NNBSP}(\d{{3}}) à (\d+){NNBSP}(\d{{3}}){NBSP}€ bruts par an", out
        )
    else:
        fit = re.search(r"Overall fit: (\d+)%", out)
        salary = re.search(r"€(\d+),(\d{3}) to €(\d+),(\d{3}) gross a year", out)
    assert fit and salary, out[-2000:]
    low, high = int(salary.group(1) + salary.group(2)), int(salary.group(3) + salary.group(4))
    return int(fit.group(1)), (low, high)
