"""careerbot exactly as `careerbot run` starts it, except for Telegram's 30 messages/s.

The `AIORateLimiter` stays (retries after a 429 and all), but its overall
throttle is lifted, as in the floor bot: the fake Bot API is not Telegram, and
the benchmark measures what the bot itself costs. What the limit means for a
real deployment is worked out on paper in docs/benchmarks.md.
"""

from __future__ import annotations

import functools
import sys

# The bot's own modules are imported first, as in `careerbot run`: they import httpx
# without its command line (bot/hidden_imports.py), which importing telegram first loads.
import bot.telegram_bot.application
from bot.cli import main as careerbot


def main() -> None:
    from telegram.ext import AIORateLimiter

    unthrottled = functools.partial(AIORateLimiter, overall_max_rate=0)
    setattr(bot.telegram_bot.application, "AIORateLimiter", unthrottled)  # noqa: B010
    sys.argv = ["careerbot", "run"]
    careerbot()


if __name__ == "__main__":
    main()
