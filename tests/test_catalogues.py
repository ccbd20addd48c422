"""The bot's catalogues: every key the code uses translated in every language, each
compiled file up to date, plural forms as each language's rule asks.

A missing translation is caught here, not by a person reading the key on a screen.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.content.models import Language
from bot.presentation.texts import (
    PACKAGED_LOCALES,
    CatalogueError,
    catalogue_path,
    language_name,
    open_catalogues,
    t,
)
from tests.support.catalogues import (
    MAKEFILE_KEYWORDS,
    compiled,
    extracted_keys,
    forms,
    key_of,
    messages,
    read_catalogue,
)
from tests.support.paths import ROOT
from tests.support.texts import LANGUAGES

CODES = [language.code for language in LANGUAGES]
USED = extracted_keys()
#: A key whose translation may be a space (the French thousands separator).
SPACE_ALLOWED = "thousands_separator"


@pytest.mark.parametrize("lang", CODES)
def test_every_key_the_code_uses_is_in_the_catalogue_and_no_other(lang: str) -> None:
    """What `make catalogues` extracts from bot/ is exactly what each catalogue holds, counted
    texts (`tn`) with plural forms: a key the code reaches only through an f-string would be
    dropped by the next update, so it fails here first."""
    catalogue = read_catalogue(lang)
    held = {key_of(message): message.pluralizable for message in messages(catalogue)}
    assert sorted(held.keys() - USED.keys()) == [], "in the catalogue, not extracted from bot/"
    assert sorted(USED.keys() - held.keys()) == [], "used by bot/, missing from the catalogue"
    assert held == USED


@pytest.mark.parametrize("lang", CODES)
def test_every_key_is_translated_with_every_plural_form(lang: str) -> None:
    catalogue = read_catalogue(lang)
    assert catalogue.locale is not None and str(catalogue.locale) == lang
    untranslated = [
        key_of(message)
        for message in messages(catalogue)
        if message.fuzzy
        or not all(form.strip() or key_of(message) == SPACE_ALLOWED for form in forms(message))
        or len(forms(message)) != (catalogue.num_plurals if message.pluralizable else 1)
    ]
    assert untranslated == []


@pytest.mark.parametrize("lang", CODES)
def test_the_compiled_catalogue_is_up_to_date(lang: str) -> None:
    """The bot reads the committed .mo: it must be what `make catalogues` compiles from the .po."""
    compiled_now = compiled(read_catalogue(lang))
    assert catalogue_path(PACKAGED_LOCALES, lang).read_bytes() == compiled_now, (
        f"{lang}: the .mo is stale, run `make catalogues`"
    )


def test_the_makefile_extracts_with_the_keywords_checked_here() -> None:
    assert MAKEFILE_KEYWORDS in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_no_key_is_built_at_run_time() -> None:
    """`t(f"likert_{n}")` hides its keys from the extraction: a table of `N_("likert_0")`…
    names them instead."""
    built = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sorted((ROOT / "bot").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("t", "tn", "N_")
        and node.args
        and isinstance(node.args[0], ast.JoinedStr | ast.BinOp)
    ]
    assert built == []


def test_a_key_missing_from_a_catalogue_is_an_error_not_a_text() -> None:
    with pytest.raises(KeyError, match="no_such_key"):
        t("no_such_key", CODES[0])


def test_each_language_is_named_in_itself() -> None:
    assert [language_name(code) for code in CODES] == ["Français", "English"]


def test_a_language_without_a_catalogue_is_refused_at_start_up(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match=r"eo.*careerbot\.mo"):
        open_catalogues(tmp_path, [Language(code="eo")])
    assert t("language_name", "fr") == "Français", "the catalogues open before stay open"
