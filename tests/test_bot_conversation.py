"""The whole conversation, end to end: the real Application over HTTP to the fake Bot API."""

from __future__ import annotations

import random
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.content.models import Content
from bot.engine.session import asked_questions, option_order
from bot.presentation.payloads import MenuPress
from bot.state.state_db import StateDb
from tests.support.fake_botapi import BotMessage, FakeBotAPI, FakeUser
from tests.support.harness import (
    QuizPlayer,
    begin,
    choose_language,
    expected_result_text,
    make_settings,
    quiz_message,
    quiz_presses,
    random_choices,
    running_bot,
)


@pytest.fixture
async def bot(server: FakeBotAPI, tmp_path: Path) -> AsyncIterator[Path]:
    """The bot running on the shipped content; yields its data directory."""
    async with running_bot(make_settings(server, tmp_path)):
        yield tmp_path
    assert not server.unanswered_callback_queries(), "every button press gets an answer"


async def test_full_quiz_in_french(server: FakeBotAPI, bot: Path, shipped_content: Content) -> None:
    user = server.add_user(101, first_name="Amélie", language_code="fr-FR")
    user.send_text("/start")
    welcome = await user.wait_for(lambda u: u.last_message)
    total = len(asked_questions(shipped_content, "fr"))
    assert "Bonjour Amélie" in welcome.text
    assert f"{total} questions" in welcome.text
    assert "🔒" in welcome.text  # the privacy line
    assert welcome.buttons == ["▶️ Commencer le quiz", "English"]

    user.press("▶️ Commencer le quiz")
    choices = random_choices(shipped_content, random.Random(1))
    player = QuizPlayer(user, shipped_content)
    first = await player.wait_question(1)
    assert first.message_id == welcome.message_id, "the quiz is edited in place"
    assert "▰" in first.text or "▱" in first.text
    await player.play(choices)

    result = await player.wait_result("fr")
    assert result.text == expected_result_text(shipped_content, choices, "fr")
    assert "\u202f%" in result.text and "Prochaine étape" in result.text
    assert "€" in result.text and "bruts par an" in result.text
    # These answers say no to selling: the neighbouring jobs' section has a button too.
    sections = ["🧭 Parcours", "💶 Salaire", "🎯 À développer", "📊 Détail", "🔀 Métiers voisins"]
    assert result.buttons == [*sections, "📄 Mon bilan (PDF)", "🔄 Refaire le quiz", "English"]
    # One quiz, one message: every question was an edit of the first message.
    assert len([m for m in user.messages if m.text.startswith("Question")]) <= 1


async def test_full_quiz_in_english(
    server: FakeBotAPI, bot: Path, shipped_content: Content
) -> None:
    user = server.add_user(102, first_name="Sam", language_code="en-GB")
    await begin(user, "▶️ Start the quiz")
    choices = random_choices(shipped_content, random.Random(2))
    player = QuizPlayer(user, shipped_content)
    await player.play(choices)
    result = await player.wait_result("en")
    assert result.text == expected_result_text(shipped_content, choices, "en")
    assert "Next step" in result.text and "gross a year" in result.text


async def test_back_keeps_the_quiz_consistent(
    server: FakeBotAPI, bot: Path, shipped_content: Content
) -> None:
    user = server.add_user(103, first_name="Léa", language_code="fr")
    await begin(user, "▶️ Commencer le quiz")
    player = QuizPlayer(user, shipped_content)
    choices = random_choices(shipped_content, random.Random(3))
    await player.play(choices, last=3)
    fourth = await player.wait_question(4)
    assert "◀️ Retour" in fourth.buttons
    await player.press(fourth, "back")
    third = await player.wait_question(3)
    # The earlier answer is marked, and answering again replaces it.
    q3 = shipped_content.questions[2]
    if q3.kind != "multiple":
        assert any(label.startswith("• ") for label in third.buttons)
    changed = dict(choices)
    changed.update(random_choices(shipped_content, random.Random(99)))
    await player.play(changed, first=3)
    result = await player.wait_result("fr")
    final = {**choices, **{q.id: changed[q.id] for q in shipped_content.questions[2:]}}
    assert result.text == expected_result_text(shipped_content, final, "fr")


