"""A language added from files only, played end to end: no Python changes for it.

Esperanto (`eo`, a real code no shipped file uses) is made by the test from the English
texts behind a visible prefix: a copy of the content with an `eo` text beside every other
and `eo` added to the profile's languages, and a copy of the catalogues with an `eo` one,
compiled. The bot then runs on those copies through its settings alone.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.content.loader import load_content
from bot.content.models import Content
from bot.engine.result import evaluate
from bot.presentation.texts import open_catalogues
from tests.support.fake_botapi import FakeBotAPI
from tests.support.harness import (
    QuizPlayer,
    begin,
    expected_result_text,
    make_settings,
    random_choices,
    running_bot,
)
from tests.support.new_language import copy_catalogues, copy_content
from tests.support.paths import SHIPPED_PROFILES, SHIPPED_QUESTIONS
from tests.support.terminal import (
    CLI_SEED,
    chat_process,
    expected_answers,
    printed_figures,
    typed_answer,
)

EO = "eo"
#: Every text of the new language starts with this, so a French or English one shows.
PREFIX = "[eo] "


class Esperanto:
    """The copies the bot runs on: question and profile files, catalogues."""

    def __init__(self, root: Path) -> None:
        self.questions, self.profiles = copy_content(SHIPPED_QUESTIONS, SHIPPED_PROFILES, root, EO)
        self.locales = root / "locales"
        copy_catalogues(self.locales, EO)

    def content(self) -> Content:
        return load_content(self.questions, self.profiles)


@pytest.fixture(scope="module")
def esperanto(tmp_path_factory: pytest.TempPathFactory) -> Esperanto:
    return Esperanto(tmp_path_factory.mktemp("eo"))


@pytest.fixture(autouse=True)
def packaged_catalogues_again(shipped_content: Content) -> Iterator[None]:
    """The bot opens the copies' catalogues; the other tests read the packaged ones."""
    yield
    open_catalogues(None, shipped_content.profile.languages)


def test_the_new_language_validates_from_files_alone(esperanto: Esperanto) -> None:
    content = esperanto.content()
    assert content.languages == ("fr", "en", EO)
    assert all(q.text(EO).startswith(PREFIX) for q in content.questions)


async def test_a_whole_quiz_in_the_new_language_on_telegram(
    server: FakeBotAPI, tmp_path: Path, esperanto: Esperanto
) -> None:
    content = esperanto.content()
    settings = make_settings(
        server,
        tmp_path,
        questions_dir=esperanto.questions,
        profiles_dir=esperanto.profiles,
        locales_dir=esperanto.locales,
    )
    user = server.add_user(1601, first_name="Ludoviko", language_code=EO)
    choices = random_choices(content, random.Random(16))
    async with running_bot(settings):
        # the client speaks eo, which the content now offers: the bot speaks it unasked
        await begin(user, f"{PREFIX}▶️ Start the quiz")
        assert user.buttons() == [f"{PREFIX}▶️ Start the quiz", "Français", "English"]
        player = QuizPlayer(user, content)
        await player.play(choices)
        result = await player.wait_result(EO)
        # the picker names every language in itself, eo from its own catalogue
        user.send_text("/language")
        await user.wait_for(lambda u: f"✔️ {PREFIX}English" in u.buttons())
        assert user.buttons() == ["Français", "English", f"✔️ {PREFIX}English"]
        await server.wait_until_idle()

    assert result.text == expected_result_text(content, choices, EO)
    assert result.text.startswith(f"{PREFIX}Your result")
    assert result.text.count(PREFIX) > 10 and "Compatibilité" not in result.text
    scope = {"type": "all_private_chats"}
    assert dict(server.my_commands(EO, scope))["start"] == f"{PREFIX}Start or resume the quiz"


def test_a_whole_quiz_in_the_new_language_in_the_terminal(
    tmp_path: Path, esperanto: Esperanto
) -> None:
    content = esperanto.content()
    done = chat_process(
        tmp_path,
        ["--lang", EO],
        "".join(typed_answer(q) + "\n" for q in content.questions),
        CAREERBOT_QUESTIONS_DIR=str(esperanto.questions),
        CAREERBOT_PROFILES_DIR=str(esperanto.profiles),
        CAREERBOT_LOCALES_DIR=str(esperanto.locales),
    )
    assert done.returncode == 0, done.stderr
    total = len(content.questions)
    assert f"{PREFIX}Question {total}/{total}" in done.stdout
    assert content.questions[0].text(EO) in done.stdout
    expected = evaluate(content, expected_answers(content, CLI_SEED))
    assert printed_figures(done.stdout, "en") == (
        round(expected.score.overall),
        expected.salary.shown,
    )
    assert f"{PREFIX}Your result" in done.stdout
    assert expected.score.band.label(EO) in done.stdout
    assert "Votre résultat" not in done.stdout and "Compatibilité" not in done.stdout
