"""The result in sections over Telegram: the real Application against the fake Bot API.

The summary fits one phone screen; each button opens its section in place, the
back button brings the summary back, and a section button still works after
the bot restarts, and after a retake (it shows that result, or says it was
replaced). The neighbouring jobs' button opens its section like the others.
"""

from __future__ import annotations

import random
from pathlib import Path

from bot.content.models import Content
from bot.presentation.result_sections import available, section
from bot.presentation.result_summary import SUMMARY_MAX_CHARS, SUMMARY_MAX_LINES, summary
from bot.presentation.result_text import to_plain
from bot.presentation.texts import t
from tests.support.fake_botapi import FakeBotAPI, FakeUser
from tests.support.harness import QuizPlayer, make_settings, random_choices, running_bot
from tests.support.persona_catalogue import DATA_ANALYST
from tests.support.personas import answers_for
from tests.support.records import stored_record

BUTTONS = {
    "path": "🧭 Parcours",
    "routes": "🎓 Aides aux adultes",
    "salary": "💶 Salaire",
    "develop": "🎯 À développer",
    "detail": "📊 Détail",
    "neighbours": "🔀 Métiers voisins",
}


async def shown(user: FakeUser, message_id: int, text: str) -> None:
    await user.wait_for(lambda u: to_plain(text) == u.message(message_id).text)


async def test_each_section_opens_in_place_and_back_even_after_a_restart(
    server: FakeBotAPI, tmp_path: Path, shipped_content: Content
) -> None:
    user = server.add_user(141, first_name="Nora", language_code="fr")
    player = QuizPlayer(user, shipped_content)
    settings = make_settings(server, tmp_path)
    async with running_bot(settings):
        result = await player.take(random_choices(shipped_content, random.Random(41)), "fr")
        record = stored_record(tmp_path, user.id)
        text = summary(shipped_content, record, "fr")
        assert result.text == to_plain(text)
        assert len(result.text) <= SUMMARY_MAX_CHARS
        assert len(result.text.splitlines()) <= SUMMARY_MAX_LINES
        names = available(shipped_content, record, "fr")
        assert [BUTTONS[name] for name in names] == result.buttons[: len(names)]
        for name in names:
            user.press(BUTTONS[name], message_id=result.message_id)
            expected = section(shipped_content, record, "fr", name)
            assert expected is not None
            await shown(user, result.message_id, expected)
            assert user.message(result.message_id).buttons == ["◀️ Résumé"]
            user.press("◀️ Résumé", message_id=result.message_id)
            await shown(user, result.message_id, text)

    async with running_bot(settings):  # a new process: the buttons still work
        user.press(BUTTONS["salary"], message_id=result.message_id)
        salary = section(shipped_content, record, "fr", "salary")
        assert salary is not None
        await shown(user, result.message_id, salary)
        user.press("◀️ Résumé", message_id=result.message_id)
        await shown(user, result.message_id, text)

        # A retake: the old result's buttons show that result and say it is the previous one.
        user.press("🔄 Refaire le quiz", message_id=result.message_id)
        await player.play(random_choices(shipped_content, random.Random(42)))
        await user.wait_for(lambda u: stored_record(tmp_path, u.id).quiz_id != record.quiz_id)
        pressed = user.press(BUTTONS["detail"], message_id=result.message_id)
        detail = section(shipped_content, record, "fr", "detail")
        assert detail is not None
        await shown(user, result.message_id, detail)
        answer = await server.wait_for_answer(pressed)
        assert answer.get("text") == t("toast_previous_result", "fr")


async def test_the_neighbouring_jobs_button_opens_them_and_goes_back(
    server: FakeBotAPI, tmp_path: Path, shipped_content: Content
) -> None:
    """A data analyst with no wish to lead or sell: the summary names the neighbouring
    jobs in one line (not her own: the bridges from it), and their button opens the
    section in place."""
    user = server.add_user(142, first_name="Inès", language_code="fr")
    player = QuizPlayer(user, shipped_content)
    async with running_bot(make_settings(server, tmp_path)):
        result = await player.take(answers_for(shipped_content, DATA_ANALYST), "fr")
        record = stored_record(tmp_path, user.id)
        assert [n.job for n in record.neighbours] == ["traffic_manager", "seo"]
        assert "🔀 Métiers voisins à regarder\u00a0: Traffic manager" in result.text
        assert BUTTONS["neighbours"] in result.buttons
        user.press(BUTTONS["neighbours"], message_id=result.message_id)
        expected = section(shipped_content, record, "fr", "neighbours")
        assert expected is not None and "ONISEP" in expected
        await shown(user, result.message_id, expected)
        assert user.message(result.message_id).buttons == ["◀️ Résumé"]
        user.press("◀️ Résumé", message_id=result.message_id)
        await shown(user, result.message_id, summary(shipped_content, record, "fr"))
