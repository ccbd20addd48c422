"""A text progress bar, shared by the Telegram messages and the terminal chat."""

from __future__ import annotations

FILLED = "▰"
EMPTY = "▱"


def progress_bar(number: int, total: int, width: int = 10) -> str:
    """`number` out of `total` as `width` cells, e.g. (3, 10) → ▰▰▰▱▱▱▱▱▱▱.

    `number` is clamped to 0…total and cells are rounded half up, so the bar
    always has exactly `width` cells, empty at 0 and full at `total`.
    """
    if total < 1 or width < 1:
        raise ValueError(f"progress_bar needs total >= 1 and width >= 1, got {total}, {width}")
    done = min(max(number, 0), total)
    filled = (2 * done * width + total) // (2 * total)
    return FILLED * filled + EMPTY * (width - filled)
