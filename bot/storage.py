"""The bot's SQLite files at start-up: a usable data directory and files that pass a check.

Stands alone (like `bot.settings`) so that both `bot.state` and `bot.scorelog`
use it. A problem is a `StorageError` whose message is one line, so that
`careerbot run` prints one line and a supervisor does not loop on tracebacks.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Literal

log = logging.getLogger(__name__)

OnCorrupt = Literal["move", "refuse"]

#: Sidecar files SQLite keeps next to a database in WAL mode.
_SIDECARS = ("-wal", "-shm", "-journal")


class StorageError(Exception):
    """The data directory or a database cannot be used; the message is one line."""


def ensure_data_dir(directory: Path) -> None:
    """Create `directory` if needed and prove it is writable, or raise `StorageError`."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(
            f"the data directory {directory} cannot be created: {error.strerror or error}"
        ) from None
    probe = directory / ".careerbot-write-test"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise StorageError(
            f"the data directory {directory} is not writable: {error.strerror or error}"
        ) from None


def problem(path: Path) -> str | None:
    """Why the database at `path` is unusable (`PRAGMA quick_check`), or None if it is fine."""
    if not path.exists():
        return None
    if path.stat().st_size == 0:
        return "the file is empty"
    try:
        with closing(sqlite3.connect(path, timeout=10)) as conn:
            rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        return str(error)
    if rows == [("ok",)]:
        return None
    return "; ".join(str(row[0]) for row in rows[:3])


def check_database(path: Path, on_corrupt: OnCorrupt) -> Path | None:
    """Check the database at `path` before the bot uses it.

    A corrupt file is renamed with a timestamp (with its WAL files) and the
    bot starts on a fresh one; with `on_corrupt="refuse"` a `StorageError` is
    raised instead. Returns where the corrupt file went, if it was moved.
    """
    ensure_data_dir(path.parent)
    reason = problem(path)
    if reason is None:
        return None
    if on_corrupt == "refuse":
        raise StorageError(
            f"{path} is corrupt ({reason}): move it away, or set "
            "CAREERBOT_ON_CORRUPT_DB=move to start on a fresh file"
        )
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    try:
        for suffix in ("", *_SIDECARS):
            source = path.with_name(path.name + suffix)
            if source.exists():
                source.rename(target.with_name(target.name + suffix))
    except OSError as error:
        raise StorageError(f"{path} is corrupt ({reason}) and cannot be moved: {error}") from None
    log.error("%s is corrupt (%s): moved to %s, starting on a fresh file", path, reason, target)
    return target
