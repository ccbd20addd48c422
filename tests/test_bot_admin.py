"""Through the bot: the anonymous score log, the admin commands and content reloads."""

from __future__ import annotations

import csv
import io
import random
import shutil
import sqlite3
from pathlib import Path

from bot.content.models import Content
from tests.support.fake_botapi import FakeBotAPI, FakeUser
from tests.support.harness import (
    ADMIN_ID,
    QuizPlayer,
    expected_result_text,
    make_read_only,
    make_settings,
    random_choices,
    running_bot,
    undo_read_only,
)
from tests.support.paths import SHIPPED_PROFILES, SHIPPED_QUESTIONS


async def play_through(user: FakeUser, content: Content, seed: int) -> str:
    lang = content.language_for(user.language_code)
    user.send_text("/start")
    label = "▶️ Commencer le quiz" if lang == "fr" else "▶️ Start the quiz"
    await user.wait_for(lambda u: label in u.buttons())
    user.press(label)
    player = QuizPlayer(user, content)
    choices = random_choices(content, random.Random(seed))
    await player.play(choices)
    result = await player.wait_result(lang)
    assert result.text == expected_result_text(content, choices, lang)
    return result.text


async def test_the_score_log_holds_nothing_that_identifies_a_person(
    server: FakeBotAPI, tmp_path: Path, shipped_content: Content
) -> None:
    people = [
        server.add_user(
            880011 + i,
            first_name=name,
            last_name="Durand",
            username=f"{name}_dz",
            language_code=code,
        )
        for i, (name, code) in enumerate((("Alice", "fr-CA"), ("Bruno", "en-US"), ("Chiara", "fr")))
    ]
    async with running_bot(make_settings(server, tmp_path)):
        for seed, user in enumerate(people):
            await play_through(user, shipped_content, seed)
        await server.wait_until_idle()

    conn = sqlite3.connect(tmp_path / "scores.db")
    tables = [row[0] for row in conn.execute("select name from sqlite_master where type='table'")]
    assert {"results", "dimension_scores", "answers"} <= set(tables)
    assert conn.execute("select count(*) from results").fetchone()[0] == len(people)
    forbidden = {str(u.id) for u in people} | {u.first_name for u in people}
    forbidden |= {u.username or "" for u in people} | {"Durand", "fr-CA", "en-US"}
    for table in tables:
        columns = [row[1] for row in conn.execute(f"pragma table_info({table})")]
        for column in columns:
            identifying = ("user", "chat", "first_name", "last_name", "username")
            assert not any(word in column.lower() for word in identifying), column
            for (value,) in conn.execute(f"select {column} from {table}"):
                text = str(value)
                for secret in forbidden:
                    assert secret not in text, f"{table}.{column} holds {secret!r}"
    dates = [row[0] for row in conn.execute("select date from results")]
    assert all(len(day) == 10 for day in dates), "day precision only"


async def test_admin_commands_are_unknown_to_everyone_else(
    server: FakeBotAPI, tmp_path: Path
) -> None:
    user = server.add_user(501, first_name="Curieux", language_code="fr")
    async with running_bot(make_settings(server, tmp_path)):
        user.send_text("/nonsense")
        await user.wait_for(lambda u: len(u.messages) == 1)
        unknown = user.messages[0].text
        for command in ("/stats", "/export", "/reload"):
            user.send_text(command)
        await user.wait_for(lambda u: len(u.messages) == 4)
        await server.wait_until_idle()
    assert [m.text for m in user.messages[1:]] == [unknown] * 3
    assert not any(m.document or m.photo for m in user.messages)


