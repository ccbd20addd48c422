"""French typography, applied once to every French text (content files and the catalogue).

One convention: a no-break space (U+00A0) before « : » and « € », a narrow
no-break space (U+202F) before « ; ! ? % » and inside « guillemets », and
between groups of thousands. Texts may be written with ordinary spaces (an
admin's editor has no key for the others); any space already there is
replaced, so every French text ends up with the same characters.
"""

from __future__ import annotations

import re
from typing import Final

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
