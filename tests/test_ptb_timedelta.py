"""PTB's retry_after deprecation is handled as PTB recommends: the bot opts in to timedelta."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.content.models import Content
from bot.settings import Settings
from bot.telegram_bot.application import build_application
from tests.support.harness import TOKEN
from tests.support.paths import SHIPPED_PROFILES, SHIPPED_QUESTIONS

RETRY_AFTER = """
from datetime import timedelta
from telegram.error import RetryAfter
assert RetryAfter(3).retry_after == timedelta(seconds=3)
"""


def python(code: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "PTB_TIMEDELTA"}
    return subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_429_raises_no_deprecation_warning_once_the_bot_is_built() -> None:
    """`build_application` opts in first (`opt_in_to_timedelta`), before PTB reads a 429."""
    opt_in = "from bot.telegram_bot.application import opt_in_to_timedelta\nopt_in_to_timedelta()\n"
    result = python(opt_in + RETRY_AFTER)
    assert result.returncode == 0, result.stderr


def test_without_the_opt_in_ptb_warns_on_every_429() -> None:
    result = python(RETRY_AFTER)
    assert result.returncode != 0
    assert "PTBDeprecationWarning" in result.stderr
    assert "PTB_TIMEDELTA" in result.stderr


def test_building_the_bot_opts_in(
    tmp_path: Path, shipped_content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PTB_TIMEDELTA", raising=False)
    settings = Settings(
        bot_token=TOKEN,
        base_url="http://127.0.0.1:9/bot",
        data_dir=tmp_path,
        questions_dir=SHIPPED_QUESTIONS,
        profiles_dir=SHIPPED_PROFILES,
    )
    build_application(settings, [shipped_content])
    assert os.environ["PTB_TIMEDELTA"] == "true"
