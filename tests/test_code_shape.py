"""The code stays in small pieces: no function over 60 lines, no module of logic over 300.

The bot (`bot/`) and its benchmarks (`bench/`) alike.
"""

from __future__ import annotations

import ast

import pytest

from tests.support.paths import ROOT

MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 300

#: Modules of data rather than logic: the text catalogue and the YAML format's models.
DATA_MODULES = {"bot/presentation/texts.py", "bot/content/models.py"}

MODULES = sorted(path for package in ("bot", "bench") for path in (ROOT / package).rglob("*.py"))
LOGIC = [path for path in MODULES if str(path.relative_to(ROOT)) not in DATA_MODULES]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_functions_are_short(path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [
        f"{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long


@pytest.mark.parametrize("path", LOGIC, ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_of_logic_are_small(path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES
