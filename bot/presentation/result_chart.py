"""The result chart, drawn with Pillow: a candidate's profile against the job.

Bars and text are all this picture needs, so Pillow draws them directly: about
ten times less CPU than the same picture through matplotlib, and a 32-colour
palette PNG a third of the size (docs/benchmarks.md has the comparison).

Most of the text is the same on every chart of one job and language (labels,
headings, scale, legend, title), and rendering text was most of the drawing. So
each text is rendered once into a small coverage mask (`_Mask`) kept in a
bounded cache (`_MASKS`) and pasted with its ink on each chart: the same pixels
as drawing it, as a mask depends only on the text, its font and its anchor.
A chart is drawn in two steps: first every mask is found or rendered, with the
fonts it needs opened for this chart only (after the first charts of a job,
just the one for the fit line); then, the fonts closed, the picture is painted
and compressed a band of rows at a time, never held whole.
The cache is guarded by a lock and nothing else is shared, so any thread may
draw a chart.

Sizes are in pixels on a 1080 px wide picture, a phone screen's width; a
12.5 pt label at 180 dpi is 31 px, about 11 px on a phone showing the picture
390 px wide.
"""

from __future__ import annotations

import importlib.util
import textwrap
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final, Literal

from PIL import Image, ImageDraw, ImageFont

