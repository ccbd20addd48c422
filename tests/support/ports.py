"""Local ports for the servers a test starts (the bot's webhook, Datasette)."""

from __future__ import annotations

import random
import socket

_rng = random.Random()


def free_port() -> int:
    """A port free right now, below Linux's ephemeral range (32768+), where port-0 binds and the
    outgoing connections of every other program on the machine take theirs: between this pick
    and the server's bind, nothing is likely to take it. A caller still handles a taken port."""
    for _ in range(100):
        port = _rng.randrange(20000, 32000)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise AssertionError("no free port found")
