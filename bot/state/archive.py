"""The registry's archive of content versions in `state.db`, read without blocking the loop.

At start-up it reads every version a row still refers to (a quiz in progress, a
result, a result queued for the score log). From then on the registry knows every
version it can be asked for (a newer one is one it archived itself), so a lookup
from a use case is answered from memory and never waits on the disk. Archiving
runs on the database's thread, in turn with the person's writes, and is waited for:
the registry archives at start-up, and on `/reload` from a worker thread.
"""

from __future__ import annotations

from bot.content.models import Content
from bot.state.db_thread import DbThread
from bot.state.state_db import StateDb

#: The content versions a quiz in progress, a result or a queued result was taken on.
_IN_USE = (
    "select version from last_results union select version from previous_results"
    " union select json_extract(data, '$.version') from sessions"
    " union select json_extract(session, '$.version') from unlogged_results"
)


class ContentArchiveOnThread:
    def __init__(self, db: StateDb, thread: DbThread) -> None:
        self._db = db
        self._thread = thread
        self._in_use = thread.wait(self._read_in_use)

    def _read_in_use(self) -> dict[str, Content]:
        found = {}
        versions = [row[0] for row in self._db.db.execute(_IN_USE).fetchall() if row[0]]
        for version in versions:
            content = self._db.content(str(version))
            if content is not None:
                found[content.version] = content
        return found

    def remember_content(self, content: Content) -> None:
        self._thread.wait(lambda: self._db.remember_content(content))

    def content(self, version: str) -> Content | None:
        return self._in_use.get(version)
