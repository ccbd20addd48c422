"""The result arrives as text plus a chart; a chart that fails only drops the picture."""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

import pytest
from PIL import Image

from bot.content.models import Content
from bot.telegram_bot import optional_charts
from tests.support.fake_botapi import FakeBotAPI
from tests.support.harness import (
    ADMIN_ID,
    QuizPlayer,
    expected_result_text,
    make_settings,
    random_choices,
    running_bot,
)
from tests.support.paths import MINI_PROFILES, MINI_QUESTIONS


async def test_the_result_comes_with_a_chart(
    server: FakeBotAPI, tmp_path: Path, shipped_content: Content
) -> None:
    user = server.add_user(1201, first_name="Clara", language_code="en")
    choices = random_choices(shipped_content, random.Random(1201))
    async with running_bot(make_settings(server, tmp_path)):
        result = await QuizPlayer(user, shipped_content).take(choices, "en")
        photo = await user.wait_for(lambda u: next((m for m in u.messages if m.photo), None))
    assert result.text == expected_result_text(shipped_content, choices, "en")
    assert photo.message_id > result.message_id
    assert photo.caption and len(photo.caption) <= 1024
    assert photo.photo is not None
    image = Image.open(io.BytesIO(photo.photo))
    assert image.format == "PNG" and image.width >= 800


async def test_a_failing_chart_still_leaves_the_text_result(
    server: FakeBotAPI, tmp_path: Path, shipped_content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("no fonts on this machine")

    monkeypatch.setattr("bot.presentation.result_chart.result_chart_png", broken)
    user = server.add_user(1202, first_name="Basile", language_code="fr")
    choices = random_choices(shipped_content, random.Random(1202))
    async with running_bot(make_settings(server, tmp_path)):
        result = await QuizPlayer(user, shipped_content).take(choices, "fr")
        await server.wait_until_idle()
    assert result.text == expected_result_text(shipped_content, choices, "fr")
    assert not any(m.photo for m in user.messages)
    assert "Oups" not in " ".join(m.text for m in user.messages), "no error shown to the user"


async def test_without_the_charts_extra_results_are_text_and_one_line_says_why(
    server: FakeBotAPI,
    tmp_path: Path,
    mini_content: Content,
    monkeypatch: pytest.MonkeyPatch,
    bot_log: pytest.LogCaptureFixture,
) -> None:
    """Each result used to log a ModuleNotFoundError traceback when Pillow was missing."""
    for module in ("bot.presentation.charts", "bot.presentation.result_chart"):
        monkeypatch.delitem(sys.modules, module, raising=False)
    for missing in ("PIL", "matplotlib"):  # as if `careerbot[charts]` were not installed
        for loaded in [name for name in sys.modules if name.startswith(f"{missing}.")]:
            monkeypatch.delitem(sys.modules, loaded)  # whatever an earlier test imported
        monkeypatch.setitem(sys.modules, missing, None)
    optional_charts._say_once.cache_clear()
    settings = make_settings(
        server, tmp_path, questions_dir=MINI_QUESTIONS, profiles_dir=MINI_PROFILES
    )
    admin = server.add_user(ADMIN_ID, first_name="Admin", language_code="en")
    people = [server.add_user(1203 + i, language_code="fr") for i in range(2)]
    async with running_bot(settings):
        for seed, user in enumerate(people):
            await QuizPlayer(user, mini_content).take(
                random_choices(mini_content, random.Random(seed)), "fr"
            )
        shown = len(people[0].messages)
        people[0].send_text("/result")
        await people[0].wait_for(lambda u: len(u.messages) > shown)
        admin.send_text("/stats")
        await admin.wait_for(lambda u: u.messages)
        await server.wait_until_idle()
    assert not any(m.photo for user in (*people, admin) for m in user.messages)
    assert not [r for r in bot_log.records if r.exc_info or "Traceback" in r.getMessage()]
    said = [r.getMessage() for r in bot_log.records if "Charts are off" in r.getMessage()]
    # Once per missing module: Pillow for the results, matplotlib for /stats.
    assert said == [
        f"Charts are off: {module} is not installed (pip install 'careerbot[charts]'); "
        "results and /stats are sent as text only."
        for module in ("PIL", "matplotlib")
    ]
