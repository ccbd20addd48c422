"""The result as a PDF (bot/presentation/pdf.py), read back with pypdf.

What a reader gets: every text of the result in order, the chart, one or two
pages for every persona in both languages, the French spaces kept, and nothing
in the file that says who or where it was made.
"""

from __future__ import annotations

import getpass
import io
import logging
import re
import socket
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from bot.content.models import Content, Lang
from bot.engine.result import evaluate
from bot.presentation.pdf import MAX_PAGES, result_pdf
from bot.presentation.pdf_parts import PdfSection, document_of, sections_of
from bot.presentation.result_chart import result_chart_png
from bot.presentation.result_full import render_result
from bot.presentation.result_text import to_plain
from bot.presentation.texts import money_range, percent
from tests.support.pdf_text import page_texts, squeezed
from tests.support.persona_catalogue import PERSONAS, RANDOM
from tests.support.personas import Persona, answers_for

DAY = date(2026, 3, 14)
LANGS: tuple[Lang, ...] = ("fr", "en")


def persona_pdf(content: Content, persona: Persona, lang: Lang) -> tuple[str, bytes]:
    """The result text of a persona and its PDF, as the bot makes them."""
    result = evaluate(content, answers_for(content, persona))
    text = render_result(content, result, lang, pointer=False)
    title, parts = document_of(text)
    return text, result_pdf(title, parts, result_chart_png(content, result, lang), lang, day=DAY)


@pytest.fixture(scope="module")
def made(shipped_content: Content) -> dict[tuple[str, Lang], tuple[str, bytes]]:
    return {
        (persona.name, lang): persona_pdf(shipped_content, persona, lang)
        for persona in (*PERSONAS, RANDOM[1])
        for lang in LANGS
    }


def test_every_persona_gets_one_or_two_pages_with_the_whole_result_in_order(
    made: dict[tuple[str, Lang], tuple[str, bytes]],
) -> None:
    for (name, lang), (text, data) in made.items():
        pages = page_texts(data, lang)
        assert 1 <= len(pages) <= MAX_PAGES, (name, lang)
        # Every character of the result, in order: nothing cut, nothing added.
        assert squeezed("".join(pages)) == squeezed(to_plain(text)), (name, lang)


def test_the_figures_of_the_result_are_in_the_pdf(shipped_content: Content) -> None:
    persona = PERSONAS[0]
    result = evaluate(shipped_content, answers_for(shipped_content, persona))
    for lang in LANGS:
        _, data = persona_pdf(shipped_content, persona, lang)
        words = " ".join(" ".join(page.split()) for page in page_texts(data, lang))
        salary = result.salary
        for figure in (
            percent(result.score.overall, lang),
            money_range(*salary.shown, lang),
            *(percent(value, lang) for value in result.score.categories.values()),
        ):
            # The PDF prints a no-break space as a space that never breaks a line.
            assert " ".join(figure.replace("\u00a0", " ").split()) in words, (lang, figure)


def test_the_chart_is_embedded_as_an_image(shipped_content: Content) -> None:
    result = evaluate(shipped_content, answers_for(shipped_content, PERSONAS[3]))
    chart = result_chart_png(shipped_content, result, "fr")
    title, parts = document_of(render_result(shipped_content, result, "fr", pointer=False))
    reader = PdfReader(io.BytesIO(result_pdf(title, parts, chart, "fr", day=DAY)))
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 1
    picture = images[0].image
    assert picture is not None
    assert picture.size == (1080, int.from_bytes(chart[20:24], "big"))


def test_the_french_spaces_euro_and_quotes_print_with_an_embedded_font(
    caplog: pytest.LogCaptureFixture,
) -> None:
    line = "Salaire\u00a0: 40\u202f000\u00a0€ «\u00a0brut\u00a0» ; 97\u202f%"
    with caplog.at_level(logging.WARNING):
        data = result_pdf("Titre", [PdfSection("Partie", line)], None, "fr", day=DAY)
    assert not caplog.records  # fpdf2 warns of a glyph missing from the font
    reader = PdfReader(io.BytesIO(data))
    text = reader.pages[0].extract_text()
    assert "40\u202f000 €" in text
    assert "« brut »" in text
    assert "97\u202f%" in text
    fonts: Any = reader.pages[0]["/Resources"]
    for font in fonts["/Font"].values():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object(), "the font is embedded"