CONFIRM_FR = "Arrêter et effacer vos réponses"


def confirmation(user: FakeUser, message_id: int) -> BotMessage | None:
    """The message `message_id` once it asks whether to stop and erase the quiz."""
    message = user.message(message_id)
    return message if message.text.startswith(CONFIRM_FR) else None


def saved_answers(data_dir: Path, user: FakeUser) -> dict[str, tuple[str, ...]] | None:
    saved = StateDb(data_dir / "state.db").load_quiz(user.id)
    return None if saved is None else dict(saved.session.answers)


async def test_stop_asks_first_and_the_typed_cancel_erases_at_once(
    server: FakeBotAPI, bot: Path, shipped_content: Content
) -> None:
    user = server.add_user(104, first_name="Noé", language_code="fr")
    await begin(user, "▶️ Commencer le quiz")
    player = QuizPlayer(user, shipped_content)
    await player.play(random_choices(shipped_content, random.Random(4)), last=1)
    second = await player.wait_question(2)
    assert second.buttons[-2:] == ["◀️ Retour", "✖️ Arrêter le quiz"]
    answered = saved_answers(bot, user)
    assert answered is not None and len(answered) == 1

    # Stop the quiz asks first, in place of the question; Go on brings it back, answers kept.
    await player.press(second, "cancel")
    asked = await user.wait_for(lambda u: confirmation(u, second.message_id))
    assert asked.buttons == ["Oui, effacer", "Continuer le quiz"]
    assert re.fullmatch(
        "Arrêter et effacer vos réponses[\u202f\u00a0]\\? Pour une pause, inutile[\u202f\u00a0]: "
        "/start vous ramènera à cette question\\.",
        asked.text,
    )
    assert saved_answers(bot, user) == answered
    user.press("Continuer le quiz", message_id=second.message_id)
    again = await player.wait_question(2)
    assert again.message_id == second.message_id and again.text == second.text
    assert saved_answers(bot, user) == answered

    # Yes, erase stops the quiz as Cancel did.
    await player.press(again, "cancel")
    await user.wait_for(lambda u: confirmation(u, second.message_id))
    user.press("Oui, effacer", message_id=second.message_id)
    await user.wait_for(lambda u: "Quiz arrêté" in u.message(second.message_id).text)
    assert saved_answers(bot, user) is None

    user.send_text("/cancel")
    await user.wait_for(lambda u: "Aucun quiz en cours" in u.last_text)

    # The typed /cancel is meant: it erases at once.
    await begin(user, "▶️ Commencer le quiz")
    await player.wait_question(1)
    user.send_text("/cancel")
    await user.wait_for(lambda u: "Quiz arrêté" in u.last_text)
    assert saved_answers(bot, user) is None


