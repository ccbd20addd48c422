"""What each answer shows: the evidence a question gives, and facts about the answers.

`evidence` turns one answer into a level (0–4) on each dimension its question
speaks to (the method is in `bot.engine.scoring`). The rest reads the answers
whole: the background facts they record, how much the experience counts by its
field, and how much of the quiz was agreed with.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from bot.content.models import CATEGORIES, INTEREST, MAX_LEVEL, Category, Content, Question

Answers = Mapping[str, tuple[str, ...]]

#: What each ticked option that shows nothing takes off a multiple choice's levels.
OFF_JOB_COST = 1
#: The level a forced choice gives a task not picked: preferring others is not a refusal.
NOT_PICKED = 2


def evidence(question: Question, chosen: tuple[str, ...]) -> dict[str, float]:
    """The level (0–4) an answer gives on each dimension the question can speak to."""
    if question.kind == "likert":
        level = float(chosen[0]) if chosen else 0.0
        if question.reverse and chosen:
            level = MAX_LEVEL - level
        return dict.fromkeys(question.dimensions, level)
    targets = {dim for option in question.options for dim in option.evidence}
    picked = [option for option in question.options if option.id in chosen]
    if question.pick is not None:
        return {
            dim: float(
                max((o.evidence[dim] for o in picked if dim in o.evidence), default=NOT_PICKED)
            )
            for dim in targets
        }
    cost = OFF_JOB_COST * sum(1 for o in picked if not o.evidence and not o.exclusive)
    return {
        dim: float(max(0, min(MAX_LEVEL, sum(o.evidence.get(dim, 0) for o in picked)) - cost))
        for dim in targets
    }


#: From this share of agreeing answers on, the result adds a word of caution.
CAUTION_AGREEMENT = 0.9


def agreement(content: Content, answers: Answers) -> float:
    """0–1: the share of self-ratings agreed with (3 or 4, reverse-keyed ones too) and of
    tickable options ticked ("none of these" apart), background questions apart."""
    agreed = asked = 0
    for question in content.questions:
        if question.background:
            continue
        chosen = answers.get(question.id, ())
        if question.kind == "likert":
            asked += 1
            agreed += bool(chosen) and int(chosen[0]) >= MAX_LEVEL - 1
        elif question.kind == "multiple" and question.pick is None:
            tickable = [o.id for o in question.options if not o.exclusive]
            asked += len(tickable)
            agreed += sum(1 for o in tickable if o in chosen)
    return agreed / asked if asked else 0.0


def item_score(question: Question, chosen: tuple[str, ...]) -> float | None:
    """One answer as a single number, 0–4: its mean evidence (None if it gives none).

    Reverse keying is already applied, so a higher item score always means more
    of what the question measures: the item analysis of the score log uses it.
    """
    levels = evidence(question, chosen)
    return sum(levels.values()) / len(levels) if levels else None


def item_category(content: Content, question: Question) -> Category | None:
    """The measured category a question belongs to (None for background facts).

    The category of most of the dimensions it speaks to; on a tie, the first in
    `CATEGORIES` then interest.
    """
    targets = set(question.dimensions) | {d for o in question.options for d in o.evidence}
    counts = Counter(content.dimension_by_id[d].category for d in targets)
    ranked: list[Category] = [c for c in (*CATEGORIES, INTEREST) if counts[c] and c != "background"]
    if not ranked:
        return None
    return max(ranked, key=counts.__getitem__)


def with_assumed(content: Content, answers: Answers) -> dict[str, tuple[str, ...]]:
    """The answers, each question a quiz did not ask (one for other languages than the
    job's own) taken as its `assumed` option."""
    filled = dict(answers)
    for question in content.questions:
        if question.assumed is not None and not filled.get(question.id):
            filled[question.id] = (question.assumed,)
    return filled


def backgrounds(content: Content, answers: Answers) -> dict[str, tuple[str, ...]]:
    """Background key → the values the answers record, e.g. {"education": ("master",)}."""
    background: dict[str, tuple[str, ...]] = {}
    for question in content.questions:
        if question.background:
            values = {o.id: o.value for o in question.options}
            background[question.background] = tuple(
                value
                for choice in answers.get(question.id, ())
                if (value := values.get(choice)) is not None
            )
    return background


def field_weight(content: Content, background: Mapping[str, tuple[str, ...]]) -> float:
    """0–1: how much the stated experience counts, by the field it was gained in.

    From the profile's `experience_fields`; 1 when the profile has none or the field
    was not answered (experience then counts as stated).
    """
    fields = content.profile.experience_fields
    if fields is None:
        return 1.0
    recorded = background.get(fields.background, ())
    weights = [fields.weights[v] for v in recorded if v in fields.weights]
    return max(weights) if weights else 1.0
