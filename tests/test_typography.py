"""French typography and style in everything the bot can show, and English just as careful.

French: the typographic apostrophe ’, one convention for no-break spaces (U+00A0
before « : » and « € », the narrow U+202F before « ; ! ? % » and inside
« guillemets »), the job title in lower case inside a sentence, never two colons
on one line, "bruts" (euros are plural) and "Master" with a capital.
English: the straight apostrophe, no space before punctuation, "Master's".

Checked on the text catalogue, on every text of the content files, and on the
messages as composed (results for many answer sets, the greeting, /about).
"""

from __future__ import annotations

import random
import re

import pytest

from bot.content.models import Content, Lang
from bot.content.typography import NBSP, NNBSP
from bot.engine.result import evaluate
from bot.presentation import screens
from bot.presentation.result_full import render_result
from bot.presentation.result_text import to_plain
from bot.presentation.texts import t
from tests.support.harness import random_choices
from tests.support.languages import LANGS
from tests.support.texts import UI_TEXTS, shipped_texts

_FRENCH_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("straight apostrophe", re.compile(r"\w'\w")),
    ("space before : or € must be U+00A0", re.compile(rf"[ {NNBSP}][:€]")),
    ("space before ; ! ? % » must be U+202F", re.compile(rf"[ {NBSP}][;!?%»]")),
    ("space after « must be U+202F", re.compile(rf"«[ {NBSP}]")),
    ("no space inside « »", re.compile(rf"«(?!{NNBSP})|(?<!{NNBSP})»")),
    ("job title capitalised mid-sentence", re.compile(r"(?<=[^\s.!?>•\n])\s+Responsable e-")),
    ("“brut” with euros: bruts", re.compile(r"\bbrut\b")),
    ("Master with a capital", re.compile(r"\bmasters?\b")),
]
_ENGLISH_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("typographic apostrophe in English", re.compile(r"\w’\w")),
    ("space before punctuation", re.compile(rf"\w[ {NBSP}{NNBSP}][:;!?]")),
    ("no-break space in English", re.compile(rf"[{NBSP}{NNBSP}]")),
    ("Master's with a capital", re.compile(r"\bmaster's\b")),
    ("job title capitalised mid-sentence", re.compile(r"(?<=[^\s.!?>•\n])\s+E-commerce manager")),
]


def style_errors(text: str, lang: Lang) -> list[str]:
    """Each broken rule with the place it is broken, e.g. "straight apostrophe: d'une"."""
    rules = _FRENCH_RULES if lang == "fr" else _ENGLISH_RULES
    errors = [
        f"{name}: {text[max(0, m.start() - 12) : m.end() + 12]!r}"
        for name, pattern in rules
        for m in pattern.finditer(text)
    ]
    for line in text.splitlines():
        if len(re.findall(r":(?!//)", line)) > 1:
            errors.append(f"two colons on one line: {line!r}")
    return errors


# --- The checker ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wrong", "lang"),
    [
        ("Ce bouton date d'une autre question", "fr"),
        (f"Note{NNBSP}: 3", "fr"),
        (f"Prêt{NBSP}?", "fr"),
        ("le métier de Responsable e-commerce", "fr"),
        (f"Culture du Web{NBSP}: Rendre l’offre visible{NBSP}: choix", "fr"),
        ("Environ 50 000 € brut par an", "fr"),
        ("un master en marketing", "fr"),
        ("the job’s range", "en"),
        ("Fit : 62%", "en"),
        ("a master's degree", "en"),
        ("the job of E-commerce manager", "en"),
    ],
)
def test_the_checker_catches(wrong: str, lang: Lang) -> None:
    assert style_errors(wrong, lang)


@pytest.mark.parametrize(
    ("right", "lang"),
    [
        (f"Responsable e-commerce{NBSP}: un métier d’avenir{NNBSP}!", "fr"),
        (f"Votre résultat{NBSP}: responsable e-commerce", "fr"),
        (f"40{NNBSP}000 à 60{NNBSP}000{NBSP}€ bruts par an, un Master", "fr"),
        ("E-commerce manager: the job's range, a Master's degree", "en"),
        ("see https://example.org for more: it is free", "en"),
    ],
)
def test_the_checker_accepts(right: str, lang: Lang) -> None:
    assert style_errors(right, lang) == []


# --- Where the texts come from ----------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(UI_TEXTS))
def test_catalogue(key: str) -> None:
    for lang, text in UI_TEXTS[key].items():
        assert style_errors(text, lang) == [], (key, lang)


def test_content_files(shipped_content: Content) -> None:
    errors = {
        (where, lang): found
        for where, text in shipped_texts(shipped_content)
        for lang in LANGS
        if (found := style_errors(text(lang), lang))
    }
    assert errors == {}


def test_the_job_title_is_written_for_mid_sentence(shipped_content: Content) -> None:
    title = shipped_content.profile.title
    assert title("fr") == "responsable e-commerce" and title("en") == "e-commerce manager"


@pytest.mark.parametrize("lang", LANGS)
def test_composed_messages(shipped_content: Content, lang: Lang) -> None:
    rng = random.Random(7)
    messages = [
        screens.welcome(shipped_content, lang, "Camille").text,
        *(
            render_result(shipped_content, evaluate(shipped_content, answers), lang)
            for answers in [{}, *(random_choices(shipped_content, rng) for _ in range(25))]
        ),
    ]
    for message in messages:
        assert style_errors(to_plain(message), lang) == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_multiple_choice_question_leaves_the_how_to_the_hint(
    shipped_content: Content, lang: Lang
) -> None:
    """The screen says how to answer a multiple choice (`hint_multiple`, `chat_hint_multiple`):
    the question's own text does not say it again."""
    repeated = re.compile(r"plusieurs (choix|réponses)|all that apply|several answers", re.I)
    for question in shipped_content.questions:
        if question.kind == "multiple":
            assert not repeated.search(question.text(lang)), question.id
    assert repeated.search(t("hint_multiple", lang)) and repeated.search(
        t("chat_hint_multiple", lang)
    )
