"""Import a library without the numpy it would pull in.

sqlite-utils and fpdf2 import numpy when it is installed (matplotlib brings it),
only for features the bot does not use; numpy with its OpenBLAS would then stay
in the bot's memory (docs/benchmarks.md). Inside `numpy_hidden`, `import numpy`
raises ImportError, which both libraries handle. A process that imported numpy,
or the library, before keeps what it has.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def numpy_hidden(library: str) -> Iterator[None]:
    """Hide numpy while `library` is imported for the first time."""
    hide = "numpy" not in sys.modules and library not in sys.modules
    if hide:
        sys.modules["numpy"] = None  # type: ignore[assignment]  # `import numpy` raises ImportError
    try:
        yield
    finally:
        if hide:
            del sys.modules["numpy"]
