"""Fair under flood: a person who sends too much at once gets one short answer and is ignored
for a moment; a refused press is still answered; nobody else waits behind the flood."""

from __future__ import annotations

import contextlib
from pathlib import Path

from bot.presentation.texts import t
from bot.telegram_bot.flood import MAX_WAITING, FloodGate, Verdict
from tests.support.fake_botapi import FakeBotAPI, FakeUser
from tests.support.harness import begin, make_settings, quiz_message, running_bot

HELP_FR = "Comment ça marche"


def notice_fr() -> str:
    return t("flood_notice", "fr")


def toast_fr() -> str:
    return t("flood_toast", "fr")


def test_the_gate_refuses_only_past_the_waiting_limit_then_ignores_for_the_cooldown() -> None:
    clock = [0.0]
    gate = FloodGate(max_waiting=3, cooldown=5.0, clock=lambda: clock[0])
    assert [gate.admit(1, waiting) for waiting in range(3)] == [Verdict.HANDLE] * 3
    assert gate.admit(1, 3) is Verdict.WARN
    assert gate.admit(2, 0) is Verdict.HANDLE, "other people are not concerned"
    clock[0] = 4.9
    assert gate.admit(1, 0) is Verdict.IGNORE
    assert gate.flooding() == 1
    clock[0] = 5.0
    assert gate.admit(1, 0) is Verdict.HANDLE
    assert gate.flooding() == 0


def sent_to(server: FakeBotAPI, user: FakeUser) -> list[int]:
    """Positions, in the order the bot sent them, of the messages sent to `user`."""
    return [
        index
        for index, request in enumerate(server.requests)
        if request.method == "sendMessage" and request.params.get("chat_id") == user.id
    ]


def helps(user: FakeUser) -> int:
    return len([text for text in user.texts if HELP_FR in text])


def one_flood() -> FloodGate:
    """The usual limit, with a cooldown longer than any test: however slowly a loaded machine
    fetches the 400 updates (in batches of 100), they all fall within one flood."""
    return FloodGate(cooldown=3600)


async def test_a_flood_of_texts_gets_one_notice_and_does_not_hold_up_others(
    server: FakeBotAPI, tmp_path: Path
) -> None:
    """400 texts from one person made 800 replies and held a bystander's /help for 32 s."""
    flooder = server.add_user(801, language_code="fr")
    bystander = server.add_user(802, language_code="fr")
    async with running_bot(make_settings(server, tmp_path), flood_gate=one_flood()):
        for number in range(400):
            flooder.send_text(f"message {number}")
        bystander.send_text("/help")
        await bystander.wait_for(lambda u: helps(u) == 1)
        await server.wait_until_idle(timeout=60)

    replies = sent_to(server, flooder)
    [answer] = sent_to(server, bystander)
    # Handled: what was already waiting, plus the one notice; the rest was ignored.
    assert len(replies) <= MAX_WAITING + 1
    assert [text for text in flooder.texts if text == notice_fr()] == [notice_fr()]
    # The bystander's answer did not queue behind the flooder's backlog.
    assert len([index for index in replies if index < answer]) <= MAX_WAITING + 1


async def test_a_flooder_is_heard_again_after_the_cooldown(
    server: FakeBotAPI, tmp_path: Path
) -> None:
    flooder = server.add_user(805, language_code="fr")
    async with running_bot(make_settings(server, tmp_path), flood_gate=FloodGate(cooldown=1)):
        for number in range(50):
            flooder.send_text(f"message {number}")
        await flooder.wait_for(lambda u: notice_fr() in u.texts)
        for _ in range(60):
            flooder.send_text("/help")
            with contextlib.suppress(AssertionError):
                await flooder.wait_for(lambda u: helps(u) == 1, timeout=1)
                break
    assert helps(flooder) == 1


async def test_a_flood_of_presses_is_answered_with_toasts(
    server: FakeBotAPI, tmp_path: Path
) -> None:
    """300 presses on a stale button delayed a bystander by 6 s; each press must still be
    answered, or its button keeps spinning."""
    flooder = server.add_user(803, language_code="fr")
    bystander = server.add_user(804, language_code="fr")
    async with running_bot(make_settings(server, tmp_path), flood_gate=one_flood()):
        await begin(flooder, "▶️ Commencer le quiz")
        question = await flooder.wait_for(quiz_message)
        data = question.reply_markup[0][0].data
        await server.wait_until_idle()
        server.fail_next("answerCallbackQuery", status=502, count=2)  # toasts are tried again
        queries = [flooder.press_data(question.message_id, data) for _ in range(300)]
        bystander.send_text("/help")
        await bystander.wait_for(lambda u: helps(u) == 1)
        await server.wait_until_idle(timeout=60)

    answers = [server.callback_queries[query].answer for query in queries]
    assert all(answer is not None for answer in answers), "every press answered"
    toasts = [answer for answer in answers if answer and answer.get("text") == toast_fr()]
    assert len(toasts) >= 300 - MAX_WAITING - 1
    [answer] = sent_to(server, bystander)
    flooder_edits = [
        index
        for index, request in enumerate(server.requests)
        if request.method.startswith("edit") and request.params.get("chat_id") == flooder.id
    ]
    assert len([index for index in flooder_edits if index < answer]) <= MAX_WAITING + 1
