"""PNG charts: a candidate's profile against the job, and the admins' statistics.

The result chart, sent to every candidate, is drawn with Pillow in
`bot.presentation.result_chart`. The admins' statistics chart, drawn a few
times a day, uses matplotlib, imported inside the function: it costs more
start-up time and memory than the rest of the bot together (see
docs/charts.md), and most processes never draw it.

Only the object API is used (`Figure` + `FigureCanvasAgg`, never pyplot), no
rcParams are changed, and every figure is local to its call, so it can run in
a worker thread. Fonts, sizes and colours are set explicitly, so a user's
matplotlibrc cannot change the picture, and the PNG carries no metadata, so
the same input always gives the same bytes.

The bot draws every chart through `draw_in_background`: in a worker thread,
off the event loop, at most `MAX_CHARTS_AT_ONCE` at a time; the others wait
their turn. Drawing is CPU-bound, so more threads would only share the same
cores while each holding a canvas in memory.
"""

from __future__ import annotations

import asyncio
import functools
import io
import math
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Final, ParamSpec

from bot.content.models import CATEGORIES, Lang
from bot.presentation.palette import (
    BLUE,
    GRID,
    INK,
    MUTED,
    VERMILLION,
)
from bot.presentation.texts import CATEGORY_LABELS, percent, t, tn

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


P = ParamSpec("P")

MAX_CHARTS_AT_ONCE: Final = 1


@functools.cache
def _drawing() -> ThreadPoolExecutor:
    """The chart thread, made at the first chart."""
    return ThreadPoolExecutor(max_workers=MAX_CHARTS_AT_ONCE, thread_name_prefix="chart")


