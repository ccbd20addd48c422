"""The README's backup and restore commands, run as written on a copy of a live data
directory: what they print is what the README shows, and the copies are whole and private."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, closing, contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from tests.support.paths import ROOT
from tests.support.scorelog import fill, scorelog_content

README = (ROOT / "README.md").read_text(encoding="utf-8")


def console_block(first_command: str) -> list[str]:
    """The lines of the README's console block that starts with `$ {first_command}`."""
    start = README.index(f"```console\n$ {first_command}")
    end = README.index("```", start + 3)
    return README[start:end].splitlines()[1:]


def run(lines: list[str], cwd: Path) -> list[str]:
    """Each `$ ` command of `lines`, as a shell would (umask 022), with `.venv/bin/careerbot`
    being this checkout's; what they print, line by line."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAREERBOT_")}
    env["PYTHONPATH"] = str(ROOT)
    printed: list[str] = []
    for line in lines:
        if line.startswith("$ "):
            command = line[2:].replace(".venv/bin/careerbot", f"{sys.executable} -m bot")
            done = subprocess.run(
                f"umask 022 && {command}",
                shell=True,
                cwd=cwd,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert done.returncode == 0, done.stderr
            printed += done.stdout.splitlines()
    return printed


@contextmanager
def live(path: Path, note: str) -> Iterator[sqlite3.Connection]:
    """A connection holding a last write in the write-ahead log, as a running bot does."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("create table if not exists canary (note text)")
        conn.execute("insert into canary values (?)", (note,))
        assert path.with_name(path.name + "-wal").stat().st_size > 0
        yield conn


def notes(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [row[0] for row in conn.execute("select note from canary")]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """Where the bot runs: `data/` with both databases, as the bot leaves them."""
    data = tmp_path / "data"
    data.mkdir()
    fill(data / "scores.db", scorelog_content())
    with closing(sqlite3.connect(data / "state.db")) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("create table sessions (user_id integer primary key, data text)")
        conn.execute("insert into sessions values (1, 'question 6 of 30')")
        conn.commit()
    return tmp_path


def test_the_readme_backup_copies_both_live_databases_privately(site: Path) -> None:
    block = console_block(".venv/bin/careerbot backup")
    with ExitStack() as running:
        for name in ("state.db", "scores.db"):
            running.enter_context(live(site / "data" / name, "in the WAL"))
        printed = run(block, site)
    assert printed == [line for line in block if not line.startswith("$ ")]
    [folder] = {line.split(" to ")[1].rsplit("/", 1)[0] for line in printed}
    backups = site / folder
    assert mode(site / "backups") == mode(backups) == 0o700
    assert sorted(p.name for p in backups.iterdir()) == ["scores.db", "state.db"]
    for copy in backups.iterdir():
        assert mode(copy) == 0o600
        assert notes(copy) == ["in the WAL"], "the write still in the WAL is in the copy"
        with closing(sqlite3.connect(copy)) as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with closing(sqlite3.connect(backups / "scores.db")) as conn:
        assert conn.execute("select count(*) from results").fetchone() == (12,)
    with closing(sqlite3.connect(backups / "state.db")) as conn:
        assert conn.execute("select data from sessions").fetchall() == [("question 6 of 30",)]


def test_the_readme_restore_brings_the_backup_back(site: Path) -> None:
    state = site / "data" / "state.db"
    wal = state.with_name("state.db-wal")
    with live(state, "backed up"):
        run(console_block(".venv/bin/careerbot backup"), site)
    # The bot goes on, then is killed: a write-ahead log is left beside the file.
    with live(state, "after the backup"):
        left_behind = wal.read_bytes()
    wal.write_bytes(left_behind)

    run(console_block("rm -f data/state.db-wal"), site)

    assert not wal.exists()
    assert notes(state) == ["backed up"]
    with closing(sqlite3.connect(state)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("select data from sessions").fetchall() == [("question 6 of 30",)]


def test_a_backup_without_databases_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["backup", str(tmp_path / "b")], env={"CAREERBOT_DATA_DIR": str(tmp_path / "none")}
    )
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Error: no database in {tmp_path / 'none'} (looked for state.db, scores.db)."
    ]
    assert not (tmp_path / "b").exists()


def test_the_readme_names_this_command_for_every_deployment() -> None:
    lines = console_block("docker exec careerbot careerbot backup")
    assert re.search(r"^\$ docker exec careerbot careerbot backup /data/", lines[0])
    assert any("CAREERBOT_DATA_DIR=/var/lib/careerbot" in line for line in lines)
    assert "sqlite3 data/" not in README, "the image has no sqlite3 program"
