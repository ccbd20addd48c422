"""A cap rule's reason as the result shows it for a score just computed (the bot shows it
from the result's record, which keeps the answer the reason quotes and the wording of the
reason that fits the person's background)."""

from __future__ import annotations

from bot.content.models import CapRule, Lang
from bot.engine.advice import reason_wording
from bot.engine.scoring import Score
from bot.presentation import reasons


def cap_reason(rule: CapRule, score: Score, lang: Lang) -> str:
    worded = rule.worded(reason_wording(rule, score))
    return reasons.cap_reason(worded, score.statements.get(rule.statement or ""), lang)
