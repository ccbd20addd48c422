"""Shared pytest fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.loader import Content, load_content

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
