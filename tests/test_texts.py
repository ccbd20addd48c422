"""Every text the bot shows: every language, same placeholders, French typography.

French puts a no-break space (U+00A0 or the narrow U+202F) before : ; ! ? » % €
and after «; a plain space there lets a phone wrap the line before the mark.
The catalogues themselves (keys, plural forms, compiled files) are checked in
tests/test_catalogues.py.
"""

from __future__ import annotations

import re
import string

import pytest

from bot.content.models import Content, Lang
from bot.content.typography import NBSP, NNBSP, french_typography
from bot.presentation.texts import money, money_range, percent, t, tn
from tests.support.texts import LANGUAGES, UI_TEXTS, shipped_texts

FRENCH_TYPOGRAPHY = [language.code for language in LANGUAGES if language.typography == "french"]

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


def test_every_shipped_language_has_its_texts() -> None:
    assert FRENCH_TYPOGRAPHY, "the shipped content declares French with its typography"
    codes = {language.code for language in LANGUAGES}
    assert all(set(text) == codes for key, text in UI_TEXTS.items() if "/" not in key)


@pytest.mark.parametrize("key", sorted(k for k in UI_TEXTS if "/" not in k))
def test_ui_text_has_the_same_placeholders_in_every_language(key: str) -> None:
    text = UI_TEXTS[key]
    default = LANGUAGES[0].code
    assert all(text[lang] for lang in text)
    assert {lang: placeholders(text[lang]) for lang in text} == {
        lang: placeholders(text[default]) for lang in text
    }


@pytest.mark.parametrize("key", sorted(UI_TEXTS))
def test_ui_text_french_typography(key: str) -> None:
    for lang in set(FRENCH_TYPOGRAPHY) & UI_TEXTS[key].keys():
        assert typography_errors(UI_TEXTS[key][lang]) == []
        assert "'" not in UI_TEXTS[key][lang], "French takes the apostrophe ’"


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("fr", 0, "0 résultat"),
        ("fr", 1, "1 résultat"),
        ("fr", 2, "2 résultats"),
        ("fr", 1_000_000, "1000000 de résultats"),
        ("en", 0, "0 results"),
        ("en", 1, "1 result"),
        ("en", 2, "2 results"),
    ],
)
def test_counted_words_follow_each_languages_plural_rule(
    lang: Lang, count: int, expected: str
) -> None:
    """The forms and the rule that picks one come from the catalogue (its Plural-Forms)."""
    assert tn("n_results", count, lang) == expected


def test_every_counted_text_has_a_count_in_each_form() -> None:
    counted = {key.split("/")[0] for key in UI_TEXTS if "/" in key}
    assert counted >= {"n_results", "n_questions", "n_minutes"}
    for key in counted:
        for lang in (language.code for language in LANGUAGES):
            variants = [
                text[lang]
                for name, text in UI_TEXTS.items()
                if name.startswith(f"{key}/") and lang in text
            ]
            assert all(placeholders(form) == {"count"} for form in variants), (key, lang)
            assert len(set(variants)) == len(variants), (key, lang)


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
        if (found := typography_errors(text("fr")))
    }
    assert errors == {}


def test_shipped_texts_are_all_checked(shipped_content: Content) -> None:
    """The walk above reaches every kind of text: questions, options, profile, salary."""
    where = [path for path, _ in shipped_texts(shipped_content)]
    assert len(where) > 100
    for part in ("options", "missions", "dimensions", "bands", "training", "salary", "section"):
        assert any(f".{part}." in w or w.endswith(f".{part}") for w in where), part
