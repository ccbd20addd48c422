"""The result arrives as text plus a chart; a chart that fails only drops the picture."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from PIL import Image

from bot.content.models import Content
from tests.support.fake_botapi import FakeBotAPI
from tests.support.harness import (
    QuizPlayer,
    begin,
    expected_result_text,
    make_settings,
    random_choices,
    running_bot,
)


async def test_the_result_comes_with_a_chart(
    server: FakeBotAPI, tmp_path: Path, shipped_content: Content
) -> None:
    user = server.add_user(1201, first_name="Clara", language_code="en")
    choices = random_choices(shipped_content, random.Random(1201))
    async with running_bot(make_settings(server, tmp_path)):
        await begin(user, "▶️ Start the quiz")
        player = QuizPlayer(user, shipped_content)
        await player.play(choices)
        result = await player.wait_result("en")
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

    monkeypatch.setattr("bot.presentation.charts.result_chart_png", broken)
    user = server.add_user(1202, first_name="Basile", language_code="fr")
    choices = random_choices(shipped_content, random.Random(1202))
    async with running_bot(make_settings(server, tmp_path)):
        await begin(user, "▶️ Commencer le quiz")
        player = QuizPlayer(user, shipped_content)
        await player.play(choices)
        result = await player.wait_result("fr")
        await server.wait_until_idle()
    assert result.text == expected_result_text(shipped_content, choices, "fr")
    assert not any(m.photo for m in user.messages)
    assert "Oups" not in " ".join(m.text for m in user.messages), "no error shown to the user"
