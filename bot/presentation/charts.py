"""PNG charts: a candidate's profile against the job, and the admins' statistics.

matplotlib is imported inside the functions, not at module level: it costs more
start-up time and memory than the rest of the bot together (see docs/charts.md),
and most processes (`careerbot validate`, `logs export`, tests) never draw.

Only the object API is used (`Figure` + `FigureCanvasAgg`, never pyplot), no
rcParams are changed, and every figure is local to its call, so both functions
can run in worker threads (`asyncio.to_thread`). Fonts, sizes and colours are
set explicitly, so a user's matplotlibrc cannot change the picture, and the
PNG carries no metadata, so the same input always gives the same bytes.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from bot.content.models import CATEGORIES, MAX_LEVEL, Category, Content, Lang
from bot.engine.result import Result
from bot.engine.scoring import DimensionScore
from bot.presentation.texts import percent, t

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Okabe–Ito colours: told apart with every common colour-vision deficiency.
BLUE: Final = "#0072B2"
VERMILLION: Final = "#D55E00"
REQUIRED_GREY: Final = "#CFCFCF"
INK: Final = "#222222"
MUTED: Final = "#666666"
GRID: Final = "#E4E4E4"

FONT: Final = "DejaVu Sans"
"""Ships with matplotlib and covers French accents and no-break spaces."""

WIDTH_IN: Final = 6.0
DPI: Final = 180
"""6 in × 180 dpi = 1080 px wide, a phone screen's width. What makes text
legible is its size relative to that width: 12.5 pt on 6 in is about 11 px
on a phone showing the picture 390 px wide."""

# Result chart layout, in inches.
_MARGIN = 0.22
_TOP_BLOCK = 1.58
_BOTTOM_BLOCK = 0.78
_HEADING_H = 0.50
_ROW_H = 0.32
_EXTRA_LINE_H = 0.20
_LABEL_SIZE = 12.5
_HEADING_SIZE = 13.5
_MAX_LABEL_SHARE = 0.50
"""Labels may take at most this share of the width; longer ones wrap."""


def result_chart_png(content: Content, result: Result, lang: Lang) -> bytes:
    """The candidate's level on each dimension next to the level the job requires.

    One row per dimension, grouped under a heading per category (with the
    category's score): a wide grey bar up to the required level, a narrow bar
    up to the candidate's level — blue where the requirement is met,
    vermillion where it is not.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.patches import Patch
    from matplotlib.transforms import blended_transform_factory

    score = result.score
    groups = [
        (category, [d for d in score.dimensions if d.dimension.category == category])
        for category in CATEGORIES
    ]
    groups = [(category, dims) for category, dims in groups if dims]

    # Measure the labels first: the bars start where the longest label ends.
    scratch = Figure(dpi=DPI)
    FigureCanvasAgg(scratch)
    label_font = FontProperties(family=FONT, size=_LABEL_SIZE)

    def width_in(text: str) -> float:
        probe = scratch.text(0, 0, text, fontproperties=label_font, linespacing=1.05)
        probe.set_parse_math(False)
        width = probe.get_window_extent().width
        probe.remove()
        return float(width) / DPI

    labels = {
        d.dimension.id: _fit_label(d.dimension.label(lang), width_in, _MAX_LABEL_SHARE * WIDTH_IN)
        for _, dims in groups
        for d in dims
    }
    label_w = max((width_in(label) for label in labels.values()), default=1.0)

    # Vertical positions in inches from the top of the plot area.
    rows: list[tuple[float, DimensionScore]] = []
    headings: list[tuple[float, Category, float]] = []
    y = 0.0
    for category, dims in groups:
        headings.append((y + _HEADING_H * 0.55, category, score.categories[category]))
        y += _HEADING_H
        for d in dims:
            height = _ROW_H + _EXTRA_LINE_H * labels[d.dimension.id].count("\n")
            rows.append((y + height / 2, d))
            y += height
    plot_h = max(y, _ROW_H)
    fig_h = _TOP_BLOCK + plot_h + _BOTTOM_BLOCK

    fig = Figure(figsize=(WIDTH_IN, fig_h), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    left = (_MARGIN + label_w + 0.18) / WIDTH_IN
    right = 1 - (_MARGIN + 0.12) / WIDTH_IN
    ax = fig.add_axes((left, _BOTTOM_BLOCK / fig_h, right - left, plot_h / fig_h))
    ax.set_xlim(0, MAX_LEVEL)
    ax.set_ylim(plot_h, 0)
    ax.set_facecolor("white")
    ax.set_xmargin(0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_yticks([])
    ax.set_xticks(range(MAX_LEVEL + 1))
    ax.tick_params(
        axis="x",
        length=0,
        labelsize=11,
        labelcolor=MUTED,
        labelfontfamily=FONT,
        top=False,
        labeltop=True,
        pad=4,
    )
    ax.grid(axis="x", color=GRID, linewidth=1.0)
    ax.set_axisbelow(True)
    ax.set_xlabel(t("chart_level_axis", lang), fontsize=10.5, color=MUTED, fontfamily=FONT)

    # Category headings and labels live left of the axes: x in figure
    # fractions, y in the axes' inches.
    in_labels = blended_transform_factory(fig.transFigure, ax.transData)
    x_text = _MARGIN / WIDTH_IN
    for y_mid, category, value in headings:
        ax.text(
            x_text,
            y_mid,
            t(f"category_{category}", lang),
            transform=in_labels,
            fontsize=_HEADING_SIZE,
            fontweight="bold",
            color=INK,
            fontfamily=FONT,
            va="center",
            clip_on=False,
        )
        ax.text(
            1.0,
            y_mid,
            percent(value, lang),
            transform=blended_transform_factory(ax.transAxes, ax.transData),
            fontsize=_HEADING_SIZE,
            fontweight="bold",
            color=INK,
            fontfamily=FONT,
            ha="right",
            va="center",
            clip_on=False,
        )
        ax.plot(
            [x_text, 1 - _MARGIN / WIDTH_IN],
            [y_mid + _HEADING_H * 0.36] * 2,
            transform=in_labels,
            color=INK,
            linewidth=0.8,
            clip_on=False,
        )

    for y_mid, d in rows:
        ax.text(
            x_text,
            y_mid,
            labels[d.dimension.id],
            transform=in_labels,
            fontproperties=label_font,
            color=INK,
            va="center",
            linespacing=1.05,
            parse_math=False,
            clip_on=False,
        )
        ax.barh(y_mid, d.dimension.required, height=_ROW_H * 0.72, color=REQUIRED_GREY, lw=0)
        met = d.level >= d.dimension.required
        # A zero level still shows a sliver, so "nothing" reads as a bar, not a gap.
        ax.barh(
            y_mid, max(d.level, 0.04), height=_ROW_H * 0.34, color=BLUE if met else VERMILLION, lw=0
        )

    title = content.profile.title(lang)
    fit = t("chart_fit", lang, fit=percent(score.overall, lang), band=score.band.label(lang))
    top = 1 - 0.16 / fig_h
    fig.text(
        0.5,
        top,
        title,
        ha="center",
        va="top",
        fontsize=16,
        fontweight="bold",
        color=INK,
        fontfamily=FONT,
        parse_math=False,
    )
    fig.text(
        0.5,
        top - 0.38 / fig_h,
        fit,
        ha="center",
        va="top",
        fontsize=14,
        color=INK,
        fontfamily=FONT,
        parse_math=False,
    )
    fig.legend(
        handles=[
            Patch(color=BLUE, label=t("chart_you_met", lang)),
            Patch(color=VERMILLION, label=t("chart_you_short", lang)),
            Patch(color=REQUIRED_GREY, label=t("chart_required", lang)),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, top - 0.78 / fig_h),
        ncol=3,
        frameon=False,
        prop=FontProperties(family=FONT, size=10.5),
        handlelength=1.2,
        handletextpad=0.45,
        columnspacing=1.1,
    )
    return _png(fig)


def stats_chart_png(
    fits: Sequence[float], category_means: Mapping[str, float], lang: Lang = "en"
) -> bytes:
    """For admins: the fit distribution (10-point buckets) over the mean per category.

    `fits` and the means are percentages (0–100). With no fits the picture
    just says that there is nothing yet, rather than drawing empty axes.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    values = [min(100.0, max(0.0, float(f))) for f in fits if math.isfinite(f)]
    text: dict[str, Any] = {"fontfamily": FONT, "parse_math": False}

    if not values:
        fig = Figure(figsize=(WIDTH_IN, 3.0), dpi=DPI, facecolor="white")
        FigureCanvasAgg(fig)
        fig.text(
            0.5,
            0.64,
            t("stats_chart_empty_title", lang),
            ha="center",
            va="center",
            fontsize=16,
            fontweight="bold",
            color=INK,
            **text,
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
            **text,
        )
        return _png(fig)

    mean = sum(values) / len(values)
    fig = Figure(figsize=(WIDTH_IN, 8.0), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    fig.text(
        0.5,
        0.975,
        t("stats_chart_title", lang, count=len(values), mean=percent(mean, lang)),
        ha="center",
        va="top",
        fontsize=14,
        fontweight="bold",
        color=INK,
        **text,
    )
    hist, bars = fig.subplots(
        2,
        1,
        gridspec_kw={
            "height_ratios": (1.4, 1),
            "left": 0.13,
            "right": 0.95,
            "top": 0.87,
            "bottom": 0.08,
            "hspace": 0.5,
        },
    )
    _histogram(hist, values, mean, lang)
    _category_bars(bars, category_means, lang)
    return _png(fig)


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
        name = t(f"category_{key}", lang) if key in CATEGORIES else key
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


def _fit_label(label: str, width_in: Callable[[str], float], limit_in: float) -> str:
    """The label, wrapped onto more lines only if it is wider than `limit_in`."""
    if width_in(label) <= limit_in:
        return label
    for chars in range(len(label) - 1, 8, -1):
        wrapped = textwrap.fill(label, chars, break_long_words=False)
        if width_in(wrapped) <= limit_in:
            return wrapped
    return textwrap.fill(label, 9, break_long_words=False)


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    # No "Software" (version) entry: the bytes depend only on the picture.
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white", metadata={"Software": None})
    fig.clear()
    return buffer.getvalue()
