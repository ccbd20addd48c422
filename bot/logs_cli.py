"""`careerbot logs`: review the anonymous score log."""

from __future__ import annotations

import click


@click.group()
def logs() -> None:
    """Review the anonymous score log (scores.db)."""
