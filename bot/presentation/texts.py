"""The bot's own texts: one gettext catalogue per language, read with the standard library.

Each language the content declares has `<locales>/<code>/LC_MESSAGES/careerbot.po`, the
file a translator opens in their usual tool, and the `.mo` compiled from it that the bot
reads with `gettext` (`make catalogues` extracts, updates and compiles them with Babel, a
development tool only). A message id is a key (`greeting`); its English text is in
`en/…/careerbot.po`. A counted text (`tn`) takes the form the catalogue's own plural rule
picks for the count. The packaged `locales` directory is the default;
`CAREERBOT_LOCALES_DIR` names another (a copy with one more language, say).

The catalogues are opened with the content's languages (`open_catalogues`) when the bot,
the terminal chat or a test starts; each language's typography rule, declared in the
content, applies to every text filled in, numbers and names included.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from bot.content.models import Category, Lang, Language
from bot.content.typography import typesetter

DOMAIN: Final = "careerbot"
PACKAGED_LOCALES: Final = Path(__file__).with_name("locales")


class CatalogueError(Exception):
    """A catalogue is missing or unreadable; the message names the file."""


def N_(key: str) -> str:
    """Mark a key the code reaches through a table, so that `make catalogues` extracts it."""
    return key


#: The labels of the five steps of the agreement scale, from "not at all" to "completely".
LIKERT_LABELS: Final = (
    N_("likert_0"),
    N_("likert_1"),
    N_("likert_2"),
    N_("likert_3"),
    N_("likert_4"),
)
#: The name of each category of the profile.
CATEGORY_LABELS: Final[dict[Category, str]] = {
    "qualities": N_("category_qualities"),
    "skills": N_("category_skills"),
    "background": N_("category_background"),
}


def catalogue_path(directory: Path, lang: Lang, suffix: str = ".mo") -> Path:
    return directory / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


class _NoText(gettext.NullTranslations):
    """Makes a key missing from a catalogue an error, not the key shown to a person."""

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang = lang

    def gettext(self, message: str) -> str:
        raise KeyError(f"no text {message!r} in the {self.lang} catalogue")

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        raise KeyError(f"no counted text {msgid1!r} in the {self.lang} catalogue")


@dataclass(frozen=True)
class _Catalogue:
    messages: gettext.GNUTranslations
    typeset: Callable[[str], str]


_opened: dict[Lang, _Catalogue] = {}


def open_catalogues(directory: Path | None, languages: Sequence[Language]) -> None:
    """Read the compiled catalogue of each language (from `directory`, else the packaged
    ones), in place of those open; `CatalogueError` if one is missing or unreadable."""
    directory = PACKAGED_LOCALES if directory is None else directory
    opened: dict[Lang, _Catalogue] = {}
    for language in languages:
        path = catalogue_path(directory, language.code)
        try:
            with path.open("rb") as file:
                messages = gettext.GNUTranslations(file)
        except (OSError, ValueError) as error:
            raise CatalogueError(
                f"{path}: cannot read the {language.code} catalogue ({_reason(error)}); "
                "`make catalogues` compiles each .po into its .mo"
            ) from None
        messages.add_fallback(_NoText(language.code))
        opened[language.code] = _Catalogue(messages, typesetter(language.typography))
    _opened.clear()
    _opened.update(opened)


def _reason(error: Exception) -> str:
    return error.strerror if isinstance(error, OSError) and error.strerror else str(error)


def _catalogue(lang: Lang) -> _Catalogue:
    try:
        return _opened[lang]
    except KeyError:
        raise CatalogueError(f"no catalogue opened for {lang!r}: see open_catalogues") from None


def t(key: str, lang: Lang, **values: object) -> str:
    """The text `key` in `lang`, with its placeholders filled in."""
    catalogue = _catalogue(lang)
    text = catalogue.messages.gettext(key)
    return catalogue.typeset(text.format(**values) if values else text)


def tn(key: str, count: int, lang: Lang, **values: object) -> str:
    """The counted text `key` in the form that agrees with `count` in `lang`."""
    catalogue = _catalogue(lang)
    text = catalogue.messages.ngettext(key, key, count)
    return catalogue.typeset(text.format(count=count, **values))


def language_name(lang: Lang) -> str:
    """The language's name in itself (« Français », "English"), from its own catalogue."""
    return t("language_name", lang)


def grouped(number: int, lang: Lang) -> str:
    """An integer with the language's separator between groups of thousands."""
    return f"{number:,}".replace(",", t("thousands_separator", lang))


def percent(value: float, lang: Lang) -> str:
    return t("format_percent", lang, number=round(value))


def money(amount: int, lang: Lang) -> str:
    return t("format_money", lang, amount=grouped(amount, lang))


def money_range(low: int, high: int, lang: Lang) -> str:
    """ "44 000 à 48 000 €" or "€44,000 to €48,000"."""
    return t("format_money_range", lang, low=grouped(low, lang), high=grouped(high, lang))
