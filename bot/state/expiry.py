"""What expires in `state.db`: quizzes, results and chosen languages untouched for
`session_ttl_days` (the time the README promises to keep them).

Every /start looks for such rows. Their timestamps are indexed (migration
`m006_expiry_indexes`), so finding none is a look at each index, and no write
transaction is opened unless a row is old enough.
"""

from __future__ import annotations

from bot.sqlite_lib import Database

#: The tables whose rows expire, each with the time it is counted from.
EXPIRING = (
    ("sessions", "updated_at"),
    ("last_results", "finished_at"),
    ("previous_results", "finished_at"),
    ("languages", "updated_at"),
)


def idle_users(db: Database, cutoff: float) -> tuple[set[int], set[int]]:
    """Who has a quiz older than `cutoff`, and who a chosen language."""
    found = []
    for table in ("sessions", "languages"):
        query = f"select user_id from {table} where updated_at < ?"
        found.append({int(row[0]) for row in db.execute(query, [cutoff]).fetchall()})
    return found[0], found[1]


def delete_older(db: Database, cutoff: float) -> int:
    """Delete every expiring row older than `cutoff`; how many quizzes and last results."""
    old = {table: f"from {table} where {column} < ?" for table, column in EXPIRING}
    found = (db.execute(f"select exists (select 1 {rows})", [cutoff]) for rows in old.values())
    if not any(cursor.fetchone()[0] for cursor in found):
        return 0
    with db.atomic():
        deleted = {
            table: db.execute(f"delete {rows}", [cutoff]).rowcount for table, rows in old.items()
        }
    return int(deleted["sessions"] + deleted["last_results"])
