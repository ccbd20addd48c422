"""The result as a PDF to take to an adviser: one or two A4 pages, every section and the chart.

fpdf2 (the `pdf` extra) writes it with DejaVu Sans, the font the charts extra
installs with matplotlib, embedded as a subset: it prints €, « » and the
French no-break spaces (U+00A0, U+202F), and fpdf2 never breaks a line at one.
The file holds nothing that identifies the person or the machine: no author,
no file identifier, the day it was made rather than the time, and a producer
string without a path (tests/test_pdf.py reads every byte back).

This module imports fpdf2 at its top: import it only when a PDF is made, so the
running bot does not keep the library in memory for the people who never ask
(about 18 MiB once imported, docs/benchmarks.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from io import BytesIO
from typing import Final

from bot.content.models import Lang
from bot.hidden_imports import hidden
from bot.presentation.chart_text import font_dir
from bot.presentation.pdf_parts import INDENT, PdfSection, drop_prefix, hanging, runs
from bot.presentation.texts import t

# fpdf2 imports numpy when it is installed, only to speed up image formats the result's
# PNG does not use; numpy would stay in the bot's memory (10 MiB) after its first PDF.
# No other thread imports meanwhile: the bot imports this module in its one drawing
# thread (bot.presentation.charts).
with hidden("numpy", while_importing="fpdf"):
    from fpdf import FPDF
    from fpdf.fonts import TTFFont


FONT: Final = "DejaVu"
_FONT_FILES: Final = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
    "I": "DejaVuSans-Oblique.ttf",
    "BI": "DejaVuSans-BoldOblique.ttf",
}
MAX_PAGES: Final = 2
#: Body sizes tried in turn (points) until the text and the chart fit on `MAX_PAGES`.
BODY_SIZES: Final = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0)
_MARGIN = 15.0
_FOOTER_H = 8.0
_LEADING = 1.4
"""Line height as a multiple of the font size."""
_CHART_MAX_W = 110.0
_SLACK = 0.5
"""Millimetres the chart leaves free below it."""
_CHART_MIN_W = 62.0
"""Narrower than this (mm), the chart's labels would print under about 5 pt."""
_MM_PER_PT = 25.4 / 72


def result_pdf(
    title: str,
    sections: Sequence[PdfSection],
    chart_png: bytes | None,
    lang: Lang,
    *,
    day: date | None = None,
) -> bytes:
    """The PDF of a result: the title, each section, then the chart, on at most two pages.

    The body's size goes down a step at a time until everything fits (a text too long
    even at the smallest size runs on to more pages); `day` is the date the file says it
    was made (today, in UTC, unless given).
    """
    made = day or datetime.now(UTC).date()
    # Each font costs time to read and subset: only the styles the text uses are added.
    styles = {"", "B"} | {style for part in sections for _, style in runs(part.text)}
    chart_h = _CHART_MIN_W * _png_ratio(chart_png) if chart_png is not None else 0.0
    size = BODY_SIZES[0]
    while True:
        document = _Document(lang, made, styles)
        if title:
            document.heading(title)
        for part in sections:
            document.section(part, size)
        room = MAX_PAGES * document.body_height - chart_h
        share = room / document.filled()
        placed = document.chart(chart_png) if chart_png is not None else True
        if (placed and document.pages_count <= MAX_PAGES) or size == BODY_SIZES[-1]:
            return bytes(document.output())
        size = _smaller(size, share)


def _smaller(size: float, share: float) -> float:
    """The next body size to try after `size` overflowed, aiming at the size whose text
    takes `share` of the height this one took: most lines are shorter than the page is
    wide, so their height goes with the size (a wrapped paragraph's goes a bit faster)."""
    aim = size * min(share, 1.0)
    return max((s for s in BODY_SIZES if s < size and s <= aim), default=BODY_SIZES[-1])


