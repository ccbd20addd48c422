"""A result's text as the PDF's parts: titled sections, and each line's styled runs.

The result is written in Telegram's HTML subset (`<b>`, `<i>`, entities), a line
per line, its parts separated by blank lines; the PDF (bot/presentation/pdf.py)
lays these parts out. Nothing here imports fpdf2.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Final

INDENT: Final = 6.0
"""Millimetres: a nested line's indent, and a bullet's hanging indent."""
_BULLETS = ("• ", "→ ", "↳ ")
_NUMBERED = re.compile(r"(\d+\. )")


@dataclass(frozen=True)
class PdfSection:
    """A titled part of the result; `text` is in Telegram's HTML subset, a line per line."""

    title: str | None
    text: str


def sections_of(text: str) -> list[PdfSection]:
    """Split a result text into parts at its blank lines; a first line wholly in bold is
    the part's title."""
    parts = []
    for block in re.split(r"\n\s*\n", text.strip()):
        first, _, rest = block.partition("\n")
        heading = re.fullmatch(r"\s*<b>(.*)</b>\s*", first)
        if heading and "<" not in heading.group(1):
            parts.append(PdfSection(html.unescape(heading.group(1)), rest))
        else:
            parts.append(PdfSection(None, block))
    return parts


def document_of(text: str) -> tuple[str, list[PdfSection]]:
    """A result text as a PDF's title and sections: its first part's title heads the page."""
    parts = sections_of(text)
    first = parts[0]
    if first.title is None:
        return "", parts
    return first.title, [PdfSection(None, first.text), *parts[1:]]


def hanging(plain: str) -> tuple[float, str]:
    """The indent and the marker of a bullet, an arrow or a numbered step ("" for none)."""
    stripped = plain.lstrip()
    depth = INDENT if len(plain) - len(stripped) >= 2 else 0.0
    for bullet in _BULLETS:
        if stripped.startswith(bullet):
            return depth, bullet
    numbered = _NUMBERED.match(stripped)
    if numbered:
        return depth, numbered.group(1)
    return depth, ""


def drop_prefix(runs: list[tuple[str, str]], count: int) -> list[tuple[str, str]]:
    kept = []
    for text, style in runs:
        cut = min(count, len(text))
        count -= cut
        if text[cut:]:
            kept.append((text[cut:], style))
    return kept


class _Runs(HTMLParser):
    """Text runs with their style (fpdf2's "", "B", "I", "BI") from Telegram's HTML subset."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[tuple[str, str]] = []
        self._bold = 0
        self._italic = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._step(tag, 1)

    def handle_endtag(self, tag: str) -> None:
        self._step(tag, -1)

    def _step(self, tag: str, by: int) -> None:
        if tag in ("b", "strong"):
            self._bold = max(0, self._bold + by)
        elif tag in ("i", "em"):
            self._italic = max(0, self._italic + by)

    def handle_data(self, data: str) -> None:
        style = ("B" if self._bold else "") + ("I" if self._italic else "")
        self.runs.append((data, style))


def runs(line: str) -> list[tuple[str, str]]:
    parser = _Runs()
    parser.feed(line)
    parser.close()
    return parser.runs
