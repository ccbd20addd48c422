"""`careerbot backup`: a consistent, private copy of both databases while the bot runs.

A plain file copy of a database in WAL mode can catch a half-written page or
miss what is still in the write-ahead log. SQLite's online backup copies a
consistent image, WAL included, without stopping the bot; the live file is
opened read-only and never changed. Each copy is one self-contained file
(journal mode DELETE, no `-wal` beside it), created 0600 in a folder created
0700: `state.db` is personal data.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from bot.private_files import create_private, private_dir

DATABASES = ("state.db", "scores.db")


class BackupError(Exception):
    """The backup could not be made; the message is one line."""


@dataclass(frozen=True)
class Copied:
    source: Path
    target: Path


def back_up(data_dir: Path, destination: Path) -> Iterator[Copied]:
    """Copy each database of `data_dir` into the folder `destination`, one at a time."""
    present = [data_dir / name for name in DATABASES if (data_dir / name).is_file()]
    if not present:
        raise BackupError(f"no database in {data_dir} (looked for {', '.join(DATABASES)}).")
    try:
        private_dir(destination)
    except OSError as error:
        raise BackupError(f"cannot create {destination}: {error.strerror or error}.") from None
    for source in present:
        target = destination / source.name
        try:
            copy_database(source, target)
        except (sqlite3.Error, OSError) as error:
            raise BackupError(f"cannot back up {source} to {target}: {error}.") from None
        yield Copied(source, target)


def copy_database(source: Path, target: Path) -> None:
    """SQLite's online backup of `source` (opened read-only) into `target`, made private."""
    create_private(target)
    with (
        closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as live,
        closing(sqlite3.connect(target)) as copy,
    ):
        live.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")
