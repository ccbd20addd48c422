"""The admin side of several jobs: /stats gives each job its own figures and chart.

Two jobs have different dimensions and questions, so a mean over both says nothing: with
several jobs served (or found in the log) /stats sends one summary and one chart per job,
and `/stats <job id>` that job's only. With one job it reads as it always did.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.content.loader import load_content, load_profiles
from bot.content.models import Content
from bot.content.served import ServedContents
from bot.presentation.charts import stats_chart_png
from bot.scorelog.demo import DEMO_SOURCE, fill_demo
from bot.scorelog.store import ScoreLog
from bot.scorelog.summary import chart_inputs, load_summary
from bot.services import admin
from bot.services.deps import Deps
from bot.services.reply import Person
from bot.state.memory import MemoryStateStore
from tests.support.fake_botapi import FakeBotAPI, FakeUser
from tests.support.harness import ADMIN_ID, make_settings, running_bot
from tests.support.jobs import FAKE, JOBS_PROFILES, JOBS_QUESTIONS, SHIPPED, two_jobs
from tests.support.paths import SHIPPED_PROFILES, SHIPPED_QUESTIONS

NOW = datetime(2026, 6, 30, 12, tzinfo=UTC)
SHIPPED_ROWS, FAKE_ROWS = 30, 12


@pytest.fixture(scope="module")
def fake() -> Content:
    return load_content(JOBS_QUESTIONS, JOBS_PROFILES)


def fill_both(path: Path, shipped: Content, fake: Content) -> None:
    """A score log with results of both jobs."""
    log = ScoreLog(path, sources=frozenset({DEMO_SOURCE}))
    log.migrate()
    assert fill_demo(log, shipped, SHIPPED_ROWS, seed=1, now=NOW) == SHIPPED_ROWS
    assert fill_demo(log, fake, FAKE_ROWS, seed=2, now=NOW) == FAKE_ROWS


def expected_chart(path: Path, profile: str, job: str) -> bytes:
    return stats_chart_png(*chart_inputs(load_summary(path, profile=profile)), "fr", job=job)


def _new(admin_user: FakeUser, seen: int, count: int) -> list[tuple[str, bytes | None]]:
    """The admin's messages after the first `seen`, once there are `count` more."""
    new = admin_user.messages[seen:]
    return [(m.text, m.photo) for m in new] if len(new) >= count else []


async def test_stats_gives_each_job_its_own_summary_and_chart(
    server: FakeBotAPI, tmp_path: Path, shipped_content: Content, fake: Content
) -> None:
    questions, profiles = two_jobs(tmp_path / "content")
    settings = make_settings(server, tmp_path, questions_dir=questions, profiles_dir=profiles)
    settings = settings.model_copy(update={"profiles": (SHIPPED, FAKE)})
    fill_both(settings.scores_db, shipped_content, fake)
    boss = server.add_user(ADMIN_ID, first_name="Admin", language_code="fr")
    async with running_bot(settings):
        boss.send_text("/stats")
        every = await boss.wait_for(lambda u: _new(u, 0, 4))
        boss.send_text(f"/stats {FAKE}")
        one = await boss.wait_for(lambda u: _new(u, 4, 2))
        boss.send_text("/stats nope")
        unknown = await boss.wait_for(lambda u: _new(u, 6, 1))
        await server.wait_until_idle()

    (shipped_text, none), (fake_text, none_either), (_, first), (_, second) = every
    assert none is None and none_either is None
    assert shipped_text.startswith(
        f"Job: Responsable e-commerce ({SHIPPED})\nScore log, all time: {SHIPPED_ROWS} results"
    )
    assert fake_text.startswith(
        f"Job: Testeur de nuages ({FAKE})\nScore log, all time: {FAKE_ROWS} results"
    )
    # each block holds its own job's categories, never a mean over both
    for text, profile in ((shipped_text, SHIPPED), (fake_text, FAKE)):
        own = load_summary(settings.scores_db, profile=profile)
        assert own.fit is not None and f"Fit: mean {own.fit.mean:.1f}," in text
        for category, stat in own.categories.items():
            assert f"{category}: {stat.mean:.1f} / {stat.median:.1f}" in text
    assert first == expected_chart(settings.scores_db, SHIPPED, "Responsable e-commerce")
    assert second == expected_chart(settings.scores_db, FAKE, "Testeur de nuages")

    [(fake_only, _), (_, fake_chart)] = one
    assert fake_only == fake_text and fake_chart == second
    [(refused, _)] = unknown
    assert refused == (f"No job 'nope' is served or in the score log. Jobs: {SHIPPED}, {FAKE}.")


