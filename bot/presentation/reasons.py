"""Why the verdict is what it is, in the person's own terms.

A cap rule's reason quotes the answer the person gave (« Vous avez répondu
« En partie » … »), never a stronger word; the skills claimed but not shown by
the knowledge questions are named as a point to check. Both are plain text: the
result escapes them for Telegram's HTML.
"""

from __future__ import annotations

from bot.content.models import CapRule, Content, Lang
from bot.engine.scoring import Score
from bot.presentation.texts import LIKERT_LABELS, t, tn

#: The skills to check are named up to this many, then counted.
MAX_LISTED = 3


def cap_reason(rule: CapRule, score: Score, lang: Lang) -> str:
    """A cap rule's reason, quoting the person's own answer where it says `{answer}`."""
    reason = rule.reason(lang)
    if rule.statement is None or rule.statement not in score.statements:
        return reason
    label = t(LIKERT_LABELS[score.statements[rule.statement]], lang)
    return reason.replace("{answer}", label)


def unshown_line(content: Content, score: Score, lang: Lang) -> str:
    """The skills rated high that the knowledge questions did not show, to check kindly."""
    labels = [content.dimension_by_id[d].label(lang) for d in score.consistency.unshown]
    return t("result_unshown", lang, skills=_listed(labels, lang))


def _listed(labels: list[str], lang: Lang) -> str:
    """ "A, B et C" / "A, B and C", in lower case as they follow "à l'aise en"; past
    `MAX_LISTED`, the first ones and how many more ("A, B, C et 5 autres")."""
    words = [label[:1].lower() + label[1:] for label in labels]
    if len(words) > MAX_LISTED:
        return ", ".join(words[:MAX_LISTED]) + tn("change_more", len(words) - MAX_LISTED, lang)
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + t("list_and", lang) + words[-1]
