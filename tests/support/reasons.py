"""A cap rule's reason as the result shows it for a score just computed (the bot shows it
from the result's record, which keeps the answer the reason quotes)."""

from __future__ import annotations

from bot.content.models import CapRule, Lang
from bot.engine.scoring import Score
from bot.presentation import reasons


def cap_reason(rule: CapRule, score: Score, lang: Lang) -> str:
    return reasons.cap_reason(rule, score.statements.get(rule.statement or ""), lang)
