"""The README's example result: one persona, typed into `careerbot chat`.

`python -m tests.support.readme_example` writes the persona's typed answers
to docs/examples/karim.txt, replays them through the chat and puts the result
it prints into the README, between the lines of its "An example result"
block. tests/test_readme_example.py checks the README still says what the
command prints. It also writes Karim's PDF (docs/examples/karim.pdf) and, when
poppler's `pdftoppm` is installed (Debian's poppler-utils), a picture of its
first page for the README.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from PIL import Image

from bot.content.loader import load_content
from bot.content.models import Content
from bot.engine.session import asked_questions, option_order
from bot.presentation.result_sections import section
from bot.presentation.result_summary import summary
from bot.presentation.texts import open_catalogues
from bot.terminal.chat import run_chat
from tests.support.paths import ROOT, SHIPPED_PROFILES, SHIPPED_QUESTIONS
from tests.support.personas import Persona, answers_for

SEED = "readme"
TYPED = ROOT / "docs" / "examples" / "karim.txt"
README = ROOT / "README.md"
RESULT_START = "Votre résultat"
#: The README's result block: the text fence after the chat command.
BLOCK = re.compile(
    r"(\$ \.venv/bin/careerbot chat --seed readme < docs/examples/karim.txt\n```\n\n```text\n)"
    r"(.*?)(\n```)",
    re.S,
)

KARIM = Persona(
    "karim",
    "BTS (bac+2) in customer relations, three years in online sales, works in English",
    education="bac2",
    studied="crm_project",
    experience="2to5",
    ability=0.7,
    strong={"persuasion": 0.9, "management": 0.85, "sales_communications": 0.5},
    interest=0.9,
    languages=("en_work",),
)


def typed_lines(content: Content) -> list[str]:
    """What Karim types: the position of each answer in the order this seed shows them."""
    answers = answers_for(content, KARIM)
    lines = []
    for question in asked_questions(content, "fr"):
        chosen = answers[question.id]
        if question.kind == "likert":
            lines.append(str(int(chosen[0]) + 1))
            continue
        shown = option_order(SEED, question)
        lines.append(" ".join(str(shown.index(choice) + 1) for choice in chosen))
    return lines


def printed_result(typed: str, content: Content) -> str:
    """The result `careerbot chat --seed readme` prints for these typed lines."""
    out = io.StringIO()
    run_chat(content, "fr", seed=SEED, input=io.StringIO(typed), output=out)
    text = out.getvalue()
    return text[text.index(RESULT_START) :].rstrip("\n")


#: The summary and one section as Telegram shows them (HTML, as sent), in docs/examples/.
SUMMARY = ROOT / "docs" / "examples" / "karim-summary.html"
SECTION = ROOT / "docs" / "examples" / "karim-section-develop.html"


def telegram_texts(typed: str, content: Content) -> dict[Path, str]:
    """The summary message and the « À développer » section Karim's answers lead to."""
    record = run_chat(content, "fr", seed=SEED, input=io.StringIO(typed), output=io.StringIO())
    assert record is not None
    develop = section(content, record, "fr", "develop")
    assert develop is not None
    return {SUMMARY: summary(content, record, "fr") + "\n", SECTION: develop + "\n"}


#: Karim's PDF, as the bot sends it, made on a fixed day; its first page as a picture.
PDF = ROOT / "docs" / "examples" / "karim.pdf"
PDF_PAGE = ROOT / "docs" / "examples" / "karim-pdf-page1.png"
PDF_DAY = date(2026, 6, 30)


def karim_pdf(typed: str, content: Content) -> bytes:
    """The PDF the « Mon bilan (PDF) » button sends for Karim's answers."""
    from bot.services.report import pdf_of

    record = run_chat(content, "fr", seed=SEED, input=io.StringIO(typed), output=io.StringIO())
    assert record is not None
    return pdf_of(content, record, "fr", None, day=PDF_DAY).draw()


def page_picture(pdf: Path, png: Path) -> None:
    """The PDF's first page as a PNG, drawn by poppler's pdftoppm (when installed) at
    100 dpi."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print(f"pdftoppm not found (apt-get install poppler-utils): {png.name} left as it was")
        return
    with tempfile.TemporaryDirectory() as folder:
        stem = Path(folder) / "page"
        command = [pdftoppm, "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile"]
        subprocess.run([*command, str(pdf), str(stem)], check=True)
        with Image.open(stem.with_suffix(".png")) as page:
            # Black text on white: 16 greys keep it sharp at a third of the size.
            page.convert("L").quantize(colors=16).save(png, optimize=True)


def main() -> None:
    content = load_content(SHIPPED_QUESTIONS, SHIPPED_PROFILES)
    open_catalogues(None, content.profile.languages)
    TYPED.write_text("".join(f"{line}\n" for line in typed_lines(content)), encoding="utf-8")
    for path, text in telegram_texts(TYPED.read_text(encoding="utf-8"), content).items():
        path.write_text(text, encoding="utf-8")
    PDF.write_bytes(karim_pdf(TYPED.read_text(encoding="utf-8"), content))
    page_picture(PDF, PDF_PAGE)
    result = printed_result(TYPED.read_text(encoding="utf-8"), content)
    readme = README.read_text(encoding="utf-8")
    README.write_text(BLOCK.sub(lambda m: m.group(1) + result + m.group(3), readme), "utf-8")


if __name__ == "__main__":
    main()