class _Document(FPDF):
    """An A4 page with DejaVu Sans, the page number at the foot, no identifying metadata."""

    def __init__(self, lang: Lang, made: date, styles: set[str]) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.lang = lang
        folder = font_dir()
        for style in sorted(styles):
            self.add_font(FONT, style, folder / _FONT_FILES[style])
        regular = self.fonts[FONT.lower()]
        assert isinstance(regular, TTFFont)
        self._glyphs = frozenset(regular.cmap)
        self.set_margins(_MARGIN, _MARGIN, _MARGIN)
        self.set_auto_page_break(True, _MARGIN + _FOOTER_H)
        self.set_lang(lang)
        self.set_creator("careerbot")
        self.set_producer("careerbot")
        self.set_creation_date(datetime(made.year, made.month, made.day, tzinfo=UTC))
        self.alias_nb_pages()
        self._parts = 0
        self.add_page()

    def file_id(self) -> None:
        """No /ID: it would be a fingerprint of this file (the format does not require one)."""
        return None

    def footer(self) -> None:
        self.set_y(-(_MARGIN + _FOOTER_H / 2))
        self.set_font(FONT, "", 8)
        self.set_text_color(110)
        label = t("pdf_page", self.lang, page=self.page_no(), pages="{nb}")
        self.cell(0, 4, label, align="C")
        self.set_text_color(0)

    def printable(self, text: str) -> str:
        """The text without the characters DejaVu Sans lacks (emoji), which would print
        as empty boxes, each with the space after it."""
        kept: list[str] = []
        dropped = False
        for ch in text:
            if ord(ch) not in self._glyphs and ch != "\n":
                dropped = True
            elif not (dropped and ch == " "):
                kept.append(ch)
                dropped = False
        return "".join(kept)

    def heading(self, title: str) -> None:
        self.set_font(FONT, "B", 15)
        self.multi_cell(0, 15 * _LEADING * _MM_PER_PT, self.printable(title))
        self.ln(2)

    def section(self, part: PdfSection, size: float) -> None:
        height = size * _LEADING * _MM_PER_PT
        if part.title is not None or self._parts:
            self.ln(height * 0.6)
        self._parts += 1
        if part.title is not None:
            if self.y + 4 * height > self.page_break_trigger:
                self.add_page()  # a heading starts its part on the page, never alone at the foot
            self.set_font(FONT, "B", size + 1.5)
            self.multi_cell(0, height * 1.1, self.printable(part.title))
            self.ln(height * 0.15)
        for line in part.text.split("\n"):
            self._line(line, size, height)

    def _line(self, line: str, size: float, height: float) -> None:
        styled = runs(line)
        plain = "".join(text for text, _ in styled)
        if not plain.strip():
            self.ln(height * 0.5)
            return
        indent, marker = hanging(plain)
        if marker:
            styled = drop_prefix(styled, len(plain) - len(plain.lstrip()) + len(marker))
        self.set_x(self.l_margin + indent)
        if marker:
            self.set_font(FONT, "", size)
            self.write(height, marker.strip())
        left = self.l_margin
        self.set_left_margin(left + indent + (INDENT if marker else 0))
        self.set_x(self.l_margin)
        for text, style in styled:
            self.set_font(FONT, style, size)
            self.write(height, self.printable(text))
        self.set_left_margin(left)
        self.ln(height)

    @property
    def body_height(self) -> float:
        """The height a page has for text, between its top margin and its foot."""
        return self.page_break_trigger - self.t_margin

    def filled(self) -> float:
        """How much body height the text took, over all its pages."""
        return (self.page_no() - 1) * self.body_height + self.y - self.t_margin

    def chart(self, png: bytes) -> bool:
        """The chart after the text, as wide as the room left allows; False when it does
        not fit on the last allowed page even at its narrowest."""
        ratio = _png_ratio(png)
        room = self.page_break_trigger - self.y - 4
        if room / ratio < _CHART_MIN_W:
            if self.page_no() >= MAX_PAGES:
                return False
            self.add_page()
            room = self.page_break_trigger - self.y
        # An image exactly as tall as the room left can trip the page break by rounding.
        width = min(_CHART_MAX_W, (room - _SLACK) / ratio, self.epw)
        self.ln(4)
        self.image(BytesIO(png), x=(self.w - width) / 2, w=width)
        return True


def _png_ratio(png: bytes) -> float:
    """Height over width, read from the PNG's header."""
    width = int.from_bytes(png[16:20], "big")
    height = int.from_bytes(png[20:24], "big")
    return height / width