async def test_a_job_no_longer_served_keeps_its_own_block(
    tmp_path: Path, shipped_content: Content, fake: Content
) -> None:
    path = tmp_path / "scores.db"
    fill_both(path, shipped_content, fake)
    deps = Deps(MemoryStateStore(), ServedContents([shipped_content]), ScoreLog(path))
    reply = await admin.stats(deps, Person(ADMIN_ID, ADMIN_ID, "en"))
    texts = [shown.screen.text for shown in reply.screens]
    assert texts[0].startswith(f"<pre>Job: E-commerce manager ({SHIPPED})\n")
    assert texts[1].startswith(f"<pre>Job: {FAKE}\nScore log, all time: {FAKE_ROWS} results")
    assert len(reply.attachments) == 2


async def test_with_one_job_stats_reads_as_before(tmp_path: Path, shipped_content: Content) -> None:
    path = tmp_path / "scores.db"
    log = ScoreLog(path, sources=frozenset({DEMO_SOURCE}))
    log.migrate()
    fill_demo(log, shipped_content, 5, seed=3, now=NOW)
    deps = Deps(MemoryStateStore(), ServedContents([shipped_content]), log)
    reply = await admin.stats(deps, Person(ADMIN_ID, ADMIN_ID, "fr"))
    [shown] = reply.screens
    assert shown.screen.text.startswith("<pre>Score log, all time: 5 results\n")
    [chart] = reply.attachments
    assert chart.draw() == stats_chart_png(*chart_inputs(load_summary(path)), "fr")
    # the only job, named, is headed by its title
    named = await admin.stats(deps, Person(ADMIN_ID, ADMIN_ID, "fr"), SHIPPED)
    assert named.screens[0].screen.text.startswith("<pre>Job: Responsable e-commerce (")


async def test_with_several_jobs_and_no_result_one_picture_says_so(
    tmp_path: Path, shipped_content: Content, fake: Content
) -> None:
    served = ServedContents(list(load_profiles(*two_jobs(tmp_path / "content"))))
    deps = Deps(MemoryStateStore(), served, ScoreLog(tmp_path / "scores.db"))
    reply = await admin.stats(deps, Person(ADMIN_ID, ADMIN_ID, "fr"))
    assert [s.screen.text.splitlines()[2] for s in reply.screens] == [
        "Nothing recorded in this period.</pre>"
    ] * 2
    [chart] = reply.attachments
    assert chart.draw() == stats_chart_png([], {}, "fr")


def test_the_cli_chart_is_of_one_job(
    tmp_path: Path, shipped_content: Content, fake: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("matplotlib")
    path = tmp_path / "scores.db"
    fill_both(path, shipped_content, fake)
    chart = tmp_path / "stats.png"
    monkeypatch.chdir(tmp_path)  # no stray .env: the shipped job is served
    monkeypatch.delenv("CAREERBOT_PROFILES", raising=False)
    monkeypatch.setenv("CAREERBOT_QUESTIONS_DIR", str(SHIPPED_QUESTIONS))
    monkeypatch.setenv("CAREERBOT_PROFILES_DIR", str(SHIPPED_PROFILES))
    runner = CliRunner()
    mixed = runner.invoke(main, ["logs", "summary", "--db", str(path), "--chart", str(chart)])
    assert mixed.exit_code == 0 and not chart.exists()
    assert mixed.stderr == (
        f"Chart not saved: the log holds several jobs ({SHIPPED}, {FAKE});"
        " choose one with --profile.\n"
    )
    for profile, job in ((SHIPPED, "Responsable e-commerce"), (FAKE, FAKE)):
        args = ["logs", "summary", "--db", str(path), "--profile", profile, "--chart", str(chart)]
        done = runner.invoke(main, args)
        assert done.exit_code == 0, done.stderr
        assert chart.read_bytes() == expected_chart(path, profile, job), profile
