"""`careerbot logs`: review the anonymous score log (scores.db).

rich, which prints the tables, is imported by the commands that print them: the
running bot imports this module for its command line and has no use for it
(1.2 MiB less resident, docs/benchmarks.md).
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

import click

from bot.cli.options import (
    day,
    db_option,
    db_path,
    option_order,
    period_options,
    profile_option,
    served,
    settings_or_exit,
)
from bot.content.loader import ContentError
from bot.content.served import languages_of
from bot.presentation.admin_text import describe_period, n_results
from bot.private_files import open_private
from bot.scorelog.demo import DEMO_SOURCE, fill_demo, now_utc
from bot.scorelog.items import load_items
from bot.scorelog.review import ReviewError, serve
from bot.scorelog.store import ScoreLog
from bot.scorelog.summary import (
    Summary,
    chart_inputs,
    export_columns,
    export_rows,
    load_summary,
    write_csv,
    write_json,
)
from bot.state.database import StorageError

_WRITERS: dict[str, Callable[[Sequence[Mapping[str, Any]], TextIO, Sequence[str]], None]] = {
    "csv": write_csv,
    "json": write_json,
}


@click.group()
def logs() -> None:
    """Review the anonymous score log (scores.db)."""


@logs.command()
@period_options
@profile_option
@db_option
@click.option(
    "--chart",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also save the fit distribution and category means as a PNG file.",
)
def summary(
    since: datetime | None,
    until: datetime | None,
    profile: str | None,
    db: Path | None,
    chart: Path | None,
) -> None:
    """Counts, fit distribution, means, frequent gaps and answers, in tables."""
    path = db_path(db)
    if not path.is_file():
        click.echo(f"No score log at {path} yet.", err=True)
    data = load_summary(
        path,
        since=day(since),
        until=day(until),
        profile=profile,
        option_order=option_order(profile),
    )
    from rich.console import Console

    from bot.cli.tables import summary_tables

    console = Console(highlight=False)
    for table in summary_tables(data):
        console.print(table)
    if chart is not None:
        _save_chart(chart, data, profile)


@logs.command()
@period_options
@profile_option
@db_option
def items(
    since: datetime | None, until: datetime | None, profile: str | None, db: Path | None
) -> None:
    """Item analysis for question editors: spread, top answer, item–rest, alpha (flags)."""
    path = db_path(db)
    if not path.is_file():
        click.echo(f"No score log at {path} yet.", err=True)
    from rich.console import Console

    from bot.cli.tables import item_tables

    console = Console(highlight=False, width=120)
    report = load_items(path, since=day(since), until=day(until), profile=profile)
    if not report.results:
        if since is None and until is None:
            console.print("No result yet: nothing to analyse.")
        else:
            period = describe_period(day(since), day(until))
            console.print(f"No result in this period ({period}): nothing to analyse.")
        return
    for table in item_tables(report):
        console.print(table)


@logs.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(_WRITERS)),
    default="csv",
    show_default=True,
    help="CSV (a header even when empty) or a JSON list of objects.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output).",
)
@period_options
@profile_option
@db_option
def export(
    fmt: str,
    output: Path | None,
    since: datetime | None,
    until: datetime | None,
    profile: str | None,
    db: Path | None,
) -> None:
    """One row per result, one dim_<id> column per quality and skill."""
    path = db_path(db)
    rows = export_rows(path, since=day(since), until=day(until), profile=profile)
    columns = export_columns(path)
    write = _WRITERS[fmt]
    if output is None:
        write(rows, sys.stdout, columns)
        return
    with open_private(output) as out:
        write(rows, out, columns)
    click.echo(f"{n_results(len(rows))} written to {output}.", err=True)


@logs.command()
@click.option(
    "--older-than",
    "days",
    type=click.IntRange(min=0),
    metavar="DAYS",
    help="Delete the results dated more than DAYS days ago.",
)
@click.option(
    "--source",
    help=f"Delete the results of this deep-link source (e.g. {DEMO_SOURCE} for the demo results).",
)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@db_option
def purge(days: int | None, source: str | None, yes: bool, db: Path | None) -> None:
    """Delete old results, or one source's, with their scores and answers.

    With both --older-than and --source, only the old results of that source go.
    """
    if days is None and source is None:
        raise click.UsageError("say what to delete: --older-than DAYS and/or --source NAME.")
    log = ScoreLog(db_path(db))
    today = date.today()
    which = " and ".join(
        part
        for part in (
            f"dated before {today - timedelta(days=days)}" if days is not None else "",
            f"from source {source!r}" if source is not None else "",
        )
        if part
    )
    try:
        count = log.purge(days, today, source=source, dry_run=True)
        if not count:
            click.echo(f"No result {which}.")
            return
        if not yes:
            results = n_results(count)
            click.confirm(f"Delete {results} {which} from {log.path}?", abort=True)
        deleted = log.purge(days, today, source=source)
    except StorageError as error:
        raise click.ClickException(f"cannot purge {log.path}: {error}") from None
    click.echo(f"Deleted {n_results(deleted)} {which}.")


@logs.command()
@click.option(
    "--count",
    type=click.IntRange(min=1, max=100_000),
    default=300,
    show_default=True,
    help="How many simulated results to add.",
)
@click.option(
    "--seed", type=int, default=1, show_default=True, help="Seed of the simulated answers."
)
@click.option(
    "--profile",
    metavar="ID",
    help="The job profile answered (default: the first served, see CAREERBOT_PROFILES).",
)
@db_option
def demo(count: int, seed: int, profile: str | None, db: Path | None) -> None:
    """Add simulated results (source 'demo') to try summary, export, review and /stats.

    Simulated people of varied aptitude answer the real questions and the real
    engine scores them. Remove them with: careerbot logs purge --source demo
    """
    settings = settings_or_exit()
    path = db if db is not None else settings.scores_db
    try:
        content = served(settings, profile)[0]
    except ContentError as error:
        raise click.ClickException(f"the question files do not validate:\n{error}") from None
    log = ScoreLog(path, sources=frozenset({DEMO_SOURCE}))
    try:
        log.migrate()
    except StorageError as error:
        raise click.ClickException(f"cannot write {path}: {error}") from None
    written = fill_demo(log, content, count, seed=seed, now=now_utc())
    if written < count:
        raise click.ClickException(f"only {written} of {count} demo results written to {path}.")
    click.echo(f"Added {written} demo results to {path} (source {DEMO_SOURCE!r}).")
    click.echo("Try: careerbot logs summary · careerbot logs review · /stats in Telegram")
    click.echo(f"Remove them with: careerbot logs purge --source {DEMO_SOURCE}")


@logs.command()
@db_option
@click.option("--port", default=8001, show_default=True, help="Port to serve on.")
def review(db: Path | None, port: int) -> None:
    """Browse the score log in Datasette, read-only, on this machine only.

    Datasette serves a snapshot taken at start: the live file is never opened
    for writing and the bot keeps running. Restart to see newer results.
    """
    if importlib.util.find_spec("datasette") is None:
        raise click.ClickException("Datasette is not installed: pip install 'careerbot[review]'.")
    path = db_path(db)
    if not path.is_file():
        raise click.ClickException(f"No score log at {path} yet.")
    try:
        serve(path, port, echo=click.echo)
    except ReviewError as error:
        raise click.ClickException(str(error)) from None


def _save_chart(path: Path, summary: Summary, profile: str | None) -> None:
    """The chart of one job: refused for a log of several without --profile, which would
    mix their figures. Charts need the optional matplotlib: say so in one line rather than
    fail."""
    if len(summary.by_profile) > 1:
        jobs = ", ".join(summary.by_profile)
        click.echo(
            f"Chart not saved: the log holds several jobs ({jobs}); choose one with --profile.",
            err=True,
        )
        return
    try:
        from bot.presentation.charts import stats_chart_png
        from bot.presentation.job_picker import job_name
        from bot.presentation.texts import open_catalogues

        settings = settings_or_exit()
        contents = served(settings)
        languages = languages_of(contents)
        open_catalogues(settings.locales_dir, languages)
        lang = languages[0].code
        titles = {content.profile.id: job_name(content, lang) for content in contents}
        job = titles.get(profile, profile) if profile else None
        path.write_bytes(stats_chart_png(*chart_inputs(summary), lang, job=job))
    except Exception as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        click.echo(f"Chart not saved: {reason}", err=True)
        return
    click.echo(f"Chart saved to {path}.")