async def test_stale_double_tapped_and_garbled_confirmation_buttons_change_nothing(
    server: FakeBotAPI, bot: Path, shipped_content: Content
) -> None:
    user = server.add_user(120, first_name="Lou", language_code="fr")
    player = QuizPlayer(user, shipped_content)
    choices = random_choices(shipped_content, random.Random(12))

    async def stop_on_second() -> dict[str, str]:
        """A fresh quiz, its first question answered, Stop pressed: each button's data."""
        await begin(user, "▶️ Commencer le quiz")
        await player.play(choices, last=1)
        second = await player.wait_question(2)
        await player.press(second, "cancel")
        asked = await user.wait_for(lambda u: confirmation(u, second.message_id))
        return {p.verb: p.encode() for p in quiz_presses(asked)} | {"at": str(second.message_id)}

    async def toast(message_id: str, data: str) -> str:
        answer = await server.wait_for_answer(user.press_data(int(message_id), data))
        return str(answer.get("text", ""))

    # Yes, erase tapped twice: the second finds no quiz, and Go on of that quiz neither.
    first = await stop_on_second()
    tap1 = user.press_data(int(first["at"]), first["erase"])
    tap2 = user.press_data(int(first["at"]), first["erase"])
    await server.wait_for_answer(tap1)
    assert "abandonné" in (await server.wait_for_answer(tap2)).get("text", "")
    assert "abandonné" in await toast(first["at"], first["go_on"])
    assert saved_answers(bot, user) is None
    await user.wait_for(lambda u: "Quiz arrêté" in u.message(int(first["at"])).text)

    # Go on tapped twice: the same question, every answer kept.
    kept = await stop_on_second()
    answered = saved_answers(bot, user)
    tap1 = user.press_data(int(kept["at"]), kept["go_on"])
    tap2 = user.press_data(int(kept["at"]), kept["go_on"])
    await server.wait_for_answer(tap1)
    await server.wait_for_answer(tap2)
    shown = await player.wait_question(2)
    assert shown.message_id == int(kept["at"]) and saved_answers(bot, user) == answered

    # After an answer (the quiz resumed with /start), both buttons are stale.
    resume = f"▶️ Reprendre (question 2/{player.total})"
    await player.press(shown, "cancel")
    asked = await user.wait_for(lambda u: confirmation(u, shown.message_id))
    stale: dict[str, str] = {p.verb: p.encode() for p in quiz_presses(asked)}
    user.send_text("/start")
    await user.wait_for(lambda u: resume in u.buttons())
    user.press(resume)
    await player.play(choices, first=2, last=2)
    await player.wait_question(3)
    answered = saved_answers(bot, user)
    assert answered is not None and len(answered) == 2
    for verb in ("erase", "go_on"):
        assert "autre question" in await toast(kept["at"], stale[verb])
    assert saved_answers(bot, user) == answered

    # After a restart: a button of the quiz before.
    user.send_text("/restart")
    await player.wait_question(1)
    for verb in ("erase", "go_on"):
        assert "abandonné" in await toast(kept["at"], stale[verb])
    assert saved_answers(bot, user) == {}

    # Garbled data: refused with a toast, nothing changed.
    quiz_id, step = stale["erase"].split("|")[1:3]
    for garbage in (f"q|{quiz_id}|{step}|z|", f"q|{quiz_id}|{step}|e", f"q|{quiz_id}|-1|k|"):
        assert await toast(kept["at"], garbage)
    assert saved_answers(bot, user) == {}


async def test_a_bot_restart_between_the_two_taps_loses_nothing(
    server: FakeBotAPI, tmp_path: Path, shipped_content: Content
) -> None:
    """The confirmation is only a screen: nothing about it is kept to lose."""
    user = server.add_user(121, first_name="Ilan", language_code="fr")
    player = QuizPlayer(user, shipped_content)
    settings = make_settings(server, tmp_path)
    async with running_bot(settings):
        await begin(user, "▶️ Commencer le quiz")
        await player.play(random_choices(shipped_content, random.Random(21)), last=2)
        third = await player.wait_question(3)
        await player.press(third, "cancel")
        await user.wait_for(lambda u: confirmation(u, third.message_id))
        await server.wait_until_idle()
    answered = saved_answers(tmp_path, user)
    assert answered is not None and len(answered) == 2
    async with running_bot(settings):
        user.press("Continuer le quiz", message_id=third.message_id)
        again = await player.wait_question(3)
        assert again.message_id == third.message_id
        assert saved_answers(tmp_path, user) == answered
        await player.press(again, "cancel")
        await user.wait_for(lambda u: confirmation(u, third.message_id))
        user.press("Oui, effacer", message_id=third.message_id)
        await user.wait_for(lambda u: "Quiz arrêté" in u.message(third.message_id).text)
        await server.wait_until_idle()
    assert saved_answers(tmp_path, user) is None
    assert not server.unanswered_callback_queries()


