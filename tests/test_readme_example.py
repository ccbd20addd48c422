"""The README's example result is what `careerbot chat` really prints for its persona."""

from __future__ import annotations

import io

from PIL import Image
from pypdf import PdfReader

from bot.content.models import Content
from tests.support.pdf_text import page_texts
from tests.support.readme_example import (
    BLOCK,
    PDF,
    PDF_PAGE,
    README,
    TYPED,
    karim_pdf,
    printed_result,
    telegram_texts,
)


def test_the_readme_shows_what_the_command_prints(shipped_content: Content) -> None:
    block = BLOCK.search(README.read_text(encoding="utf-8"))
    assert block, "the README keeps its example result block"
    printed = printed_result(TYPED.read_text(encoding="utf-8"), shipped_content)
    assert block.group(2) == printed, "run `python -m tests.support.readme_example`"


def test_docs_examples_show_the_summary_and_a_section(shipped_content: Content) -> None:
    for path, text in telegram_texts(TYPED.read_text(encoding="utf-8"), shipped_content).items():
        assert path.read_text(encoding="utf-8") == text, (
            "run `python -m tests.support.readme_example`"
        )


def test_docs_examples_hold_karim_s_pdf_and_a_picture_of_its_first_page(
    shipped_content: Content,
) -> None:
    fresh = karim_pdf(TYPED.read_text(encoding="utf-8"), shipped_content)
    committed = PDF.read_bytes()
    # The same text page by page (the bytes may differ with the zlib that compressed them).
    assert page_texts(committed, "fr") == page_texts(fresh, "fr"), (
        "run `python -m tests.support.readme_example`"
    )
    assert PDF_PAGE.name in README.read_text(encoding="utf-8")
    with Image.open(PDF_PAGE) as page:
        width, height = page.size
        assert page.format == "PNG"
    a4 = PdfReader(io.BytesIO(committed)).pages[0].mediabox
    assert abs(height / width - float(a4.height) / float(a4.width)) < 0.01