def test_a_line_never_breaks_at_a_no_break_space(
    made: dict[tuple[str, Lang], tuple[str, bytes]],
) -> None:
    for (name, lang), (_, data) in made.items():
        if lang != "fr":  # English writes €40,000 and 97%
            continue
        for page in page_texts(data, lang):
            for line in page.splitlines():
                assert not re.match(r"\s*[:;!?%€»]", line), (name, lang, line)
                assert not line.rstrip().endswith("«"), (name, lang, line)


def test_characters_the_font_lacks_are_left_out_rather_than_printed_as_boxes(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        data = result_pdf("", [PdfSection(None, "🔒 Vos réponses 🎯 restent")], None, "fr")
    assert not caplog.records
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert text.startswith("Vos réponses restent\n")


def test_headings_bullets_and_steps_keep_their_text_and_order() -> None:
    text = (
        "<b>Votre résultat : métier</b>\nCompatibilité : <b>88 %</b> (bonne)\n\n"
        "<b>Vos points forts</b>\n• Un &amp; deux\n   ↳ Faites ceci\n\n"
        "<b>Parcours</b>\n1. D’abord\n2. Ensuite <i>peut-être</i>"
    )
    title, parts = document_of(text)
    assert title == "Votre résultat : métier"
    assert [part.title for part in parts] == [None, "Vos points forts", "Parcours"]
    data = result_pdf(title, parts, None, "fr", day=DAY)
    lines = [" ".join(line.split()) for line in page_texts(data, "fr")[0].splitlines()]
    assert [line for line in lines if line] == [
        "Votre résultat : métier",
        "Compatibilité : 88 % (bonne)",
        "Vos points forts",
        "• Un & deux",
        "↳ Faites ceci",
        "Parcours",
        "1. D’abord",
        "2. Ensuite peut-être",
    ]


def test_sections_of_keeps_a_part_without_a_heading_whole() -> None:
    assert sections_of("a\nb\n\n<b>T</b>\nc\n\n<i>d</i> <b>e</b>") == [
        PdfSection(None, "a\nb"),
        PdfSection("T", "c"),
        PdfSection(None, "<i>d</i> <b>e</b>"),
    ]


# --- Nothing that identifies a person, a machine or a moment ---------------------------------


def test_the_metadata_says_the_day_and_the_program_only(
    made: dict[tuple[str, Lang], tuple[str, bytes]],
) -> None:
    _, data = made[(PERSONAS[0].name, "fr")]
    reader = PdfReader(io.BytesIO(data))
    metadata: dict[str, Any] = dict(reader.metadata or {})
    assert metadata == {
        "/Creator": "careerbot",
        "/Producer": "careerbot",
        "/CreationDate": "D:20260314000000Z",
    }
    assert "/ID" not in reader.trailer
    root: Any = reader.trailer["/Root"]
    assert "/Metadata" not in root  # no XMP packet


def test_the_bytes_hold_no_path_user_or_host(
    made: dict[tuple[str, Lang], tuple[str, bytes]],
) -> None:
    site = Path(__file__).resolve().parents[1]
    needles = {
        getpass.getuser(),
        socket.gethostname(),
        str(site),
        str(Path.home()),
        "site-packages",
        ".ttf",
    }
    for (name, lang), (_, data) in made.items():
        raw = data.decode("latin-1")
        reader = PdfReader(io.BytesIO(data))
        text = "".join(page.extract_text() for page in reader.pages)
        for needle in needles:
            if len(needle) > 3:  # a very short user or host name would match by chance
                assert needle not in raw, (name, lang, needle)
                assert needle not in text, (name, lang, needle)


def test_the_same_result_on_the_same_day_gives_the_same_bytes(shipped_content: Content) -> None:
    first = persona_pdf(shipped_content, PERSONAS[1], "en")[1]
    assert persona_pdf(shipped_content, PERSONAS[1], "en")[1] == first