async def test_restart_starts_from_the_first_question(
    server: FakeBotAPI, bot: Path, shipped_content: Content
) -> None:
    user = server.add_user(105, first_name="Inès", language_code="fr")
    await begin(user, "▶️ Commencer le quiz")
    player = QuizPlayer(user, shipped_content)
    choices = random_choices(shipped_content, random.Random(5))
    await player.play(choices, last=4)
    before = await player.wait_question(5)
    user.send_text("/restart")
    fresh = await player.wait_question(1)
    assert fresh.message_id != before.message_id, "a new message at the bottom of the chat"
    assert fresh is user.messages[-1]
    assert not quiz_presses(user.message(before.message_id)), "old buttons are retired"
    await player.play(choices)
    result = await player.wait_result("fr")
    assert result.text == expected_result_text(shipped_content, choices, "fr")


async def test_language_switch_mid_quiz_shows_the_question_again(
    server: FakeBotAPI, bot: Path, shipped_content: Content
) -> None:
    user = server.add_user(106, first_name="Chloé", language_code="fr")
    await begin(user, "▶️ Commencer le quiz")
    player = QuizPlayer(user, shipped_content)
    choices = random_choices(shipped_content, random.Random(6))
    await player.play(choices, last=2)
    await player.wait_question(3)
    await choose_language(user, "English")
    third = shipped_content.questions[2]

    def shown_in_english(u: FakeUser) -> BotMessage | None:
        message = quiz_message(u)
        return message if message and third.text("en") in message.text else None

    shown = await user.wait_for(shown_in_english)
    assert "Question 3/" in shown.text and "◀️ Back" in shown.buttons
    await player.play(choices, first=3)
    result = await player.wait_result("en")
    assert result.text == expected_result_text(shipped_content, choices, "en")


async def test_start_offers_to_resume_an_unfinished_quiz(
    server: FakeBotAPI, bot: Path, shipped_content: Content
) -> None:
    user = server.add_user(107, first_name="Hugo", language_code="fr")
    await begin(user, "▶️ Commencer le quiz")
    player = QuizPlayer(user, shipped_content)
    choices = random_choices(shipped_content, random.Random(7))
    await player.play(choices, last=6)
    await player.wait_question(7)
    user.send_text("/start")
    total = len(asked_questions(shipped_content, "fr"))
    offer = await user.wait_for(
        lambda u: u.last_message if "quiz en cours" in u.last_text else None
    )
    assert f"question 7/{total}" in offer.text
    user.press(f"▶️ Reprendre (question 7/{total})")
    await user.wait_for(lambda u: f"Question 7/{total}" in u.message(offer.message_id).text)
    await player.play(choices, first=7)
    result = await player.wait_result("fr")
    assert result.text == expected_result_text(shipped_content, choices, "fr")


async def test_stale_buttons_double_taps_and_garbage_are_harmless(
    server: FakeBotAPI, bot: Path, shipped_content: Content
) -> None:
    user = server.add_user(108, first_name="Zoé", language_code="fr")
    await begin(user, "▶️ Commencer le quiz")
    player = QuizPlayer(user, shipped_content)
    choices = random_choices(shipped_content, random.Random(8))
    first = await player.wait_question(1)
    old_buttons = quiz_presses(first)

    # A double tap: the same button twice before the bot answers.
    q1 = shipped_content.questions[0]
    assert q1.kind != "multiple"
    target = next(p for p in old_buttons if p.verb == "answer" and p.arg == choices[q1.id][0])
    tap1 = user.press_data(first.message_id, target.encode())
    tap2 = user.press_data(first.message_id, target.encode())
    await server.wait_for_answer(tap1)
    second_answer = await server.wait_for_answer(tap2)
    assert "autre question" in second_answer.get("text", "")
    await player.wait_question(2)

    # A button of an earlier question, pressed later.
    stale = user.press_data(first.message_id, old_buttons[-1].encode())
    assert "autre question" in (await server.wait_for_answer(stale)).get("text", "")
    # Malformed and foreign payloads.
    for garbage in ("", "nonsense", "q|zz|x|a|1", "m|explode|", "q|deadbeef|1|a|0"):
        query = user.press_data(first.message_id, garbage)
        answer = await server.wait_for_answer(query)
        assert answer.get("text"), f"{garbage!r} got a toast"
    # Free text and a sticker during the quiz: a hint, and the question again.
    user.send_text("je ne sais pas")
    await user.wait_for(lambda u: "boutons" in u.last_text or "Question 2/" in u.last_text)
    user.send_sticker()
    await player.wait_question(2)
    await server.wait_until_idle()
    assert quiz_message(user) is user.messages[-1], "the question is back at the bottom"

    await player.play(choices, first=2)
    result = await player.wait_result("fr")
    assert result.text == expected_result_text(shipped_content, choices, "fr")
    # The finished quiz's buttons are now from an old quiz.
    late = user.press_data(first.message_id, old_buttons[0].encode())
    assert (await server.wait_for_answer(late)).get("text")


