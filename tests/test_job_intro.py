"""The job first: the greeting and /about say what a responsable e-commerce does, and /about
is honest about whose reading of the source the weights are."""

from __future__ import annotations

import html
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.content.models import Content, Lang
from bot.presentation import screens
from bot.terminal.chat import greeting
from tests.support.fake_botapi import FakeBotAPI
from tests.support.harness import make_settings, running_bot
from tests.support.languages import LANGS

#: The source's first lines, in our words: what the job does.
JOB_WORDS = {
    "fr": ("vend sur Internet", "stratégie digitale"),
    "en": ("sells a company's products", "digital strategy"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_greeting_says_what_the_job_is(shipped_content: Content, lang: Lang) -> None:
    text = screens.welcome(shipped_content, lang, "Camille").text
    assert html.escape(shipped_content.profile.summary(lang)) in text
    for words in JOB_WORDS[lang]:
        assert html.escape(words) in text
    # two or three lines on a phone: the summary stays short
    assert len(shipped_content.profile.summary(lang)) <= 400


@pytest.mark.parametrize("lang", LANGS)
def test_the_terminal_greeting_says_it_too(shipped_content: Content, lang: Lang) -> None:
    assert shipped_content.profile.summary(lang) in greeting(shipped_content, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_about_gives_the_job_its_core_missions_and_an_honest_source(
    shipped_content: Content, lang: Lang
) -> None:
    text = screens.about(shipped_content, lang).text
    assert html.escape(shipped_content.profile.summary(lang)) in text
    core = [m for m in shipped_content.profile.missions if m.core]
    assert core
    for mission in core:
        assert f"• {html.escape(mission.text(lang))}" in text
    own_reading = {"fr": "la lecture qu’en fait ce service", "en": "this service's own reading"}
    assert own_reading[lang] in text
    for claim in ("équipe d’orientation", "équipe d'orientation", "careers team"):
        assert claim not in text


@pytest.fixture
async def bot(server: FakeBotAPI, tmp_path: Path) -> AsyncIterator[Path]:
    async with running_bot(make_settings(server, tmp_path)):
        yield tmp_path


async def test_about_over_telegram(server: FakeBotAPI, bot: Path, shipped_content: Content) -> None:
    user = server.add_user(141, first_name="Noé", language_code="fr")
    user.send_text("/about")
    text = await user.wait_for(lambda u: u.last_text if "La source" in u.last_text else None)
    assert text.startswith("Le métier de responsable e-commerce")
    assert "La méthode" in text
