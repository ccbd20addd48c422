"""Every text the bot shows: both languages, same placeholders, French typography.

French puts a no-break space (U+00A0 or the narrow U+202F) before : ; ! ? » % €
and after «; a plain space there lets a phone wrap the line before the mark.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from pydantic import BaseModel

from bot.content.models import LANGS, Content, Lang, Text
from bot.presentation.texts import (
    NBSP,
    NNBSP,
    PLURALS,
    TEXTS,
    french_typography,
    money,
    money_range,
    percent,
    t,
)
from tests.support.paths import ROOT

#: Every text as shown, a counted text once per form ("n_results/one").
UI_TEXTS = {
    **TEXTS,
    **{
        f"{key}/{form}": {lang: forms[lang][index] for lang in LANGS}
        for key, forms in PLURALS.items()
        for index, form in enumerate(("one", "other"))
    },
}
#: The keys `t()` accepts.
KEYS = TEXTS.keys() | PLURALS.keys()
CATALOGUE = ROOT / "bot" / "presentation" / "texts.py"

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
    assert "'" not in UI_TEXTS[key]["fr"], "French takes the apostrophe ’"


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("fr", 0, "0 résultat"),
        ("fr", 1, "1 résultat"),
        ("fr", 2, "2 résultats"),
        ("en", 0, "0 results"),
        ("en", 1, "1 result"),
        ("en", 2, "2 results"),
    ],
)
def test_counted_words_agree_with_the_count(lang: Lang, count: int, expected: str) -> None:
    assert t("n_results", lang, count=count) == expected


def test_every_counted_text_has_a_count_and_two_forms() -> None:
    for key, forms in PLURALS.items():
        for lang in LANGS:
            one, other = forms[lang]
            assert placeholders(one) == placeholders(other) == {"count"}, key
            assert one != other, key


# --- Every key used exists, every key is used ------------------------------------------------


@dataclass
class KeyUses:
    """What the code does with the catalogue, read from its source without running it."""

    literals: set[str] = field(default_factory=set)
    """Every string literal: a key kept in a table (hints, the command menu) counts as used."""
    calls: list[tuple[str, str, bool]] = field(default_factory=list)
    """(where, key, with a count) for each `t("key", …)`."""
    patterns: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    """(where, pattern) for each `t(f"likert_{level}", …)`."""


def key_uses(sources: dict[str, str]) -> KeyUses:
    uses = KeyUses()
    for name, source in sources.items():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                uses.literals.add(node.value)
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id != "t" or not node.args:
                continue
            where, key = f"{name}:{node.lineno}", node.args[0]
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                counted = any(k.arg == "count" for k in node.keywords)
                uses.calls.append((where, key.value, counted))
            elif isinstance(key, ast.JoinedStr):
                parts = [
                    re.escape(str(part.value)) if isinstance(part, ast.Constant) else r"\w+"
                    for part in key.values
                ]
                uses.patterns.append((where, re.compile("".join(parts))))
    return uses


def key_problems(uses: KeyUses, texts: set[str], plurals: set[str]) -> list[str]:
    """Keys used but missing, counted texts without a count, keys nothing uses."""
    keys = texts | plurals
    problems = [f"{where}: no text {key!r}" for where, key, _ in uses.calls if key not in keys]
    problems += [
        f"{where}: {key!r} needs count="
        for where, key, counted in uses.calls
        if key in plurals and not counted
    ]
    problems += [
        f"{where}: no text matches {pattern.pattern}"
        for where, pattern in uses.patterns
        if not any(pattern.fullmatch(key) for key in keys)
    ]
    problems += [
        f"unused text {key!r}"
        for key in sorted(keys)
        if key not in uses.literals
        and not any(pattern.fullmatch(key) for _, pattern in uses.patterns)
    ]
    return problems


def test_the_key_check_finds_missing_unused_and_uncounted_keys() -> None:
    uses = key_uses(
        {
            "a.py": 't("hello", lang)\nt("typo", lang)\nt(f"likert_{n}", lang)',
            "b.py": 'HINTS = {"multiple": "hint"}\nt("n_things", lang)\nt(f"x_{n}", lang)',
        }
    )
    texts = {"hello", "hint", "likert_0", "likert_1", "forgotten"}
    assert key_problems(uses, texts, {"n_things"}) == [
        "a.py:2: no text 'typo'",
        "b.py:2: 'n_things' needs count=",
        "b.py:3: no text matches x_\\w+",
        "unused text 'forgotten'",
    ]


def test_every_key_used_exists_and_every_key_is_used() -> None:
    sources = {
        str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
        for path in sorted((ROOT / "bot").rglob("*.py"))
        if path != CATALOGUE
    }
    assert key_problems(key_uses(sources), set(TEXTS), set(PLURALS)) == []


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
