"""The Telegram adapter: python-telegram-bot's `Application` around the use cases.

httpx, which python-telegram-bot talks to Telegram with, is imported here first,
without its own command line (bot/hidden_imports.py).
"""

from bot.hidden_imports import hidden

with hidden("httpx._main", while_importing="httpx"):
    import httpx  # noqa: F401
