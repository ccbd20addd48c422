"""The result chart's drawing, recorded first, then painted a band of rows at a time.

Recording first (each text's mask found or rendered, `chart_text`) lets the fonts
be closed before any of the picture is made, and painting a band of rows at a
time (`BAND_ROWS`) means the picture (2.6 MiB) is never held whole: each band is
mapped to the palette and compressed as it comes (`palette_png_of_bands`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PIL import Image, ImageDraw

from bot.presentation.chart_text import Fonts, Mask, Style, kept_mask, kept_width
from bot.presentation.palette import BAND_ROWS, WHITE

Paint = Callable[[Image.Image, ImageDraw.ImageDraw, int], None]
"""One step of the drawing, given the band, its `Draw` and the band's top row."""


class Painter:
    """The chart's drawing, recorded with every text's mask, then painted band by band.

    Recording first lets the fonts be closed before any of the picture is made, and
    painting a band of rows at a time (`BAND_ROWS`: the steps that reach into it,
    moved up by its top row) means the picture is never held whole: a chart holds
    the fonts, or a band, never both, nor the whole canvas.
    """

    def __init__(self, fonts: Fonts) -> None:
        self.fonts: Fonts | None = fonts
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
            kept_mask(fonts, style, text, anchor)
            if keep
            else Mask.render(text, fonts[style], anchor)
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
        return kept_width(self.fonts, style, text)

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

    def bands(self, width: int, height: int) -> Iterator[Image.Image]:
        """The picture, `BAND_ROWS` rows at a time, top first."""
        for y0 in range(0, height, BAND_ROWS):
            band = Image.new("L", (width, min(BAND_ROWS, height - y0)), WHITE)
            draw = ImageDraw.Draw(band)
            for first, last, paint in self.steps:
                if first < y0 + band.height and last >= y0:
                    paint(band, draw, y0)
            yield band
