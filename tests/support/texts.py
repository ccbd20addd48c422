"""Every text the bot shows, gathered for the tests: the shipped languages, their
catalogues' texts as the bot shows them, and every text of the shipped content."""

from __future__ import annotations

from collections.abc import Iterator

import yaml
from pydantic import BaseModel

from bot.content.models import Content, Lang, Language, Text
from bot.content.typography import typesetter
from tests.support.catalogues import forms, key_of, messages, read_catalogue
from tests.support.paths import SHIPPED_PROFILES


def shipped_languages() -> list[Language]:
    """The languages the shipped profile declares, read without loading the whole content."""
    (path,) = SHIPPED_PROFILES.glob("*.yaml")
    declared = yaml.safe_load(path.read_text(encoding="utf-8"))["languages"]
    return [Language.model_validate(language) for language in declared]


def ui_texts(languages: list[Language]) -> dict[str, dict[Lang, str]]:
    """Every text as the bot shows it (its language's typography applied), a counted text
    once per plural form ("n_results/0")."""
    texts: dict[str, dict[Lang, str]] = {}
    for language in languages:
        typeset = typesetter(language.typography)
        for message in messages(read_catalogue(language.code)):
            variants = forms(message)
            for index, form in enumerate(variants):
                name = key_of(message) if len(variants) == 1 else f"{key_of(message)}/{index}"
                texts.setdefault(name, {})[language.code] = typeset(form)
    return texts


#: The shipped profile's languages, the default first.
LANGUAGES = shipped_languages()
#: Every text of the catalogues by key, then by language.
UI_TEXTS = ui_texts(LANGUAGES)


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
    """Every `Text` of the profile and the question files, with where it is."""
    yield from content_texts(content.profile, content.profile.id)
    for name, qfile in content.files:
        yield from content_texts(qfile, name)