async def test_commands_in_the_middle_of_a_question(
    server: FakeBotAPI, bot: Path, shipped_content: Content
) -> None:
    user = server.add_user(109, first_name="Yanis", language_code="fr")
    await begin(user, "▶️ Commencer le quiz")
    player = QuizPlayer(user, shipped_content)
    choices = random_choices(shipped_content, random.Random(9))
    await player.play(choices, last=2)
    await player.wait_question(3)
    for command in ("/help", "/about", "/result", "/nonsense"):
        user.send_text(command)
    await server.wait_until_idle()
    texts = [m.text for m in user.messages[-4:]]
    assert "Comment ça marche" in texts[0]
    assert "La méthode" in texts[1]
    assert "pas encore de résultat" in texts[2]
    assert "Je ne connais pas cette commande" in texts[3]
    await player.play(choices, first=3)
    result = await player.wait_result("fr")
    assert result.text == expected_result_text(shipped_content, choices, "fr")
    user.send_text("/result")
    again = await user.wait_for(
        lambda u: (
            u.last_message
            if u.last_message
            and u.last_message.message_id != result.message_id
            and "Votre résultat" in u.last_text
            else None
        )
    )
    assert again.text == result.text


async def test_group_chats_get_a_link_to_a_private_chat(server: FakeBotAPI, bot: Path) -> None:
    user = server.add_user(110, first_name="Paul", language_code="fr")
    group = server.add_group(-1001, "Salon de l'étudiant")
    user.send_text_in(group, "/start")
    await server.wait_until_idle()
    replies = group.messages
    assert len(replies) == 1
    assert "https://t.me/" in replies[0].text and "message privé" in replies[0].text
    assert not replies[0].reply_markup, "no quiz in a group"


async def test_deep_link_source_and_language_button(
    server: FakeBotAPI, bot: Path, shipped_content: Content
) -> None:
    user = server.add_user(111, first_name="Eva", language_code="fr")
    user.send_text("/start salon2026")
    welcome = await user.wait_for(lambda u: u.last_message)
    assert MenuPress("begin", "salon2026", shipped_content.profile.id).encode() in [
        b.data for row in welcome.reply_markup for b in row
    ]
    user.press("English")
    await user.wait_for(
        lambda u: "Start the quiz" in " ".join(u.message(welcome.message_id).buttons)
    )
    user.press("▶️ Start the quiz")
    await QuizPlayer(user, shipped_content).wait_question(1)
    session = StateDb(bot / "state.db").load_quiz(user.id)
    assert session is not None and session.session.source == "salon2026"
    assert session.session.lang == "en"


async def test_commands_are_registered_in_every_language(server: FakeBotAPI, bot: Path) -> None:
    """One menu per language of the content; clients in any other language get the default's."""
    scope = {"type": "all_private_chats"}
    french = dict(server.my_commands("fr", scope))
    english = dict(server.my_commands("en", scope))
    assert french["start"] == "Commencer ou reprendre le quiz"
    assert english["start"] == "Start or resume the quiz"
    assert dict(server.my_commands("", scope)) == french
    assert set(french) == set(english) >= {"start", "help", "result", "forget", "language"}
    assert "stats" not in french, "admin commands are not advertised"


