"""Fair under flood: each person may have only a few updates waiting.

One person's 400 texts used to make 800 replies and hold everyone else's behind
them for half a minute; 300 presses on a stale button, 6 s. A person's updates
are handled one at a time (see `ordering`); an update that arrives while that
person already has `MAX_WAITING` waiting is a flood: it gets one short notice,
and everything the person sends in the next `COOLDOWN` seconds is ignored (a
button press is still answered, with a short toast, so that it stops spinning).
Someone going through the quiz fast waits for each answer before the next
press, so never has more than a double tap waiting: only a flood is refused,
and it costs the bot almost nothing.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import time
from collections.abc import Callable

from telegram import Update
from telegram.error import TelegramError

from bot.presentation.screens import Screen
from bot.presentation.texts import t
from bot.telegram_bot.delivery import send, with_retries

log = logging.getLogger(__name__)

#: Updates a person may have waiting; one more is a flood.
MAX_WAITING = 5
#: Seconds a flooding person is ignored after the notice.
COOLDOWN = 5.0


class Verdict(enum.Enum):
    HANDLE = "handle"
    WARN = "warn"  # the update that starts a flood: answered with one short notice
    IGNORE = "ignore"  # during the cooldown; a press still gets its toast


class FloodGate:
    """Says what to do with a person's arriving update, given how many they have waiting."""

    def __init__(
        self,
        max_waiting: int = MAX_WAITING,
        cooldown: float = COOLDOWN,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_waiting, self.cooldown, self.clock = max_waiting, cooldown, clock
        self._ignored_until: dict[int, float] = {}

    def admit(self, user_id: int, waiting: int) -> Verdict:
        now = self.clock()
        until = self._ignored_until.get(user_id)
        if until is not None:
            if now < until:
                return Verdict.IGNORE
            del self._ignored_until[user_id]
        if waiting < self.max_waiting:
            return Verdict.HANDLE
        self._forget_the_calm(now)
        self._ignored_until[user_id] = now + self.cooldown
        return Verdict.WARN

    def _forget_the_calm(self, now: float) -> None:
        for user_id, until in list(self._ignored_until.items()):
            if until <= now:
                del self._ignored_until[user_id]

    def flooding(self) -> int:
        """How many people are being ignored now."""
        now = self.clock()
        return sum(until > now for until in self._ignored_until.values())


def gated(update: object) -> int | None:
    """The id of the person whose message or button press this is; None for other updates
    (a person blocking the bot, a group's changes), which are never refused."""
    if not isinstance(update, Update) or update.effective_user is None:
        return None
    if update.message is None and update.callback_query is None:
        return None
    return update.effective_user.id


async def refuse(
    update: Update, verdict: Verdict, language_for: Callable[[str | None], str]
) -> None:
    """Answer a refused update: a toast for a press, one notice for the start of a flood.

    The language is the client's (`language_for`), not the stored one: a refused update
    costs no database read."""
    user = update.effective_user
    lang = language_for(user.language_code if user else None)
    chat = update.effective_chat
    query = update.callback_query
    with contextlib.suppress(TelegramError):
        if query is not None:
            toast = t("flood_toast", lang)
            await with_retries(lambda: query.answer(toast), idempotent=True)
        elif verdict is Verdict.WARN and chat is not None and chat.type == "private":
            await send(update.get_bot(), chat.id, Screen(t("flood_notice", lang)))
    if verdict is Verdict.WARN:
        log.info("A person sends too much at once: ignored for %.0f s", COOLDOWN)
