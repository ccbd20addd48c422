"""The charts' colours, and the result chart's PNG: drawn in shades of grey, saved with a palette.

The result chart is drawn on a one-byte canvas: its text and lines are grey,
and its two colours are drawn as two shades that nothing else makes
(anti-aliased text only blends the ink, 34 or a lighter grey, with what is
under it, never below 34). `palette_png` maps each shade to its palette
entry. An RGB canvas took four bytes a pixel and a quantising pass: 13.5 MiB
of transient memory per chart instead of 5.8, and a quarter more CPU
(docs/benchmarks.md).
"""

from __future__ import annotations

import io
from functools import cache
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from PIL import Image

# Okabe–Ito colours: told apart with every common colour-vision deficiency.
BLUE: Final = "#0072B2"
VERMILLION: Final = "#D55E00"
REQUIRED_GREY: Final = "#CFCFCF"
INK: Final = "#222222"
MUTED: Final = "#666666"
GRID: Final = "#E4E4E4"

WHITE: Final = 255
_INK_LEVEL = 0x22
_GREY_STEPS = 16


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


#: The shade each colour is drawn with on the grey canvas.
SHADE: Final = {
    BLUE: 0,
    VERMILLION: 1,
    **{grey: rgb(grey)[0] for grey in (REQUIRED_GREY, INK, MUTED, GRID)},
}


def _palette() -> list[tuple[int, int, int]]:
    """The chart's colours and a ramp of greys from ink to white for anti-aliased text."""
    greys = [_INK_LEVEL + (255 - _INK_LEVEL) * i // (_GREY_STEPS - 1) for i in range(_GREY_STEPS)]
    colours = [rgb(c) for c in (BLUE, VERMILLION, REQUIRED_GREY, MUTED, GRID)]
    return [(g, g, g) for g in greys] + colours


@cache
def _shade_to_index() -> tuple[list[int], list[int]]:
    """For each shade 0–255 its palette entry (the two colours' shades their colour, every
    grey the nearest entry), and the palette as Pillow takes it."""
    palette = _palette()
    colours = {shade: palette.index(rgb(c)) for c, shade in SHADE.items()}

    def nearest(shade: int) -> int:
        if shade in colours:
            return colours[shade]
        return min(range(len(palette)), key=lambda i: sum((v - shade) ** 2 for v in palette[i]))

    return [nearest(shade) for shade in range(256)], [v for entry in palette for v in entry]


#: Rows of the picture mapped to palette entries at a time: a band is all the mapping
#: copies, instead of a second copy of the whole picture (2.6 MiB for a result chart).
BAND_ROWS: Final = 128

PNG_LEVEL: Final = 3
"""zlib's level for the result chart: the chart's largest cost after the text was cached."""


def palette_png(image: Image.Image) -> bytes:
    """A PNG with the fixed palette: each shade of the grey canvas takes its palette entry.

    The bars keep their exact colours, and the file is a third the size of an
    RGB one. The canvas becomes the palette picture in place, a band of rows at a time
    (`BAND_ROWS`), so the mapping never holds a second copy of the picture. zlib
    level 3: 7 ms of CPU instead of 10 ms at level 4 and 15 ms at 6, for a file of
    about 88 KB (93 KB at most on the shipped and test profiles) instead of 80 and 70
    (docs/benchmarks.md).
    """
    table, palette = _shade_to_index()
    width, height = image.size
    for top in range(0, height, BAND_ROWS):
        band = (0, top, width, min(top + BAND_ROWS, height))
        image.paste(image.crop(band).point(table), band)
    image.putpalette(palette)  # the indices become a "P" picture, in place
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=PNG_LEVEL)
    return buffer.getvalue()