async def test_forget_erases_everything_about_the_user(
    server: FakeBotAPI, bot: Path, shipped_content: Content
) -> None:
    user = server.add_user(112, first_name="Lina", language_code="fr")
    await begin(user, "▶️ Commencer le quiz")
    player = QuizPlayer(user, shipped_content)
    choices = random_choices(shipped_content, random.Random(12))
    await player.play(choices)
    await player.wait_result("fr")
    await choose_language(user, "English")
    await begin(user, "▶️ Start the quiz")
    await player.wait_question(1)
    user.send_text("/forget")
    await user.wait_for(lambda u: "erased everything" in u.last_text)
    store = StateDb(bot / "state.db")
    for table in ("sessions", "languages", "last_results"):
        rows = list(store.db.query(f"select * from {table} where user_id = ?", [user.id]))
        assert rows == [], table


async def test_after_forget_no_copy_of_the_quiz_is_left_on_disk(
    server: FakeBotAPI, bot: Path, shipped_content: Content
) -> None:
    """The deleted rows stayed in the WAL (and in free pages) until a checkpoint."""
    user = server.add_user(114, first_name="Noé", language_code="fr")
    await begin(user, "▶️ Commencer le quiz")
    player = QuizPlayer(user, shipped_content)
    choices = random_choices(shipped_content, random.Random(14))
    await player.play(choices, last=3)
    await player.wait_question(4)
    message = quiz_message(user)
    assert message is not None
    quiz_id = quiz_presses(message)[0].quiz_id.encode()
    files = [bot / "state.db", bot / "state.db-wal"]
    assert any(quiz_id in path.read_bytes() for path in files if path.exists())
    user.send_text("/forget")
    await user.wait_for(lambda u: "j’ai effacé" in u.last_text)
    for path in files:
        if path.exists():
            assert quiz_id not in path.read_bytes(), path.name


async def test_answers_in_the_quiz_order_and_none_of_these_on_telegram(
    server: FakeBotAPI, bot: Path, shipped_content: Content
) -> None:
    user = server.add_user(113, first_name="Maël", language_code="fr")
    await begin(user, "▶️ Commencer le quiz")
    player = QuizPlayer(user, shipped_content)
    choices = {**random_choices(shipped_content, random.Random(13)), "done_projects": ("code",)}
    number = [q.id for q in shipped_content.questions].index("done_projects") + 1
    tools = shipped_content.question_by_id["done_projects"]
    await player.play(choices, last=number - 1)
    message = await player.wait_question(number)
    presses = quiz_presses(message)
    order = [p.arg for p in presses if p.verb == "toggle"]
    assert order == list(option_order(presses[0].quiz_id, tools))

    # the same order in the other language
    await choose_language(user, "English")
    message = await user.wait_for(
        lambda u: m if (m := quiz_message(u)) and tools.text("en") in m.text else None
    )
    assert [p.arg for p in quiz_presses(message) if p.verb == "toggle"] == order

    async def toggle(option: str) -> list[str]:
        """Press an option; the ids shown ticked afterwards."""
        nonlocal message
        step = quiz_presses(message)[0].step
        await player.press(message, "toggle", option)
        message = await player.wait_question(number, after_step=step)
        labels = {tools.options_by_id[o].text("en"): o for o in order}
        return [labels[b.removeprefix("✅ ")] for b in message.buttons if b.startswith("✅ ")]

    assert await toggle("project") == ["project"]
    assert await toggle("none") == ["none"]
    assert await toggle("code") == ["code"]
    await player.press(message, "confirm")
    await player.play(choices, first=number + 1)
    result = await player.wait_result("en")
    assert result.text == expected_result_text(shipped_content, choices, "en")
