"""Shared pytest fixtures."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest

from bot.content.loader import load_content
from bot.content.models import Content
from bot.presentation.texts import open_catalogues
from tests.support.fake_botapi import FakeBotAPI
from tests.support.harness import TOKEN
from tests.support.paths import MINI_PROFILES, MINI_QUESTIONS, SHIPPED_PROFILES, SHIPPED_QUESTIONS

# --- Content: the mini fixture and the shipped files -------------------------


@pytest.fixture(scope="session")
def mini_content() -> Content:
    """The tiny hand-checkable content set of tests/fixtures/mini."""
    return load_content(MINI_QUESTIONS, MINI_PROFILES)


@pytest.fixture(scope="session")
def shipped_content() -> Content:
    """The questions and profile the bot ships with."""
    return load_content(SHIPPED_QUESTIONS, SHIPPED_PROFILES)


@pytest.fixture(scope="session", autouse=True)
def catalogues(shipped_content: Content) -> None:
    """The packaged catalogues of the shipped languages, as the bot opens them at start-up."""
    open_catalogues(None, shipped_content.profile.languages)


# --- End of the content fixtures ----------------------------------------------


# --- End-to-end: the fake Bot API on 127.0.0.1 ---------------------------------


@pytest.fixture
def bot_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """`caplog` at INFO, seeing records as the bot's own log handler prints them."""
    from bot.telegram_bot.redaction import log_filters

    for log_filter in log_filters(TOKEN):
        caplog.handler.addFilter(log_filter)
    caplog.set_level(logging.INFO)
    return caplog


@pytest.fixture
async def server() -> AsyncIterator[FakeBotAPI]:
    """A fresh fake Bot API server for one test."""
    async with FakeBotAPI(token=TOKEN) as fake:
        yield fake
