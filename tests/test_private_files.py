"""Everything careerbot creates is private: the data folder 0700, the databases, their
write-ahead logs and shared memory, exports and backups 0600, whatever the umask."""

from __future__ import annotations

import os
import random
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.content.models import Content
from tests.support.fake_botapi import FakeBotAPI
from tests.support.harness import QuizPlayer, make_settings, random_choices, running_bot
from tests.support.paths import MINI_PROFILES, MINI_QUESTIONS


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """The usual umask, which would make new files readable by everyone (0644)."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


async def test_the_databases_and_their_wal_files_are_created_private(
    server: FakeBotAPI, tmp_path: Path, mini_content: Content
) -> None:
    data = tmp_path / "var" / "data"
    settings = make_settings(server, data, questions_dir=MINI_QUESTIONS, profiles_dir=MINI_PROFILES)
    user = server.add_user(1301, language_code="fr")
    async with running_bot(settings):
        await QuizPlayer(user, mini_content).take(
            random_choices(mini_content, random.Random(1301)), "fr"
        )
        await server.wait_until_idle()
        live = {path.name: mode(path) for path in data.iterdir()}
    assert {"state.db", "state.db-wal", "state.db-shm"} <= live.keys()
    assert live == dict.fromkeys(live, 0o600)
    assert mode(data) == 0o700
    with closing(sqlite3.connect(data / "scores.db")) as conn:  # WAL mode: opens -wal, -shm
        assert conn.execute("select count(*) from results").fetchone() == (1,)
        scores = {p.name: mode(p) for p in data.iterdir() if p.name.startswith("scores.db")}
    assert {"scores.db", "scores.db-wal", "scores.db-shm"} <= scores.keys()
    assert scores == dict.fromkeys(scores, 0o600)


def test_the_demo_and_an_export_are_private(tmp_path: Path) -> None:
    db = tmp_path / "new" / "scores.db"
    runner = CliRunner()
    demo = runner.invoke(main, ["logs", "demo", "--count", "5", "--db", str(db)])
    assert demo.exit_code == 0, demo.output
    assert mode(db) == 0o600
    assert mode(db.parent) == 0o700
    output = tmp_path / "scores.csv"
    export = runner.invoke(main, ["logs", "export", "--db", str(db), "--output", str(output)])
    assert export.exit_code == 0, export.output
    assert output.read_text(encoding="utf-8").count("\n") == 6
    assert mode(output) == 0o600


def test_an_existing_file_keeps_the_mode_its_owner_gave_it(tmp_path: Path) -> None:
    output = tmp_path / "shared.csv"
    output.write_text("old\n")
    output.chmod(0o640)
    db = tmp_path / "scores.db"
    assert (
        CliRunner().invoke(main, ["logs", "demo", "--count", "1", "--db", str(db)]).exit_code == 0
    )
    export = CliRunner().invoke(main, ["logs", "export", "--db", str(db), "-o", str(output)])
    assert export.exit_code == 0, export.output
    assert mode(output) == 0o640
    assert "old" not in output.read_text(encoding="utf-8")
