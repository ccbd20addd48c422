"""One bot process per data directory: a lock held for the life of the process.

Two processes on one data directory would both poll Telegram, take turns under
its 409 "Conflict" and show people screens from each other's state. The lock is
an `flock` on a file in the directory: the kernel releases it when the process
ends, however it ends, so a killed bot never leaves a stale lock behind. The
file keeps the holder's pid, for the message the second process prints.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.state.database import StorageUnavailable, ensure_data_dir, storage_error

LOCK_FILE = "careerbot.lock"


class DataDirInUse(StorageUnavailable):
    """Another process holds the data directory's lock."""


@contextmanager
def data_dir_lock(directory: Path) -> Iterator[None]:
    """Hold the lock of `directory` for the block; `DataDirInUse` if another process has it."""
    ensure_data_dir(directory)
    path = directory / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        raise storage_error(error, path) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DataDirInUse(
                f"{directory} is in use by another careerbot process ({_holder(fd)}): "
                "only one may run on a data directory"
            ) from None
        with contextlib.suppress(OSError):  # a full disk: the lock holds, the pid is unknown
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)


def _holder(fd: int) -> str:
    """'pid N' as the holder wrote it, or a plain 'pid unknown' while it is being written."""
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return f"pid {text}" if text.isdigit() else "pid unknown"
