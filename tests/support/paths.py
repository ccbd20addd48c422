"""Where the tests find the project's files: computed from this file, so the tests
run from any working directory (and from a clean clone with no `../shared`)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
MINI = FIXTURES / "mini"
MINI_QUESTIONS = MINI / "questions"
MINI_PROFILES = MINI / "profiles"
SHIPPED_QUESTIONS = ROOT / "questions"
SHIPPED_PROFILES = ROOT / "profiles"
