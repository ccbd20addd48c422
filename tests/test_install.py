"""Installs come from uv.lock: the Makefile's targets, the lock check and a broken .venv.

The uv used here is the one the lock installs into .venv (the same version the Makefile
bootstraps), run on copies of the project in a temporary directory.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.support.paths import ROOT

UV = Path(sys.executable).parent / "uv"
PROJECT_FILES = ("Makefile", "pyproject.toml", "uv.lock", "README.md")


def _make(directory: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", f"UV={UV}", *args],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def project_files(tmp_path: Path) -> Path:
    for name in PROJECT_FILES:
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def _dev_group() -> list[str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    group: list[str] = pyproject["dependency-groups"]["dev"]
    return group


def test_lock_check_passes_on_the_committed_lock(project_files: Path) -> None:
    result = _make(project_files, "lock-check")
    assert result.returncode == 0, result.stderr


def test_lock_check_fails_loudly_when_pyproject_changes(project_files: Path) -> None:
    pyproject = project_files / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    edited = re.sub(r'\n    "rich[^"]*",', "", text)
    assert edited != text
    pyproject.write_text(edited, encoding="utf-8")

    result = _make(project_files, "lock-check")

    assert result.returncode != 0
    assert "uv.lock does not match pyproject.toml: run 'make lock'" in result.stderr


def test_make_test_checks_the_lock_before_anything_else() -> None:
    dry_run = _make(ROOT, "-n", "test").stdout.splitlines()
    lock_check = next(i for i, line in enumerate(dry_run) if "lock --check" in line)
    sync = next(i for i, line in enumerate(dry_run) if "sync --frozen" in line)
    pytest_line = next(i for i, line in enumerate(dry_run) if line.endswith("/pytest"))
    assert lock_check < sync < pytest_line


def test_make_run_installs_only_what_the_bot_needs() -> None:
    dry_run = _make(ROOT, "-n", "run").stdout
    assert "sync --frozen" in dry_run
    assert "--no-dev" in dry_run
    runtime = subprocess.run(
        [
            str(UV),
            "export",
            "--frozen",
            "--no-dev",
            "--extra",
            "charts",
            "--extra",
            "pdf",
            "--no-hashes",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    packages = {line.split("==")[0] for line in runtime.splitlines() if "==" in line}
    assert {"python-telegram-bot", "pydantic", "matplotlib", "fpdf2"} <= packages
    dev = {"pytest", "ruff", "mypy", "hypothesis", "import-linter", "datasette", "pypdf"}
    assert not packages & dev
    assert "--extra charts --extra pdf" in dry_run


def test_lint_tools_and_uv_are_pinned_exactly() -> None:
    pins = dict(requirement.split("==") for requirement in _dev_group() if "==" in requirement)
    assert {"ruff", "mypy", "import-linter", "types-PyYAML", "uv"} <= pins.keys()
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"UV_VERSION := {pins['uv']}\n" in makefile


def test_make_help_lists_every_target_with_its_description() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    phony = re.search(r"^\.PHONY: (.+)$", makefile, re.MULTILINE)
    assert phony is not None
    targets = phony.group(1).split()

    result = _make(ROOT, "help")

    assert result.returncode == 0, result.stderr
    described = dict(line.split(maxsplit=1) for line in result.stdout.splitlines()[1:])
    assert set(targets) == set(described)
    assert all(len(description) > 10 for description in described.values())


def test_a_venv_with_a_broken_interpreter_is_rebuilt(tmp_path: Path) -> None:
    project = tmp_path / "careerbot"
    shutil.copytree(
        ROOT,
        project,
        ignore=shutil.ignore_patterns(".git", ".venv", ".bootstrap", "*_cache", "data"),
    )
    broken = project / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", broken], check=True)
    for interpreter in (broken / "bin").glob("python*"):
        interpreter.unlink()
        interpreter.symlink_to(tmp_path / "gone" / "python")

    result = _make(project, "venv-run")

    assert result.returncode == 0, result.stderr
    version = subprocess.run(
        [broken / "bin" / "careerbot", "--version"], capture_output=True, text=True, check=True
    )
    assert "careerbot" in version.stdout