async def draw_in_background(draw: Callable[P, bytes], *args: P.args, **kwargs: P.kwargs) -> bytes:
    """`draw(*args, **kwargs)` in the chart thread, waiting its turn without blocking the loop."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_drawing(), functools.partial(draw, *args, **kwargs))


FONT: Final = "DejaVu Sans"
"""Ships with matplotlib and covers French accents and no-break spaces."""

WIDTH_IN: Final = 6.0
DPI: Final = 180
"""6 in × 180 dpi = 1080 px wide, a phone screen's width. What makes text
legible is its size relative to that width: 12.5 pt on 6 in is about 11 px
on a phone showing the picture 390 px wide."""


def stats_chart_png(
    fits: Sequence[float],
    category_means: Mapping[str, float],
    lang: Lang,
    *,
    job: str | None = None,
) -> bytes:
    """For admins: the fit distribution (10-point buckets) over the mean per category.

    `fits` and the means are percentages (0–100), all of one job, named on top when `job`
    is given (with several jobs served). With no fits the picture just says that there is
    nothing yet, rather than drawing empty axes.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    values = [min(100.0, max(0.0, float(f))) for f in fits if math.isfinite(f)]
    if not values:
        return _png(_empty_figure(lang))
    mean = sum(values) / len(values)
    fig = Figure(figsize=(WIDTH_IN, 8.0), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    top = _stats_title(fig, len(values), mean, lang, job)
    hist, bars = fig.subplots(
        2,
        1,
        gridspec_kw={
            "height_ratios": (1.4, 1),
            "left": 0.13,
            "right": 0.95,
            "top": top,
            "bottom": 0.08,
            "hspace": 0.5,
        },
    )
    _histogram(hist, values, mean, lang)
    _category_bars(bars, category_means, lang)
    return _png(fig)


#: About how many bold characters fit across the picture at 14 pt.
_TITLE_CHARS_AT_14PT: Final = 44


def _stats_title(fig: Figure, count: int, mean: float, lang: Lang, job: str | None) -> float:
    """The job (if named) and the count and mean fit on top; where the panels may start."""
    title = t(
        "stats_chart_title", lang, results=tn("n_results", count, lang), mean=percent(mean, lang)
    )
    y = 0.975
    if job:
        size = max(9.0, min(14.0, _TITLE_CHARS_AT_14PT * 14 / len(job)))  # a long title shrinks
        fig.text(
            0.5, y, job, ha="center", va="top", fontsize=size, fontweight="bold", color=INK, **_TEXT
        )
        y -= 0.038
    weight = "normal" if job else "bold"
    fig.text(
        0.5, y, title, ha="center", va="top", fontsize=14, fontweight=weight, color=INK, **_TEXT
    )
    return 0.87 - (0.975 - y)


#: Every text of a statistics chart: the font, and no TeX-like maths in labels.
_TEXT: Final[dict[str, Any]] = {"fontfamily": FONT, "parse_math": False}


def _empty_figure(lang: Lang) -> Figure:
    """A short picture that says there is nothing yet, rather than empty axes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, 3.0), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    title = t("stats_chart_empty_title", lang)
    fig.text(
        0.5,
        0.64,
        title,
        ha="center",
        va="center",
        fontsize=16,
        fontweight="bold",
        color=INK,
        **_TEXT,
    )
    fig.text(
        0.5,
        0.36,
        t("stats_chart_empty", lang),
        ha="center",
        va="center",
        fontsize=12.5,
        color=MUTED,
        linespacing=1.4,
        **_TEXT,
    )
    return fig


def _histogram(ax: Axes, values: list[float], mean: float, lang: Lang) -> None:
    from matplotlib.ticker import MaxNLocator

    _plain_axes(ax)
    _panel_title(ax, t("stats_chart_distribution", lang))
    counts = [0] * 10
    for value in values:
        counts[min(9, int(value // 10))] += 1  # 100 % falls in the 90–100 bucket
    ax.bar([b * 10 + 5 for b in range(10)], counts, width=8.6, color=BLUE, lw=0, zorder=2)
    for bucket, count in enumerate(counts):
        if count:
            ax.annotate(
                str(count),
                (bucket * 10 + 5, count),
                xytext=(0, 2.5),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=10.5,
                fontfamily=FONT,
                color=INK,
                zorder=3,
                # White behind the count, so the mean line never runs through it.
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.8},
            )
    top = max(counts) * 1.32
    # The mean runs behind the bars, and its label sits above the tallest one.
    ax.axvline(mean, color=VERMILLION, linewidth=2, linestyle=(0, (4, 2)), zorder=1)
    left_side = mean < 70
    ax.text(
        mean + (1.2 if left_side else -1.2),
        top * 0.94,
        t("stats_chart_mean", lang, mean=percent(mean, lang)),
        ha="left" if left_side else "right",
        va="center",
        fontsize=11,
        fontfamily=FONT,
        color=VERMILLION,
        fontweight="bold",
    )
    ax.set_ylim(0, top)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10], integer=True))
    ax.grid(axis="y", color=GRID, linewidth=1.0, zorder=0)
    ax.set_axisbelow(True)
    ax.set_xlim(0, 100)
    ax.set_xticks(range(0, 101, 10))
    ax.set_xlabel(t("stats_chart_fit_axis", lang), fontsize=10.5, fontfamily=FONT, color=MUTED)
    ax.set_ylabel(t("stats_chart_count_axis", lang), fontsize=10.5, fontfamily=FONT, color=MUTED)


def _category_bars(ax: Axes, category_means: Mapping[str, float], lang: Lang) -> None:
    """One bar per category, its name written above it (no tick labels to fit in a margin)."""
    _plain_axes(ax)
    _panel_title(ax, t("stats_chart_means", lang))
    ax.spines["left"].set_visible(False)
    ax.set_yticks([])
    ax.set_xlim(0, 100)
    ax.set_xticks(range(0, 101, 20))
    ax.set_xticklabels([percent(x, lang) for x in range(0, 101, 20)])
    ordered: list[str] = [c for c in CATEGORIES if c in category_means]
    ordered += sorted(k for k in category_means if k not in CATEGORIES)
    ax.set_ylim(max(len(ordered), 1) - 0.3, -0.75)
    if not ordered:
        ax.text(0.5, 0.5, "—", transform=ax.transAxes, ha="center", va="center", color=MUTED)
    ax.grid(axis="x", color=GRID, linewidth=1.0)
    ax.set_axisbelow(True)
    for pos, key in enumerate(ordered):
        value = min(100.0, max(0.0, float(category_means[key])))
        name = t(CATEGORY_LABELS[key], lang) if key in CATEGORY_LABELS else key
        ax.text(
            0,
            pos - 0.3,
            name,
            ha="left",
            va="bottom",
            fontsize=11.5,
            fontfamily=FONT,
            color=INK,
            parse_math=False,
        )
        ax.barh(pos, value, height=0.42, color=BLUE, lw=0)
        inside = value > 84
        ax.text(
            value + (-1.5 if inside else 1.5),
            pos,
            percent(value, lang),
            ha="right" if inside else "left",
            va="center",
            fontsize=11,
            fontweight="bold",
            fontfamily=FONT,
            color="white" if inside else INK,
        )


def _panel_title(ax: Axes, title: str) -> None:
    ax.set_title(
        title, loc="left", fontsize=12.5, fontweight="bold", fontfamily=FONT, color=INK, pad=10
    )


def _plain_axes(ax: Axes) -> None:
    ax.set_facecolor("white")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#999999")
    ax.tick_params(labelsize=10, labelcolor=MUTED, color="#999999", labelfontfamily=FONT)


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    # No "Software" (version) entry: the bytes depend only on the picture.
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white", metadata={"Software": None})
    fig.clear()
    return buffer.getvalue()
