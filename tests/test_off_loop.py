"""SQLite work runs off the event loop: a slow or frozen disk holds up only the people whose
answer is being saved; /help, /about, /language, /cancel without a quiz and a stale press,
which need no disk, answer meanwhile.

The slow disk is a write of `state.db` that waits for an event the test sets: the test
asserts the order of the replies, never a time.
"""

from __future__ import annotations

import asyncio
import random
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from bot.content.models import Content
from bot.engine.session import QuizSession
from bot.presentation.payloads import QuizPress
from bot.presentation.texts import t
from bot.state.records import ActiveQuiz
from bot.state.state_db import StateDb
from tests.support.fake_botapi import BotMessage, FakeBotAPI, FakeUser
from tests.support.harness import (
    BEGIN,
    QuizPlayer,
    begin,
    make_settings,
    quiz_presses,
    random_choices,
    running_bot,
)

#: How long a frozen write waits for the test at most: were the loop blocked by the write,
#: the test could not release it, and the write goes on after this so the test fails
#: (on the order of the replies) instead of hanging.
GUARD = 60.0


class FrozenDisk:
    """`StateDb.save_quiz` for one person waits until `thaw()`; `frozen` is set when it does."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, user_id: int) -> None:
        self.frozen = threading.Event()
        self._thawed = threading.Event()
        self.threads: list[str] = []
        original = StateDb.save_quiz

        def save_quiz(db: StateDb, who: int, quiz: ActiveQuiz) -> None:
            if who == user_id:
                self.threads.append(threading.current_thread().name)
                self.frozen.set()
                self._thawed.wait(GUARD)
            original(db, who, quiz)

        monkeypatch.setattr(StateDb, "save_quiz", save_quiz)

    async def wait_frozen(self) -> None:
        assert await asyncio.to_thread(self.frozen.wait, GUARD), "the write never started"

    def thaw(self) -> None:
        self._thawed.set()


def stored_session(data_dir: Path, user_id: int) -> QuizSession:
    with Database(data_dir / "state.db") as db:
        row = next(db.query("select data from sessions where user_id = ?", [user_id]))
    return QuizSession.model_validate_json(row["data"])


async def test_a_frozen_write_holds_up_only_the_person_whose_answer_it_saves(
    server: FakeBotAPI,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shipped_content: Content,
) -> None:
    ana = server.add_user(901, first_name="Ana", language_code="fr")  # her answer is saved
    bob = server.add_user(902, first_name="Bob", language_code="fr")  # presses a stale button
    cleo = server.add_user(903, first_name="Cleo", language_code="en")  # never seen: /help
    async with running_bot(make_settings(server, tmp_path)):
        players = {user.id: QuizPlayer(user, shipped_content) for user in (ana, bob)}
        for user in (ana, bob):
            await begin(user, BEGIN["fr"])
            await players[user.id].wait_question(1)
        await _answer_shown(players[bob.id], 1)
        bob_question = await players[bob.id].wait_question(2)

        disk = FrozenDisk(monkeypatch, ana.id)
        ana_press = await _answer_shown(players[ana.id], 1)
        await disk.wait_frozen()

        stale = _stale(bob_question)
        bob_press = bob.press_data(bob_question.message_id, stale.encode())
        cleo.send_text("/help")
        cleo.send_text("/about")
        cleo.send_text("/language")
        cleo.send_text("/cancel")
        bob.send_text("/help")
        toast = await server.wait_for_answer(bob_press)
        await cleo.wait_for(lambda u: "How it works" in u.texts[0] and len(u.texts) == 4)
        await bob.wait_for(lambda u: "Comment ça marche" in u.last_text)

        # All of it answered while Ana's answer is still being written: she has no reply yet.
        assert server.callback_queries[ana_press].answer is None
        assert _shown_question(ana) == 1
        assert "question en cours" in str(toast.get("text"))
        assert "The method" in cleo.texts[1]
        assert "Français" in cleo.messages[2].buttons
        assert cleo.texts[3] == t("nothing_to_cancel", "en")

        disk.thaw()
        await players[ana.id].wait_question(2)
        await server.wait_for_answer(ana_press)
    assert disk.threads == ["state.db_0"], "the write ran on the database's own thread"
    assert shipped_content.questions[0].id in stored_session(tmp_path, ana.id).answers


async def test_every_sqlite_statement_of_a_quiz_runs_off_the_event_loop(
    server: FakeBotAPI,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shipped_content: Content,
) -> None:
    """From start-up to the result, each statement on state.db runs on its thread."""
    threads = _trace_state_db(monkeypatch)
    forgotten = t("forgotten", "en")
    user = server.add_user(904, language_code="en")
    async with running_bot(make_settings(server, tmp_path)):
        threads.clear()  # start-up (migrations, the write probe) runs before the loop serves
        await QuizPlayer(user, shipped_content).take(
            random_choices(shipped_content, random.Random(904)), "en"
        )
        for command in ("/result", "/language", "/forget"):
            user.send_text(command)
        await user.wait_for(lambda u: u.last_text == forgotten)
        await server.wait_until_idle()
    assert threads, "no statement was traced"
    assert set(threads) == {"state.db_0"}


def _trace_state_db(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of the thread that ran each statement on state.db's connection."""
    threads: list[str] = []
    original = StateDb.__init__

    def traced(db: StateDb, path: Path, *, timeout: float = 10.0) -> None:
        original(db, path, timeout=timeout)
        db.db.conn.set_trace_callback(lambda _: threads.append(threading.current_thread().name))

    monkeypatch.setattr(StateDb, "__init__", traced)
    return threads


async def _answer_shown(player: QuizPlayer, number: int) -> str:
    """Press the first answer of question `number` (a scale or a single choice)."""
    message = await player.wait_question(number)
    answers = [press.arg for press in quiz_presses(message) if press.verb == "answer"]
    return await player.press(message, "answer", answers[0])


def _stale(message: BotMessage) -> QuizPress:
    """A press drawn for the step before the one shown, as an old keyboard would send."""
    shown = quiz_presses(message)[0]
    return QuizPress(shown.quiz_id, shown.step - 1, "back")


def _shown_question(user: FakeUser) -> int:
    for message in reversed(user.messages):
        if quiz_presses(message):
            return int(message.text.split("Question ")[1].split("/")[0])
    raise AssertionError("no question shown")


@pytest.fixture(autouse=True)
def _no_leftover_threads() -> Iterator[None]:
    before = {thread.name for thread in threading.enumerate()}
    yield
    left = {thread.name for thread in threading.enumerate()} - before
    assert not {name for name in left if name.startswith(("state.db", "scores.db"))}
