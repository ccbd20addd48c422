"""Run the real bot against the fake Bot API, and play quizzes through it."""

from __future__ import annotations

import random
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from telegram.ext import Application

from bot.content.loader import load_profiles
from bot.content.models import Content, Lang, Question
from bot.engine.record import record_of
from bot.engine.result import evaluate
from bot.presentation.payloads import QuizPress, decode
from bot.presentation.result_summary import summary
from bot.presentation.result_text import to_plain
from bot.settings import Settings
from bot.telegram_bot.application import build_application
from bot.telegram_bot.flood import FloodGate
from tests.support.fake_botapi import BotMessage, FakeBotAPI, FakeUser
from tests.support.paths import SHIPPED_PROFILES, SHIPPED_QUESTIONS

TOKEN = "123456789:AAHfakeTokenForTests_0123456789abcdef"
ADMIN_ID = 4242

Choices = dict[str, tuple[str, ...]]

#: The greeting's Begin button in each language of the bot.
BEGIN: dict[Lang, str] = {"fr": "▶️ Commencer le quiz", "en": "▶️ Start the quiz"}


def make_settings(
    server: FakeBotAPI,
    data_dir: Path,
    *,
    questions_dir: Path = SHIPPED_QUESTIONS,
    profiles_dir: Path = SHIPPED_PROFILES,
    locales_dir: Path | None = None,
) -> Settings:
    return Settings(
        bot_token=TOKEN,
        base_url=server.base_url,
        data_dir=data_dir,
        questions_dir=questions_dir,
        profiles_dir=profiles_dir,
        locales_dir=locales_dir,
        admin_ids=frozenset({ADMIN_ID}),
    )


@asynccontextmanager
async def running_bot(
    settings: Settings, *, flood_gate: FloodGate | None = None
) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """The real `Application`, long polling the fake server, until the block ends."""
    contents = load_profiles(settings.questions_dir, settings.profiles_dir, settings.profiles)
    application = build_application(settings, contents, flood_gate=flood_gate)
    async with application:
        # What run_polling() does around start/stop, minus the signal handling.
        if application.post_init:
            await application.post_init(application)
        await application.start()
        assert application.updater is not None
        # As run_polling() does: errors while fetching updates go to the error handlers.
        await application.updater.start_polling(
            poll_interval=0.0,
            timeout=1,
            error_callback=lambda error: _report(application, error),
        )
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()
    if application.post_shutdown:
        await application.post_shutdown(application)


def _report(application: Application, error: Exception) -> None:  # type: ignore[type-arg]
    application.create_task(application.process_error(update=None, error=error))


def quiz_presses(message: BotMessage) -> list[QuizPress]:
    return [
        press
        for row in message.reply_markup
        for button in row
        if isinstance(press := decode(button.data), QuizPress)
    ]


def quiz_message(user: FakeUser) -> BotMessage | None:
    """The newest message showing a question."""
    for message in reversed(user.messages):
        if quiz_presses(message):
            return message
    return None


def random_choices(content: Content, rng: random.Random) -> Choices:
    choices: Choices = {}
    for question in content.questions:
        if question.assumed is not None:  # as it counts when the quiz does not ask it
            choices[question.id] = (question.assumed,)
        elif question.kind == "likert":
            choices[question.id] = (str(rng.randint(0, 4)),)
        elif question.one_answer:
            choices[question.id] = (rng.choice(question.options).id,)
        elif question.pick is not None:
            chosen = set(rng.sample([o.id for o in question.options], question.pick))
            choices[question.id] = tuple(o.id for o in question.options if o.id in chosen)
        else:
            picked = [o.id for o in question.options if rng.random() < 0.5]
            exclusive = [i for i in picked if question.options_by_id[i].exclusive]
            choices[question.id] = (exclusive[0],) if exclusive else tuple(picked)
    return choices


def expected_result_text(content: Content, choices: Choices, lang: Lang) -> str:
    """The summary the bot shows for these answers (the sections open from its buttons)."""
    record = record_of(content, evaluate(content, choices), lang=lang)
    return to_plain(summary(content, record, lang))


