"""The charts' colours, and the result chart's PNG: drawn in shades of grey, saved with a palette.

The result chart is drawn on a one-byte canvas: its text and lines are grey,
and its two colours are drawn as two shades that nothing else makes
(anti-aliased text only blends the ink, 34 or a lighter grey, with what is
under it, never below 34). `palette_png_of_bands` maps each shade to its
palette entry, a band of rows at a time. An RGB canvas took four bytes a pixel
and a quantising pass: 13.5 MiB of transient memory per chart instead of 5.8,
and a quarter more CPU (docs/benchmarks.md).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
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


#: Rows of the picture painted and mapped to palette entries at a time: a band is
#: all a result chart holds of its picture, instead of the whole (2.6 MiB).
BAND_ROWS: Final = 128

PNG_LEVEL: Final = 3
"""zlib's level: 7 ms of CPU for a result chart instead of 10 ms at level 4 and 15 ms
at 6, for a file of about 90 KB (93 KB at most on the shipped and test profiles)
instead of 82 and 70 (docs/benchmarks.md)."""

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def palette_png_of_bands(width: int, height: int, bands: Iterable[Image.Image]) -> bytes:
    """A PNG with the fixed palette, from the grey canvas given a band of rows at a time.

    Each shade takes its palette entry: the bars keep their exact colours, and the
    file is a third the size of an RGB one. Each band ("L", `width` wide, top to
    bottom, `height` rows in all) is mapped and compressed as it comes, so the
    picture is never held whole. The PNG is written here (8-bit palette, no
    filter, as Pillow writes a palette picture) because Pillow only writes a
    picture it holds whole.
    """
    from PIL import Image

    table, palette = _shade_to_index()
    compressor = zlib.compressobj(PNG_LEVEL)
    idat: list[bytes] = []
    rows = 0
    for band in bands:
        # Each row starts with its filter type, 0 (none): a zero column on the left.
        framed = Image.new("L", (width + 1, band.height), 0)
        framed.paste(band.point(table), (1, 0))
        idat.append(compressor.compress(framed.tobytes()))
        rows += band.height
    idat.append(compressor.flush())
    if rows != height:
        raise ValueError(f"bands of {rows} rows for a picture of {height}")
    header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)  # 8-bit palette indices
    return b"".join(
        (
            _PNG_SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"PLTE", bytes(palette)),
            _chunk(b"IDAT", b"".join(idat)),
            _chunk(b"IEND", b""),
        )
    )


def palette_png(image: Image.Image) -> bytes:
    """The PNG of a whole grey canvas (`palette_png_of_bands`, a band at a time)."""
    width, height = image.size
    bands = (
        image.crop((0, top, width, min(top + BAND_ROWS, height)))
        for top in range(0, height, BAND_ROWS)
    )
    return palette_png_of_bands(width, height, bands)
