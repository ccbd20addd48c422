"""A second job beside the shipped one: the made-up profile of tests/fixtures/jobs.

`cloud-tester` ("testeur de nuages") is clearly fake, with its own small question set in
`questions/cloud-tester/`. `two_jobs` copies the shipped files and it into one pair of
folders, as an admin adding a job would: a profile file and a question folder, no code.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support.paths import FIXTURES, SHIPPED_PROFILES, SHIPPED_QUESTIONS

JOBS = FIXTURES / "jobs"
JOBS_QUESTIONS = JOBS / "questions"
JOBS_PROFILES = JOBS / "profiles"
FAKE = "cloud-tester"
SHIPPED = "responsable-e-commerce"


def two_jobs(root: Path) -> tuple[Path, Path]:
    """Question and profile folders holding the shipped job and the fake one."""
    questions, profiles = root / "questions", root / "profiles"
    shutil.copytree(SHIPPED_QUESTIONS, questions)
    shutil.copytree(SHIPPED_PROFILES, profiles)
    shutil.copytree(JOBS_QUESTIONS / FAKE, questions / FAKE)
    shutil.copy(JOBS_PROFILES / f"{FAKE}.yaml", profiles)
    return questions, profiles
