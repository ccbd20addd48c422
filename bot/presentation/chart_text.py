"""The result chart's text: its fonts, and each text rendered once into a kept mask.

Most of the text is the same on every chart of one job and language (labels,
headings, scale, legend, title), and rendering it was most of the drawing. So
each text is rendered once into a small coverage mask (`Mask`), kept in a
bounded cache, and pasted with its ink on each chart: the same pixels as
drawing it, since a mask depends only on the text, its font and its anchor.
The cache is guarded by a lock, so any thread may draw a chart.

Sizes are in pixels on a 1080 px wide picture, a phone screen's width; a
12.5 pt label at 180 dpi is 31 px, about 11 px on a phone showing the picture
390 px wide.
"""

from __future__ import annotations

import importlib.util
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final, Literal

from PIL import Image, ImageDraw, ImageFont

LABEL_PX: Final = 31
HEADING_PX: Final = 34
TITLE_PX: Final = 40
SUBTITLE_PX: Final = 35
SMALL_PX: Final = 26


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
STYLES: Final[dict[Style, tuple[str, int]]] = {
    "label": ("DejaVuSans.ttf", LABEL_PX),
    "heading": ("DejaVuSans-Bold.ttf", HEADING_PX),
    "title": ("DejaVuSans-Bold.ttf", TITLE_PX),
    "subtitle": ("DejaVuSans.ttf", SUBTITLE_PX),
    "small": ("DejaVuSans.ttf", SMALL_PX),
}


class Fonts:
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
            name, size = STYLES[style]
            self._face = ImageFont.truetype(font_dir() / name, size)
            self._style = style
        return self._face


@dataclass(frozen=True)
class Mask:
    """A text's coverage (0–255), and where its top left corner is from the text's anchor."""

    image: Image.Image
    dx: int
    dy: int

    @classmethod
    def render(cls, text: str, font: ImageFont.FreeTypeFont, anchor: str) -> Mask:
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

MASK_CACHE_BYTES: Final = 2 << 20
"""About two jobs' texts in two languages (the shipped job's are about 0.45 MiB a language)."""
_MASKS: OrderedDict[tuple[Style, str, str], Mask] = OrderedDict()
_WIDTHS: OrderedDict[tuple[Style, str], int] = OrderedDict()
_MAX_WIDTHS: Final = 4096
_cached_bytes = 0
_LOCK = threading.Lock()
"""Guards `_MASKS`, `_WIDTHS` and `_cached_bytes`: charts may be drawn in any thread."""


def kept_mask(fonts: Fonts, style: Style, text: str, anchor: str) -> Mask:
    """The text's mask from the cache, rendered and kept (the least recently used
    dropped past `MASK_CACHE_BYTES`) when it is not there."""
    global _cached_bytes
    key = (style, text, anchor)
    with _LOCK:
        found = _MASKS.get(key)
        if found is not None:
            _MASKS.move_to_end(key)
            return found
    mask = Mask.render(text, fonts[style], anchor)
    with _LOCK:
        if key not in _MASKS:
            _MASKS[key] = mask
            _cached_bytes += mask.nbytes
        while _cached_bytes > MASK_CACHE_BYTES and len(_MASKS) > 1:
            _, dropped = _MASKS.popitem(last=False)
            _cached_bytes -= dropped.nbytes
    return mask


def kept_width(fonts: Fonts, style: Style, text: str) -> int:
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
