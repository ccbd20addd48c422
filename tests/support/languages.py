"""The languages the shipped content and the test fixtures are written in."""

from __future__ import annotations

from bot.content.models import Lang

#: As `profiles/*.yaml` declares them, the default first.
LANGS: tuple[Lang, ...] = ("fr", "en")
