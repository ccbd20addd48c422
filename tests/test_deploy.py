"""The deployment files: the Dockerfile (linted; built where a container runtime works)
and the systemd unit example."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import defaultdict

import pytest

from tests.support.paths import ROOT

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
UNIT = (ROOT / "docs" / "deploy" / "careerbot.service").read_text(encoding="utf-8")


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, continuation lines joined, comments dropped."""
    joined = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    found = []
    for line in joined.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            keyword, _, arguments = line.strip().partition(" ")
            found.append((keyword.upper(), arguments.strip()))
    return found


def final_stage() -> list[tuple[str, str]]:
    steps = instructions()
    last_from = max(i for i, (keyword, _) in enumerate(steps) if keyword == "FROM")
    return steps[last_from:]


def test_every_stage_is_a_slim_python_image() -> None:
    bases = [arguments.split()[0] for keyword, arguments in instructions() if keyword == "FROM"]
    assert bases
    assert all(re.fullmatch(r"python:3\.1[1-9]-slim", base) for base in bases), bases


def test_it_installs_from_the_lock_with_the_pinned_uv_and_no_dev_tools() -> None:
    runs = [arguments for keyword, arguments in instructions() if keyword == "RUN"]
    copies = [arguments for keyword, arguments in instructions() if keyword == "COPY"]
    assert any("uv.lock" in copy.split() for copy in copies)
    syncs = [run for run in runs if "uv sync" in run]
    assert syncs and all("--frozen" in run and "--no-dev" in run for run in syncs)
    assert not any(re.search(r"pip install (?!--no-cache-dir uv==)", run) for run in runs)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    version = re.search(r"^UV_VERSION := (\S+)$", makefile, re.MULTILINE)
    assert version and f"uv=={version.group(1)}" in DOCKERFILE


def test_it_runs_as_a_non_root_user_with_the_data_on_a_volume() -> None:
    stage = final_stage()
    users = [arguments for keyword, arguments in stage if keyword == "USER"]
    assert users and users[-1] not in ("root", "0") and not users[-1].startswith("0:")
    env = " ".join(arguments for keyword, arguments in stage if keyword == "ENV")
    data_dir = re.search(r"CAREERBOT_DATA_DIR=(\S+)", env)
    assert data_dir
    volumes = [arguments for keyword, arguments in stage if keyword == "VOLUME"]
    assert any(data_dir.group(1) in json.loads(volume) for volume in volumes)


def test_matplotlib_has_a_writable_config_folder_in_the_image_and_the_unit() -> None:
    """Without one, the unprivileged user (no home) gets a warning and a font cache rebuilt
    at every stats chart."""
    env = " ".join(arguments for keyword, arguments in final_stage() if keyword == "ENV")
    in_image = re.search(r"MPLCONFIGDIR=(\S+)", env)
    assert in_image and in_image.group(1).startswith("/tmp/")
    settings = unit_settings()
    cache = settings["Service.CacheDirectory"]
    assert f"MPLCONFIGDIR=/var/cache/{cache[0]}/matplotlib" in settings["Service.Environment"]


def test_it_stops_cleanly_on_sigterm() -> None:
    """Exec form: careerbot itself is PID 1 and gets the SIGTERM, no shell in between."""
    stage = final_stage()
    [cmd] = [arguments for keyword, arguments in stage if keyword == "CMD"]
    assert json.loads(cmd)[:2] == ["careerbot", "run"]
    assert not any(keyword == "ENTRYPOINT" for keyword, _ in stage)
    assert ("STOPSIGNAL", "SIGTERM") in stage


def _runtime_works() -> bool:
    if shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "info"], capture_output=True, timeout=60).returncode == 0


@pytest.mark.skipif(not _runtime_works(), reason="no working container runtime on this machine")
def test_the_image_builds_and_answers_its_version() -> None:
    tag = "careerbot-test:latest"
    subprocess.run(["docker", "build", "-t", tag, str(ROOT)], check=True, timeout=1800)
    try:
        version = subprocess.run(
            ["docker", "run", "--rm", tag, "careerbot", "--version"],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        assert version.stdout.startswith("careerbot, version ")
        user = subprocess.run(
            ["docker", "run", "--rm", tag, "id", "-u"], capture_output=True, text=True, check=True
        )
        assert user.stdout.strip() != "0"
    finally:
        subprocess.run(["docker", "image", "rm", "-f", tag], capture_output=True, check=False)


def unit_settings() -> dict[str, list[str]]:
    """`Section.Key` → its values in order (a key may be given more than once)."""
    settings: dict[str, list[str]] = defaultdict(list)
    section = ""
    for line in UNIT.splitlines():
        if line.startswith("["):
            section = line.strip("[]")
        elif "=" in line and not line.startswith("#"):
            key, _, value = line.partition("=")
            settings[f"{section}.{key}"].append(value)
    return settings


def test_the_systemd_unit_runs_the_bot_unprivileged_with_its_own_data_dir() -> None:
    settings = unit_settings()
    assert settings["Service.ExecStart"][0].endswith("/.venv/bin/careerbot run")
    assert settings["Service.DynamicUser"] == ["yes"] or settings["Service.User"]
    state = settings["Service.StateDirectory"][0]
    assert f"CAREERBOT_DATA_DIR=/var/lib/{state}" in settings["Service.Environment"]
    assert settings["Service.KillSignal"] == ["SIGTERM"]
    assert settings["Service.Restart"] == ["on-failure"]
    assert settings["Install.WantedBy"] == ["multi-user.target"]


def test_the_systemd_unit_takes_away_what_the_bot_does_not_need() -> None:
    settings = {key.removeprefix("Service."): values for key, values in unit_settings().items()}
    for flag in (
        "PrivateDevices",
        "PrivateUsers",
        "PrivateMounts",
        "ProtectKernelTunables",
        "ProtectKernelModules",
        "ProtectKernelLogs",
        "ProtectClock",
        "ProtectControlGroups",
        "ProtectHostname",
        "RestrictNamespaces",
        "RestrictRealtime",
        "LockPersonality",
        "MemoryDenyWriteExecute",
    ):
        assert settings[flag] == ["yes"], flag
    assert settings["UMask"] == ["0077"]
    assert settings["CapabilityBoundingSet"] == [""]
    assert settings["RestrictAddressFamilies"] == ["AF_INET AF_INET6 AF_UNIX"]
    assert settings["SystemCallFilter"] == ["@system-service", "~@privileged @resources"]
    assert settings["SystemCallArchitectures"] == ["native"]
    assert re.fullmatch(r"\d+[MG]", settings["MemoryMax"][0])


def _exposure(text: str) -> str:
    match = re.search(r"Overall exposure level for \S+: (\d+\.\d)", text)
    assert match, text[-500:]
    return match.group(1)


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_the_unit_scores_what_docs_deploy_says() -> None:
    scored = subprocess.run(
        ["systemd-analyze", "security", "--offline=true", "--no-pager", "careerbot.service"],
        cwd=ROOT / "docs" / "deploy",
        capture_output=True,
        text=True,
        timeout=120,
    )
    score = _exposure(scored.stdout)
    assert float(score) < 8.3
    assert f"| now | **{score} OK** |" in (ROOT / "docs" / "deploy" / "README.md").read_text()
    assert f"scores it {score}" in UNIT