async def begin(user: FakeUser, label: str) -> None:
    """Send /start and press the greeting's Begin button (`label`, in the user's language)."""
    user.send_text("/start")
    await user.wait_for(lambda u: label in u.buttons())
    user.press(label)


async def choose_language(user: FakeUser, name: str) -> None:
    """Send /language and press `name` (« English ») on the picker, where the language spoken
    now is ticked."""
    user.send_text("/language")

    def picker(u: FakeUser) -> bool:
        buttons = u.buttons()
        return name in buttons and any(b.startswith("✔️ ") for b in buttons)

    await user.wait_for(picker)
    user.press(name)


class QuizPlayer:
    """Plays a quiz as a person would: waiting for each question, then pressing."""

    def __init__(self, user: FakeUser, content: Content, timeout: float = 30.0) -> None:
        self.user = user
        self.content = content
        self.timeout = timeout

    @property
    def total(self) -> int:
        """How many questions the quiz on screen asks ("Question k/N"): a question for
        other languages than the job's own is asked only in a quiz started in them."""
        message = quiz_message(self.user)
        found = re.search(r"Question \d+/(\d+)", message.text) if message else None
        if found is None:
            raise AssertionError(f"no question on screen\n{self.user.transcript()}")
        return int(found.group(1))

    async def wait_question(self, number: int, *, after_step: int = -1) -> BotMessage:
        header = re.compile(rf"Question {number}/\d+\b")

        def shown(user: FakeUser) -> BotMessage | None:
            message = quiz_message(user)
            if message is None or not header.search(message.text):
                return None
            return message if quiz_presses(message)[0].step > after_step else None

        return await self.user.wait_for(shown, timeout=self.timeout)

    async def press(self, message: BotMessage, verb: str, arg: str = "") -> str:
        for press in quiz_presses(message):
            if press.verb == verb and press.arg == arg:
                return self.user.press(callback_data=press.encode(), message_id=message.message_id)
        raise AssertionError(f"no {verb} {arg!r} button on\n{self.user.transcript()}")

    async def answer(self, number: int, question: Question, choice: tuple[str, ...]) -> None:
        message = await self.wait_question(number)
        if question.kind != "multiple":
            await self.press(message, "answer", choice[0])
            return
        step = quiz_presses(message)[0].step
        for option in choice:
            await self.press(message, "toggle", option)
            message = await self.wait_question(number, after_step=step)
            step = quiz_presses(message)[0].step
        await self.press(message, "confirm")

    async def play(self, choices: Choices, *, first: int = 1, last: int | None = None) -> None:
        """Answer questions `first`..`last` (1-based, inclusive)."""
        if last is None:
            await self.wait_question(first)
            last = self.total
        for number in range(first, last + 1):
            question = self.content.questions[number - 1]
            await self.answer(number, question, choices[question.id])

    async def take(self, choices: Choices, lang: Lang) -> BotMessage:
        """Send /start, press Begin (its label in `lang`) and answer every question as
        `choices` says: the result shown."""
        await begin(self.user, BEGIN[lang])
        await self.play(choices)
        return await self.wait_result(lang)

    async def wait_result(self, lang: Lang) -> BotMessage:
        marker = "Votre résultat" if lang == "fr" else "Your result"

        def result(user: FakeUser) -> BotMessage | None:
            for message in reversed(user.messages):
                if marker in message.text and "€" in message.text:
                    return message
            return None

        return await self.user.wait_for(result, timeout=self.timeout)


def make_read_only(path: Path) -> None:
    """Make a file unwritable, even for root (whose writes ignore permission bits)."""
    import sqlite3
    import subprocess

    def writable() -> bool:
        try:
            with sqlite3.connect(path) as conn:
                conn.execute("create table if not exists _probe (x)")
                conn.execute("drop table _probe")
            return True
        except sqlite3.Error:
            return False

    path.chmod(0o444)
    if writable():
        subprocess.run(["chattr", "+i", str(path)], check=True, capture_output=True)
    assert not writable(), f"could not make {path.name} read-only"


def undo_read_only(path: Path) -> None:
    import subprocess

    subprocess.run(["chattr", "-i", str(path)], check=False, capture_output=True)
    path.chmod(0o644)
