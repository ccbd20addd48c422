"""Finishing a quiz survives a crash, the newest message is always the live question, and
every command answers clearly when state.db cannot be written."""

from __future__ import annotations

import html
import logging
import random
import re
import signal
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from bot.content.loader import ContentError
from bot.content.models import Content
from bot.content.problems import Problem
from bot.content.registry import ContentRegistry
from bot.engine.result import evaluate
from bot.engine.session import asked_questions
from bot.presentation.texts import t
from bot.state.state_db import StateDb
from tests.support.fake_botapi import FakeBotAPI
from tests.support.harness import (
    ADMIN_ID,
    BEGIN,
    QuizPlayer,
    begin,
    expected_result_text,
    make_settings,
    quiz_message,
    quiz_presses,
    random_choices,
    running_bot,
)
from tests.support.process import BotProcess

OUPS = "Oups"


def scores_rows(data_dir: Path) -> list[dict[str, object]]:
    with Database(data_dir / "scores.db") as db:
        return list(db.query("select * from results"))


# --- Finding 2: a kill between the final answer and the score log ---------------------


async def test_a_kill_after_the_last_answer_still_logs_once_and_shows_the_result(
    server: FakeBotAPI, tmp_path: Path, shipped_content: Content
) -> None:
    """Finding 2: the quiz was marked finished, no score row was written, no result shown."""
    user = server.add_user(801, language_code="fr")
    choices = random_choices(shipped_content, random.Random(80))
    player = QuizPlayer(user, shipped_content, timeout=40)
    total = len(asked_questions(shipped_content, "fr"))
    bot = BotProcess(server, tmp_path)
    with bot.running():
        await begin(user, BEGIN["fr"])
        await player.play(choices, last=total - 1)
        message = await player.wait_question(total)
        await server.wait_until_idle()
        question = asked_questions(shipped_content, "fr")[-1]
        final = (
            ("answer", choices[question.id][0]) if question.kind != "multiple" else ("confirm", "")
        )
        for option in choices[question.id] if question.kind == "multiple" else ():
            await player.press(message, "toggle", option)
            message = await player.wait_question(total, after_step=quiz_presses(message)[0].step)
        await server.wait_until_idle()
        # The last answer: the bot closes the quiz, then is killed while Telegram refuses to
        # show the result (it waits to try the edit again).
        edits = len(server.requests_for("editMessageText"))
        answers = len(server.requests_for("answerCallbackQuery"))
        server.fail_next("editMessageText", status=502, count=4)
        await player.press(message, *final)
        await server.wait_for(
            lambda s: (
                any(r.injected for r in s.requests_for("editMessageText")[edits:])
                and len(s.requests_for("answerCallbackQuery")) > answers
            )
        )
        assert bot.stop(signal.SIGKILL) == -signal.SIGKILL
    finished = StateDb(tmp_path / "state.db")
    assert finished.load_quiz(user.id) is None, "the quiz was closed before the kill"
    finished.close()

    with bot.running():
        # No result on screen: the person presses the last button again.
        await player.press(message, *final)
        result = await player.wait_result("fr")
        await server.wait_until_idle()
        assert bot.stop(signal.SIGTERM) == 0
    assert result.text == expected_result_text(shipped_content, choices, "fr")
    rows = scores_rows(tmp_path)
    assert len(rows) == 1, "logged exactly once"
    assert rows[0]["fit"] == round(evaluate(shipped_content, choices).score.overall, 1)
    assert not server.unanswered_callback_queries()
    assert "Traceback" not in "\n".join(bot.outputs)


async def test_a_late_press_of_the_last_button_shows_the_result(
    server: FakeBotAPI, tmp_path: Path, mini_content: Content
) -> None:
    """Finding 2: the final button answered "finished or abandoned quiz"; only /result worked."""
    from tests.support.paths import MINI

    settings = make_settings(
        server, tmp_path, questions_dir=MINI / "questions", profiles_dir=MINI / "profiles"
    )
    user = server.add_user(802, language_code="fr")
    choices = random_choices(mini_content, random.Random(81))
    player = QuizPlayer(user, mini_content)
    async with running_bot(settings):
        await begin(user, BEGIN["fr"])
        await player.play(choices, last=len(mini_content.questions) - 1)
        last = await player.wait_question(len(mini_content.questions))
        final = next(p for p in quiz_presses(last) if p.verb in ("answer", "confirm"))
        first = user.press(callback_data=final.encode(), message_id=last.message_id)
        await server.wait_for_answer(first)
        await server.wait_until_idle()
        # Pressed again (a double tap, or a press that came back after a crash).
        again = user.press_data(last.message_id, final.encode())
        toast = await server.wait_for_answer(again)
        await server.wait_until_idle()
    assert "terminé ou abandonné" not in str(toast.get("text"))
    assert "Votre résultat" in user.message(last.message_id).text


# --- Finding 3: the newest message is the live one -----------------------------------


