"""The `careerbot` command (also `python -m bot`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bot.cli.logs import logs
from bot.cli.options import settings_or_exit as _settings
from bot.content.loader import ContentError, load_profiles
from bot.content.served import languages_of
from bot.presentation.texts import CatalogueError, open_catalogues
from bot.settings import Settings, SettingsError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="careerbot")
def main() -> None:
    """careerbot: is this job right for you? A short quiz, on Telegram or in this terminal."""


def _environment_epilog() -> str:
    """The variables `Settings` reads, one per line ("\b" keeps click from rewrapping them)."""
    width = max(map(len, Settings.variables()))
    lines = [f"  {name.ljust(width)}  {text}" for name, text in Settings.variables().items()]
    return "\b\nEnvironment (or a .env file in the working directory):\n" + "\n".join(lines)


@main.command(epilog=_environment_epilog())
@click.option("--webhook", is_flag=True, help="Receive updates by webhook instead of polling.")
@click.option(
    "--webhook-url",
    help="Public HTTPS URL of the webhook (default: CAREERBOT_WEBHOOK_URL).",
)
@click.option(
    "--listen", default="127.0.0.1", show_default=True, help="Address the webhook listens on."
)
@click.option("--port", default=8443, show_default=True, help="Port the webhook listens on.")
@click.option(
    "--secret-token",
    help="Secret Telegram sends with each webhook call (default: CAREERBOT_WEBHOOK_SECRET,"
    " else random).",
)
def run(
    webhook: bool, webhook_url: str | None, listen: str, port: int, secret_token: str | None
) -> None:
    """Start the bot (long polling by default, or a webhook behind a reverse proxy)."""
    from telegram.error import TelegramError

    from bot.state.database import StorageError
    from bot.telegram_bot.application import run_bot
    from bot.telegram_bot.lifecycle import WebhookOptions
    from bot.telegram_bot.shutdown import FatalError

    settings = _settings()
    webhook_url = webhook_url or settings.webhook_url
    if secret_token is None and settings.webhook_secret is not None:
        secret_token = settings.webhook_secret.get_secret_value()
    try:
        settings.require_token()
        options = None
        if webhook:
            if not webhook_url:
                raise SettingsError("--webhook needs --webhook-url (or CAREERBOT_WEBHOOK_URL).")
            options = WebhookOptions(
                url=webhook_url, listen=listen, port=port, secret_token=secret_token
            )
        contents = load_profiles(settings.questions_dir, settings.profiles_dir, settings.profiles)
    except SettingsError as error:
        raise click.ClickException(str(error)) from None
    except ContentError as error:
        raise click.ClickException(f"the question files do not validate:\n{error}") from None
    try:
        run_bot(settings, contents, webhook=options)
    except (StorageError, CatalogueError, FatalError) as error:
        raise click.ClickException(str(error)) from None
    except TelegramError as error:
        message = str(error).replace(settings.require_token(), "<bot-token>")
        raise click.ClickException(f"Telegram did not let the bot start: {message}") from None


def _writable_file(ctx: click.Context, param: click.Parameter, path: Path | None) -> Path | None:
    """Check an output file before any work: its folder exists and it can be written.

    A trial open in append mode changes nothing in an existing file; a file it created is
    removed again.
    """
    if path is None:
        return None
    if not path.parent.is_dir():
        raise click.BadParameter(f"the folder {str(path.parent)!r} does not exist.")
    existed = path.exists()
    try:
        with path.open("ab"):
            pass
    except OSError as error:
        raise click.BadParameter(f"cannot write {str(path)!r}: {error.strerror}.") from None
    if not existed:
        path.unlink()
    return path


@main.command()
@click.option(
    "--lang",
    metavar="CODE",
    help="Language of the quiz, one the profile declares (default: its first, e.g. fr).",
)
@click.option(
    "--profile",
    metavar="ID",
    help="The job to take the quiz on (default: those served, see CAREERBOT_PROFILES; "
    "with several, the chat asks which).",
)
@click.option(
    "--chart",
    type=click.Path(dir_okay=False, path_type=Path),
    callback=_writable_file,
    help="Also save the result chart as a PNG file (checked before the quiz starts).",
)
@click.option(
    "--pdf",
    type=click.Path(dir_okay=False, path_type=Path),
    callback=_writable_file,
    help="Also save the result as a PDF file, the chart inside (needs careerbot[pdf]).",
)
@click.option(
    "--seed",
    help="Fix the order of the answers (shuffled per quiz): the same seed, the same order.",
)
def chat(
    lang: str | None, profile: str | None, chart: Path | None, pdf: Path | None, seed: str | None
) -> None:
    """Take the quiz in this terminal (no Telegram needed)."""
    from bot.services.report import pdf_available
    from bot.terminal.chat import run_chat

    if pdf is not None and not pdf_available():
        raise click.BadParameter(
            "the PDF needs the pdf extra: pip install 'careerbot[pdf]'.", param_hint="'--pdf'"
        )

    settings = _settings()
    served = (profile,) if profile else settings.profiles
    try:
        contents = load_profiles(settings.questions_dir, settings.profiles_dir, served)
    except ContentError as error:
        raise click.ClickException(f"the question files do not validate:\n{error}") from None
    languages = languages_of(contents)
    codes = [language.code for language in languages]
    if lang is not None and lang not in codes:
        offered = ", ".join(codes)
        raise click.BadParameter(
            f"{lang!r} is not one of the quiz's languages: {offered}.", param_hint="'--lang'"
        )
    try:
        open_catalogues(settings.locales_dir, languages)
    except CatalogueError as error:
        raise click.ClickException(str(error)) from None
    run_chat(contents, lang or codes[0], chart_path=chart, pdf_path=pdf, seed=seed)


@main.command()
@click.option(
    "--questions",
    "questions_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the question files (default: CAREERBOT_QUESTIONS_DIR, else ./questions).",
)
@click.option(
    "--profiles",
    "profiles_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the profile files (default: CAREERBOT_PROFILES_DIR, else ./profiles).",
)
def validate(questions_dir: Path | None, profiles_dir: Path | None) -> None:
    """Check every profile and its question files, that the profiles the bot serves exist,
    and that the bot has its own texts in each of their languages; list every problem found."""
    settings = _settings()
    questions_dir = questions_dir or settings.questions_dir
    profiles_dir = profiles_dir or settings.profiles_dir
    try:
        contents = load_profiles(questions_dir, profiles_dir)
    except ContentError as error:
        for problem in error.problems:
            click.echo(f"error: {problem}", err=True)
        for note in error.notes:
            click.echo(note, err=True)
        count = len(error.problems)
        click.echo(f"{count} problem{'s' if count > 1 else ''} found.", err=True)
        sys.exit(1)
    ids = [content.profile.id for content in contents]
    for missing in (profile_id for profile_id in settings.profiles if profile_id not in ids):
        click.echo(f"error: CAREERBOT_PROFILES names {missing!r}, not in {profiles_dir}", err=True)
        sys.exit(1)
    try:
        open_catalogues(settings.locales_dir, languages_of(contents))
    except CatalogueError as error:
        click.echo(f"error: {error}\n1 problem found.", err=True)
        sys.exit(1)
    for content in contents:
        click.echo(
            f"OK: profile {content.profile.id!r}, {len(content.questions)} questions "
            f"in {len(content.files)} files (version {content.version})."
        )


@main.command()
@click.argument("destination", type=click.Path(file_okay=False, path_type=Path))
def backup(destination: Path) -> None:
    """Copy state.db and scores.db into the folder DESTINATION, safely while the bot runs.

    SQLite's online backup: each copy is consistent and self-contained. The folder is
    created if needed, readable by you only (0700), and so are the copies (0600).
    """
    from bot.state.backup import BackupError, back_up

    settings = _settings()
    try:
        for copied in back_up(settings.data_dir, destination):
            click.echo(f"Backed up {copied.source} to {copied.target}.")
    except BackupError as error:
        raise click.ClickException(str(error)) from None


main.add_command(logs)
