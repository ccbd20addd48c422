"""A problem found in a content file, and where it is."""

from __future__ import annotations

from dataclasses import dataclass

Location = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, said so that an admin can fix it."""

    file: str
    message: str
    item: str | None = None
    field: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.item:
            parts.append(f"[{self.item}]")
        if self.field:
            parts.append(f"{self.field}:")
        parts.append(self.message)
        return " ".join(parts)


@dataclass(frozen=True)
class Reporter:
    """Builds the problems of one file, finding each one's line."""

    file: str
    lines: dict[Location, int]

    def __call__(self, message: str, loc: Location, item: str | None = None) -> Problem:
        return Problem(
            self.file, message, item, ".".join(map(str, loc)), closest_line(self.lines, loc)
        )


def closest_line(lines: dict[Location, int], loc: Location) -> int | None:
    """The line of `loc`, or of its nearest parent present in the file."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None
