"""What the `careerbot` commands share: the settings, the served profiles and common options."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from bot.content.loader import ContentError, load_profiles
from bot.content.models import Content
from bot.settings import Settings, SettingsError, load_settings

F = TypeVar("F", bound=Callable[..., Any])

DATE = click.DateTime(formats=["%Y-%m-%d"])


def db_option(command: F) -> F:
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        help="The score log (default: scores.db in CAREERBOT_DATA_DIR).",
    )(command)


def period_options(command: F) -> F:
    command = click.option(
        "--until", type=DATE, help="Only results up to this day (YYYY-MM-DD), inclusive."
    )(command)
    return click.option(
        "--since", type=DATE, help="Only results from this day (YYYY-MM-DD), inclusive."
    )(command)


def settings_or_exit() -> Settings:
    """The settings, or a one-line `ClickException` naming the bad variable."""
    try:
        return load_settings()
    except SettingsError as error:
        raise click.ClickException(str(error)) from None


def profile_option(command: F) -> F:
    return click.option(
        "--profile",
        metavar="ID",
        help="Only the results of this job profile (its id, e.g. the file name in profiles/).",
    )(command)


def served(settings: Settings, profile: str | None = None) -> tuple[Content, ...]:
    """The profile named, else those the settings serve; `ContentError` if they do not load."""
    served = (profile,) if profile else settings.profiles
    return load_profiles(settings.questions_dir, settings.profiles_dir, served)


def option_order(profile: str | None) -> dict[str, list[str]]:
    """Each choice question's options in file order, to list answers in it; none if the
    question files do not load (the summary does not need them otherwise)."""
    try:
        contents = served(settings_or_exit(), profile)
    except ContentError:
        return {}
    order: dict[str, list[str]] = {}
    for content in reversed(contents):  # a question id in several: the first profile's order
        order.update({q.id: [o.id for o in q.options] for q in content.questions if q.options})
    return order


def db_path(db: Path | None) -> Path:
    return db if db is not None else settings_or_exit().scores_db


def day(value: datetime | None) -> date | None:
    return value.date() if value else None
