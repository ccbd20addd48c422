"""`make bench` keeps working: the load benchmark runs end to end with a handful of users.

No timing is asserted (speed belongs to `make bench` itself): this checks that
both bots finish every quiz and that the report has its rows.
"""

from __future__ import annotations

import subprocess
import sys

from tests.support.paths import ROOT


def test_the_load_benchmark_runs_with_a_few_users() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "bench", "--load-only", "--users", "3", "--paced-seconds", "3"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=True,
    )
    lines = {line.strip().split("  ")[0]: line for line in out.stdout.splitlines() if line.strip()}
    for row in ("updates per second", "CPU per update", "latency p99", "peak RSS"):
        assert row in lines, out.stdout
    finished = lines["finished quizzes"].split()
    assert finished[2:4] == ["3", "3"], out.stdout  # careerbot and the floor: every quiz
    assert "no answer within" not in out.stdout