from bot.content.models import CATEGORIES, MAX_LEVEL, Category, Content, Lang
from bot.engine.record import ResultRecord, record_of
from bot.engine.result import Result
from bot.presentation.palette import (
    BAND_ROWS,
    BLUE,
    GRID,
    INK,
    MUTED,
    REQUIRED_GREY,
    SHADE,
    VERMILLION,
    WHITE,
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


Style = Literal["label", "heading", "title", "subtitle", "small"]
_STYLES: Final[dict[Style, tuple[str, int]]] = {
    "label": ("DejaVuSans.ttf", _LABEL_PX),
    "heading": ("DejaVuSans-Bold.ttf", _HEADING_PX),
    "title": ("DejaVuSans-Bold.ttf", _TITLE_PX),
    "subtitle": ("DejaVuSans.ttf", _SUBTITLE_PX),
    "small": ("DejaVuSans.ttf", _SMALL_PX),
}


class _Fonts:
    """The face a chart needs now, opened when a text is not in the cache.

    Each FreeType face maps and reads its font file (about 0.3 MiB resident): one
    is open at a time, the previous one closed when another style is asked for.
    A chart of a job already drawn opens one face (the fit line's), or two.
    """

    def __init__(self) -> None:
        self._style: Style | None = None
        self._face: ImageFont.FreeTypeFont | None = None

    def __getitem__(self, style: Style) -> ImageFont.FreeTypeFont:
        if self._face is None or style != self._style:
            self._face = None  # closed before the next one is opened
            name, size = _STYLES[style]
            self._face = ImageFont.truetype(font_dir() / name, size)
            self._style = style
        return self._face


@dataclass(frozen=True)
class _Mask:
    """A text's coverage (0–255), and where its top left corner is from the text's anchor."""

    image: Image.Image
    dx: int
    dy: int

    @classmethod
    def render(cls, text: str, font: ImageFont.FreeTypeFont, anchor: str) -> _Mask:
        """The text drawn in full ink on black, cropped to its pixels.

        Drawn at whole-pixel offsets only, so the glyphs fall exactly as they do
        on the chart: pasting the mask with an ink gives the pixels `draw.text` would.
        """
        probe = ImageDraw.Draw(Image.new("L", (1, 1)))
        left, top, right, bottom = probe.multiline_textbbox(
            (0, 0), text, font=font, anchor=anchor, spacing=_LINE_SPACING
        )
        # A margin in case a glyph's pixels spill out of its box.
        x0, y0 = int(left) - _PAD, int(top) - _PAD
        size = (int(right) + _PAD + 1 - x0, int(bottom) + _PAD + 1 - y0)
        canvas = Image.new("L", size, 0)
        ImageDraw.Draw(canvas).multiline_text(
            (-x0, -y0), text, font=font, fill=255, anchor=anchor, spacing=_LINE_SPACING
        )
        box = canvas.getbbox()
        if box is None:
            return cls(Image.new("L", (0, 0)), 0, 0)
        return cls(canvas.crop(box), x0 + box[0], y0 + box[1])

    @property
    def nbytes(self) -> int:
        return self.image.width * self.image.height

    def paint(self, image: Image.Image, xy: tuple[int, int], ink: int) -> None:
        if self.nbytes:
            x, y = xy[0] + self.dx, xy[1] + self.dy
            image.paste(ink, (x, y, x + self.image.width, y + self.image.height), self.image)


_LINE_SPACING = 4
_PAD = 4

_MASK_CACHE_BYTES: Final = 2 << 20
"""About two jobs' texts in two languages (the shipped job's are about 0.45 MiB a language)."""
_MASKS: OrderedDict[tuple[Style, str, str], _Mask] = OrderedDict()
_WIDTHS: OrderedDict[tuple[Style, str], int] = OrderedDict()
_MAX_WIDTHS: Final = 4096
_cached_bytes = 0
_LOCK = threading.Lock()
"""Guards `_MASKS`, `_WIDTHS` and `_cached_bytes`: charts may be drawn in any thread."""


def _mask(fonts: _Fonts, style: Style, text: str, anchor: str) -> _Mask:
    """The text's mask from the cache, rendered and kept (the least recently used
    dropped past `_MASK_CACHE_BYTES`) when it is not there."""
    global _cached_bytes
    key = (style, text, anchor)
    with _LOCK:
        found = _MASKS.get(key)
        if found is not None:
            _MASKS.move_to_end(key)
            return found
    mask = _Mask.render(text, fonts[style], anchor)
    with _LOCK:
        if key not in _MASKS:
            _MASKS[key] = mask
            _cached_bytes += mask.nbytes
        while _cached_bytes > _MASK_CACHE_BYTES and len(_MASKS) > 1:
            _, dropped = _MASKS.popitem(last=False)
            _cached_bytes -= dropped.nbytes
    return mask


def _width(fonts: _Fonts, style: Style, text: str) -> int:
    """The advance width of the text's widest line, kept (a few bytes each)."""
    key = (style, text)
    with _LOCK:
        found = _WIDTHS.get(key)
        if found is not None:
            return found
    width = max(round(fonts[style].getlength(line)) for line in text.split("\n"))
    with _LOCK:
        _WIDTHS[key] = width
        while len(_WIDTHS) > _MAX_WIDTHS:
            _WIDTHS.popitem(last=False)
    return width


def clear_text_cache() -> None:
    """Forget every kept mask and width (for tests and measurements)."""
    global _cached_bytes
    with _LOCK:
        _MASKS.clear()
        _WIDTHS.clear()
        _cached_bytes = 0


def text_cache_bytes() -> int:
    """What the kept masks take."""
    with _LOCK:
        return _cached_bytes


Paint = Callable[[Image.Image, ImageDraw.ImageDraw, int], None]
"""One step of the drawing, given the band, its `Draw` and the band's top row."""


class _Painter:
    """The chart's drawing, recorded with every text's mask, then painted band by band.

    Recording first lets the fonts be closed before any of the picture is made, and
    painting a band of rows at a time (`BAND_ROWS`: the steps that reach into it,
    moved up by its top row) means the picture is never held whole: a chart holds
    the fonts, or a band, never both, nor the whole canvas.
    """

    def __init__(self, fonts: _Fonts) -> None:
        self.fonts: _Fonts | None = fonts
        self.steps: list[tuple[int, int, Paint]] = []
        """First row, last row, the step."""

    def text(
        self,
        xy: tuple[int, int],
        text: str,
        style: Style,
        fill: int,
        anchor: str,
        *,
        keep: bool = True,
    ) -> None:
        """`keep=False` for a text that changes with each result: rendered, not cached."""
        assert self.fonts is not None, "texts are recorded before the fonts are closed"
        fonts = self.fonts
        mask = (
            _mask(fonts, style, text, anchor) if keep else _Mask.render(text, fonts[style], anchor)
        )
        top = xy[1] + mask.dy
        self.steps.append(
            (
                top,
                top + mask.image.height,
                lambda band, _, y0: mask.paint(band, (xy[0], xy[1] - y0), fill),
            )
        )

    def width(self, style: Style, text: str) -> int:
        assert self.fonts is not None, "widths are measured before the fonts are closed"
        return _width(self.fonts, style, text)

    def close_fonts(self) -> None:
        """Drop the faces (each closes with its last reference): before any band is made."""
        self.fonts = None

    def line(self, points: list[tuple[int, int]], fill: int, width: int) -> None:
        ys = [y for _, y in points]

        def paint(_band: Image.Image, draw: ImageDraw.ImageDraw, y0: int) -> None:
            draw.line([(x, y - y0) for x, y in points], fill=fill, width=width)

        self.steps.append((min(ys) - width, max(ys) + width, paint))

    def rectangle(self, box: list[int], fill: int) -> None:
        x0, top, x1, bottom = box

        def paint(_band: Image.Image, draw: ImageDraw.ImageDraw, y0: int) -> None:
            draw.rectangle([x0, top - y0, x1, bottom - y0], fill=fill)

        self.steps.append((top, bottom, paint))

    def bands(self, height: int) -> Iterator[Image.Image]:
        """The picture, `BAND_ROWS` rows at a time, top first."""
        for y0 in range(0, height, BAND_ROWS):
            band = Image.new("L", (WIDTH, min(BAND_ROWS, height - y0)), WHITE)
            draw = ImageDraw.Draw(band)
            for first, last, paint in self.steps:
                if first < y0 + band.height and last >= y0:
                    paint(band, draw, y0)
            yield band


def result_chart_png(content: Content, result: Result | ResultRecord, lang: Lang) -> bytes:
    """The candidate's level on each dimension next to the level the job requires.

    One row per dimension, grouped under a heading per category (with the
    category's score): a wide grey bar up to the required level, a narrow bar
    up to the candidate's level — blue where the requirement is met,
    vermillion where it is not.
    """
    record = result if isinstance(result, ResultRecord) else record_of(content, result, lang=lang)
    shown = view(content, record)
    fonts = _Fonts()
    plot = _Plot.of(shown, lang, fonts)
    painter = _Painter(fonts)
    _scale(painter, plot, lang)
    _headings(painter, plot, lang)
    _bars(painter, plot)
    _titles(painter, shown, lang)
    _legend(painter, lang, y=plot.top - 104)
    del fonts
    painter.close_fonts()
    height = plot.bottom + _BOTTOM_BLOCK
    return palette_png_of_bands(WIDTH, height, painter.bands(height))


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
            d.dimension.id: _fit_label(fonts, d.dimension.label(lang))
            for _, dims in groups
            for d in dims
        }
        label_w = max((_width(fonts, "label", label) for label in labels.values()), default=180)
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


