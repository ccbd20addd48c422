"""Hostile input and Telegram's own errors: never "Oups", never a duplicate, never a flood of
tracebacks, never a deaf bot."""

from __future__ import annotations

import logging
import random
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from bot.content.models import Content
from bot.presentation.payloads import QuizPress, decode
from bot.telegram_bot.polling import MAX_POLL_PAUSE, poll_pause
from tests.support.fake_botapi import FakeBotAPI, FakeUser
from tests.support.harness import (
    BEGIN,
    QuizPlayer,
    begin,
    make_settings,
    quiz_message,
    quiz_presses,
    random_choices,
    running_bot,
)
from tests.support.process import NO_TELEGRAM, bot_env

OUPS = "Oups"


def tracebacks(bot_log: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in bot_log.records if r.exc_info or "Traceback" in r.getMessage()]


# --- Forged callback data (finding 4) -----------------------------------------------


@pytest.mark.parametrize("step", ["²", "⁴", "٣", "１", "+1", " 1", "1_0", "123456"])
def test_the_decoder_accepts_only_ascii_digits_as_a_step(step: str) -> None:
    assert decode(f"q|abcd1234|{step}|a|x") is None


def test_the_decoder_still_reads_real_payloads() -> None:
    assert decode("q|abcd1234|12|a|x") == QuizPress("abcd1234", 12, "answer", "x")


async def test_a_forged_step_gets_a_toast_not_oups(
    server: FakeBotAPI, tmp_path: Path, bot_log: pytest.LogCaptureFixture
) -> None:
    """Finding 4: a step such as "²" raised ValueError and the user got "Oups"."""
    user = server.add_user(601, language_code="fr")
    async with running_bot(make_settings(server, tmp_path)):
        await begin(user, BEGIN["fr"])
        message = await user.wait_for(quiz_message)
        quiz_id = quiz_presses(message)[0].quiz_id
        for step in ("²", "⁴"):
            query = user.press_data(message.message_id, f"q|{quiz_id}|{step}|a|0")
            answer = await server.wait_for_answer(query)
            assert answer.get("text") == "Ce bouton n’est pas reconnu."
        await server.wait_until_idle()
    assert not any(OUPS in text for text in user.texts)
    assert not tracebacks(bot_log)


# --- RetryAfter after the rate limiter's own retries (finding 5) --------------------


async def test_a_flood_wait_that_outlasts_the_limiter_is_waited_out(
    server: FakeBotAPI, tmp_path: Path, shipped_content: Content, bot_log: pytest.LogCaptureFixture
) -> None:
    """Finding 5: RetryAfter escaped the delivery layer: screen lost, "Oups" shown."""
    user = server.add_user(602, language_code="fr")
    choices = random_choices(shipped_content, random.Random(5))
    player = QuizPlayer(user, shipped_content, timeout=40)
    async with running_bot(make_settings(server, tmp_path)):
        await begin(user, BEGIN["fr"])
        await player.play(choices, last=1)
        await player.wait_question(2)
        # The limiter tries 1 + 3 times; all four get a 429, the fifth try goes through.
        server.fail_next("editMessageText", status=429, retry_after=1, count=4)
        await player.play(choices, first=2, last=2)
        await player.wait_question(3)
        await server.wait_until_idle()
    assert len([r for r in server.requests_for("editMessageText") if r.injected]) == 4
    assert not any(OUPS in text for text in user.texts)
    assert not tracebacks(bot_log)


# --- Lost acknowledgements (finding 6) ----------------------------------------------


async def test_a_sent_message_whose_answer_was_lost_is_not_sent_again(
    server: FakeBotAPI, tmp_path: Path
) -> None:
    """Finding 6: Telegram applied sendMessage, the reply was lost, the bot sent it again."""
    user = server.add_user(603, language_code="fr")
    async with running_bot(make_settings(server, tmp_path)):
        user.send_text("/start")
        await user.wait_for(lambda u: BEGIN["fr"] in u.buttons())
        # Longer than PTB's 5 s read timeout: the message lands, its answer never comes back.
        server.delay_next("sendMessage", 6.5)
        user.send_text("/help")
        await user.wait_for(lambda u: "Comment ça marche" in u.last_text, timeout=15)
        await server.wait_until_idle(quiet=1.0, timeout=20)
        user.send_text("/about")
        await user.wait_for(lambda u: len(u.messages) >= 3, timeout=15)
        await server.wait_until_idle(quiet=1.0, timeout=20)
    helps = [text for text in user.texts if "Comment ça marche" in text]
    assert len(helps) == 1, user.transcript()
    assert not any(OUPS in text for text in user.texts)


