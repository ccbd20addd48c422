"""Reading the bot's catalogues as a translator's tool does (Babel), for the tests."""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.presentation.texts import PACKAGED_LOCALES, catalogue_path
from tests.support.paths import ROOT

#: The keywords `make catalogues` extracts with (`-k t -k tn:1,1 -k N_`).
KEYWORDS: dict[str, tuple[int, ...] | None] = {"t": None, "tn": (1, 1), "N_": None}
MAKEFILE_KEYWORDS = "-k t -k tn:1,1 -k N_"


def read_catalogue(lang: str, directory: Path = PACKAGED_LOCALES) -> Catalog:
    with catalogue_path(directory, lang, ".po").open("rb") as file:
        return read_po(file)


def compiled(catalogue: Catalog) -> bytes:
    """The .mo `pybabel compile` writes for this catalogue."""
    out = BytesIO()
    write_mo(out, catalogue)
    return out.getvalue()


def key_of(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def messages(catalogue: Catalog) -> Iterator[Message]:
    """Every message but the header."""
    return (message for message in catalogue if message.id)


def forms(message: Message) -> tuple[str, ...]:
    """The translation, or each plural form of it."""
    if isinstance(message.string, str):
        return (message.string,)
    return tuple(message.string or ())


def extracted_keys() -> dict[str, bool]:
    """Every key the code uses, as `make catalogues` extracts it → whether it is counted."""
    found: dict[str, bool] = {}
    for _, _, message, _, _ in extract_from_dir(
        ROOT / "bot", method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        key = message if isinstance(message, str) else message[0]
        found[key] = found.get(key, False) or not isinstance(message, str)
    return found
