"""Progress on a retake: what changed since the previous result, kept only in state.db."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.content.models import Content
from bot.engine.change import compare
from bot.presentation.result_full import render_result
from bot.presentation.result_summary import summary
from bot.presentation.result_text import to_plain
from bot.state.state_db import StateDb
from tests.support.answers import EXAMPLE
from tests.support.fake_botapi import FakeBotAPI, FakeUser
from tests.support.harness import QuizPlayer, begin, make_settings, random_choices, running_bot
from tests.support.records import kept, record

PROGRESS_FR = "Depuis votre résultat précédent"
SINCE_FR = "Depuis la dernière fois"
"""The summary's one line of change (the detail section says what moved)."""


# --- The engine and the text ------------------------------------------------------------------


def test_compare_by_hand(mini_content: Content) -> None:
    before = record(mini_content, EXAMPLE)
    # talk 0 → 4 speaks to communication and adaptability, each mean(0, 4) = 2 →
    # mean(4, 4) = 4; webcult 3 → 1: web 2 → 1. The weightiest first.
    after = record(mini_content, {**EXAMPLE, "talk": ("4",), "webcult": ("1",)})
    change = compare(mini_content, before, after)
    assert (change.before, change.after) == (before.overall, after.overall)
    assert [d.id for d in change.better] == ["communication", "adaptability"]
    assert [d.id for d in change.worse] == ["web"]


def test_background_and_small_moves_are_not_listed(mini_content: Content) -> None:
    before = record(mini_content, EXAMPLE)
    after = record(mini_content, {**EXAMPLE, "education": ("master",)})
    change = compare(mini_content, before, after)
    assert change.after > change.before
    assert change.better == [] and change.worse == []  # diploma is background


def test_the_progress_section(mini_content: Content) -> None:
    before = record(mini_content, EXAMPLE)
    after = record(mini_content, {**EXAMPLE, "talk": ("4",), "webcult": ("1",)})
    then, now = round(before.overall), round(after.overall)
    change = compare(mini_content, before, after)
    french = to_plain(render_result(mini_content, after, "fr", change))
    assert PROGRESS_FR in french
    # The rounded fit did not move here: said so, not as « +0 points ».
    assert then == now
    assert f"{then}\u202f% → {now}\u202f% (sans changement)" in french
    assert "▲ En progrès\u00a0: Communication, Adaptabilité" in french
    assert "▼ En recul\u00a0: Culture du Web" in french
    english = to_plain(render_result(mini_content, after, "en", change))
    assert f"Since your previous result\nFit {then}% → {now}% (unchanged)" in english
    unchanged = compare(mini_content, before, before)
    same = to_plain(render_result(mini_content, before, "en", unchanged))
    expected_same = f"Fit {then}% → {then}% (unchanged)\nYour qualities and skills are at the same"
    assert expected_same in same
    assert PROGRESS_FR not in to_plain(render_result(mini_content, after, "fr"))


def test_the_store_keeps_one_previous_result_and_forgets_it(
    tmp_path: Path, mini_content: Content
) -> None:
    store = StateDb(tmp_path / "state.db")
    first = kept(mini_content, {"talk": ("0",)}, "fr")
    second = kept(mini_content, {"talk": ("4",)}, "fr")
    store.save_result(1, first)
    assert store.previous_result(1) is None
    store.save_result(1, second)
    assert store.last_result(1) == second and store.previous_result(1) == first
    store.save_result(2, first)
    assert store.forget(1) is True
    assert store.last_result(1) is None and store.previous_result(1) is None
    assert store.last_result(2) == first


# --- End to end over Telegram --------------------------------------------------------------------


@pytest.fixture
async def bot(server: FakeBotAPI, tmp_path: Path) -> AsyncIterator[Path]:
    async with running_bot(make_settings(server, tmp_path)):
        yield tmp_path


async def results_shown(user: FakeUser, count: int) -> list[str]:
    """Wait until `count` results have been shown; return their texts, oldest first."""

    def results(u: FakeUser) -> list[str] | None:
        found = [m.text for m in u.messages if m.text and "Votre résultat" in m.text]
        found = [text for text in found if "€" in text]
        return found if len(found) >= count else None

    return await user.wait_for(results, timeout=30)


async def test_a_retake_shows_what_changed_and_forget_erases_it(
    server: FakeBotAPI, bot: Path, shipped_content: Content
) -> None:
    user = server.add_user(131, first_name="Inès", language_code="fr")
    player = QuizPlayer(user, shipped_content)
    worst = random_choices(shipped_content, random.Random(31))
    best = random_choices(shipped_content, random.Random(32))

    await begin(user, "▶️ Commencer le quiz")
    await player.play(worst)
    (first,) = await results_shown(user, 1)
    assert SINCE_FR not in first

    user.press("🔄 Refaire le quiz")
    await player.play(best)
    second = (await results_shown(user, 2))[-1]
    before = record(shipped_content, worst, "fr")
    after = record(shipped_content, best, "fr")
    change = compare(shipped_content, before, after)
    assert second == to_plain(summary(shipped_content, after, "fr", change))
    assert SINCE_FR in second
    assert change.better and change.worse  # two different answer sets move both ways
    # /result shows the same comparison again
    user.send_text("/result")
    third = (await results_shown(user, 3))[-1]
    assert SINCE_FR in third

    user.send_text("/forget")
    await user.wait_for(lambda u: "effacé tout" in u.last_text)
    store = StateDb(bot / "state.db")
    assert store.last_result(user.id) is None and store.previous_result(user.id) is None
    store.close()

    await begin(user, "▶️ Commencer le quiz")
    await player.play(best)
    fourth = (await results_shown(user, 4))[-1]
    assert SINCE_FR not in fourth
    assert fourth == to_plain(summary(shipped_content, after, "fr"))
