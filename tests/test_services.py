"""The use cases on their own: plain values in, a `Reply` out, with in-memory stores.

No Telegram here: the end-to-end tests drive the same use cases through the bot.
"""

from __future__ import annotations

import pytest

from bot.content.models import Content
from bot.engine.result import Result, evaluate
from bot.presentation.payloads import MenuPress, QuizPress, decode
from bot.presentation.texts import t
from bot.services import languages, people, quiz, results
from bot.services.deps import Deps
from bot.services.reply import Asked, Reply
from tests.support.answers import EXAMPLE
from tests.support.playing import ANA, QUESTION_MESSAGE, FakeScoreLog, deps, play

__all__ = ["deps"]  # the fixture of tests/support/playing.py

PICKER_MESSAGE = 105


def asked(reply: Reply) -> Asked:
    [found] = [shown.asked for shown in reply.screens if shown.asked]
    return found


def press(on: Asked, verb: str, arg: str = "") -> QuizPress:
    return QuizPress(on.session.quiz_id, on.session.step, verb, arg)  # type: ignore[arg-type]


async def started(deps: Deps) -> Asked:
    """A quiz begun from the greeting, its first question in message `QUESTION_MESSAGE`."""
    reply = await quiz.press(deps, ANA, QUESTION_MESSAGE, MenuPress("begin"))
    [shown] = reply.screens
    assert shown.where == QUESTION_MESSAGE
    return asked(reply)


async def test_an_answer_is_saved_before_the_next_question_is_returned(deps: Deps) -> None:
    on = await started(deps)
    reply = await quiz.answer(deps, ANA, QUESTION_MESSAGE, press(on, "answer", "3"))
    following = asked(reply)
    saved = await deps.state.load_quiz(ANA.user_id)
    assert saved is not None and saved.session == following.session
    assert following.session.answers == {"talk": ("3",)}
    assert reply.screens[0].where == QUESTION_MESSAGE and reply.notice is None


async def test_a_stale_press_changes_nothing_and_redraws_the_question(deps: Deps) -> None:
    on = await started(deps)
    await quiz.answer(deps, ANA, QUESTION_MESSAGE, press(on, "answer", "3"))
    again = await quiz.answer(deps, ANA, QUESTION_MESSAGE, press(on, "answer", "0"))
    assert again.notice == t("toast_stale", "fr")
    saved = await deps.state.load_quiz(ANA.user_id)
    assert saved is not None and saved.session.answers == {"talk": ("3",)}
    assert asked(again).session == saved.session


async def test_a_press_from_another_quiz_is_refused(deps: Deps) -> None:
    await started(deps)
    foreign = QuizPress("other", 0, "answer", "3")
    reply = await quiz.press(deps, ANA, QUESTION_MESSAGE, foreign)
    assert reply == Reply(notice=t("toast_old_quiz", "fr"))


async def test_back_on_the_first_question_says_so(deps: Deps) -> None:
    on = await started(deps)
    reply = await quiz.back(deps, ANA, QUESTION_MESSAGE, press(on, "back"))
    assert reply == Reply(notice=t("toast_first", "fr"))


async def test_a_press_on_an_older_message_moves_the_question_to_the_newest(deps: Deps) -> None:
    """The question lives in the newest message showing it; the one it leaves loses its buttons."""
    on = await started(deps)
    older, newer = QUESTION_MESSAGE - 5, QUESTION_MESSAGE + 5
    await quiz.shown(deps, ANA, on, older)
    reply = await quiz.answer(deps, ANA, QUESTION_MESSAGE, press(on, "answer", "3"))
    assert reply.retire == (older,) and reply.screens[0].where == QUESTION_MESSAGE
    await quiz.shown(deps, ANA, asked(reply), newer)
    again = await quiz.answer(deps, ANA, QUESTION_MESSAGE, press(asked(reply), "answer", "adapt"))
    assert again.retire == () and again.screens[0].where == newer


async def asked_to_stop(deps: Deps) -> tuple[Asked, Reply]:
    """A quiz with its first question answered, then Stop the quiz pressed on the second."""
    on = await started(deps)
    second = asked(await quiz.press(deps, ANA, QUESTION_MESSAGE, press(on, "answer", "3")))
    return second, await quiz.press(deps, ANA, QUESTION_MESSAGE, press(second, "cancel"))


