"""A seeded fault campaign against a real `python -m bot run` process.

Simulated people play the quiz through the fake Bot API while they double-tap,
press stale and forged buttons, type, and send every command; meanwhile Bot API
faults are injected (429, 5xx, slow and lost answers, failed polls) and the bot
process is SIGKILLed and started again. Each person knows the answers they mean
to give, so every result they are shown can be checked against the engine.

Used by tests/test_chaos.py (a short campaign in `make test`) and by
`python -m tests.support.soak` (`make soak`: many people, memory and fds).
"""

from __future__ import annotations

import asyncio
import contextlib
import difflib
import random
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.content.loader import load_content
from bot.content.models import Content, Lang
from bot.presentation.payloads import QuizPress, decode
from tests.support.fake_botapi import BotMessage, FakeBotAPI, FakeUser
from tests.support.harness import Choices, expected_result_text, quiz_presses, random_choices
from tests.support.paths import MINI_PROFILES, MINI_QUESTIONS
from tests.support.process import BotProcess

RESULT_MARKERS: dict[Lang, str] = {"fr": "Votre résultat", "en": "Your result"}
BEGIN = ("▶️ Commencer le quiz", "▶️ Start the quiz")
RESUME = ("Reprendre", "Resume")
#: /result is left out: the person counts the result screens to see their quiz's result.
NOISE_COMMANDS = ("/help", "/about", "/language", "/start", "/hello")
FAULTY_METHODS = (
    "editMessageText",
    "sendMessage",
    "answerCallbackQuery",
    "editMessageReplyMarkup",
    "sendPhoto",
    "getUpdates",
)
#: Injected in turn: Telegram's flood control, its 5xx answers, a slow answer, and an
#: answer that comes after PTB's 5 s read timeout (the call is applied, its answer lost).
FAULT_KINDS = ("429", "500", "502", "slow", "lost")
#: A press that came this long before a kill may have been lost with the process.
KILL_SHADOW = 15.0


@dataclass(frozen=True)
class Plan:
    seed: int
    users: int
    quizzes_each: int
    kills: int
    fault_every: float
    """Seconds between two injected Bot API faults."""
    arrival_spread: float = 0.0
    """People start at random moments within this many seconds."""
    sample: Callable[[int], None] | None = None
    """Called with the bot's pid about once a second (the soak measures memory and fds)."""
    patience: float = 0.0
    """Extra seconds people may take after the span to see their results: only bounds the wait,
    so a slow machine finishes instead of failing (the kills still follow the span)."""
    think: tuple[float, float] = (0.0, 0.0)
    """Seconds a person takes before each action, drawn in this range (0: as fast as the bot)."""
    unthrottled: bool = False
    """Lift Telegram's 30 messages/s throttle (as `make bench` does) for a long, heavy run."""


@dataclass
class Report:
    finished: int = 0
    results_checked: int = 0
    faults: dict[str, int] = field(default_factory=dict)
    kills: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    bot_output: str = ""


def _newest(user: FakeUser, test: Callable[[BotMessage], bool]) -> BotMessage | None:
    for message in reversed(user.messages):
        if test(message):
            return message
    return None


def _live_question(user: FakeUser) -> BotMessage | None:
    return _newest(user, lambda m: bool(quiz_presses(m)))


def _number(message: BotMessage) -> int | None:
    for word in message.text.split():
        if "/" in word and word.split("/")[0].isdigit():
            return int(word.split("/")[0])
    return None


def _total(message: BotMessage) -> int | None:
    """N of "Question k/N": how many questions this quiz asks (fixed when it started)."""
    for word in message.text.split():
        number, _, total = word.partition("/")
        if number.isdigit() and total.isdigit():
            return int(total)
    return None


def _lang_of(text: str) -> Lang | None:
    for lang, marker in RESULT_MARKERS.items():
        if marker in text:
            return lang
    return None


class Person:
    """One simulated person: plays `quizzes` quizzes with noise, checks each result."""

    def __init__(
        self, server: FakeBotAPI, user: FakeUser, content: Content, rng: random.Random
    ) -> None:
        self.server, self.user, self.content, self.rng = server, user, content, rng
        self.choices: Choices = random_choices(content, rng)
        self.old_payloads: list[tuple[int, str]] = []
        self.double_tap = False

    async def _settle(self, query_id: str | None = None, wait: float = 3.0) -> None:
        """Give the bot a moment: until this press is answered (or a message comes), or `wait` s."""
        if query_id is None:
            count = len(self.user.messages)
            with contextlib.suppress(AssertionError):
                await self.user.wait_for(lambda u: len(u.messages) > count, timeout=wait)
            return
        # The bot may be dead or slow: the person then looks at the screen again.
        with contextlib.suppress(AssertionError):
            await self.server.wait_for_answer(query_id, timeout=wait)

    def _press(self, message: BotMessage, data: str) -> str:
        self.old_payloads.append((message.message_id, data))
        if self.double_tap:
            self.double_tap = False
            self.user.press_data(message.message_id, data)
        return self.user.press_data(message.message_id, data)

    async def _get_going(self) -> None:
        """Start or resume a quiz from wherever the chat is."""
        greeting = _newest(self.user, lambda m: any(map(_starts_or_resumes, m.buttons)))
        if greeting is not None and self.rng.random() < 0.8:
            label = next(filter(_starts_or_resumes, greeting.buttons))
            await self._settle(self.user.press(label, message_id=greeting.message_id))
            return
        self.user.send_text("/start")
        await self._settle(wait=1.0)

    async def _noise(self, live: BotMessage | None) -> None:
        roll = self.rng.random()
        if roll < 0.25 and live is not None:  # the next honest press is a double tap
            self.double_tap = True
        elif roll < 0.45 and self.old_payloads:  # a stale button kept on screen
            message_id, data = self.rng.choice(self.old_payloads)
            await self._settle(self.user.press_data(message_id, data))
        elif roll < 0.6 and live is not None:  # forged payloads
            press = quiz_presses(live)[0]
            forged = self.rng.choice(
                [
                    f"q|{press.quiz_id}|{self.rng.choice('²⁴٣')}|a|0",
                    f"q|deadbeef|{press.step}|a|0",
                    "m|lang|xx",
                    "garbage" * self.rng.randint(1, 9),
                ]
            )
            await self._settle(self.user.press_data(live.message_id, forged))
        elif roll < 0.8:
            self.user.send_text(self.rng.choice(["bonjour", "?", "je ne sais pas", "😀"]))
            await self._settle()
        else:
            self.user.send_text(self.rng.choice(NOISE_COMMANDS))
            await self._settle()

    async def _step(self, live: BotMessage) -> bool:
        """One honest press on the live question; True when it was the last answer."""
        number = _number(live)
        presses = quiz_presses(live)
        if number is None or not presses:
            return False
        question = self.content.questions[number - 1]
        wanted = self.choices[question.id]
        final = number == _total(live)
        if question.kind != "multiple":
            await self._settle(self._press(live, _find(presses, "answer", wanted[0])))
            return final
        ticked = {
            press.arg
            for button, press in _buttons(live)
            if press.verb == "toggle" and button.startswith("✅")
        }
        differing = [o.id for o in question.options if (o.id in wanted) != (o.id in ticked)]
        if differing:
            await self._settle(self._press(live, _find(presses, "toggle", differing[0])))
            return False
        await self._settle(self._press(live, _find(presses, "confirm", "")))
        return final

    def _check(self, message: BotMessage, report: Report) -> None:
        lang = _lang_of(message.text)
        assert lang is not None
        report.results_checked += 1
        expected = expected_result_text(self.content, self.choices, lang)
        if message.text != expected:
            diff = difflib.unified_diff(
                expected.splitlines(), message.text.splitlines(), lineterm=""
            )
            report.problems.append(
                f"{self.user.id}: result #{message.message_id} differs from the engine's on "
                f"{self.choices}:\n" + "\n".join(list(diff)[2:12])
            )

    def _results_shown(self) -> int:
        """How many result screens the chat has shown so far, counting each edit."""
        texts = [v.text for m in self.user.messages for v in m.history] + [
            m.text for m in self.user.messages
        ]
        return sum(1 for text in texts if _lang_of(text))

    async def play(
        self, quizzes: int, report: Report, deadline: float, think: tuple[float, float] = (0, 0)
    ) -> None:
        """Play until `quizzes` results were shown and checked; a live question is answered,
        a missing one is looked for (greeting, /start), and noise is made all along."""
        done, seen = 0, self._results_shown()
        while done < quizzes and time.monotonic() < deadline:
            if think[1] > 0:
                await asyncio.sleep(self.rng.uniform(*think))
            if self._results_shown() > seen:
                result = _newest(self.user, lambda m: _lang_of(m.text) is not None)
                assert result is not None
                self._check(result, report)
                report.finished += 1
                done += 1
                # Forget everything: the next result has no "since last time" part.
                for command in ("/forget", "/start"):
                    self.user.send_text(command)
                    await self._settle(wait=2.0)
                self.choices = random_choices(self.content, self.rng)
                seen = self._results_shown()
                continue
            live = _live_question(self.user)
            if live is None:
                await self._get_going()
            elif self.rng.random() < 0.3:
                await self._noise(live)
            else:
                await self._step(live)
        if done < quizzes:
            tail = "\n".join(line[:80] for line in self.user.transcript().splitlines()[-60:])
            report.problems.append(f"{self.user.id}: {done} of {quizzes} results shown\n{tail}")


def _starts_or_resumes(button: str) -> bool:
    """The resume button names the question it resumes at: « ▶️ Reprendre (question 5/8) »."""
    return button in BEGIN or any(word in button for word in RESUME)


def _buttons(message: BotMessage) -> list[tuple[str, QuizPress]]:
    found = []
    for row in message.reply_markup:
        for button in row:
            press = decode(button.data)
            if isinstance(press, QuizPress):
                found.append((button.text, press))
    return found


def _find(presses: list[QuizPress], verb: str, arg: str) -> str:
    for press in presses:
        if press.verb == verb and press.arg == arg:
            return press.encode()
    raise AssertionError(f"no {verb} {arg!r} button")


