"""Typography rules a language can declare (`typography: french` in the profile's `languages`).

The content and the catalogues of a language declaring a rule go through it: content texts
once when loaded, catalogue texts each time they are filled in (so numbers and names
inserted into them follow it too).

`french`: a no-break space (U+00A0) before « : » and « € », a narrow no-break
space (U+202F) before « ; ! ? % » and inside « guillemets », and between groups
of thousands. Texts may be written with ordinary spaces (an
admin's editor has no key for the others); any space already there is
replaced, so every French text ends up with the same characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final, Literal

NBSP: Final = "\u00a0"
NNBSP: Final = "\u202f"

_SPACE = f"[ {NBSP}{NNBSP}]"
_BEFORE_NBSP = re.compile(rf"{_SPACE}([:€])")
_BEFORE_NNBSP = re.compile(rf"{_SPACE}([;!?%»])")
_AFTER_GUILLEMET = re.compile(rf"«{_SPACE}")
_THOUSANDS = re.compile(rf"(\d){_SPACE}(\d{{3}})\b")


def french_typography(text: str) -> str:
    """Use the no-break spaces French typography requires, the same way everywhere."""
    text = _BEFORE_NNBSP.sub(NNBSP + r"\1", text)
    text = _BEFORE_NBSP.sub(NBSP + r"\1", text)
    text = _THOUSANDS.sub(r"\1" + NNBSP + r"\2", text)
    return _AFTER_GUILLEMET.sub("«" + NNBSP, text)


TypographyRule = Literal["french"]
"""The rules a language may declare; a language that declares none is left as written."""
_RULES: Final[dict[TypographyRule, Callable[[str], str]]] = {"french": french_typography}


def as_written(text: str) -> str:
    return text


def typesetter(rule: TypographyRule | None) -> Callable[[str], str]:
    """The function applying `rule` to a text (none: the text as written)."""
    return as_written if rule is None else _RULES[rule]
