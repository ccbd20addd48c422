"""The simulated people of the load benchmarks: what they press, and how fast."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from bench.load_server import LoadServer
from bot.presentation.payloads import MenuPress, QuizPress, decode
from tests.support.fake_botapi import BotMessage, FakeUser

WAIT_LIMIT = 60.0
"""A user who sees no reply for this long gives up (and is counted as stuck)."""

Strategy = Callable[[BotMessage, random.Random], str | None]
"""The callback data to press on the message with the keyboard; None when the quiz is over."""


def careerbot_press(message: BotMessage, rng: random.Random) -> str | None:
    presses = [decode(button.data) for row in message.reply_markup for button in row]
    quiz = [p for p in presses if isinstance(p, QuizPress)]
    if not quiz:
        begin = [p for p in presses if isinstance(p, MenuPress) and p.verb == "begin"]
        return begin[0].encode() if begin else None
    answers = [p for p in quiz if p.verb == "answer"]
    if answers:
        return rng.choice(answers).encode()
    confirm = [p for p in quiz if p.verb == "confirm"]
    if confirm and any(text.startswith("✅") for text in message.buttons):
        return confirm[0].encode()
    # A forced choice shows Confirm only once enough options are ticked: tick another.
    buttons = [button for row in message.reply_markup for button in row]
    unticked = [
        press
        for button in buttons
        if not button.text.startswith("✅")
        and isinstance(press := decode(button.data), QuizPress)
        and press.verb == "toggle"
    ]
    return rng.choice(unticked).encode()


def floor_press(message: BotMessage, rng: random.Random) -> str | None:
    data = [button.data for row in message.reply_markup for button in row]
    return rng.choice(data) if data else None


@dataclass(frozen=True)
class Scenario:
    """Who presses how fast: `users` people arriving within `arrivals` seconds, each waiting
    a random time within `pace` before every press (None: flat out, all at once)."""

    name: str
    users: int
    pace: tuple[float, float] | None
    arrivals: float = 0.0

    def describe(self) -> str:
        if self.pace is None:
            return f"flat out, {self.users:,} people"
        low, high = self.pace
        return f"{self.users:,} people, a press every {low:g}–{high:g} s"


@dataclass
class Player:
    user: FakeUser
    server: LoadServer
    press_for: Strategy
    scenario: Scenario
    rng: random.Random
    finished: bool = False
    stuck: bool = False
    seen: int = 0

    def _state(self) -> int:
        chat = self.user.chat
        return len(chat.all_messages) + sum(len(m.history) for m in chat.all_messages)

    async def _next_screen(self) -> BotMessage | None:
        """Wait until the bot has shown something new; the newest message with a keyboard."""
        event = self.server.events[self.user.id]
        deadline = time.monotonic() + WAIT_LIMIT
        while self._state() == self.seen:
            event.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                return None
        self.seen = self._state()
        messages = self.user.chat.messages
        keyboards = [m for m in messages if m.reply_markup]
        return keyboards[-1] if keyboards else messages[-1]

    async def _pause(self) -> None:
        if self.scenario.pace is not None:
            await asyncio.sleep(self.rng.uniform(*self.scenario.pace))

    async def play(self) -> None:
        self.server.events[self.user.id] = asyncio.Event()
        await asyncio.sleep(self.rng.uniform(0, self.scenario.arrivals))
        await self._pause()
        self.user.send_text("/start")
        while True:
            screen = await self._next_screen()
            if screen is None:
                self.stuck = True
                return
            data = self.press_for(screen, self.rng)
            if data is None:
                self.finished = True
                return
            await self._pause()
            self.user.press(callback_data=data, message_id=screen.message_id)