async def _inject_faults(
    server: FakeBotAPI, rng: random.Random, plan: Plan, report: Report, stop: asyncio.Event
) -> None:
    while not stop.is_set():
        await _sleep_or_stop(stop, rng.expovariate(1 / plan.fault_every))
        # A fault waits for the next call of its method. Faults must not pile up on a method
        # the bot is not calling (while it restarts or waits): they would then meet it all in a
        # row, in runs as long as the machine is slow.
        method = rng.choice(FAULTY_METHODS)
        if server.faults_waiting(method):
            continue
        kind = FAULT_KINDS[sum(report.faults.values()) % len(FAULT_KINDS)]
        if kind in ("slow", "lost"):
            seconds = rng.uniform(0.3, 2.0) if kind == "slow" else 6.0
            server.delay_next(method, seconds)
        else:
            server.fail_next(method, status=int(kind), retry_after=1)
        report.faults[kind] = report.faults.get(kind, 0) + 1


async def _sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


async def _kill_now_and_then(
    bot: BotProcess, rng: random.Random, plan: Plan, report: Report, span: float
) -> None:
    for _ in range(plan.kills):
        await asyncio.sleep(rng.uniform(0.3, 1.0) * span / max(plan.kills, 1))
        report.kills.append(time.monotonic())
        await bot.stop_soon(signal.SIGKILL)
        bot.start()


async def _serving(server: FakeBotAPI, since: float, timeout: float) -> None:  # noqa: ASYNC109
    """Until the bot process started at `since` has polled: by then it answers stop signals."""
    await server.wait_for(
        lambda s: any(r.method == "getUpdates" and r.at > since for r in s.requests),
        timeout=timeout,
    )


async def _sample(bot: BotProcess, plan: Plan, stop: asyncio.Event) -> None:
    while plan.sample is not None and not stop.is_set():
        if bot.process is not None:
            plan.sample(bot.pid)
        await _sleep_or_stop(stop, 1.0)


async def run_campaign(
    server: FakeBotAPI,
    data_dir: Path,
    plan: Plan,
    *,
    span: float,
    settle: float = 60.0,
    content: Content | None = None,
) -> Report:
    """Run `plan` for at most `span` seconds of play, then let the bot settle and stop it."""
    content = content or load_content(MINI_QUESTIONS, MINI_PROFILES)
    rng = random.Random(plan.seed)
    report = Report()
    bot = BotProcess(
        server,
        data_dir,
        module="bench.careerbot_process" if plan.unthrottled else "bot",
        CAREERBOT_QUESTIONS_DIR=str(MINI_QUESTIONS),
        CAREERBOT_PROFILES_DIR=str(MINI_PROFILES),
    )
    people = [
        Person(
            server,
            server.add_user(10_000 + i, first_name=f"P{i}", language_code=rng.choice(["fr", "en"])),
            content,
            random.Random(rng.random()),
        )
        for i in range(plan.users)
    ]
    stop = asyncio.Event()
    bot.start()
    deadline = time.monotonic() + span + plan.patience
    try:
        background = [
            asyncio.create_task(_inject_faults(server, rng, plan, report, stop)),
            asyncio.create_task(_sample(bot, plan, stop)),
        ]
        killer = asyncio.create_task(_kill_now_and_then(bot, rng, plan, report, span / 2))

        async def arrive(person: Person) -> None:
            await asyncio.sleep(rng.uniform(0, plan.arrival_spread))
            await person.play(plan.quizzes_each, report, deadline, plan.think)

        await asyncio.gather(*(arrive(person) for person in people))
        await killer
        stop.set()
        await asyncio.gather(*background)
        # A bot restarted by the last kill may still be importing, before its signal handlers
        # exist: SIGTERM would then end it at once (-15), which is no test of a clean stop.
        await _serving(server, since=bot.started_at, timeout=settle)
        # Quiet for longer than the longest retry pause: nothing is still on its way.
        try:
            await server.wait_until_idle(quiet=4.0, timeout=settle)
        except AssertionError:
            report.problems.append(f"the bot was still busy {settle:.0f} s after the last press")
        status = await bot.stop_soon(signal.SIGTERM)
        if status != 0:
            last_lines = "\n".join(bot.outputs[-1].splitlines()[-20:])
            report.problems.append(
                f"SIGTERM did not stop the bot cleanly (exit status {status}); it said last:\n"
                + last_lines
            )
    finally:
        stop.set()
        if bot.process is not None:
            bot.stop(signal.SIGKILL)
    report.bot_output = "\n".join(bot.outputs)
    _check_callbacks(server, report)
    return report


def _check_callbacks(server: FakeBotAPI, report: Report) -> None:
    """Every callback query answered, except those a kill may have taken down with it."""
    for query in server.unanswered_callback_queries():
        if not any(0 <= kill - query.at <= KILL_SHADOW for kill in report.kills):
            chat = server.chats[query.chat_id]
            report.problems.append(
                f"callback query {query.id} {query.data!r} of {query.chat_id} never answered\n"
                + "\n".join(line[:100] for line in chat.transcript().splitlines()[-25:])
            )
