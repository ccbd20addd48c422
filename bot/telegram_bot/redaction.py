"""Logging that can never print the bot token, and prints no traceback for network trouble.

httpx logs every request URL at INFO, and the Bot API puts the token in the
URL; error messages can carry it too. httpx is kept at WARNING, and a filter
on the root handler replaces the token wherever it appears.

A network error is an expected fault, not a bug: its traceback (three chained
exceptions through httpcore and httpx) is cut to one line. PTB's own report
of a failed start is dropped, since `careerbot run` prints it in one line.
"""

from __future__ import annotations

import logging

from telegram.error import NetworkError, RetryAfter

REDACTED = "<bot-token>"


class TokenRedactingFilter(logging.Filter):
    def __init__(self, token: str) -> None:
        super().__init__()
        self._token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            # Render the traceback now, redacted, so the formatter prints this copy.
            formatter = logging.Formatter()
            record.exc_text = formatter.formatException(record.exc_info).replace(
                self._token, REDACTED
            )
            record.exc_info = None
        if self._token in message or (record.exc_text and self._token in record.exc_text):
            record.msg = message.replace(self._token, REDACTED)
            record.args = None
            if record.exc_text:
                record.exc_text = record.exc_text.replace(self._token, REDACTED)
        return True


class NetworkErrorsInOneLine(logging.Filter):
    """Cuts the traceback of a network error or a flood wait to one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if not isinstance(error, NetworkError | RetryAfter):
            return True
        message = record.getMessage()
        if message.startswith("Network Retry Loop (Bootstrap") and "Aborting" in message:
            return False
        record.msg = f"{message} ({type(error).__name__}: {error})"
        record.args = None
        record.exc_info = None
        record.exc_text = None
        return True


def log_filters(token: str) -> list[logging.Filter]:
    """The filters of the bot's log handler, in order."""
    return [NetworkErrorsInOneLine(), TokenRedactingFilter(token)]


def configure_logging(token: str, level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for log_filter in log_filters(token):
        handler.addFilter(log_filter)
    logging.basicConfig(level=level, handlers=[handler], force=True)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
