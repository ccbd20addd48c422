"""The result chart, drawn with Pillow: a candidate's profile against the job.

Bars and text are all this picture needs, so Pillow draws them directly: about
ten times less CPU than the same picture through matplotlib, and a 32-colour
palette PNG a third of the size (docs/benchmarks.md has the comparison).
Nothing is shared between calls (fonts are opened per call), so it can run in
any thread, and every allocation is freed when the call returns.

Sizes are in pixels on a 1080 px wide picture, a phone screen's width; a
12.5 pt label at 180 dpi is 31 px, about 11 px on a phone showing the picture
390 px wide.
"""

from __future__ import annotations

import importlib.util
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

from PIL import Image, ImageDraw, ImageFont

from bot.content.models import CATEGORIES, MAX_LEVEL, Category, Content, Lang
from bot.engine.record import ResultRecord, record_of
from bot.engine.result import Result
from bot.presentation.palette import (
    BLUE,
    GRID,
    INK,
    MUTED,
    REQUIRED_GREY,
    SHADE,
    VERMILLION,
    WHITE,
    palette_png,
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
_LABEL_PX = 31
_HEADING_PX = 34
_TITLE_PX = 40
_SUBTITLE_PX = 35
_SMALL_PX = 26
_MAX_LABEL_W = WIDTH // 2
"""Labels may take at most half the width; longer ones wrap."""


# Pillow allocates an image in blocks of 16 MiB by default, and glibc keeps
# a freed block of that size for reuse: about 13 MiB stayed with the process
# after the first chart. With 1 MiB blocks, the memory of each chart is given
# back when it is done (docs/benchmarks.md).
Image.core.set_block_size(1 << 20)  # type: ignore[attr-defined]


class ChartFontMissing(RuntimeError):
    """DejaVu Sans is looked for where matplotlib (the `charts` extra) installs it."""


@cache
def font_dir() -> Path:
    """matplotlib's bundled DejaVu fonts, found without importing matplotlib."""
    spec = importlib.util.find_spec("matplotlib")
    for location in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(location) / "mpl-data" / "fonts" / "ttf"
        if (folder / "DejaVuSans.ttf").is_file():
            return folder
    raise ChartFontMissing("DejaVu Sans not found: install careerbot[charts]")


@dataclass(frozen=True)
class _Fonts:
    label: ImageFont.FreeTypeFont
    heading: ImageFont.FreeTypeFont
    title: ImageFont.FreeTypeFont
    subtitle: ImageFont.FreeTypeFont
    small: ImageFont.FreeTypeFont

    @classmethod
    def load(cls) -> _Fonts:
        regular, bold = font_dir() / "DejaVuSans.ttf", font_dir() / "DejaVuSans-Bold.ttf"
        return cls(
            label=ImageFont.truetype(regular, _LABEL_PX),
            heading=ImageFont.truetype(bold, _HEADING_PX),
            title=ImageFont.truetype(bold, _TITLE_PX),
            subtitle=ImageFont.truetype(regular, _SUBTITLE_PX),
            small=ImageFont.truetype(regular, _SMALL_PX),
        )


def result_chart_png(content: Content, result: Result | ResultRecord, lang: Lang) -> bytes:
    """The candidate's level on each dimension next to the level the job requires.

    One row per dimension, grouped under a heading per category (with the
    category's score): a wide grey bar up to the required level, a narrow bar
    up to the candidate's level — blue where the requirement is met,
    vermillion where it is not.
    """
    record = result if isinstance(result, ResultRecord) else record_of(content, result, lang=lang)
    shown = view(content, record)
    fonts = _Fonts.load()
    plot = _Plot.of(shown, lang, fonts)
    image = Image.new("L", (WIDTH, plot.bottom + _BOTTOM_BLOCK), WHITE)
    draw = ImageDraw.Draw(image)
    _scale(draw, plot, fonts, lang)
    _headings(draw, plot, fonts, lang)
    _bars(draw, plot, fonts)
    _titles(draw, shown, fonts, lang)
    _legend(draw, fonts.small, lang, y=plot.top - 104)
    return palette_png(image)


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
    def of(cls, shown: View, lang: Lang, fonts: _Fonts) -> _Plot:
        record = shown.record
        groups = [
            (category, [d for d in shown.dimensions if d.dimension.category == category])
            for category in CATEGORIES
        ]
        groups = [(category, dims) for category, dims in groups if dims]
        labels = {
            d.dimension.id: _fit_label(d.dimension.label(lang), fonts.label)
            for _, dims in groups
            for d in dims
        }
        label_w = max((_width(label, fonts.label) for label in labels.values()), default=180)
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


def _scale(draw: ImageDraw.ImageDraw, plot: _Plot, fonts: _Fonts, lang: Lang) -> None:
    """A vertical line per level, numbered above and below, and the axis's name."""
    for level in range(MAX_LEVEL + 1):
        x = plot.x_of(level)
        draw.line([(x, plot.top), (x, plot.bottom)], fill=SHADE[GRID], width=2)
        for tick_y, anchor in ((plot.top - 10, "md"), (plot.bottom + 10, "ma")):
            draw.text((x, tick_y), str(level), font=fonts.small, fill=SHADE[MUTED], anchor=anchor)
    draw.text(
        ((plot.left + plot.right) // 2, plot.bottom + 50),
        t("chart_level_axis", lang),
        font=fonts.small,
        fill=SHADE[MUTED],
        anchor="ma",
    )


def _headings(draw: ImageDraw.ImageDraw, plot: _Plot, fonts: _Fonts, lang: Lang) -> None:
    """Each category's name and score over a rule."""
    for y_mid, category, value in plot.headings:
        y = plot.top + y_mid
        name = t(CATEGORY_LABELS[category], lang)
        draw.text((_MARGIN, y), name, font=fonts.heading, fill=SHADE[INK], anchor="lm")
        draw.text(
            (plot.right, y), percent(value, lang), font=fonts.heading, fill=SHADE[INK], anchor="rm"
        )
        rule_y = y + _HEADING_H * 36 // 100
        draw.line([(_MARGIN, rule_y), (WIDTH - _MARGIN, rule_y)], fill=SHADE[INK], width=2)


def _bars(draw: ImageDraw.ImageDraw, plot: _Plot, fonts: _Fonts) -> None:
    """Each dimension's label, the required level in grey, the candidate's level over it."""
    grey_half, bar_half = _ROW_H * 36 // 100, _ROW_H * 17 // 100
    for y_mid, d in plot.rows:
        mid = plot.top + y_mid
        label = plot.labels[d.dimension.id]
        draw.multiline_text(
            (_MARGIN, mid), label, font=fonts.label, fill=SHADE[INK], anchor="lm", spacing=4
        )
        if d.dimension.required > 0:
            draw.rectangle(
                [plot.left, mid - grey_half, plot.x_of(d.dimension.required), mid + grey_half],
                fill=SHADE[REQUIRED_GREY],
            )
        met = d.level >= d.dimension.required
        # A zero level still shows a sliver, so "nothing" reads as a bar, not a gap.
        end = max(plot.x_of(d.level), plot.left + 6)
        draw.rectangle(
            [plot.left, mid - bar_half, end, mid + bar_half],
            fill=SHADE[BLUE if met else VERMILLION],
        )


def _titles(draw: ImageDraw.ImageDraw, shown: View, fonts: _Fonts, lang: Lang) -> None:
    """The job, the fit and its band, and the interest when it counts."""
    record = shown.record
    fit = t("chart_fit", lang, fit=percent(record.overall, lang), band=shown.band.label(lang))
    title = shown.content.profile.title(lang)  # written for mid-sentence: capitalise it here
    draw.text(
        (WIDTH // 2, 29),
        title[:1].upper() + title[1:],
        font=fonts.title,
        fill=SHADE[INK],
        anchor="ma",
    )
    draw.text((WIDTH // 2, 97), fit, font=fonts.subtitle, fill=SHADE[INK], anchor="ma")
    if record.interest is not None:
        # An interest cap's reason shows on the picture too.
        interest = t("chart_interest", lang, value=percent(record.interest, lang))
        draw.text((WIDTH // 2, 152), interest, font=fonts.subtitle, fill=SHADE[INK], anchor="ma")


def _legend(draw: ImageDraw.ImageDraw, font: ImageFont.FreeTypeFont, lang: Lang, y: int) -> None:
    """Three swatches with their words, centred on one line."""
    entries = [
        (BLUE, t("chart_you_met", lang)),
        (VERMILLION, t("chart_you_short", lang)),
        (REQUIRED_GREY, t("chart_required", lang)),
    ]
    swatch, gap, spacing = 32, 12, 34
    total = sum(swatch + gap + _width(text, font) for _, text in entries) + spacing * 2
    x = (WIDTH - total) // 2
    for colour, text in entries:
        draw.rectangle([x, y + 6, x + swatch, y + 24], fill=SHADE[colour])
        x += swatch + gap
        draw.text((x, y + 15), text, font=font, fill=SHADE[INK], anchor="lm")
        x += _width(text, font) + spacing


def _width(text: str, font: ImageFont.FreeTypeFont) -> int:
    return max(round(font.getlength(line)) for line in text.split("\n"))


def _fit_label(label: str, font: ImageFont.FreeTypeFont) -> str:
    """The label, wrapped onto more lines only if it is wider than half the picture."""
    if _width(label, font) <= _MAX_LABEL_W:
        return label
    for chars in range(len(label) - 1, 8, -1):
        wrapped = textwrap.fill(label, chars, break_long_words=False)
        if _width(wrapped, font) <= _MAX_LABEL_W:
            return wrapped
    return textwrap.fill(label, 9, break_long_words=False)
