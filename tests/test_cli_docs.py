"""Help and README that match the code: every option explained, every variable listed once."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.settings import Settings
from tests.support.paths import ROOT, SHIPPED_PROFILES, SHIPPED_QUESTIONS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group = main, path: str = "careerbot") -> dict[str, click.Command]:
    found: dict[str, click.Command] = {path: group}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.update(commands(command, f"{path} {name}"))
        else:
            found[f"{path} {name}"] = command
    return found


def readme_settings() -> list[str]:
    section = README[README.index("## Settings") :]
    section = section[: section.index("\n## ")]
    return re.findall(r"^\| `([A-Z_]+)` \|", section, re.MULTILINE)


def test_every_option_of_every_command_has_help() -> None:
    for path, command in commands().items():
        assert command.help, f"{path} has no description"
        for param in command.params:
            if isinstance(param, click.Option) and param.name not in ("help", "version"):
                assert param.help, f"{path} {param.opts[0]} has no help"


def test_variables_are_read_through_the_settings_only() -> None:
    """Click reads no variable on its own, so .env and the environment act alike."""
    for path, command in commands().items():
        for param in command.params:
            assert not getattr(param, "envvar", None), f"{path} {param.name} reads a variable"


def test_the_readme_settings_table_is_the_settings_model() -> None:
    listed = readme_settings()
    assert len(listed) == len(set(listed)), "each variable once"
    assert set(listed) == set(Settings.variables())


def test_run_help_names_every_variable_it_reads() -> None:
    result = CliRunner().invoke(main, ["run", "--help"])
    assert result.exit_code == 0
    for name, description in Settings.variables().items():
        assert re.search(rf"^\s+{name}\s+{re.escape(description)}$", result.output, re.M), name


@pytest.mark.parametrize("doc", ["README.md", "docs/score-logs.md"])
def test_the_docs_call_the_command_one_way(doc: str) -> None:
    """Each typed careerbot command is `.venv/bin/careerbot`, what `make` installs."""
    text = (ROOT / doc).read_text(encoding="utf-8")
    programs = [line.split()[0] for line in re.findall(r"^\$ (.*)$", text, re.MULTILINE)]
    called = [program for program in programs if program.endswith("careerbot")]
    assert called
    assert set(called) == {".venv/bin/careerbot"}


def test_the_webhook_settings_come_from_a_dotenv_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.telegram_bot.application as application

    started: list[object] = []
    monkeypatch.setattr(application, "run_bot", lambda *args, webhook: started.append(webhook))
    monkeypatch.chdir(tmp_path)
    for name in Settings.variables():
        monkeypatch.delenv(name, raising=False)
    (tmp_path / ".env").write_text(
        "TELEGRAM_BOT_TOKEN=123456:" + "a" * 35 + "\n"
        "CAREERBOT_WEBHOOK_URL=https://bot.example.org/telegram\n"
        "CAREERBOT_WEBHOOK_SECRET=from-the-dotenv-file\n"
        f"CAREERBOT_QUESTIONS_DIR={SHIPPED_QUESTIONS}\n"
        f"CAREERBOT_PROFILES_DIR={SHIPPED_PROFILES}\n",
        encoding="utf-8",
    )

    result = CliRunner().invoke(main, ["run", "--webhook"])

    assert result.exit_code == 0, result.output
    [options] = started
    assert options.url == "https://bot.example.org/telegram"  # type: ignore[attr-defined]
    assert options.secret_token == "from-the-dotenv-file"  # type: ignore[attr-defined]
