"""What careerbot creates is private: its folders 0700, its databases, exports and backups 0600.

`state.db` is personal data and `scores.db` is nobody else's business on a shared
machine, so neither is created readable by other users, whatever the umask.
SQLite gives a database's write-ahead log and shared-memory files the mode of the
database itself, so creating the database 0600 covers them too. Files and
folders that already exist keep their mode: the operator may have chosen it.
Stands alone (like `bot.settings`) so that every layer can use it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TextIO

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def private_dir(path: Path) -> None:
    """Create the folder `path`, and each missing parent, readable by this user only."""
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)


def create_private(path: Path) -> None:
    """Create `path` empty with mode 0600, in a private folder, unless it already exists."""
    private_dir(path.parent)
    if path.exists():
        return
    with contextlib.suppress(FileExistsError):  # another process created it first
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


def open_private(path: Path) -> TextIO:
    """`path` opened for writing text (truncated), created 0600 if new."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    return os.fdopen(fd, "w", encoding="utf-8", newline="")
