"""Every text the bot shows: both languages, same placeholders, French typography.

French puts a no-break space (U+00A0 or the narrow U+202F) before : ; ! ? » % €
and after «; a plain space there lets a phone wrap the line before the mark.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from bot.content.models import LANGS, Content, Text
from bot.presentation.texts import (
    NBSP,
    NNBSP,
    TEXTS,
    french_typography,
    money,
    money_range,
    percent,
    t,
)
from bot.terminal.chat import CHAT_TEXTS

UI_TEXTS = {**TEXTS, **CHAT_TEXTS}

_PLAIN_SPACE_BEFORE = re.compile(r" [:;!?»%€]")
_PLAIN_SPACE_AFTER = re.compile(r"« ")
_NO_SPACE_INSIDE_GUILLEMETS = re.compile(rf"«(?![{NBSP}{NNBSP}])|(?<![{NBSP}{NNBSP}])»")


def typography_errors(text: str) -> list[str]:
    """The places where `text` breaks a French spacing rule, with some context."""
    errors = [
        text[max(0, m.start() - 15) : m.end() + 5]
        for pattern in (_PLAIN_SPACE_BEFORE, _PLAIN_SPACE_AFTER, _NO_SPACE_INSIDE_GUILLEMETS)
        for m in pattern.finditer(text)
    ]
    return errors


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def content_texts(node: object, path: str = "") -> Iterator[tuple[str, Text]]:
    """Every `Text` in a content model, with where it is (e.g. missions.3.text)."""
    if isinstance(node, Text):
        yield path, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from content_texts(getattr(node, name), f"{path}.{name}".lstrip("."))
    elif isinstance(node, list | tuple):
        for index, item in enumerate(node):
            yield from content_texts(item, f"{path}.{index}")


def shipped_texts(content: Content) -> Iterator[tuple[str, Text]]:
    yield from content_texts(content.profile, content.profile.id)
    for name, qfile in content.files:
        yield from content_texts(qfile, name)


# --- The checker itself ------------------------------------------------------------------


@pytest.mark.parametrize(
    "wrong",
    ["Bonjour !", "Prêt ?", "Note : 3", "a ; b", "50 %", "40 000 €", "« mot »", "«mot»"],
)
def test_the_checker_catches_plain_spaces(wrong: str) -> None:
    assert typography_errors(wrong)


@pytest.mark.parametrize(
    "right",
    [f"Bonjour{NNBSP}!", f"Note{NBSP}: 3", f"50{NNBSP}%", f"«{NNBSP}mot{NNBSP}»", "http://x"],
)
def test_the_checker_accepts_no_break_spaces(right: str) -> None:
    assert not typography_errors(right)


def test_french_typography_fixes_what_the_checker_catches() -> None:
    fixed = french_typography("« Prêt ? » Note : 50 % ; 40 000 € !")
    assert not typography_errors(fixed)
    assert fixed == (
        f"«{NNBSP}Prêt{NNBSP}?{NNBSP}» Note{NBSP}: 50{NNBSP}%{NNBSP}; 40{NNBSP}000{NBSP}€{NNBSP}!"
    )


# --- The bot's own texts --------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(UI_TEXTS))
def test_ui_text_has_both_languages_and_the_same_placeholders(key: str) -> None:
    text = UI_TEXTS[key]
    assert set(text) == set(LANGS)
    assert all(text[lang].strip() for lang in LANGS)
    assert placeholders(text["fr"]) == placeholders(text["en"])


@pytest.mark.parametrize("key", sorted(UI_TEXTS))
def test_ui_text_french_typography(key: str) -> None:
    assert typography_errors(UI_TEXTS[key]["fr"]) == []


def test_formatted_numbers_keep_french_typography() -> None:
    assert percent(62.4, "fr") == f"62{NNBSP}%"
    assert money(45_500, "fr") == f"45{NNBSP}500{NBSP}€"
    assert percent(62.4, "en") == "62%"
    assert money(45_500, "en") == "€45,500"
    assert money_range(44_000, 48_000, "fr") == f"44{NNBSP}000 à 48{NNBSP}000{NBSP}€"
    assert money_range(44_000, 48_000, "en") == "€44,000 to €48,000"
    line = t("salary_line", "fr", range=money_range(44_000, 48_000, "fr"))
    assert typography_errors(line) == []


# --- The shipped content --------------------------------------------------------------------


def test_shipped_texts_french_typography(shipped_content: Content) -> None:
    errors = {
        where: found
        for where, text in shipped_texts(shipped_content)
        if (found := typography_errors(text.fr))
    }
    assert errors == {}


def test_shipped_texts_are_all_checked(shipped_content: Content) -> None:
    """The walk above reaches every kind of text: questions, options, profile, salary."""
    where = [path for path, _ in shipped_texts(shipped_content)]
    assert len(where) > 100
    for part in ("options", "missions", "dimensions", "bands", "training", "salary", "section"):
        assert any(f".{part}." in w or w.endswith(f".{part}") for w in where), part
