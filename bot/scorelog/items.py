"""Item analysis of the score log: does each question separate people, and agree with its category?

For admins who edit `questions/*.yaml`. Each answer is logged with its item
score (0–4, its mean evidence, reverse keying applied) and the category it
measures; from those, per question:

- `count`: answers logged (those with an item score);
- `spread`: the standard deviation of the item score (0 when everyone scores alike);
- `modal_share`: the share of the most frequent answer; above 80 % the question
  hardly separates people;
- `item_rest`: the correlation between the item score and the sum of the other
  items of its category in the same result; below 0.2 the question measures
  something else than its neighbours (or nothing);
- `share_right`: for a knowledge question, the share of right answers: its
  difficulty (near 100 % everyone knows it, near 0 % no one does);

and per category, Cronbach's alpha over the results that answered all its
items: how consistently the items measure one thing (0.7 or more is usual).
docs/score-logs.md explains what to do about a flagged question. The Datasette
canned queries `item_analysis` and `category_alpha` compute the same figures.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.scorelog.summary import PERIOD_SQL, period_params, reader

#: Above this share of one answer, a question is flagged: it does not separate people.
MAX_MODAL_SHARE = 0.8
#: Below this item–rest correlation, a question is flagged: it disagrees with its category.
MIN_ITEM_REST = 0.2


@dataclass(frozen=True)
class Item:
    question_id: str
    category: str | None
    """None for a background fact (diploma, years): no correlation asked of it."""
    count: int
    mean: float
    spread: float
    modal_answer: str
    modal_share: float
    item_rest: float | None
    """None without a category, with fewer than 3 results, or when a side has no spread."""
    share_right: float | None = None
    """Knowledge questions only: the share of answers that were right (their difficulty)."""

    @property
    def flags(self) -> list[str]:
        found = []
        if self.modal_share > MAX_MODAL_SHARE:
            found.append("does not separate")
        if self.item_rest is not None and self.item_rest < MIN_ITEM_REST:
            found.append("disagrees with its category")
        return found


@dataclass(frozen=True)
class CategoryAlpha:
    name: str
    items: int
    complete: int
    """Results that answered every item of the category (alpha uses these)."""
    alpha: float | None


@dataclass(frozen=True)
class ItemReport:
    results: int
    items: list[Item]
    categories: list[CategoryAlpha]


def load_items(
    path: Path, *, since: date | None = None, until: date | None = None, profile: str | None = None
) -> ItemReport:
    """The item analysis of the results dated since–until (inclusive), of one profile if
    `profile` names it."""
    with reader(path) as conn:
        rows = (
            []
            if conn is None
            else conn.execute(
                "select a.result_id, a.question_id, a.answer, a.score, a.category, a.correct"
                f" from answers a join results r on r.id = a.result_id"
                f" where a.score is not null and {PERIOD_SQL} order by a.position, a.result_id",
                period_params(since, until, profile),
            ).fetchall()
        )
    scores: dict[str, dict[str, float]] = defaultdict(dict)
    """Question id → result id → item score."""
    answers: dict[str, Counter[str]] = defaultdict(Counter)
    category_of: dict[str, str | None] = {}
    right: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        if row["correct"] is not None:
            right[row["question_id"]].append(row["correct"])
        scores[row["question_id"]][row["result_id"]] = row["score"]
        answers[row["question_id"]][row["answer"]] += 1
        category_of[row["question_id"]] = row["category"]

    members: dict[str, list[str]] = defaultdict(list)
    for question, category in category_of.items():
        if category is not None:
            members[category].append(question)

    items = []
    for question, by_result in scores.items():
        values = list(by_result.values())
        modal_answer, modal_count = answers[question].most_common(1)[0]
        category = category_of[question]
        rest = [q for q in members.get(category or "", []) if q != question]
        items.append(
            Item(
                question_id=question,
                category=category,
                count=len(values),
                mean=statistics.fmean(values),
                spread=statistics.pstdev(values),
                modal_answer=modal_answer,
                modal_share=modal_count / len(values),
                item_rest=_item_rest(by_result, [scores[q] for q in rest]) if rest else None,
                share_right=statistics.fmean(right[question]) if right[question] else None,
            )
        )
    categories = [
        _alpha(name, [scores[q] for q in questions]) for name, questions in members.items()
    ]
    results = len({row["result_id"] for row in rows})
    return ItemReport(results=results, items=items, categories=categories)


def _item_rest(item: dict[str, float], others: list[dict[str, float]]) -> float | None:
    pairs = [(score, sum(o.get(result, 0.0) for o in others)) for result, score in item.items()]
    return _correlation(pairs)


def _correlation(pairs: list[tuple[float, float]]) -> float | None:
    if len(pairs) < 3:
        return None
    xs, ys = zip(*pairs, strict=True)
    if statistics.pstdev(xs) == 0 or statistics.pstdev(ys) == 0:
        return None
    return statistics.correlation(xs, ys)


def _alpha(name: str, items: list[dict[str, float]]) -> CategoryAlpha:
    """Cronbach's alpha: k/(k−1) × (1 − Σ item variances / variance of the totals)."""
    complete = set.intersection(*(set(item) for item in items))
    k = len(items)
    alpha = None
    if k >= 2 and len(complete) >= 3:
        totals = [sum(item[r] for item in items) for r in complete]
        total_variance = statistics.pvariance(totals)
        if total_variance > 0:
            item_variances = sum(
                statistics.pvariance([item[r] for r in complete]) for item in items
            )
            alpha = k / (k - 1) * (1 - item_variances / total_variance)
    return CategoryAlpha(name=name, items=k, complete=len(complete), alpha=alpha)
