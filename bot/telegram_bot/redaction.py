"""Logging that can never print the bot token.

httpx logs every request URL at INFO, and the Bot API puts the token in the
URL; error messages can carry it too. httpx is kept at WARNING, and a filter
on the root handler replaces the token wherever it appears.
"""

from __future__ import annotations

import logging

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


def configure_logging(token: str, level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(TokenRedactingFilter(token))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
