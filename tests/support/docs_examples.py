"""The command examples of README.md and docs/score-logs.md, printed by the commands themselves.

Each example is a console block right after a `<!-- example: NAME -->` line.
`python -m tests.support.docs_examples` runs every command again and rewrites
those blocks; tests/test_docs_examples.py checks that the docs still hold what the
commands print (after a change to the questions, the engine or a command's output,
run this module and commit the docs).

The `logs` commands run on `careerbot logs demo` (300 results, seed 1), in a
scratch folder with the shipped question files. Two things are fixed so that the
same code prints the same text: the clock (today is `TODAY`) and the random ids
the score log gives its results.
"""

from __future__ import annotations

import random
import re
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, chdir, contextmanager
from datetime import UTC, date, datetime
from unittest import mock

from click.testing import CliRunner

from bot.cli import main as careerbot
from tests.support.paths import ROOT, SHIPPED_PROFILES, SHIPPED_QUESTIONS

TODAY = date(2026, 6, 30)
DOCS = (ROOT / "README.md", ROOT / "docs" / "score-logs.md")
MARKER = re.compile(r"<!-- example: ([a-z-]+) -->\n```console\n(.*?)```\n", re.S)
CAREERBOT = ".venv/bin/careerbot"


class _FixedDate(date):
    @classmethod
    def today(cls) -> _FixedDate:
        return cls(TODAY.year, TODAY.month, TODAY.day)


@contextmanager
def _scratch() -> Iterator[CliRunner]:
    """A working folder where `careerbot` sees the shipped questions and `data/`, today
    being `TODAY`, with result ids drawn from a seeded generator."""
    ids = random.Random(1)
    runner = CliRunner(
        env={
            "CAREERBOT_QUESTIONS_DIR": str(SHIPPED_QUESTIONS),
            "CAREERBOT_PROFILES_DIR": str(SHIPPED_PROFILES),
            "CAREERBOT_DATA_DIR": None,
            "COLUMNS": None,
        }
    )
    noon = datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=UTC)
    with ExitStack() as stack:
        folder = stack.enter_context(tempfile.TemporaryDirectory())
        stack.enter_context(chdir(folder))
        stack.enter_context(mock.patch("bot.cli.logs.now_utc", return_value=noon))
        stack.enter_context(mock.patch("bot.cli.logs.date", _FixedDate))
        stack.enter_context(
            mock.patch("bot.scorelog.store.uuid.uuid4", lambda: uuid.UUID(int=ids.getrandbits(128)))
        )
        yield runner


def _run(runner: CliRunner, command: str, shown: str | None = None) -> list[str]:
    """`$ command` (or `$ shown`) and what it prints: standard output and error, as in a
    terminal."""
    args = command.removeprefix(f"{CAREERBOT} ").split()
    result = runner.invoke(careerbot, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    printed = [line.rstrip() for line in result.output.rstrip("\n").splitlines()]
    return [f"$ {shown or command}", *printed]


def _table_end(lines: list[str], title: str) -> int:
    """The index just past the table whose title line holds `title`."""
    start = next(i for i, line in enumerate(lines) if line.strip() == title)
    return next(i for i in range(start, len(lines)) if lines[i].startswith("└")) + 1


def _summary(runner: CliRunner) -> list[str]:
    """Up to the fit distribution: the README goes on in words."""
    lines = _run(runner, f"{CAREERBOT} logs summary --since 2026-02-01")
    return lines[: _table_end(lines, "Fit distribution")]


def _items(runner: CliRunner) -> list[str]:
    """The first question of each category, then the categories."""
    lines = _run(runner, f"{CAREERBOT} logs items --since 2026-03-01")
    header = next(i for i, line in enumerate(lines) if line.startswith("┡")) + 1
    end = _table_end(lines, lines[1].strip())
    kept, category = [], None
    for row in lines[header : end - 1]:
        if (cells := row.split("│"))[2] != category:
            kept.append(row)
            category = cells[2]
    return [*lines[:header], *kept, *lines[end - 1 :]]


def _export(runner: CliRunner) -> list[str]:
    """The header and the first result, cut after the first quality."""
    command, header, first, *_ = _run(runner, f"{CAREERBOT} logs export --until 2026-01-10")
    cut = header.split(",").index(next(c for c in header.split(",") if c.startswith("dim_")))
    return [command, *(",".join(line.split(",")[: cut + 1]) + ",…" for line in (header, first))]


def examples() -> dict[str, str]:
    """Each example's name → its block, as the commands print it today."""
    steps: list[tuple[str, Callable[[CliRunner], list[str]]]] = [
        ("validate", lambda r: _run(r, "validate", f"make validate   # or: {CAREERBOT} validate")),
        ("logs-demo", lambda r: _run(r, f"{CAREERBOT} logs demo")),
        ("logs-summary", _summary),
        ("logs-items", _items),
        ("logs-export", _export),
        ("logs-purge", lambda r: _run(r, f"{CAREERBOT} logs purge --older-than 150 --yes")),
    ]
    with _scratch() as runner:
        return {name: "\n".join(step(runner)) + "\n" for name, step in steps}


def documented() -> dict[str, str]:
    """Each example's name → its block, as the docs hold it."""
    found = {}
    for doc in DOCS:
        for match in MARKER.finditer(doc.read_text(encoding="utf-8")):
            found[match.group(1)] = match.group(2)
    return found


def main() -> None:
    fresh = examples()
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        updated = MARKER.sub(
            lambda m: f"<!-- example: {m.group(1)} -->\n```console\n{fresh[m.group(1)]}```\n", text
        )
        doc.write_text(updated, encoding="utf-8")


if __name__ == "__main__":
    main()
