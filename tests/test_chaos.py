"""The seeded fault campaign, short: several people, every kind of action, Bot API faults and
SIGKILLs of a real bot process, with the invariants checked at the end (tests/support/chaos.py)."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from tests.support.chaos import Plan, run_campaign
from tests.support.fake_botapi import FakeBotAPI
from tests.support.harness import TOKEN


async def test_a_short_fault_campaign_loses_nothing(server: FakeBotAPI, tmp_path: Path) -> None:
    plan = Plan(seed=2026, users=6, quizzes_each=1, kills=2, fault_every=0.7, patience=120)
    report = await run_campaign(server, tmp_path, plan, span=40)

    assert not report.problems, "\n\n".join(report.problems)
    assert report.finished == report.results_checked == plan.users * plan.quizzes_each
    with Database(tmp_path / "scores.db") as db:
        assert db.table("results").count == report.finished, "each finished quiz logged once"
    assert len(report.kills) == plan.kills
    assert set(report.faults) >= {"429", "500", "502", "slow", "lost"}
    assert "Traceback" not in report.bot_output
    assert TOKEN.split(":")[1] not in report.bot_output
