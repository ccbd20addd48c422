"""Why the verdict is what it is, in the person's own terms.

A cap rule's reason quotes the answer the person gave (« Vous avez répondu
« En partie » … »), never a stronger word; the caution on contradicting answers
names the two statements, when a statement and its twin are what contradict (a
person with years in the trade cannot tell otherwise which of forty answers it
doubts); the skills claimed but not shown by the knowledge questions are named as
a point to check. Both are plain text: the
result escapes them for Telegram's HTML.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.content.models import CapRule, Dimension, Lang, Question
from bot.presentation.texts import LIKERT_LABELS, t, tn

#: The skills to check are named up to this many, then counted.
MAX_LISTED = 3


def cap_reason(
    rule: CapRule,
    answer: int | None,
    lang: Lang,
    *,
    at_level: bool = False,
    twins: tuple[Question, Question] | None = None,
) -> str:
    """A cap rule's reason, quoting the person's own answer (the step 0–4 they gave to the
    rule's statement) where it says `{answer}`; its `at_level` wording for a person whose
    diploma is already at the usual level, when it has one. The caution on contradicting
    answers names `twins`, the pair that contradicts, when there is one."""
    if rule.inconsistent and twins is not None:
        first, second = (_statement(question, lang) for question in twins)
        return t("result_twins", lang, first=first, second=second)
    reason = rule.at_level(lang) if at_level and rule.at_level else rule.reason(lang)
    if rule.statement is None or answer is None:
        return reason
    return reason.replace("{answer}", t(LIKERT_LABELS[answer], lang))


def _statement(question: Question, lang: Lang) -> str:
    """A statement as the quiz shows it, quoted: its first clause when a colon opens an
    explanation (« Je tiens à des horaires fixes »), without its full stop. The whole
    statements of two pairs would not leave the summary its one screen."""
    return question.text(lang).split(":", 1)[0].rstrip().rstrip(".")


def unshown_line(unshown: Sequence[Dimension], lang: Lang) -> str:
    """The skills rated high that the knowledge questions did not show, to check kindly."""
    return t("result_unshown", lang, skills=_listed([d.label(lang) for d in unshown], lang))


def _listed(labels: list[str], lang: Lang) -> str:
    """ "A, B et C" / "A, B and C", in lower case as they follow "à l'aise en"; past
    `MAX_LISTED`, the first ones and how many more ("A, B, C et 5 autres")."""
    words = [label[:1].lower() + label[1:] for label in labels]
    if len(words) > MAX_LISTED:
        return ", ".join(words[:MAX_LISTED]) + tn("change_more", len(words) - MAX_LISTED, lang)
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + t("list_and", lang) + words[-1]