async def test_typing_then_tapping_never_leaves_a_stale_screen_at_the_bottom(
    server: FakeBotAPI, tmp_path: Path, shipped_content: Content
) -> None:
    """Finding 3: the newest message stayed on an older question; every tap there was stale."""
    user = server.add_user(803, language_code="fr")
    choices = random_choices(shipped_content, random.Random(82))
    player = QuizPlayer(user, shipped_content)
    singles = [n for n, q in enumerate(shipped_content.questions, 1) if q.kind != "multiple"]
    number = singles[1]
    async with running_bot(make_settings(server, tmp_path)):
        await begin(user, BEGIN["fr"])
        await player.play(choices, last=number - 1)
        message = await player.wait_question(number)
        await server.wait_until_idle()
        # Text and a tap on the question, both sent before the bot replies to either.
        user.send_text("bonjour")
        question = shipped_content.questions[number - 1]
        await player.press(message, "answer", choices[question.id][0])
        await server.wait_until_idle()
        newest = quiz_message(user)
        assert newest is not None and newest is user.messages[-1]
        assert f"Question {number + 1}/" in newest.text, user.transcript()
        # And the newest screen works: its answer moves the quiz on.
        following = shipped_content.questions[number]
        await player.answer(number + 1, following, choices[following.id])
        await player.wait_question(number + 2)
        await server.wait_until_idle()
    stale = [m for m in user.messages if quiz_presses(m) and m is not quiz_message(user)]
    assert not stale, "only the live question keeps its buttons"


# --- Finding 8: a full disk, answered clearly by every command -------------------------


def _fill_the_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on every write to state.db fails as on a full disk."""

    def full(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    for method in ("save_quiz", "delete_quiz", "set_language", "forget", "expire_idle"):
        monkeypatch.setattr(StateDb, method, full)


async def test_a_language_pick_answers_clearly_when_state_db_is_full(
    server: FakeBotAPI,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    bot_log: pytest.LogCaptureFixture,
) -> None:
    """/language only lists the languages; the pick, which saves the choice, says it could
    not save rather than "Oups"."""
    user = server.add_user(805, language_code="fr")
    async with running_bot(make_settings(server, tmp_path)):
        await begin(user, BEGIN["fr"])
        await user.wait_for(quiz_message)
        await server.wait_until_idle()

        _fill_the_disk(monkeypatch)
        user.send_text("/language")
        await user.wait_for(lambda u: "✔️ Français" in u.buttons())
        query = user.press("English")
        await server.wait_until_idle()
        answer = server.callback_queries[query].answer
    assert answer is not None and "enregistrer" in str(answer.get("text"))
    assert not any(OUPS in text for text in user.texts)
    assert not [r for r in bot_log.records if r.exc_info or r.levelno >= logging.ERROR]


@pytest.mark.parametrize("command", ["/forget", "/cancel", "/restart", "/start"])
async def test_every_command_answers_clearly_when_state_db_is_full(
    server: FakeBotAPI,
    tmp_path: Path,
    command: str,
    monkeypatch: pytest.MonkeyPatch,
    bot_log: pytest.LogCaptureFixture,
) -> None:
    """Finding 8: with a full disk, /language, /forget, /cancel and /restart answered "Oups"."""
    user = server.add_user(804, language_code="fr")
    async with running_bot(make_settings(server, tmp_path)):
        await begin(user, BEGIN["fr"])
        await user.wait_for(quiz_message)
        await server.wait_until_idle()

        _fill_the_disk(monkeypatch)
        user.send_text(command)
        await user.wait_for(lambda u: "enregistrer" in u.last_text)
        await server.wait_until_idle()
    assert not any(OUPS in text for text in user.texts)
    assert not [r for r in bot_log.records if r.exc_info or r.levelno >= logging.ERROR]


async def test_resume_gets_a_toast_when_state_db_is_full(
    server: FakeBotAPI,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    bot_log: pytest.LogCaptureFixture,
) -> None:
    """With the disk full, Resume got no toast and three tracebacks were logged."""
    user = server.add_user(805, language_code="fr")
    async with running_bot(make_settings(server, tmp_path)):
        await begin(user, BEGIN["fr"])
        await user.wait_for(quiz_message)
        user.send_text("/start")
        offer = await user.wait_for(
            lambda u: next(
                (m for m in reversed(u.messages) if "Reprendre" in " ".join(m.buttons)), None
            )
        )
        await server.wait_until_idle()

        _fill_the_disk(monkeypatch)
        resume = next(label for label in offer.buttons if "Reprendre" in label)
        answer = await server.wait_for_answer(user.press(resume, message_id=offer.message_id))
        await server.wait_until_idle()
    assert answer.get("text") == t("toast_busy", "fr")
    assert not [r for r in bot_log.records if r.exc_info or r.levelno >= logging.ERROR]


# --- Finding 10: /reload's error text is never cut inside an HTML entity ----------------


async def test_a_long_reload_error_is_cut_between_entities(
    server: FakeBotAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding 10: the cut came after HTML-escaping and could end inside "&amp;"."""
    pattern = " & <tag> "  # escaped: 19 characters, most of them inside an entity
    shift = [0]

    async def broken(self: ContentRegistry) -> Content:
        raise ContentError([Problem("questions/01.yaml", "x" * shift[0] + pattern * 900)])

    monkeypatch.setattr(ContentRegistry, "reload", broken)
    admin = server.add_user(ADMIN_ID, first_name="Admin", language_code="fr")
    async with running_bot(make_settings(server, tmp_path)):
        for shift[0] in range(len(html.escape(pattern))):  # the cut lands on every position
            admin.send_text("/reload")
            await admin.wait_for(lambda u: len(u.messages) == shift[0] + 1)
            await server.wait_until_idle()
            refused = admin.messages[-1]
            assert "Rechargement refusé" in refused.text
            assert not re.search(r"&#?[a-z0-9]", refused.text), refused.text[-30:]
    assert not server.failed_requests()
    assert not any(OUPS in text for text in admin.texts)
