"""The score log's figures as terminal tables, for `careerbot logs summary` and `logs items`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.bar import Bar
from rich.console import RenderableType
from rich.table import Table

from bot.presentation.admin_text import period_text
from bot.scorelog.items import ItemReport
from bot.scorelog.summary import NO_ANSWER, NO_SOURCE, Summary, bucket_label

#: The item analysis's columns aligned to the right.
NUMERIC = {"Answers", "Spread", "Item–rest", "Right"}


def summary_tables(summary: Summary) -> list[RenderableType]:
    """The overview, then (if anything was recorded) a table per breakdown."""
    if summary.fit is None:
        return [_overview(summary), "Nothing recorded in this period."]
    return [
        _overview(summary),
        _distribution(summary),
        _columns(
            "Categories (fit 0–100)",
            ("Category", "Mean", "Median"),
            [
                (category, f"{stat.mean:.1f}", f"{stat.median:.1f}")
                for category, stat in summary.categories.items()
            ],
        ),
        _dimensions(summary),
        _columns(
            "Answers per question",
            ("Question", "Answers (times chosen)"),
            [
                (question, " · ".join(f"{a} ×{n}" for a, n in counts.items()))
                for question, counts in summary.answers.items()
            ],
            right=(),
        ),
        *_counts_tables(summary),
    ]


def item_tables(report: ItemReport) -> list[Table]:
    """The item analysis: the questions, then the categories."""
    questions = Table(title=f"Questions ({report.results} results)")
    columns = (
        "Question",
        "Category",
        "Answers",
        "Spread",
        "Top answer",
        "Item–rest",
        "Right",
        "Flag",
    )
    for name in columns:
        # a flag is read whole: the other columns wrap first
        questions.add_column(
            name, justify="right" if name in NUMERIC else "left", no_wrap=name == "Flag"
        )
    for item in sorted(report.items, key=lambda i: (i.category or "~", i.question_id)):
        questions.add_row(
            item.question_id,
            item.category or "(background)",
            str(item.count),
            f"{item.spread:.2f}",
            f"{item.modal_share:.0%} {item.modal_answer or NO_ANSWER}",
            "–" if item.item_rest is None else f"{item.item_rest:.2f}",
            "–" if item.share_right is None else f"{item.share_right:.0%}",
            ", ".join(item.flags),
        )
    categories = _columns(
        "Categories",
        ("Category", "Items", "Complete results", "Cronbach's alpha"),
        [
            (c.name, str(c.items), str(c.complete), "–" if c.alpha is None else f"{c.alpha:.2f}")
            for c in sorted(report.categories, key=lambda c: c.name)
        ],
    )
    return [questions, categories]


def _overview(summary: Summary) -> Table:
    overview = Table(title="Score log", show_header=False, box=None)
    overview.add_column(style="bold")
    overview.add_column(justify="right")
    overview.add_row("Period", period_text(summary))
    overview.add_row("Results", str(summary.count))
    if summary.fit is not None:
        overview.add_row("Mean fit", f"{summary.fit.mean:.1f}")
        overview.add_row("Median fit", f"{summary.fit.median:.1f}")
    return overview


def _distribution(summary: Summary) -> Table:
    distribution = Table(title="Fit distribution")
    distribution.add_column("Fit")
    distribution.add_column("Results", justify="right")
    distribution.add_column("")
    largest = max(summary.fit_buckets.values())
    for start, count in summary.fit_buckets.items():
        distribution.add_row(bucket_label(start), str(count), Bar(largest, 0, count, width=30))
    return distribution


def _dimensions(summary: Summary) -> Table:
    gaps = dict(summary.gaps)
    rows = []
    for dim, stat in summary.dimensions.items():
        n = gaps.get(dim, 0)
        share = f"{100 * n / summary.count:.0f}"
        rows.append((dim, f"{stat.mean:.1f}", f"{stat.median:.1f}", str(n), share))
    names = ("Dimension", "Mean", "Median", "Gaps", "% results")
    return _columns("Qualities and skills (fit 0–100)", names, rows)


def _counts_tables(summary: Summary) -> list[Table]:
    sources = {(source or NO_SOURCE): n for source, n in summary.by_source.items()}
    breakdowns: tuple[tuple[str, Mapping[str, int]], ...] = (
        ("Language", summary.by_lang),
        ("Source", sources),
        ("Month", summary.by_month),
    )
    if len(summary.by_profile) > 1:  # a log of one job needs no breakdown by job
        breakdowns = (("Profile", summary.by_profile), *breakdowns)
    return [
        _columns(f"Results per {title.lower()}", (title, "Results"), counts.items())
        for title, counts in breakdowns
    ]


def _columns(
    title: str,
    names: tuple[str, ...],
    rows: Iterable[Iterable[object]],
    right: tuple[str, ...] | None = None,
) -> Table:
    """A table whose first column is left-aligned and the others right-aligned (or `right`)."""
    table = Table(title=title)
    for index, name in enumerate(names):
        aligned = (name in right) if right is not None else index > 0
        table.add_column(name, justify="right" if aligned else "left")
    for row in rows:
        table.add_row(*(str(cell) for cell in row))
    return table