async def test_a_message_that_surely_was_not_sent_is_sent_again(
    server: FakeBotAPI, tmp_path: Path
) -> None:
    user = server.add_user(604, language_code="fr")
    async with running_bot(make_settings(server, tmp_path)):
        server.fail_next("sendMessage", status=502)
        user.send_text("/help")
        await user.wait_for(lambda u: "Comment ça marche" in u.last_text, timeout=15)
        await server.wait_until_idle()
    assert len([t for t in user.texts if "Comment ça marche" in t]) == 1


async def test_a_slow_acknowledgement_does_not_hold_the_next_question_back(
    server: FakeBotAPI, tmp_path: Path, shipped_content: Content
) -> None:
    """A press is answered while its screen is shown, not before: on a slow Telegram the
    next question does not wait a round trip for the toast's acknowledgement."""
    user = server.add_user(605, language_code="fr")
    choices = random_choices(shipped_content, random.Random(6))
    player = QuizPlayer(user, shipped_content, timeout=20)
    async with running_bot(make_settings(server, tmp_path)):
        await begin(user, BEGIN["fr"])
        await player.play(choices, last=1)
        await player.wait_question(2)
        await server.wait_until_idle()
        answers = len(server.requests_for("answerCallbackQuery"))
        server.delay_next("answerCallbackQuery", 30)
        await player.play(choices, first=2, last=2)
        await player.wait_question(3)  # one answer takes 30 s: sent in turn, this times out
        await server.wait_for(lambda s: len(s.requests_for("answerCallbackQuery")) > answers)
        held = server.requests_for("answerCallbackQuery")[answers:]
        assert [r.status for r in held] == [None], "the acknowledgement is still on its way"
    assert not server.unanswered_callback_queries()


# --- Polling noise and unreadable updates (finding 7) --------------------------------


def failed_polls(server: FakeBotAPI) -> int:
    return len([r for r in server.requests_for("getUpdates") if r.injected])


def helps(user: FakeUser) -> int:
    return len([text for text in user.texts if "Comment ça marche" in text])


async def test_failed_polls_are_one_warning_per_outage_without_traceback(
    server: FakeBotAPI, tmp_path: Path, bot_log: pytest.LogCaptureFixture
) -> None:
    """Finding 7: each failed getUpdates was an error with a full traceback."""
    user = server.add_user(605, language_code="fr")

    async def outage(number: int) -> None:
        server.fail_next("getUpdates", status=502, count=3)
        await server.wait_for(lambda s: failed_polls(s) == 3 * number, timeout=30)
        user.send_text("/help")
        await user.wait_for(lambda u: helps(u) == number, timeout=30)

    async with running_bot(make_settings(server, tmp_path)):
        await outage(1)
        await outage(2)
    assert not tracebacks(bot_log)
    assert not [r for r in bot_log.records if r.levelno >= logging.ERROR]
    outages = [r for r in bot_log.records if "Cannot fetch updates" in r.getMessage()]
    assert [r.levelno for r in outages] == [logging.WARNING, logging.WARNING]


def test_the_pause_between_failed_polls_grows_to_a_few_seconds_only() -> None:
    pauses = [poll_pause(failures) for failures in range(1, 9)]
    assert pauses == sorted(pauses) and pauses[0] < 1
    assert pauses[-1] == poll_pause(10**6) == MAX_POLL_PAUSE <= 5


