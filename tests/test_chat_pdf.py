"""`careerbot chat --pdf FILE`: the result as the bot's PDF, written to a file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from bot.cli import main
from bot.content.models import Content
from bot.presentation.pdf import MAX_PAGES
from bot.presentation.result_text import to_plain
from bot.presentation.texts import t
from bot.services import report
from tests.support.answers import EXAMPLE_TYPED
from tests.support.paths import MINI_PROFILES, MINI_QUESTIONS
from tests.support.pdf_text import page_texts, squeezed
from tests.support.terminal import play


def test_the_pdf_holds_the_result_the_terminal_printed(
    mini_content: Content, tmp_path: Path
) -> None:
    pdf = tmp_path / "bilan.pdf"
    result, out = play(mini_content, EXAMPLE_TYPED, "en", pdf_path=pdf)
    assert result is not None
    assert out.rstrip().endswith(f"PDF saved: {pdf}")
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    assert 1 <= len(reader.pages) <= MAX_PAGES
    text = squeezed("".join(page_texts(pdf.read_bytes(), "en")))
    printed = out.split("Your result", 1)[1].rsplit("PDF saved", 1)[0]
    assert "Fit: 56% (Possible)" in printed
    pointer = to_plain(t("summary_more", "en"))  # to the buttons: not in a PDF
    for line in printed.splitlines():
        if line != pointer:
            assert squeezed(line) in text, line
    assert sum(len(page.images) for page in reader.pages) == 1, "the chart is in it"


def test_the_pdf_is_in_the_language_of_the_chat(mini_content: Content, tmp_path: Path) -> None:
    pdf = tmp_path / "bilan.pdf"
    _, out = play(mini_content, EXAMPLE_TYPED, "fr", pdf_path=pdf)
    assert "PDF enregistré\u00a0:" in out
    first = PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()
    assert "Votre résultat" in first
    assert "Page 1 sur" in first


@pytest.fixture
def mini_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERBOT_QUESTIONS_DIR", str(MINI_QUESTIONS))
    monkeypatch.setenv("CAREERBOT_PROFILES_DIR", str(MINI_PROFILES))


@pytest.mark.usefixtures("mini_files")
def test_a_pdf_in_a_missing_folder_fails_before_the_first_question(tmp_path: Path) -> None:
    pdf = tmp_path / "nowhere" / "bilan.pdf"
    result = CliRunner().invoke(main, ["chat", "--pdf", str(pdf)], input="q\n")
    assert result.exit_code == 2
    assert "Invalid value for '--pdf'" in result.output
    assert "Question 1/" not in result.output


@pytest.mark.usefixtures("mini_files")
def test_without_the_pdf_extra_the_command_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report, "pdf_available", lambda: False)
    pdf = tmp_path / "bilan.pdf"
    result = CliRunner().invoke(main, ["chat", "--pdf", str(pdf)], input="q\n")
    assert result.exit_code == 2
    assert "pip install 'careerbot[pdf]'" in result.output
    assert "Question 1/" not in result.output
    assert not pdf.exists()
