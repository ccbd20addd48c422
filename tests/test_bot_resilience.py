"""The bot under stress: SIGKILL mid-quiz, Telegram errors, many users at once, secrets."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from bot.content.models import Content
from bot.engine.session import asked_questions
from bot.state.state_db import StateDb
from tests.support.fake_botapi import FakeBotAPI, FakeUser
from tests.support.harness import (
    TOKEN,
    QuizPlayer,
    begin,
    expected_result_text,
    make_settings,
    quiz_presses,
    random_choices,
    running_bot,
)
from tests.support.paths import MINI
from tests.support.process import BotProcess

# --- A real bot process, killed and started again ------------------------------


async def test_sigkill_mid_quiz_loses_no_answer_and_counts_none_twice(
    server: FakeBotAPI, tmp_path: Path, shipped_content: Content
) -> None:
    user = server.add_user(201, first_name="Jade", language_code="fr")
    choices = random_choices(shipped_content, random.Random(21))
    player = QuizPlayer(user, shipped_content, timeout=30)
    bot = BotProcess(server, tmp_path)
    total = len(asked_questions(shipped_content, "fr"))
    single_numbers = [n for n, q in enumerate(shipped_content.questions, 1) if q.kind != "multiple"]
    kill_after_commit, kill_before_fetch = single_numbers[3], single_numbers[10]

    bot.start()
    await begin(user, "▶️ Commencer le quiz")
    await player.play(choices, last=kill_after_commit - 1)
    # 1. Killed after saving an answer, while the next question is being shown.
    screen = await player.wait_question(kill_after_commit)
    await server.wait_until_idle()
    # Held until the kill: Telegram then applies the edit it fully received, before any new
    # bot process runs (never later, over what the next process shows).
    server.delay_next("editMessageText", 60)
    question = shipped_content.questions[kill_after_commit - 1]
    (press,) = [
        p for p in quiz_presses(screen) if p.verb == "answer" and p.arg == choices[question.id][0]
    ]
    await player.answer(kill_after_commit, question, choices[question.id])
    # The press is acknowledged while its screen is shown: killed once both are under way.
    await server.wait_for(
        lambda s: (
            any(r.held for r in s.requests_for("editMessageText"))
            and any(
                q.data == press.encode() and q.answer is not None
                for q in s.callback_queries.values()
            )
        ),
        timeout=30,
    )
    assert bot.stop(signal.SIGKILL) == -signal.SIGKILL
    await server.wait_for(
        lambda s: all(r.status is not None for r in s.requests_for("editMessageText")),
        timeout=30,
    )
    saved = StateDb(tmp_path / "state.db").load_quiz(user.id)
    assert saved is not None and saved.session.position == kill_after_commit
    await player.wait_question(kill_after_commit + 1)

    with bot.running():
        # A lagging client sends the answered press again: it must not count twice.
        user.press_data(screen.message_id, press.encode())
        await player.play(choices, first=kill_after_commit + 1, last=kill_before_fetch - 1)
        # 2. Killed right after the press, before the bot could even fetch it (the presses
        # before it acknowledged: the last one's acknowledgement may follow its screen).
        await server.wait_for(lambda s: not s.unanswered_callback_queries(), timeout=30)
        question = shipped_content.questions[kill_before_fetch - 1]
        await player.answer(kill_before_fetch, question, choices[question.id])
        assert bot.stop(signal.SIGKILL) == -signal.SIGKILL

    with bot.running():
        await player.play(choices, first=kill_before_fetch)
        result = await player.wait_result("fr")
        await user.wait_for(lambda u: u.last_message and u.last_message.photo, timeout=30)
        code = bot.stop(signal.SIGTERM)
    assert code == 0, "SIGTERM shuts the bot down cleanly"

    assert result.text == expected_result_text(shipped_content, choices, "fr")
    last = StateDb(tmp_path / "state.db").last_result(user.id)
    assert last is not None and last.quiz_id == press.quiz_id
    logged = Database(tmp_path / "scores.db")
    rows = list(logged.query("select question_id, answer from answers"))
    recorded = {row["question_id"]: tuple(filter(None, row["answer"].split(","))) for row in rows}
    asked = {q.id for q in asked_questions(shipped_content, "fr")}
    expected = {qid: tuple(choice) for qid, choice in choices.items() if qid in asked}
    assert recorded == expected, "each answer recorded exactly once"
    assert len(recorded) == total
    assert not server.unanswered_callback_queries()
    everything = "\n".join(bot.outputs)
    assert TOKEN not in everything
    assert TOKEN.split(":")[1] not in everything


# --- Telegram errors ------------------------------------------------------------


async def test_429_500_and_timeouts_during_a_quiz(
    server: FakeBotAPI, tmp_path: Path, shipped_content: Content
) -> None:
    user = server.add_user(202, first_name="Maël", language_code="fr")
    choices = random_choices(shipped_content, random.Random(22))
    player = QuizPlayer(user, shipped_content, timeout=40)
    async with running_bot(make_settings(server, tmp_path)):
        await begin(user, "▶️ Commencer le quiz")
        await player.play(choices, last=2)
        server.fail_next("editMessageText", status=429, retry_after=1)
        await player.play(choices, first=3, last=3)
        server.fail_next("editMessageText", status=500, count=2)
        server.fail_next("answerCallbackQuery", status=502)
        await player.play(choices, first=4, last=4)
        server.fail_next("sendMessage", status=500)
        user.send_text("/help")
        await user.wait_for(lambda u: "Comment ça marche" in u.last_text)
        # Longer than PTB's 5 s read timeout: the bot retries; the slow edit lands later.
        server.delay_next("editMessageText", 7)
        server.delay_next("answerCallbackQuery", 7)
        await player.play(choices, first=5, last=5)
        await server.wait_until_idle(timeout=30)
        await player.play(choices, first=6)
        result = await player.wait_result("fr")
        await server.wait_until_idle()
    assert result.text == expected_result_text(shipped_content, choices, "fr")
    injected = [r for r in server.requests if r.injected]
    assert {r.status for r in injected} >= {429, 500, 502}
    assert not server.unanswered_callback_queries()


# --- Many people at once --------------------------------------------------------


async def test_fifty_users_at_once_each_get_their_own_result(
    server: FakeBotAPI, tmp_path: Path
) -> None:
    from bot.content.loader import load_content

    content = load_content(MINI / "questions", MINI / "profiles")
    settings = make_settings(
        server, tmp_path, questions_dir=MINI / "questions", profiles_dir=MINI / "profiles"
    )
    rng = random.Random(50)
    people = [
        (
            server.add_user(
                3000 + i, first_name=f"User{i}", language_code=rng.choice(["fr", "en"])
            ),
            random_choices(content, rng),
        )
        for i in range(50)
    ]

    async def play(user: FakeUser, choices: dict[str, tuple[str, ...]]) -> str:
        lang = content.language_for(user.language_code)
        return (await QuizPlayer(user, content, timeout=120).take(choices, lang)).text

    async with running_bot(settings):
        texts = await asyncio.gather(*(play(user, choices) for user, choices in people))
        await server.wait_until_idle()

    for (user, choices), text in zip(people, texts, strict=True):
        lang = content.language_for(user.language_code)
        assert text == expected_result_text(content, choices, lang), user
    assert len({text for text in texts}) > 10, "different answers, different results"
    assert not server.unanswered_callback_queries()


# --- Settings errors and secrets --------------------------------------------------


@pytest.mark.parametrize("token", ["", "not-a-token", "123:short"])
def test_a_missing_or_malformed_token_is_one_clear_line(tmp_path: Path, token: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    if token:
        env["TELEGRAM_BOT_TOKEN"] = token
    completed = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        env={**env, "CAREERBOT_DATA_DIR": str(tmp_path)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode != 0
    assert "Traceback" not in completed.stderr
    lines = [line for line in completed.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "TELEGRAM_BOT_TOKEN" in lines[0]
    if token:
        assert token not in completed.stderr