async def test_a_long_run_of_failed_polls_leaves_the_bot_listening(
    server: FakeBotAPI, tmp_path: Path, bot_log: pytest.LogCaptureFixture
) -> None:
    """The fault campaign's flake: after a run of failed polls PTB waited 1.5 times longer each
    time, up to 30 s, and the bot stayed deaf for most of a minute once Telegram was back.
    The polls are retried by the bot itself: PTB's loop, and its back-off, never see them."""
    user = server.add_user(607, language_code="fr")
    seen_by_ptb: list[object] = []

    async def spy(update: object, context: object) -> None:
        seen_by_ptb.append(getattr(context, "error", None))

    async with running_bot(make_settings(server, tmp_path)) as application:
        application.add_error_handler(spy)
        server.fail_next("getUpdates", status=502, count=6)
        server.fail_next("getUpdates", status=429, retry_after=1, count=2)
        server.fail_next("getUpdates", status=500, count=4)
        await server.wait_for(lambda s: failed_polls(s) == 12, timeout=60)
        user.send_text("/help")
        await user.wait_for(lambda u: helps(u) == 1, timeout=30)
    assert seen_by_ptb == []
    assert not tracebacks(bot_log)
    outages = [r for r in bot_log.records if "Cannot fetch updates" in r.getMessage()]
    assert len(outages) == 1


async def test_an_update_that_cannot_be_parsed_is_skipped_with_one_line(
    server: FakeBotAPI, tmp_path: Path, bot_log: pytest.LogCaptureFixture
) -> None:
    """Finding 7: one unparseable update made polling fail forever (alive but deaf).

    The updates before and after it, fetched in the same batch, are handled; python-
    telegram-bot's own report of the batch (critical, with every update in it: people's
    names and messages) is not logged."""
    user = server.add_user(606, language_code="fr")
    async with running_bot(make_settings(server, tmp_path)):
        await server.wait_for(lambda s: s.requests_for("getUpdates"), timeout=15)
        user.send_text("/help")
        bad = server.push_update(
            "message", {"message_id": 1, "date": 0, "chat": "not a chat", "text": "Secret"}
        )
        user.send_text("/help")
        await user.wait_for(lambda u: helps(u) == 2, timeout=15)
        await server.wait_until_idle()
    skipped = [r for r in bot_log.records if "Skipped update" in r.getMessage()]
    assert len(skipped) == 1 and str(bad) in skipped[0].getMessage()
    assert not tracebacks(bot_log)
    assert not [r for r in bot_log.records if r.levelno >= logging.ERROR]
    assert not [r for r in bot_log.records if "Secret" in r.getMessage()]


def test_a_network_outage_at_start_up_is_one_line(tmp_path: Path) -> None:
    """Finding 7: about 110 lines of tracebacks came before the one-line error."""
    completed = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        env=bot_env(NO_TELEGRAM, tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode != 0
    lines = [line for line in completed.stderr.splitlines() if line.strip()]
    assert "Traceback" not in completed.stderr
    assert [line for line in lines if "ERROR" in line or line.startswith("Error:")] == [lines[-1]]
    assert lines[-1].startswith("Error: Telegram did not let the bot start")


# --- Deep-link sources (finding 9) -------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "recorded"), [("jean_dupont", "other"), ("0612345678", "other"), ("salon", "salon")]
)
async def test_only_listed_deep_link_sources_reach_the_score_log(
    server: FakeBotAPI, tmp_path: Path, payload: str, recorded: str
) -> None:
    """Finding 9: `/start jean_dupont` wrote the name into the anonymous log."""
    from bot.content.loader import load_content
    from tests.support.paths import MINI

    content = load_content(MINI / "questions", MINI / "profiles")
    settings = make_settings(
        server, tmp_path, questions_dir=MINI / "questions", profiles_dir=MINI / "profiles"
    ).model_copy(update={"sources": frozenset({"salon"})})
    user = server.add_user(607, language_code="fr")
    player = QuizPlayer(user, content)
    async with running_bot(settings):
        user.send_text(f"/start {payload}")
        await user.wait_for(lambda u: BEGIN["fr"] in u.buttons())
        user.press(BEGIN["fr"])
        await player.play(random_choices(content, random.Random(9)))
        await player.wait_result("fr")
        await server.wait_until_idle()
    with Database(tmp_path / "scores.db") as db:
        assert [row["source"] for row in db.query("select source from results")] == [recorded]
