"""Import a library without a module it would pull in for a feature the bot does not use.

- sqlite-utils and fpdf2 import numpy when it is installed (matplotlib brings
  it) only to map numpy's types; numpy with its OpenBLAS would then stay in
  the bot's memory (16 MiB).
- httpx imports its own command line (`httpx._main`: click, rich and pygments,
  1.4 MiB) when they are installed, as they are beside careerbot's CLI.

Inside `hidden`, importing the module raises ImportError, which each library
handles. A process that imported the module, or the library, before keeps what
it has. docs/benchmarks.md has the figures.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def hidden(module: str, *, while_importing: str) -> Iterator[None]:
    """Hide `module` while `while_importing` is imported for the first time."""
    hide = module not in sys.modules and while_importing not in sys.modules
    if hide:
        sys.modules[module] = None  # type: ignore[assignment]  # `import module` raises ImportError
    try:
        yield
    finally:
        if hide:
            del sys.modules[module]
