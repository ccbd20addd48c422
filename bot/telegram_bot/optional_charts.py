"""Charts and the PDF are optional extras (`careerbot[charts]`, `[pdf]`): without them,
say so once.

Each result and `/stats` would otherwise log the same `ModuleNotFoundError`
traceback; the text stands on its own, so one line for the process's life says
what is missing and how to add it.
"""

from __future__ import annotations

import functools
import logging

log = logging.getLogger(__name__)


def charts_unavailable(error: ImportError) -> None:
    """Note that a chart or a PDF was skipped because a module is missing (logged once per
    module)."""
    module = (error.name or str(error)).partition(".")[0]  # the package to install, not a submodule
    if module == "fpdf":
        _say_pdf_once(module)
    else:
        _say_once(module)


@functools.cache
def _say_pdf_once(module: str) -> None:
    log.warning(
        "The PDF is off: %s is not installed (pip install 'careerbot[pdf]'); "
        "the PDF button sends nothing.",
        module,
    )


@functools.cache
def _say_once(module: str) -> None:
    log.warning(
        "Charts are off: %s is not installed (pip install 'careerbot[charts]'); "
        "results and /stats are sent as text only.",
        module,
    )
