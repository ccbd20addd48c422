"""What a file that fails its schema still says, so that one run reports every problem.

A question file with one bad question, or a profile with one bad training step,
still holds everything else: without the items that failed, it validates, and
the checks across files can run on it. Those checks then cannot know what the
left-out items hold (a left-out question may be the one that measures a
dimension), so a cross-file problem that names anything written in them is held
back until they load: `doubtful` lists those names.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from bot.content.problems import Location, Problem, closest_line

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Salvaged(Generic[M]):
    """A file's model, possibly without the list items that failed, and what they named."""

    model: M
    lines: dict[Location, int]
    """The line of every path in the file as written."""
    removed: Mapping[Location, frozenset[int]] = field(default_factory=dict)
    """Each list left shorter → the indexes of the items taken out of it."""
    doubtful: frozenset[str] = frozenset()

    def restore(self, problem: Problem) -> Problem:
        """`problem` (found on the model) with the path and line of the file as written."""
        if not self.removed or not problem.field:
            return problem
        loc = self._original(tuple(int(p) if p.isdigit() else p for p in problem.field.split(".")))
        return replace(problem, field=".".join(map(str, loc)), line=closest_line(self.lines, loc))

    def _original(self, loc: Location) -> Location:
        for parent, indexes in self.removed.items():
            depth = len(parent)
            index = loc[depth] if loc[:depth] == parent and len(loc) > depth else None
            if isinstance(index, int):
                for taken in sorted(indexes):
                    if taken <= index:
                        index += 1
                return (*parent, index, *loc[depth + 1 :])
        return loc


def salvage(
    model: type[M],
    data: Any,
    errors: Sequence[Any],
    lines: dict[Location, int],
    context: dict[str, Any] | None = None,
) -> Salvaged[M] | None:
    """`data` without the list items the `errors` point into, validated; None if it cannot be.

    An error outside any list item (a missing section, a wrong salary) leaves nothing
    to salvage.
    """
    removed: dict[Location, set[int]] = defaultdict(set)
    for error in errors:
        loc: Location = tuple(error["loc"])
        depth = next((d for d, part in enumerate(loc) if isinstance(part, int)), None)
        if depth is None:
            return None
        removed[loc[:depth]].add(int(loc[depth]))
    pruned = copy.deepcopy(data)
    dropped: list[Any] = []
    for parent, indexes in removed.items():
        try:
            items = _at(pruned, parent)
        except (KeyError, IndexError, TypeError):
            return None
        if not isinstance(items, list):
            return None
        dropped += [item for i, item in enumerate(items) if i in indexes]
        items[:] = [item for i, item in enumerate(items) if i not in indexes]
    try:
        salvaged = model.model_validate(pruned, context=context)
    except ValidationError:
        return None
    taken = {parent: frozenset(indexes) for parent, indexes in removed.items()}
    return Salvaged(salvaged, lines, taken, frozenset(_names(dropped)))


def held_back(problems: Iterable[Problem], doubtful: frozenset[str]) -> Iterator[Problem]:
    """The cross-file `problems` that name nothing a left-out item might hold."""
    for problem in problems:
        names = set(re.findall(r"'([^']*)'", problem.message))
        names.update((problem.item or "").split("/"))
        if not (names - {""}) & doubtful:
            yield problem


def _at(data: Any, path: Location) -> Any:
    for part in path:
        data = data[part]
    return data


def _names(node: Any) -> Iterator[str]:
    """Every string in `node`, keys included: the ids and values it may define or use."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield str(key)
            yield from _names(value)
    elif isinstance(node, list):
        for item in node:
            yield from _names(item)
