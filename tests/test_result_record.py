"""The result record: kept without answers, and every later view renders from it."""

from __future__ import annotations

import json
import logging
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlite_utils import Database

from bot.content.models import Content, Lang
from bot.content.served import ServedContents
from bot.engine.record import ResultRecord, record_of
from bot.engine.result import evaluate
from bot.presentation import screens
from bot.presentation.payloads import ResultPress
from bot.presentation.result_sections import available, section
from bot.presentation.result_summary import summary
from bot.presentation.result_text import to_plain
from bot.presentation.texts import money_range
from bot.services import results
from bot.services.deps import Deps
from bot.services.reply import Person
from bot.state.memory import MemoryStateStore
from bot.state.state_db import StateDb
from bot.state.state_schema import MIGRATIONS
from tests.support.answers import EXAMPLE
from tests.support.persona_catalogue import CAREER_CHANGER
from tests.support.personas import answers_for
from tests.support.playing import play

ANA = Person(user_id=7, chat_id=7, language_code="fr")


def test_a_record_round_trips_and_holds_no_answers(mini_content: Content) -> None:
    record = record_of(mini_content, evaluate(mini_content, EXAMPLE), lang="fr", quiz_id="q1")
    assert ResultRecord.model_validate_json(record.model_dump_json()) == record
    data = json.loads(record.model_dump_json())
    assert "answers" not in data
    answered = {f'"{q}":["{a[0]}"' for q, a in EXAMPLE.items() if a}
    assert not any(pattern in record.model_dump_json() for pattern in answered)
    assert record.version == mini_content.version and record.quiz_id == "q1"


async def test_result_and_retake_render_from_the_record_without_scoring_again(
    mini_content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    deps = Deps(MemoryStateStore(), ServedContents([mini_content]))
    finished = await play(deps, ANA, EXAMPLE)

    def no_scoring(*args: object) -> None:
        raise AssertionError("a kept result was scored again")

    monkeypatch.setattr("bot.services.results.evaluate", no_scoring)
    again = await results.show_result(deps, ANA, None, chart=False)
    assert again.screens[0].screen.text == finished.screens[-1].screen.text
    kept = await deps.state.last_result(ANA.user_id)
    assert kept is not None
    assert again.screens[0].screen.text == summary(mini_content, kept.record, "fr")
    for name in available(mini_content, kept.record, "fr"):
        opened = await results.open_view(deps, ANA, 5, ResultPress(kept.quiz_id or "", name))
        assert opened.screens[0].screen.text == section(mini_content, kept.record, "fr", name)


def old_state_db(path: Path, content: Content) -> None:
    """A state.db as the bot left it before records: results kept as their answers."""
    db = Database(path)
    MIGRATIONS.apply(db, stop_before="m005_result_records")
    data = {
        "profile": content.profile.model_dump(mode="json"),
        "files": [[name, qfile.model_dump(mode="json")] for name, qfile in content.files],
    }
    db.table("content_versions").insert({"version": content.version, "data": json.dumps(data)})
    answers = json.dumps(EXAMPLE)
    rows = [
        ("last_results", 1, content.version, answers, "quiz0001"),
        ("previous_results", 1, "unknown-version", answers, None),
        ("last_results", 2, content.version, "not json", None),
    ]
    for table, user_id, version, kept, quiz_id in rows:
        db.table(table).insert(
            {
                "user_id": user_id,
                "version": version,
                "lang": "fr",
                "answers": kept,
                "finished_at": 1.0,
                "quiz_id": quiz_id,
            }
        )
    db.close()


def test_results_kept_as_answers_become_records_or_are_dropped(
    tmp_path: Path, mini_content: Content, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "state.db"
    old_state_db(path, mini_content)
    with caplog.at_level(logging.INFO):
        store = StateDb(path)
    kept = store.last_result(1)
    expected = record_of(
        mini_content, evaluate(mini_content, EXAMPLE), lang="fr", quiz_id="quiz0001"
    )
    assert kept is not None and kept.record == expected and kept.finished_at == 1.0
    assert store.previous_result(1) is None  # its content is unknown: dropped
    assert store.last_result(2) is None  # its answers do not read: dropped
    assert "last_results: 1 result(s) kept as records, 1 dropped" in caplog.text
    assert "previous_results: 0 result(s) kept as records, 1 dropped" in caplog.text
    with closing(sqlite3.connect(path)) as conn:
        columns = {row[1] for row in conn.execute("pragma table_info(last_results)")}
    assert "answers" not in columns
    store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert json.dumps(EXAMPLE).encode() not in raw
    assert b'"talk": ["' not in raw


@pytest.mark.parametrize(("lang", "days"), [("fr", "12 jours"), ("en", "12 days")])
def test_the_privacy_line_says_what_is_kept_and_how_long(
    mini_content: Content, lang: Lang, days: str
) -> None:
    text = to_plain(screens.welcome(mini_content, lang, "Ana", keep_days=12).text)
    assert days in text
    assert ("pas vos réponses" if lang == "fr" else "not your answers") in text
    assert "/forget" in text


def test_a_record_kept_before_the_salary_said_where_experience_came_from_still_loads(
    shipped_content: Content,
) -> None:
    """The salary figures gained `stated`, `field_weight`, `personal` and `job_language`: a
    record kept without them loads with the defaults and renders as before (a personal
    range, no line on experience from another field, which it cannot know)."""
    answers = answers_for(shipped_content, CAREER_CHANGER)
    record = record_of(shipped_content, evaluate(shipped_content, answers), lang="fr")
    assert record.salary.from_elsewhere  # twelve years as an accountant
    data = json.loads(record.model_dump_json())
    for key in ("stated", "field_weight", "personal", "job_language"):
        del data["salary"][key]
    old = ResultRecord.model_validate(data)
    assert old.salary.stated is None and old.salary.field_weight == 1 and old.salary.personal
    assert old.salary.job_language
    assert not old.salary.from_elsewhere
    text = to_plain(section(shipped_content, old, "fr", "salary") or "")
    assert to_plain(money_range(old.salary.low, old.salary.high, "fr")) in text
    assert "autre domaine" not in text
    new = to_plain(section(shipped_content, record, "fr", "salary") or "")
    assert "Votre expérience vient d’un autre domaine" in new