def _scale(painter: _Painter, plot: _Plot, lang: Lang) -> None:
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


def _headings(painter: _Painter, plot: _Plot, lang: Lang) -> None:
    """Each category's name and score over a rule."""
    for y_mid, category, value in plot.headings:
        y = plot.top + y_mid
        name = t(CATEGORY_LABELS[category], lang)
        painter.text((_MARGIN, y), name, "heading", SHADE[INK], "lm")
        painter.text((plot.right, y), percent(value, lang), "heading", SHADE[INK], "rm")
        rule_y = y + _HEADING_H * 36 // 100
        painter.line([(_MARGIN, rule_y), (WIDTH - _MARGIN, rule_y)], fill=SHADE[INK], width=2)


def _bars(painter: _Painter, plot: _Plot) -> None:
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


def _titles(painter: _Painter, shown: View, lang: Lang) -> None:
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


def _legend(painter: _Painter, lang: Lang, y: int) -> None:
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


def _fit_label(fonts: _Fonts, label: str) -> str:
    """The label, wrapped onto more lines only if it is wider than half the picture."""
    if _width(fonts, "label", label) <= _MAX_LABEL_W:
        return label
    for chars in range(len(label) - 1, 8, -1):
        wrapped = textwrap.fill(label, chars, break_long_words=False)
        if _width(fonts, "label", wrapped) <= _MAX_LABEL_W:
            return wrapped
    return textwrap.fill(label, 9, break_long_words=False)
