"""`careerbot chat --chart`: a path that cannot be written stops the command before the quiz."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from tests.support.paths import MINI_PROFILES, MINI_QUESTIONS


@pytest.fixture(autouse=True)
def mini_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERBOT_QUESTIONS_DIR", str(MINI_QUESTIONS))
    monkeypatch.setenv("CAREERBOT_PROFILES_DIR", str(MINI_PROFILES))


def chat(chart: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["chat", "--lang", "en", "--chart", str(chart)], input="q\n")
    return result.exit_code, result.output


def test_a_chart_in_a_missing_folder_fails_before_the_first_question(tmp_path: Path) -> None:
    code, output = chat(tmp_path / "nowhere" / "chart.png")
    assert code == 2
    assert "Invalid value for '--chart'" in output
    assert "does not exist" in output
    assert "Question 1/" not in output


def test_a_chart_path_that_is_a_folder_fails_before_the_first_question(tmp_path: Path) -> None:
    code, output = chat(tmp_path)
    assert code == 2
    assert "Question 1/" not in output


def test_a_good_chart_path_starts_the_quiz_and_leaves_no_empty_file(tmp_path: Path) -> None:
    chart = tmp_path / "chart.png"
    code, output = chat(chart)
    assert code == 0, output
    assert "Question 1/" in output
    assert not chart.exists(), "the check leaves nothing behind when the quiz is quit"


def test_an_existing_chart_file_is_left_as_it_was_by_the_check(tmp_path: Path) -> None:
    chart = tmp_path / "chart.png"
    chart.write_bytes(b"old")
    code, _ = chat(chart)
    assert code == 0
    assert chart.read_bytes() == b"old"
