"""A wrong setting is one plain line naming the variable, never a pydantic dump."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.engine.session import MAX_SOURCE_CHARS, deep_link_source
from bot.settings import MAX_SOURCE_CHARS as SETTINGS_MAX_SOURCE_CHARS
from bot.settings import Settings, SettingsError, load_settings


def _error_lines(env: dict[str, str], *args: str) -> list[str]:
    result = CliRunner().invoke(main, list(args), env=env)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return [line for line in result.output.splitlines() if line.strip()]


@pytest.mark.parametrize("command", [["validate"], ["logs", "summary"], ["chat"]])
def test_a_bad_admin_id_is_one_line_naming_the_setting(command: list[str]) -> None:
    lines = _error_lines({"CAREERBOT_ADMIN_IDS": "12, abc"}, *command)
    assert lines == [
        "Error: invalid setting CAREERBOT_ADMIN_IDS: "
        "'abc' is not a Telegram user id (expected numbers, comma-separated)"
    ]


def test_each_bad_setting_gets_its_own_line_without_pydantic_noise() -> None:
    lines = _error_lines(
        {"CAREERBOT_SESSION_TTL_DAYS": "0", "CAREERBOT_ON_CORRUPT_DB": "delete"}, "validate"
    )
    assert len(lines) == 2
    assert lines[0].startswith("Error: invalid setting CAREERBOT_SESSION_TTL_DAYS: ")
    assert lines[1].startswith("invalid setting CAREERBOT_ON_CORRUPT_DB: ")
    assert not any("pydantic" in line or "validation error" in line for line in lines)


def test_admin_ids_still_read_a_spaced_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERBOT_ADMIN_IDS", " 12, 34 ,,")
    assert load_settings().admin_ids == frozenset({12, 34})


# --- Deep-link sources longer than what is recorded ------------------------------


def test_the_settings_and_the_engine_agree_on_the_longest_source() -> None:
    assert SETTINGS_MAX_SOURCE_CHARS == MAX_SOURCE_CHARS


def test_a_source_of_the_longest_length_is_accepted_and_recorded_as_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    longest = "s" * MAX_SOURCE_CHARS
    monkeypatch.setenv("CAREERBOT_SOURCES", f"salon,{longest}")
    assert load_settings().sources == frozenset({"salon", longest})
    assert deep_link_source(longest) == longest


def test_a_listed_source_too_long_to_record_is_refused_at_start_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """It used to be accepted (64 characters allowed) and then recorded as NULL."""
    too_long = "s" * (MAX_SOURCE_CHARS + 1)
    assert deep_link_source(too_long) is None
    monkeypatch.setenv("CAREERBOT_SOURCES", f"salon,{too_long}")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value) == (
        f"invalid setting CAREERBOT_SOURCES: {too_long!r} is not a deep-link source "
        f"(1-{MAX_SOURCE_CHARS} letters, digits, _ or -, comma-separated)"
    )
    lines = _error_lines({"CAREERBOT_SOURCES": too_long}, "run")
    assert lines == [f"Error: {caught.value}"]


def test_settings_built_in_code_refuse_a_long_source_too() -> None:
    with pytest.raises(ValueError, match="is not a deep-link source"):
        Settings(sources=frozenset({"s" * (MAX_SOURCE_CHARS + 1)}))