async def test_stats_and_export_for_admins(
    server: FakeBotAPI, tmp_path: Path, shipped_content: Content
) -> None:
    admin = server.add_user(ADMIN_ID, first_name="Admin", language_code="fr")
    players = [server.add_user(600 + i, first_name=f"P{i}", language_code="fr") for i in range(3)]
    async with running_bot(make_settings(server, tmp_path)):
        for seed, user in enumerate(players):
            await play_through(user, shipped_content, 100 + seed)
        admin.send_text("/stats")
        await admin.wait_for(lambda u: u.messages and "3" in u.messages[0].text)
        admin.send_text("/export")
        document = await admin.wait_for(lambda u: next((m for m in u.messages if m.document), None))
        await server.wait_until_idle()
    assert document.document is not None
    rows = list(csv.DictReader(io.StringIO(document.document.decode("utf-8"))))
    assert len(rows) == 3
    assert document.document_filename and document.document_filename.endswith(".csv")
    fits = sorted(round(float(row["fit"])) for row in rows)
    assert len(fits) == 3
    assert any(m.photo for m in admin.messages), "the stats chart comes with /stats"


async def test_reload_keeps_the_running_set_on_error_and_applies_a_valid_edit(
    server: FakeBotAPI, tmp_path: Path, shipped_content: Content
) -> None:
    questions = tmp_path / "questions"
    shutil.copytree(SHIPPED_QUESTIONS, questions)
    settings = make_settings(
        server, tmp_path / "data", questions_dir=questions, profiles_dir=SHIPPED_PROFILES
    )
    admin = server.add_user(ADMIN_ID, first_name="Admin", language_code="fr")
    early = server.add_user(701, first_name="Early", language_code="fr")
    late = server.add_user(702, first_name="Late", language_code="fr")
    first = shipped_content.questions[0]
    first_file = sorted(questions.glob("*.yaml"))[0]
    original = first_file.read_text(encoding="utf-8")
    early_choices = random_choices(shipped_content, random.Random(7))

    async with running_bot(settings):
        early.send_text("/start")
        await early.wait_for(lambda u: "▶️ Commencer le quiz" in u.buttons())
        early.press("▶️ Commencer le quiz")
        early_player = QuizPlayer(early, shipped_content)
        await early_player.play(early_choices, last=3)

        first_file.write_text(original + "\n  - id: [broken\n", encoding="utf-8")
        admin.send_text("/reload")
        refused = await admin.wait_for(lambda u: u.last_message)
        assert "Rechargement refusé" in refused.text and first_file.name in refused.text

        edited = original.replace(first.text("fr"), "Question modifiée pour le test ?")
        assert edited != original
        first_file.write_text(edited, encoding="utf-8")
        admin.send_text("/reload")
        await admin.wait_for(lambda u: "Questions rechargées" in u.last_text)

        late.send_text("/start")
        await late.wait_for(lambda u: "▶️ Commencer le quiz" in u.buttons())
        late.press("▶️ Commencer le quiz")
        await late.wait_for(lambda u: "Question modifiée pour le test" in u.last_text)

        # The quiz started before the edit finishes on its own version.
        await early_player.play(early_choices, first=4)
        result = await early_player.wait_result("fr")
        await server.wait_until_idle()
    assert result.text == expected_result_text(shipped_content, early_choices, "fr")


async def test_a_read_only_score_log_does_not_cost_the_user_their_result(
    server: FakeBotAPI, tmp_path: Path, shipped_content: Content
) -> None:
    """The file turns read-only while the bot runs (at start-up the bot refuses it in one line:
    tests/test_storage_faults.py)."""
    user = server.add_user(801, first_name="Rose", language_code="fr")
    try:
        async with running_bot(make_settings(server, tmp_path)):
            make_read_only(tmp_path / "scores.db")
            await play_through(user, shipped_content, 3)
            user.send_text("/result")
            await user.wait_for(
                lambda u: len([m for m in u.messages if "Votre résultat" in m.text]) == 2
            )
    finally:
        undo_read_only(tmp_path / "scores.db")
    conn = sqlite3.connect(tmp_path / "scores.db")
    assert conn.execute("select count(*) from results").fetchone()[0] == 0
