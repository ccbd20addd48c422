"""The C allocator's settings for a long-running bot on glibc (Linux): memory given back.

glibc gives each thread that allocates its own arena and keeps what a thread
freed for that thread's reuse; a 1 MiB block that was once freed raises the
size above which blocks come from the operating system, so later ones stay
in the heap too. The bot's few threads (the chart thread, the score log's)
each kept a result chart's worth of memory that way. With one arena and a
fixed threshold of 128 KiB, a whole run with 60 people peaks 6.5 MiB lower
(docs/benchmarks.md), for a CPU cost within noise.
"""

from __future__ import annotations

import ctypes
import logging

log = logging.getLogger(__name__)

_M_MMAP_THRESHOLD = -3
_M_ARENA_MAX = -8
MMAP_THRESHOLD = 128 * 1024


def give_memory_back() -> bool:
    """One arena for every thread, blocks of 128 KiB and more mapped and unmapped each time.

    False where the C library has no `mallopt` (not glibc): nothing changes there.
    """
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    done = bool(mallopt(_M_ARENA_MAX, 1) == 1 and mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1)
    if not done:
        log.debug("mallopt refused the settings: the C library's defaults stay")
    return done
