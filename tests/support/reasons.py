"""A cap rule's reason as the result shows it for a score just computed (the bot shows it
from the result's record, which keeps the answer the reason quotes, the wording of the
reason that fits the person's background and the statements that contradict)."""

from __future__ import annotations

from bot.content.models import CapRule, Content, Lang
from bot.engine.advice import reason_wording
from bot.engine.scoring import Score
from bot.presentation import reasons


def cap_reason(content: Content, rule: CapRule, score: Score, lang: Lang) -> str:
    """The caution on contradicting answers names the first pair, as the bot does."""
    worded = rule.worded(reason_wording(rule, score))
    questions = content.question_by_id
    twins = next(((questions[a], questions[b]) for a, b in score.consistency.twins), None)
    answer = score.statements.get(rule.statement or "")
    return reasons.cap_reason(worded, answer, lang, twins=twins)
