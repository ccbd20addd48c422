"""The advice's blocks as lines of the result: one small function per block, so the
result's layout (summary, sections) can place each one where it belongs."""

from __future__ import annotations

import html
from collections.abc import Sequence

from bot.content.models import Constraint, Lang, Route, TrainingStep
from bot.presentation.texts import t


def path_lines(steps: Sequence[TrainingStep], lang: Lang, *, asides: bool = True) -> list[str]:
    """The training path, numbered; an aside (an example, where to apply) sits under its
    step without a number of its own, or is left out when `asides` is false."""
    if not steps:
        return [t("training_unknown", lang)]
    lines: list[str] = []
    number = 0
    for step in steps:
        text = html.escape(step.text(lang))
        if step.aside:
            if asides:
                lines.append(f"   {text}")
        else:
            number += 1
            lines.append(f"{number}. {text}")
    return lines


def route_lines(routes: Sequence[Route], lang: Lang) -> list[str]:
    """The adults' routes under their heading, one plain line each; nothing without one."""
    if not routes:
        return []
    lines = [t("result_routes", lang)]
    lines += [t("route_line", lang, text=html.escape(route.text(lang))) for route in routes]
    return lines


def constraint_lines(lines: Sequence[Constraint], lang: Lang) -> list[str]:
    """The lines for the constraints the person may have, under their heading."""
    shown = [
        t("route_line", lang, text=html.escape(line.text(lang)))
        for line in lines
        if line.text is not None
    ]
    return [t("result_constraints", lang), *shown] if shown else []
