"""The result chart, drawn with Pillow: a candidate's profile against the job.

Bars and text are all this picture needs, so Pillow draws them directly: about
ten times less CPU than the same picture through matplotlib, and a 32-colour
palette PNG a third of the size (docs/benchmarks.md has the comparison).

A chart is drawn in two steps (`chart_paint.Painter`): first its layout and
every text's mask, kept from earlier charts or rendered (`chart_text`), with the
fonts it needs opened for this chart only (after the first charts of a job,
just the one for the fit line); then, the fonts closed, the picture is painted
and compressed a band of rows at a time, never held whole. The kept masks are
guarded by a lock and nothing else is shared, so any thread may draw a chart.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Final

from PIL import Image

from bot.content.models import CATEGORIES, MAX_LEVEL, Category, Content, Lang
from bot.engine.record import ResultRecord, record_of
from bot.engine.result import Result
from bot.presentation.chart_paint import Painter
from bot.presentation.chart_text import Fonts, kept_width
from bot.presentation.palette import (
    BLUE,
    GRID,
    INK,
    MUTED,
    REQUIRED_GREY,
    SHADE,
    VERMILLION,
    palette_png_of_bands,
)
from bot.presentation.result_view import Scored, View, view
from bot.presentation.texts import CATEGORY_LABELS, percent, t

WIDTH: Final = 1080

_MARGIN = 40
_TOP_BLOCK = 284
_INTEREST_H = 56
"""The line under the fit that gives the interest in the core missions."""
_BOTTOM_BLOCK = 140
_HEADING_H = 90
_ROW_H = 58
_EXTRA_LINE_H = 36
_MAX_LABEL_W = WIDTH // 2
"""Labels may take at most half the width; longer ones wrap."""


# Pillow allocates an image in blocks of 16 MiB by default, and glibc keeps
# a freed block of that size for reuse: about 13 MiB stayed with the process
# after the first chart. With 1 MiB blocks, the memory of each chart is given
# back when it is done (docs/benchmarks.md).
Image.core.set_block_size(1 << 20)  # type: ignore[attr-defined]


def result_chart_png(content: Content, result: Result | ResultRecord, lang: Lang) -> bytes:
    """The candidate's level on each dimension next to the level the job requires.

    One row per dimension, grouped under a heading per category (with the
    category's score): a wide grey bar up to the required level, a narrow bar
    up to the candidate's level — blue where the requirement is met,
    vermillion where it is not.
    """
    record = result if isinstance(result, ResultRecord) else record_of(content, result, lang=lang)
    shown = view(content, record)
    fonts = Fonts()
    plot = _Plot.of(shown, lang, fonts)
    painter = Painter(fonts)
    _scale(painter, plot, lang)
    _headings(painter, plot, lang)
    _bars(painter, plot)
    _titles(painter, shown, lang)
    _legend(painter, lang, y=plot.top - 104)
    del fonts
    painter.close_fonts()
    height = plot.bottom + _BOTTOM_BLOCK
    return palette_png_of_bands(WIDTH, height, painter.bands(WIDTH, height))


@dataclass(frozen=True)
class _Plot:
    """Where everything goes: a heading per category, then a row per dimension."""

    labels: dict[str, str]
    """Dimension id → its label, wrapped to fit."""
    headings: list[tuple[int, Category, float]]
    """Middle (from the plot's top), category, its score."""
    rows: list[tuple[int, Scored]]
    """Middle (from the plot's top), dimension."""
    top: int
    bottom: int
    left: int
    right: int

    @classmethod
    def of(cls, shown: View, lang: Lang, fonts: Fonts) -> _Plot:
        record = shown.record
        groups = [
            (category, [d for d in shown.dimensions if d.dimension.category == category])
            for category in CATEGORIES
        ]
        groups = [(category, dims) for category, dims in groups if dims]
        labels = {
            d.dimension.id: _fit_label(fonts, d.dimension.label(lang))
            for _, dims in groups
            for d in dims
        }
        label_w = max((kept_width(fonts, "label", label) for label in labels.values()), default=180)
        rows: list[tuple[int, Scored]] = []
        headings: list[tuple[int, Category, float]] = []
        y = 0
        for category, dims in groups:
            headings.append((y + _HEADING_H * 55 // 100, category, record.categories[category]))
            y += _HEADING_H
            for d in dims:
                height = _ROW_H + _EXTRA_LINE_H * labels[d.dimension.id].count("\n")
                rows.append((y + height // 2, d))
                y += height
        top = _TOP_BLOCK + (_INTEREST_H if record.interest is not None else 0)
        left = _MARGIN + label_w + 32
        return cls(labels, headings, rows, top, top + max(y, _ROW_H), left, WIDTH - _MARGIN - 22)

    def x_of(self, level: float) -> int:
        return round(self.left + (self.right - self.left) * level / MAX_LEVEL)


def _scale(painter: Painter, plot: _Plot, lang: Lang) -> None:
    """A vertical line per level, numbered above and below, and the axis's name."""
    for level in range(MAX_LEVEL + 1):
        x = plot.x_of(level)
        painter.line([(x, plot.top), (x, plot.bottom)], fill=SHADE[GRID], width=2)
        for tick_y, anchor in ((plot.top - 10, "md"), (plot.bottom + 10, "ma")):
            painter.text((x, tick_y), str(level), "small", SHADE[MUTED], anchor)
    painter.text(
        ((plot.left + plot.right) // 2, plot.bottom + 50),
        t("chart_level_axis", lang),
        "small",
        SHADE[MUTED],
        "ma",
    )


def _headings(painter: Painter, plot: _Plot, lang: Lang) -> None:
    """Each category's name and score over a rule."""
    for y_mid, category, value in plot.headings:
        y = plot.top + y_mid
        name = t(CATEGORY_LABELS[category], lang)
        painter.text((_MARGIN, y), name, "heading", SHADE[INK], "lm")
        painter.text((plot.right, y), percent(value, lang), "heading", SHADE[INK], "rm")
        rule_y = y + _HEADING_H * 36 // 100
        painter.line([(_MARGIN, rule_y), (WIDTH - _MARGIN, rule_y)], fill=SHADE[INK], width=2)


def _bars(painter: Painter, plot: _Plot) -> None:
    """Each dimension's label, the required level in grey, the candidate's level over it."""
    grey_half, bar_half = _ROW_H * 36 // 100, _ROW_H * 17 // 100
    for y_mid, d in plot.rows:
        mid = plot.top + y_mid
        painter.text((_MARGIN, mid), plot.labels[d.dimension.id], "label", SHADE[INK], "lm")
        if d.dimension.required > 0:
            painter.rectangle(
                [plot.left, mid - grey_half, plot.x_of(d.dimension.required), mid + grey_half],
                fill=SHADE[REQUIRED_GREY],
            )
        met = d.level >= d.dimension.required
        # A zero level still shows a sliver, so "nothing" reads as a bar, not a gap.
        end = max(plot.x_of(d.level), plot.left + 6)
        painter.rectangle(
            [plot.left, mid - bar_half, end, mid + bar_half],
            fill=SHADE[BLUE if met else VERMILLION],
        )


def _titles(painter: Painter, shown: View, lang: Lang) -> None:
    """The job, the fit and its band, and the interest when it counts."""
    record = shown.record
    fit = t("chart_fit", lang, fit=percent(record.overall, lang), band=shown.band.label(lang))
    title = shown.content.profile.title(lang)  # written for mid-sentence: capitalise it here
    painter.text((WIDTH // 2, 29), title[:1].upper() + title[1:], "title", SHADE[INK], "ma")
    painter.text((WIDTH // 2, 97), fit, "subtitle", SHADE[INK], "ma", keep=False)
    if record.interest is not None:
        # An interest cap's reason shows on the picture too.
        interest = t("chart_interest", lang, value=percent(record.interest, lang))
        painter.text((WIDTH // 2, 152), interest, "subtitle", SHADE[INK], "ma", keep=False)


def _legend(painter: Painter, lang: Lang, y: int) -> None:
    """Three swatches with their words, centred on one line."""
    entries = [
        (BLUE, t("chart_you_met", lang)),
        (VERMILLION, t("chart_you_short", lang)),
        (REQUIRED_GREY, t("chart_required", lang)),
    ]
    swatch, gap, spacing = 32, 12, 34
    widths = [painter.width("small", text) for _, text in entries]
    total = sum(swatch + gap + width for width in widths) + spacing * 2
    x = (WIDTH - total) // 2
    for (colour, text), width in zip(entries, widths, strict=True):
        painter.rectangle([x, y + 6, x + swatch, y + 24], fill=SHADE[colour])
        x += swatch + gap
        painter.text((x, y + 15), text, "small", SHADE[INK], "lm")
        x += width + spacing


def _fit_label(fonts: Fonts, label: str) -> str:
    """The label, wrapped onto more lines only if it is wider than half the picture."""
    if kept_width(fonts, "label", label) <= _MAX_LABEL_W:
        return label
    for chars in range(len(label) - 1, 8, -1):
        wrapped = textwrap.fill(label, chars, break_long_words=False)
        if kept_width(fonts, "label", wrapped) <= _MAX_LABEL_W:
            return wrapped
    return textwrap.fill(label, 9, break_long_words=False)
