"""The bot token never reaches the logs, whatever logs it."""

from __future__ import annotations

import io
import logging

import pytest

from bot.telegram_bot.redaction import REDACTED, TokenRedactingFilter, configure_logging

TOKEN = "123456789:AAHfakeTokenForTests_0123456789abcdef"


@pytest.fixture
def log_output() -> io.StringIO:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(TokenRedactingFilter(TOKEN))
    logger = logging.getLogger("careerbot.test.redaction")
    logger.handlers = [handler]
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    return stream


def test_token_in_a_message_or_its_arguments_is_redacted(log_output: io.StringIO) -> None:
    logger = logging.getLogger("careerbot.test.redaction")
    logger.debug("Set Bot API URL: https://api.telegram.org/bot%s", TOKEN)
    logger.info(f"calling https://api.telegram.org/bot{TOKEN}/getMe")
    text = log_output.getvalue()
    assert TOKEN not in text
    assert text.count(REDACTED) == 2


def test_token_in_a_traceback_is_redacted(log_output: io.StringIO) -> None:
    logger = logging.getLogger("careerbot.test.redaction")
    try:
        raise ConnectionError(f"cannot reach https://api.telegram.org/bot{TOKEN}/getUpdates")
    except ConnectionError:
        logger.exception("polling failed")
    text = log_output.getvalue()
    assert "ConnectionError" in text and "Traceback" in text
    assert TOKEN not in text


def test_httpx_request_lines_are_silenced() -> None:
    configure_logging(TOKEN)
    assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING
