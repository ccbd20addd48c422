"""A language added from files only: a copy of the content and the catalogues with one more.

The new language's texts are the English ones behind a visible prefix (`[eo] Fit: …`), so
a test can tell every text it shows came from the new language's files.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from babel.messages.catalog import Catalog

from bot.presentation.texts import PACKAGED_LOCALES, catalogue_path
from tests.support.catalogues import compiled, forms, key_of, messages, read_catalogue

#: Catalogue texts that format numbers: a prefix there would land inside every amount.
UNPREFIXED = frozenset(
    {"thousands_separator", "format_percent", "format_money", "format_money_range"}
)


def prefixed(lang: str) -> str:
    return f"[{lang}] "


def add_texts(node: Any, lang: str, base: str, known: frozenset[str]) -> Any:
    """Every text of a content file (a mapping of exactly the `known` languages) with a `lang`
    text added: the `base` one, prefixed."""
    if isinstance(node, dict):
        if node and set(node) == known and all(isinstance(v, str) for v in node.values()):
            return {**node, lang: prefixed(lang) + node[base]}
        return {key: add_texts(value, lang, base, known) for key, value in node.items()}
    if isinstance(node, list):
        return [add_texts(item, lang, base, known) for item in node]
    return node


def copy_content(
    questions: Path, profiles: Path, target: Path, lang: str, *, base: str = "en"
) -> tuple[Path, Path]:
    """Copy the question and profile files into `target`, each text also in `lang`, and the
    profile declaring `lang` after its own languages; the copies' two folders."""
    (profile,) = profiles.glob("*.yaml")
    declared = yaml.safe_load(profile.read_text(encoding="utf-8"))["languages"]
    known = frozenset(language["code"] for language in declared)
    copies = []
    for source in (questions, profiles):
        copy = target / source.name
        copy.mkdir(parents=True)
        for path in sorted(source.glob("*.yaml")):
            data = add_texts(yaml.safe_load(path.read_text(encoding="utf-8")), lang, base, known)
            if "languages" in data:
                data["languages"] = [*data["languages"], {"code": lang}]
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
            (copy / path.name).write_text(text, encoding="utf-8")
        copies.append(copy)
    return copies[0], copies[1]


def copy_catalogues(target: Path, lang: str, *, base: str = "en") -> None:
    """The packaged catalogues in `target`, with a compiled `lang` one made from `base`'s texts:
    each prefixed, each counted text with the forms `lang`'s own plural rule asks for."""
    shutil.copytree(PACKAGED_LOCALES, target, ignore=shutil.ignore_patterns("*.po~"))
    source = read_catalogue(base)
    catalogue = Catalog(locale=lang, domain="careerbot")
    for message in messages(source):
        key = key_of(message)
        prefix = "" if key in UNPREFIXED else prefixed(lang)
        texts = [prefix + text for text in forms(message)]
        if message.pluralizable:
            texts = (texts + texts[-1:] * catalogue.num_plurals)[: catalogue.num_plurals]
            catalogue.add((key, key), tuple(texts))
        else:
            catalogue.add(key, texts[0])
    path = catalogue_path(target, lang)
    path.parent.mkdir(parents=True)
    path.write_bytes(compiled(catalogue))