async def test_stop_asks_first_in_place_and_keeps_the_quiz(deps: Deps) -> None:
    second, reply = await asked_to_stop(deps)
    [shown] = reply.screens
    assert shown.where == QUESTION_MESSAGE and shown.asked is None and reply.notice is None
    assert shown.screen.text == t("stop_confirm", "fr")
    buttons = [button for row in shown.screen.buttons for button in row]
    assert [button.text for button in buttons] == [t("button_erase", "fr"), t("button_go_on", "fr")]
    assert [decode(button.data) for button in buttons] == [
        press(second, "erase"),
        press(second, "go_on"),
    ]
    saved = await deps.state.load_quiz(ANA.user_id)
    assert saved is not None and saved.session == second.session, "nothing saved for the question"


async def test_yes_erase_erases_as_cancel_does_and_a_second_tap_is_refused(deps: Deps) -> None:
    second, _ = await asked_to_stop(deps)
    reply = await quiz.press(deps, ANA, QUESTION_MESSAGE, press(second, "erase"))
    assert [(shown.screen.text, shown.where) for shown in reply.screens] == [
        (t("cancelled", "fr"), QUESTION_MESSAGE)
    ]
    assert await deps.state.load_quiz(ANA.user_id) is None
    again = await quiz.press(deps, ANA, QUESTION_MESSAGE, press(second, "erase"))
    assert again == Reply(notice=t("toast_old_quiz", "fr"))
    assert (await quiz.cancel(deps, ANA, None)).notice == t("nothing_to_cancel", "fr")


async def test_yes_erase_retires_the_question_left_in_another_message(deps: Deps) -> None:
    second, _ = await asked_to_stop(deps)
    await quiz.shown(deps, ANA, second, QUESTION_MESSAGE - 5)
    reply = await quiz.press(deps, ANA, QUESTION_MESSAGE, press(second, "erase"))
    assert reply.retire == (QUESTION_MESSAGE - 5,)
    assert await deps.state.load_quiz(ANA.user_id) is None


async def test_go_on_shows_the_same_question_with_every_answer_kept(deps: Deps) -> None:
    second, _ = await asked_to_stop(deps)
    for _tap in range(2):  # a double tap shows the same question again and changes nothing
        reply = await quiz.press(deps, ANA, QUESTION_MESSAGE, press(second, "go_on"))
        assert reply.notice is None and reply.retire == ()
        [shown] = reply.screens
        assert shown.where == QUESTION_MESSAGE and shown.asked is not None
        assert shown.asked.session == second.session
        assert shown.asked.session.answers == {"talk": ("3",)}
        saved = await deps.state.load_quiz(ANA.user_id)
        assert saved is not None and saved.session == second.session


@pytest.mark.parametrize("verb", ["erase", "go_on"])
async def test_a_confirmation_button_after_an_answer_is_stale_and_changes_nothing(
    deps: Deps, verb: str
) -> None:
    """The question answered elsewhere (after /start, Resume) makes the confirmation stale."""
    second, _ = await asked_to_stop(deps)
    third = asked(await quiz.press(deps, ANA, QUESTION_MESSAGE, press(second, "answer", "adapt")))
    reply = await quiz.press(deps, ANA, QUESTION_MESSAGE, press(second, verb))
    assert reply.notice == t("toast_stale", "fr")
    saved = await deps.state.load_quiz(ANA.user_id)
    assert saved is not None and saved.session == third.session
    assert asked(reply).session == third.session


@pytest.mark.parametrize("verb", ["erase", "go_on"])
async def test_a_confirmation_button_after_a_restart_or_a_cancel_changes_nothing(
    deps: Deps, verb: str
) -> None:
    ids = iter(["q2", "q3"])
    deps.new_quiz_id = lambda: next(ids)
    on = await started(deps)
    await quiz.press(deps, ANA, QUESTION_MESSAGE, press(on, "cancel"))
    restarted = asked(await quiz.restart(deps, ANA, None, None))
    reply = await quiz.press(deps, ANA, QUESTION_MESSAGE, press(on, verb))
    assert reply == Reply(notice=t("toast_old_quiz", "fr"))
    saved = await deps.state.load_quiz(ANA.user_id)
    assert saved is not None and saved.session == restarted.session
    await quiz.cancel(deps, ANA, None)
    after_cancel = await quiz.press(deps, ANA, QUESTION_MESSAGE, press(restarted, verb))
    assert after_cancel == Reply(notice=t("toast_old_quiz", "fr"))
    assert await deps.state.load_quiz(ANA.user_id) is None


@pytest.mark.parametrize("data", ["q|q1|0|z|", "q|q1|x|e|", "q||0|e|", "q|q1|0|k", "q|q1|²|k|"])
async def test_malformed_confirmation_data_is_refused_and_changes_nothing(
    deps: Deps, data: str
) -> None:
    on = await started(deps)
    reply = await quiz.press(deps, ANA, QUESTION_MESSAGE, decode(data))
    assert reply == Reply(notice=t("toast_invalid", "fr"))
    saved = await deps.state.load_quiz(ANA.user_id)
    assert saved is not None and saved.session == on.session


