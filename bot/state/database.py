"""The SQLite helpers both stores use: the project's storage errors, the start-up check.

A store catches `sqlite3` errors and raises a `StorageError` (see `storage_errors`),
so nothing above the stores imports `sqlite3`. Two kinds:

- `StorageUnavailable`: a full, read-only or failing disk, a lock that does not
  clear. The files are fine: try again later, nothing is moved.
- `StorageCorrupt`: the file failed its integrity check. The only case that moves a
  file aside (`check_database`, with `CAREERBOT_ON_CORRUPT_DB=move`).

Every message is one line, so that `careerbot run` prints one line and a
supervisor does not loop on tracebacks.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Literal

from bot.private_files import private_dir

log = logging.getLogger(__name__)

OnCorrupt = Literal["move", "refuse"]

#: Sidecar files SQLite keeps next to a database in WAL mode.
_SIDECARS = ("-wal", "-shm", "-journal")

#: SQLite's primary result codes that mean the file itself is damaged.
_CORRUPT_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})

#: What to do about an unusable database, by SQLite primary result code.
_SQLITE_ADVICE = {
    sqlite3.SQLITE_FULL: "the disk is full: free some space",
    sqlite3.SQLITE_READONLY: "it is read-only: make the file and its folder writable",
    sqlite3.SQLITE_IOERR: "the disk is full or failing: free some space, or check the disk",
    sqlite3.SQLITE_BUSY: "another process holds it locked: stop that process",
    sqlite3.SQLITE_LOCKED: "another process holds it locked: stop that process",
    sqlite3.SQLITE_CANTOPEN: "it cannot be opened: check the folder and its permissions",
    sqlite3.SQLITE_PERM: "access is denied: check the permissions",
}

#: The same advice for an operating-system error, by errno.
_OS_ADVICE = {
    errno.ENOSPC: _SQLITE_ADVICE[sqlite3.SQLITE_FULL],
    errno.EDQUOT: "the disk quota is used up: free some space",
    errno.EROFS: "the file system is read-only: mount it writable",
    errno.EIO: _SQLITE_ADVICE[sqlite3.SQLITE_IOERR],
    errno.EACCES: _SQLITE_ADVICE[sqlite3.SQLITE_PERM],
    errno.EPERM: _SQLITE_ADVICE[sqlite3.SQLITE_PERM],
}


class StorageError(Exception):
    """The data directory or a database cannot be used; the message is one line."""


class StorageUnavailable(StorageError):
    """The files are fine but cannot be used now: full, read-only or failing disk, a lock."""


class StorageCorrupt(StorageError):
    """A database failed its integrity check."""


def _primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def storage_error(error: sqlite3.Error | OSError, path: Path) -> StorageError:
    """The project's error for `error` met while using `path`, saying what to do about it."""
    if isinstance(error, OSError):
        advice = _OS_ADVICE.get(error.errno or 0, "it cannot be used")
        return StorageUnavailable(f"{path} cannot be used ({error.strerror or error}): {advice}")
    code = _primary_code(error)
    if code in _CORRUPT_CODES:
        return StorageCorrupt(f"{path} is corrupt ({error})")
    advice = _SQLITE_ADVICE.get(code or 0, "it cannot be used")
    return StorageUnavailable(f"{path} cannot be used ({error}): {advice}")


@contextmanager
def storage_errors(path: Path) -> Iterator[None]:
    """Raise the `sqlite3` and OS errors of the block as the project's `StorageError`s."""
    try:
        yield
    except (sqlite3.Error, OSError) as error:
        raise storage_error(error, path) from error


def prove_writable(conn: sqlite3.Connection) -> None:
    """Start a write and roll it back: a read-only file or a lock that does not clear shows
    at start-up rather than at the first answer. Nothing reaches the file."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("CREATE TABLE _careerbot_write_probe (x)")
    finally:
        conn.execute("ROLLBACK")


def ensure_data_dir(directory: Path) -> None:
    """Create `directory` if needed and prove it is writable, or raise `StorageUnavailable`."""
    try:
        private_dir(directory)
    except OSError as error:
        raise StorageUnavailable(
            f"the data directory {directory} cannot be created: {error.strerror or error}"
        ) from None
    probe = directory / ".careerbot-write-test"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise StorageUnavailable(
            f"the data directory {directory} is not writable: {error.strerror or error}"
        ) from None


def problem(path: Path) -> str | None:
    """Why the database at `path` is corrupt (`PRAGMA quick_check`), or None if it is fine.

    Raises `StorageUnavailable` when the check cannot run (a full, read-only or failing
    disk, a lock): that says nothing about the file, which must then stay where it is.
    """
    try:
        if not path.exists():
            return None
        if path.stat().st_size == 0:
            return "the file is empty"
        with closing(sqlite3.connect(path, timeout=10)) as conn:
            rows = conn.execute("PRAGMA quick_check").fetchall()
    except (sqlite3.Error, OSError) as error:
        found = storage_error(error, path)
        if isinstance(found, StorageCorrupt):
            return str(error)
        raise found from None
    if rows == [("ok",)]:
        return None
    return "; ".join(str(row[0]) for row in rows[:3])


def check_database(path: Path, on_corrupt: OnCorrupt) -> Path | None:
    """Check the database at `path` before the bot uses it.

    A corrupt file is renamed with a timestamp (with its WAL files) and the
    bot starts on a fresh one; with `on_corrupt="refuse"` a `StorageCorrupt` is
    raised instead. Any other trouble raises `StorageUnavailable` and moves
    nothing. Returns where the corrupt file went, if it was moved.
    """
    ensure_data_dir(path.parent)
    reason = problem(path)
    if reason is None:
        return None
    if on_corrupt == "refuse":
        raise StorageCorrupt(
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
        raise StorageUnavailable(
            f"{path} is corrupt ({reason}) and cannot be moved: {error.strerror or error}"
        ) from None
    log.error("%s is corrupt (%s): moved to %s, starting on a fresh file", path, reason, target)
    return target
