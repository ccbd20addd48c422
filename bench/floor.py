"""The floor: the least a python-telegram-bot quiz bot does, to measure careerbot against.

In-memory answers, one message edited per answer, nothing stored, no chart.
It has what any bot on Telegram needs and careerbot has too: concurrent
updates and the `AIORateLimiter` (with the 30/s throttle lifted, like
careerbot's in the benchmark; see docs/benchmarks.md).

    python -m bench.floor QUESTIONS_JSON

QUESTIONS_JSON is a list of {"text": ..., "options": [...]}; the token and
the Bot API base URL come from TELEGRAM_BOT_TOKEN and TELEGRAM_BASE_URL.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

BEGIN = "go"


def main() -> None:
    questions = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    answers: dict[int, list[int]] = {}

    def question(number: int) -> tuple[str, InlineKeyboardMarkup]:
        asked = questions[number]
        buttons = [
            [InlineKeyboardButton(text, callback_data=f"{number}:{index}")]
            for index, text in enumerate(asked["options"])
        ]
        return asked["text"], InlineKeyboardMarkup(buttons)

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_chat is not None
        begin = InlineKeyboardMarkup([[InlineKeyboardButton("Begin", callback_data=BEGIN)]])
        await context.bot.send_message(
            update.effective_chat.id, "Hello! A short quiz.", reply_markup=begin
        )

    async def press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and query.data is not None
        given = answers.setdefault(query.from_user.id, [])
        if query.data == BEGIN:
            given.clear()
        else:
            given.append(int(query.data.split(":")[1]))
        await query.answer()
        if len(given) < len(questions):
            text, markup = question(len(given))
            await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
            return
        del answers[query.from_user.id]
        await query.edit_message_text(f"Result: {sum(given)} points.")

    application = (
        ApplicationBuilder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ["TELEGRAM_BASE_URL"])
        .rate_limiter(AIORateLimiter(overall_max_rate=0, max_retries=3))
        .concurrent_updates(True)
        .build()
    )
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CallbackQueryHandler(press))
    application.run_polling(allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