async def test_one_finish_evaluates_once_and_logs_that_result(
    deps: Deps, mini_content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []

    def counted(content: Content, answers: object) -> Result:
        calls.append(answers)
        return evaluate(content, answers)  # type: ignore[arg-type]

    monkeypatch.setattr(results, "evaluate", counted)
    reply = await play(deps, ANA, EXAMPLE)
    assert reply.log and [a.filename for a in reply.attachments] == ["result.png"]
    assert reply.screens[0].where == QUESTION_MESSAGE
    assert await results.log_unlogged(deps) == 1
    assert len(calls) == 1, "the finish scored the answers once, logging reused it"
    scores = deps.scores
    assert isinstance(scores, FakeScoreLog)
    [(session, logged)] = scores.rows.values()
    assert session.answers == EXAMPLE and logged == evaluate(mini_content, EXAMPLE)
    assert await deps.state.unlogged_results() == []


async def test_an_unavailable_score_log_keeps_the_result_queued(deps: Deps) -> None:
    scores = deps.scores
    assert isinstance(scores, FakeScoreLog)
    scores.down = True
    await play(deps, ANA, EXAMPLE)
    assert await results.log_unlogged(deps) == 0
    assert len(await deps.state.unlogged_results()) == 1
    scores.down = False
    assert await results.log_unlogged(deps) == 1


async def test_a_late_press_on_a_finished_quiz_shows_its_result_in_place(deps: Deps) -> None:
    on = await started(deps)
    await play(deps, ANA, EXAMPLE)
    reply = await quiz.press(deps, ANA, QUESTION_MESSAGE, press(on, "answer", "3"))
    assert reply.notice == t("toast_finished", "fr")
    assert reply.screens[0].where == QUESTION_MESSAGE and not reply.attachments


async def test_a_language_button_redraws_the_question_in_place(deps: Deps) -> None:
    await started(deps)
    reply = await quiz.press(deps, ANA, QUESTION_MESSAGE, MenuPress("lang", "en"))
    assert reply.notice == t("language_set", "en")
    assert asked(reply).session.lang == "en" and reply.screens[0].where == QUESTION_MESSAGE


async def test_language_offers_every_language_and_the_pick_takes_the_question(
    deps: Deps,
) -> None:
    """/language lists the languages by their own names, the one spoken ticked; the one
    picked shows the question again in place of the picker, below the chat."""
    await started(deps)
    picker = await languages.choose_language(deps, ANA)
    (shown,) = picker.screens
    assert shown.where is None, "the picker is a new message"
    buttons = [button for row in shown.screen.buttons for button in row]
    assert [button.text for button in buttons] == ["✔️ Français", "English"]
    english = decode(buttons[1].data)
    assert isinstance(english, MenuPress)
    reply = await quiz.press(deps, ANA, PICKER_MESSAGE, english)
    assert reply.notice == t("language_set", "en")
    assert asked(reply).session.lang == "en" and reply.screens[0].where == PICKER_MESSAGE
    assert reply.retire == (QUESTION_MESSAGE,)


async def test_a_pick_without_a_quiz_confirms_in_place_of_the_picker(deps: Deps) -> None:
    reply = await quiz.press(deps, ANA, PICKER_MESSAGE, MenuPress("lang", "en.pick"))
    assert [(show.screen.text, show.where) for show in reply.screens] == [
        (t("language_set", "en"), PICKER_MESSAGE)
    ]
    assert await deps.state.language(ANA.user_id) == "en"


async def test_a_language_the_quiz_is_not_written_in_is_refused(deps: Deps) -> None:
    reply = await quiz.press(deps, ANA, PICKER_MESSAGE, MenuPress("lang", "de.pick"))
    assert reply == Reply(notice=t("toast_invalid", "fr"))
    assert await deps.state.language(ANA.user_id) is None


async def test_forget_retires_the_question_and_keeps_nothing(deps: Deps) -> None:
    await started(deps)
    reply = await people.forget(deps, ANA)
    assert reply == Reply(notice=t("forgotten", "fr"), retire=(QUESTION_MESSAGE,))
    assert await deps.state.load_quiz(ANA.user_id) is None


async def test_start_offers_to_resume_a_quiz_in_progress(deps: Deps) -> None:
    greeting = await quiz.start(deps, ANA, "fair_2026")
    assert "Ana" in greeting.screens[0].screen.text
    await started(deps)
    offer = await quiz.start(deps, ANA, None)
    assert "1/8" in offer.screens[0].screen.text
