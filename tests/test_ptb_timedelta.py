"""PTB's retry_after deprecation is handled as PTB recommends: the bot opts in to timedelta."""

from __future__ import annotations

import os
import subprocess
import sys

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


def test_a_429_raises_no_deprecation_warning_once_the_adapter_is_loaded() -> None:
    result = python("import bot.telegram_bot.application\n" + RETRY_AFTER)
    assert result.returncode == 0, result.stderr


def test_without_the_opt_in_ptb_warns_on_every_429() -> None:
    result = python(RETRY_AFTER)
    assert result.returncode != 0
    assert "PTBDeprecationWarning" in result.stderr
    assert "PTB_TIMEDELTA" in result.stderr
