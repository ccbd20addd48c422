"""Reading the result's PDF back in tests: its pages' text, compared without spaces."""

from __future__ import annotations

import io

from pypdf import PdfReader

from bot.content.models import Lang
from bot.presentation.texts import t


def page_texts(data: bytes, lang: Lang) -> list[str]:
    """Each page's text, without its footer (the page number, checked to be there)."""
    reader = PdfReader(io.BytesIO(data))
    pages = len(reader.pages)
    texts = []
    for number, page in enumerate(reader.pages, start=1):
        footer = t("pdf_page", lang, page=number, pages=pages)
        text = page.extract_text()
        assert footer in text
        texts.append(text.replace(footer, ""))
    return texts


def squeezed(text: str) -> str:
    """The text without any space, nor the emoji the PDF's font lacks (it leaves them out)."""
    return "".join(ch for ch in text if not ch.isspace() and ord(ch) < 0x1F000)
