"""What the running bot keeps out of its memory (the figures are `make bench`'s, not asserted)."""

from __future__ import annotations

import subprocess
import sys

from tests.support.paths import ROOT


def imported_after(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return out.stdout.strip()


def test_the_running_bot_does_not_import_numpy() -> None:
    """sqlite-utils would import numpy, installed with matplotlib, for nothing the bot uses."""
    code = (
        "import sys, bot.cli, bot.telegram_bot.application, bot.presentation.charts, "
        "bot.scorelog.summary; print('sqlite_utils' in sys.modules, 'numpy' in sys.modules)"
    )
    assert imported_after(code) == "True False"


def test_numpy_stays_importable_for_whoever_needs_it() -> None:
    code = "import bot.state.state_db, numpy; print(numpy.int64(3) + 1)"
    assert imported_after(code) == "4"


def test_the_allocator_gives_memory_back_where_it_is_glibc() -> None:
    """In a fresh process, as `careerbot run` does before any thread starts."""
    code = (
        "import platform; from bot.telegram_bot.malloc import give_memory_back; "
        "print(platform.libc_ver()[0] == 'glibc', give_memory_back())"
    )
    glibc, applied = imported_after(code).split()
    assert applied == glibc


def test_the_running_bot_imports_the_pdf_library_only_to_make_a_pdf() -> None:
    """fpdf2 and the fonts it parses are for the people who ask for a PDF (issue 20)."""
    code = (
        "import sys, bot.cli, bot.telegram_bot.application, bot.terminal.chat, "
        "bot.services.results; print('fpdf' in sys.modules, 'fontTools' in sys.modules)"
    )
    assert imported_after(code) == "False False"


def test_a_pdf_brings_no_numpy_into_the_bot() -> None:
    code = (
        "import sys; from bot.content.loader import load_content; "
        "from bot.presentation.texts import open_catalogues; "
        "from tests.support.paths import SHIPPED_PROFILES as P, SHIPPED_QUESTIONS as Q; "
        "open_catalogues(None, load_content(Q, P).profile.languages); "
        "from bot.presentation.pdf import result_pdf; "
        "from bot.presentation.pdf_parts import PdfSection; "
        "data = result_pdf('T', [PdfSection(None, 'x')], None, 'fr'); "
        "print(data[:5].decode(), 'fpdf' in sys.modules, 'numpy' in sys.modules)"
    )
    assert imported_after(code) == "%PDF- True False"


def test_the_running_bot_imports_neither_httpx_nor_its_own_command_line_tools() -> None:
    """httpx's command line (click, rich, pygments) and the admins' tables (rich) are not
    the bot's: rich and pygments stay out until an admin prints a table."""
    code = (
        "import sys, bot.cli, bot.telegram_bot.application, bot.telegram_bot.polling; "
        "print(*(m in sys.modules for m in ('httpx', 'httpx._main', 'rich', 'pygments')))"
    )
    assert imported_after(code) == "True False False False"


def test_httpx_stays_whole_for_whoever_imported_it_first() -> None:
    """A process that imported httpx before the bot keeps what it has."""
    code = (
        "import sys, httpx, bot.telegram_bot; "
        "print('httpx._main' in sys.modules, callable(httpx.main))"
    )
    assert imported_after(code) == "True True"
