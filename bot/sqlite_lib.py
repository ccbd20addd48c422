"""sqlite-utils, as the stores use it, imported without numpy.

sqlite-utils imports numpy when it is installed (matplotlib, for the admins'
statistics chart, brings it), only to map numpy's number types to column
types. The stores write plain Python values, and numpy with its OpenBLAS
costs the running bot 16 MiB of resident memory, about a fifth of it
(docs/benchmarks.md). So numpy is hidden while sqlite-utils is imported
(bot/hidden_imports.py).

Both stores, and every other module of the bot, import sqlite-utils from here (a
module of its own, below both).
"""

from __future__ import annotations

from bot.hidden_imports import hidden

with hidden("numpy", while_importing="sqlite_utils"):
    from sqlite_utils import Database, Migrations
    from sqlite_utils.db import ForeignKey

__all__ = ["Database", "ForeignKey", "Migrations"]
