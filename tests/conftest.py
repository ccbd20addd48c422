"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.content.loader import load_content
from bot.content.models import Content
from tests.fake_botapi import FakeBotAPI
from tests.harness import TOKEN

# --- Content: the mini fixture and the shipped files -------------------------
# Paths come from this file, so the tests run from any working directory.

TESTS_DIR = Path(__file__).resolve().parent
ROOT = TESTS_DIR.parent
MINI_DIR = TESTS_DIR / "fixtures" / "mini"
MINI_QUESTIONS = MINI_DIR / "questions"
MINI_PROFILES = MINI_DIR / "profiles"
SHIPPED_QUESTIONS = ROOT / "questions"
SHIPPED_PROFILES = ROOT / "profiles"


@pytest.fixture(scope="session")
def mini_content() -> Content:
    """The tiny hand-checkable content set of tests/fixtures/mini."""
    return load_content(MINI_QUESTIONS, MINI_PROFILES)


@pytest.fixture(scope="session")
def shipped_content() -> Content:
    """The questions and profile the bot ships with."""
    return load_content(SHIPPED_QUESTIONS, SHIPPED_PROFILES)


# --- End of the content fixtures ----------------------------------------------


# --- End-to-end: the fake Bot API on 127.0.0.1 ---------------------------------


@pytest.fixture
async def server() -> AsyncIterator[FakeBotAPI]:
    """A fresh fake Bot API server for one test."""
    async with FakeBotAPI(token=TOKEN) as fake:
        yield fake
