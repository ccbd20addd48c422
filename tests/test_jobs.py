"""Jobs are data: a second job is a profile file and a question folder, no code.

The made-up job `cloud-tester` (tests/fixtures/jobs) is loaded, validated, served alone
and beside the shipped job, and played end to end on Telegram (the fake Bot API) and in
the terminal; with two jobs served, the person picks one at /start.
"""

from __future__ import annotations

import random
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

from bot.cli import main
from bot.content.loader import ContentError, load_content, load_profiles
from bot.content.models import Content
from bot.content.served import ServedContents
from bot.engine.change import compare
from bot.engine.record import record_of
from bot.engine.result import evaluate
from bot.presentation.payloads import MenuPress, QuizPress, decode
from bot.presentation.result_summary import summary
from bot.scorelog.demo import DEMO_SOURCE, fill_demo
from bot.scorelog.items import load_items
from bot.scorelog.store import ScoreLog
from bot.scorelog.summary import export_rows, load_summary
from bot.services import quiz
from bot.services.deps import Deps
from bot.services.reply import Person, Reply
from bot.settings import Settings, SettingsError, load_settings
from bot.state.memory import MemoryStateStore
from tests.support.fake_botapi import FakeBotAPI
from tests.support.harness import (
    QuizPlayer,
    expected_result_text,
    make_settings,
    random_choices,
    running_bot,
)
from tests.support.jobs import FAKE, JOBS_PROFILES, JOBS_QUESTIONS, SHIPPED, two_jobs
from tests.support.paths import ROOT, SHIPPED_PROFILES, SHIPPED_QUESTIONS
from tests.support.terminal import (
    CLI_SEED,
    chat_process,
    expected_answers,
    printed_figures,
    typed_answer,
)


@pytest.fixture(scope="module")
def fake() -> Content:
    return load_content(JOBS_QUESTIONS, JOBS_PROFILES)


@pytest.fixture
def both(tmp_path: Path) -> tuple[Path, Path]:
    return two_jobs(tmp_path / "content")


# --- Loading and validating ----------------------------------------------------


def test_each_profile_loads_with_its_own_question_set(
    both: tuple[Path, Path], shipped_content: Content, fake: Content
) -> None:
    contents = load_profiles(*both)
    assert [c.profile.id for c in contents] == [FAKE, SHIPPED]  # file order by default
    loaded_fake, loaded_shipped = contents
    assert [q.id for q in loaded_fake.questions] == [q.id for q in fake.questions]
    assert loaded_fake.files[0][0] == f"{FAKE}/01-qualities.yaml"
    assert loaded_shipped.questions == shipped_content.questions
    # a neighbour changes nothing of a job's version: quizzes in progress keep theirs
    assert loaded_shipped.version == shipped_content.version
    assert loaded_fake.version == fake.version


def test_the_profiles_served_come_in_the_order_named(both: tuple[Path, Path]) -> None:
    assert [c.profile.id for c in load_profiles(*both, (SHIPPED, FAKE))] == [SHIPPED, FAKE]
    assert [c.profile.id for c in load_profiles(*both, (FAKE,))] == [FAKE]


def test_a_profile_served_but_missing_is_named(both: tuple[Path, Path]) -> None:
    with pytest.raises(ContentError) as raised:
        load_profiles(*both, (SHIPPED, "nope"))
    assert f"no profile 'nope' (found: {FAKE}, {SHIPPED})" in str(raised.value)


def test_a_profile_id_is_its_file_name(both: tuple[Path, Path]) -> None:
    questions, profiles = both
    (profiles / f"{FAKE}.yaml").rename(profiles / "clouds.yaml")
    (questions / FAKE).rename(questions / "clouds")
    with pytest.raises(ContentError) as raised:
        load_profiles(questions, profiles)
    assert f"clouds.yaml:3 id: the profile id '{FAKE}' must be its file name" in str(raised.value)


def test_two_profiles_cannot_share_the_top_level_questions(both: tuple[Path, Path]) -> None:
    questions, profiles = both
    shutil.rmtree(questions / FAKE)
    with pytest.raises(ContentError) as raised:
        load_profiles(questions, profiles)
    assert f"profiles {FAKE}.yaml, {SHIPPED}.yaml would share the question files" in str(
        raised.value
    )


def test_a_profile_id_fits_in_the_begin_button(both: tuple[Path, Path]) -> None:
    questions, profiles = both
    long_id = "a-made-up-job-too-long-24"
    text = (profiles / f"{FAKE}.yaml").read_text(encoding="utf-8")
    (profiles / f"{long_id}.yaml").write_text(text.replace(f"id: {FAKE}", f"id: {long_id}"))
    shutil.copytree(questions / FAKE, questions / long_id)
    with pytest.raises(ContentError) as raised:
        load_profiles(questions, profiles, (long_id,))
    assert "at most 23 characters" in str(raised.value)


def _validate(questions: Path, profiles: Path, served: str = "") -> tuple[int, str]:
    env = {"CAREERBOT_PROFILES": served} if served else {}
    done = CliRunner().invoke(
        main, ["validate", "--questions", str(questions), "--profiles", str(profiles)], env=env
    )
    return done.exit_code, done.output


def test_validate_checks_every_profile(both: tuple[Path, Path], fake: Content) -> None:
    code, out = _validate(*both)
    assert code == 0, out
    assert f"OK: profile '{FAKE}', 8 questions in 3 files (version {fake.version})." in out
    assert f"OK: profile '{SHIPPED}'," in out

    questions, profiles = both
    skills = questions / FAKE / "02-skills.yaml"
    skills.write_text(skills.read_text(encoding="utf-8").replace("{analytics: 3}", "{analytic: 3}"))
    code, out = _validate(questions, profiles)
    assert code == 1
    assert (
        f"error: {FAKE}/02-skills.yaml:13 [tools/sheet] questions.0.options.0.evidence: "
        "unknown dimension 'analytic'" in out
    )
    assert f"OK: profile '{SHIPPED}'" not in out


def test_validate_checks_the_tagline_in_every_language(both: tuple[Path, Path]) -> None:
    questions, profiles = both
    path = profiles / f"{FAKE}.yaml"
    text = path.read_text(encoding="utf-8")
    english = '  en: "A job made up for the tests: rating clouds for their shape."\n'
    assert english in text
    path.write_text(text.replace(english, ""), encoding="utf-8")
    code, out = _validate(questions, profiles)
    assert code == 1
    assert f"{FAKE}.yaml:12 tagline: no en text (the profile's languages: fr, en)" in out
    for wrong in ("noter\\nla forme des nuages.", "noter " + "la forme des nuages " * 5):
        path.write_text(text.replace("noter la forme des nuages.", wrong), encoding="utf-8")
        code, out = _validate(questions, profiles)
        assert code == 1
        assert f"{FAKE}.yaml:12 tagline: fr: one line of at most 100 characters" in out


def test_validate_checks_the_profiles_served_exist(both: tuple[Path, Path]) -> None:
    code, out = _validate(*both, served=f"{SHIPPED},clouds")
    assert code == 1
    assert "CAREERBOT_PROFILES names 'clouds'" in out


def test_the_profiles_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERBOT_PROFILES", f" {SHIPPED}, {FAKE} ")
    assert load_settings().profiles == (SHIPPED, FAKE)
    monkeypatch.setenv("CAREERBOT_PROFILES", "Clouds!")
    with pytest.raises(SettingsError, match="invalid setting CAREERBOT_PROFILES: 'Clouds!' is not"):
        load_settings()
    monkeypatch.setenv("CAREERBOT_PROFILES", f"{FAKE},{FAKE}")
    with pytest.raises(SettingsError, match=f"profile named twice: {FAKE}"):
        load_settings()


# --- The score log ---------------------------------------------------------------


@pytest.fixture
def two_job_log(tmp_path: Path, shipped_content: Content, fake: Content) -> Path:
    """A score log with 30 results of the shipped job and 12 of the fake one."""
    path = tmp_path / "scores.db"
    log = ScoreLog(path, sources=frozenset({DEMO_SOURCE}))
    log.migrate()
    now = datetime(2026, 6, 30, 12, tzinfo=UTC)
    assert fill_demo(log, shipped_content, 30, seed=1, now=now) == 30
    assert fill_demo(log, fake, 12, seed=2, now=now) == 12
    return path


def test_each_result_keeps_its_job_and_the_logs_filter_by_it(
    two_job_log: Path, fake: Content
) -> None:
    with Database(two_job_log) as db:
        assert ["profile_id", "date"] in [index.columns for index in db["results"].indexes]
    everything = load_summary(two_job_log)
    assert everything.count == 42 and everything.by_profile == {SHIPPED: 30, FAKE: 12}
    only_fake = load_summary(two_job_log, profile=FAKE)
    assert only_fake.count == 12 and only_fake.by_profile == {FAKE: 12}
    assert set(only_fake.dimensions) == {d.id for d in fake.profile.dimensions}
    assert set(only_fake.answers) == {q.id for q in fake.questions}
    rows = export_rows(two_job_log, profile=FAKE)
    assert len(rows) == 12 and {row["profile_id"] for row in rows} == {FAKE}
    items = load_items(two_job_log, profile=FAKE)
    assert items.results == 12
    assert {item.question_id for item in items.items} <= {q.id for q in fake.questions}


def test_logs_commands_take_a_profile(two_job_log: Path) -> None:
    runner = CliRunner()
    whole = runner.invoke(main, ["logs", "summary", "--db", str(two_job_log)])
    assert whole.exit_code == 0, whole.output
    assert "Results per profile" in whole.output and FAKE in whole.output
    one = runner.invoke(main, ["logs", "summary", "--db", str(two_job_log), "--profile", FAKE])
    assert one.exit_code == 0, one.output
    assert "Results per profile" not in one.output
    assert re.search(r"Results\s+12\b", one.output), one.output
    export = runner.invoke(main, ["logs", "export", "--db", str(two_job_log), "--profile", FAKE])
    assert export.exit_code == 0
    assert len(export.output.strip().splitlines()) == 1 + 12


# --- On Telegram -----------------------------------------------------------------


def _results(data_dir: Path) -> list[dict[str, object]]:
    with Database(data_dir / "scores.db") as db:
        return list(db["results"].rows)


async def test_the_fake_job_alone_runs_a_whole_quiz(
    server: FakeBotAPI, tmp_path: Path, fake: Content
) -> None:
    settings = make_settings(
        server, tmp_path, questions_dir=JOBS_QUESTIONS, profiles_dir=JOBS_PROFILES
    )
    user = server.add_user(1701, first_name="Nina", language_code="fr")
    choices = random_choices(fake, random.Random(17))
    async with running_bot(settings):
        user.send_text("/start")
        greeting = await user.wait_for(lambda u: u.last_message)
        assert "testeur de nuages" in greeting.text and "métier imaginaire" in greeting.text
        user.press("▶️ Commencer le quiz")
        player = QuizPlayer(user, fake)
        await player.play(choices)
        result = await player.wait_result("fr")
        await server.wait_until_idle()

    assert result.text == expected_result_text(fake, choices, "fr")
    assert "Question 8/8" in user.transcript()
    assert [(row["profile_id"], row["version"]) for row in _results(tmp_path)] == [
        (FAKE, fake.version)
    ]


def _served_both(server: FakeBotAPI, tmp_path: Path, both: tuple[Path, Path]) -> Settings:
    questions, profiles = both
    settings = make_settings(server, tmp_path, questions_dir=questions, profiles_dir=profiles)
    return settings.model_copy(
        update={"profiles": (SHIPPED, FAKE), "sources": frozenset({"salon2026"})}
    )


def picker_lines(text: str) -> list[str]:
    """The lines of the picker that name a job."""
    return [line for line in text.splitlines() if line.startswith("• ")]


async def test_with_two_jobs_the_person_picks_one_at_start(
    server: FakeBotAPI,
    tmp_path: Path,
    both: tuple[Path, Path],
    fake: Content,
    shipped_content: Content,
) -> None:
    user = server.add_user(1702, first_name="Omar", language_code="fr")
    choices = random_choices(fake, random.Random(18))
    async with running_bot(_served_both(server, tmp_path, both)):
        user.send_text("/start salon2026")
        picker = await user.wait_for(lambda u: u.last_message)
        assert "Quel métier voulez-vous explorer" in picker.text
        # each job's title and tagline in the text, the buttons short: the titles alone
        assert picker_lines(picker.text) == [
            f"• Responsable e-commerce\u00a0: {shipped_content.profile.tagline('fr')}",
            f"• Testeur de nuages\u00a0: {fake.profile.tagline('fr')}",
        ]
        assert picker.buttons == ["Responsable e-commerce", "Testeur de nuages", "English"]
        # the language button redraws the picker in place, its jobs and source kept
        user.press("English")
        await user.wait_for(lambda u: "Cloud tester" in u.message(picker.message_id).buttons)
        assert user.message(picker.message_id).buttons == [
            "E-commerce manager",
            "Cloud tester",
            "Français",
        ]
        assert picker_lines(user.message(picker.message_id).text) == [
            f"• E-commerce manager: {shipped_content.profile.tagline('en')}",
            f"• Cloud tester: {fake.profile.tagline('en')}",
        ]
        user.press("Cloud tester")
        await user.wait_for(lambda u: "cloud tester" in u.message(picker.message_id).text)
        # the greeting's language button keeps its job (and source), there and back
        user.press("Français")
        await user.wait_for(lambda u: "testeur de nuages" in u.message(picker.message_id).text)
        user.press("English")
        await user.wait_for(lambda u: "cloud tester" in u.message(picker.message_id).text)
        user.press("▶️ Start the quiz")
        player = QuizPlayer(user, fake)
        await player.play(choices)
        result = await player.wait_result("en")
        # /about speaks of the job taken, /restart starts it again
        user.send_text("/about")
        about = await user.wait_for(lambda u: u.last_text if "The job of" in u.last_text else None)
        user.send_text("/restart")
        await player.wait_question(1)
        await server.wait_until_idle()

    assert result.text == expected_result_text(fake, choices, "en")
    assert about.startswith("The job of cloud tester\n") and fake.profile.summary("en") in about
    assert fake.profile.about.source("en") in about
    assert fake.profile.about.core_missions("en") in about
    assert "e-commerce" not in about.lower() and "e-commerce" not in result.text.lower()
    rows = _results(tmp_path)
    assert [(row["profile_id"], row["source"], row["lang"]) for row in rows] == [
        (FAKE, "salon2026", "en")
    ]


async def test_with_two_jobs_the_other_job_is_its_own_quiz(
    server: FakeBotAPI, tmp_path: Path, both: tuple[Path, Path], shipped_content: Content
) -> None:
    user = server.add_user(1703, first_name="Léa", language_code="fr")
    async with running_bot(_served_both(server, tmp_path, both)):
        user.send_text("/start")
        await user.wait_for(lambda u: "Responsable e-commerce" in u.buttons())
        user.press("Responsable e-commerce")
        await user.wait_for(lambda u: "▶️ Commencer le quiz" in u.buttons())
        user.press("▶️ Commencer le quiz")
        first = await QuizPlayer(user, shipped_content).wait_question(1)
        await server.wait_until_idle()
    assert shipped_content.questions[0].text("fr") in first.text


# --- In the terminal ---------------------------------------------------------------


def _chat(tmp_path: Path, questions: Path, profiles: Path, typed: str, served: str = "") -> str:
    done = chat_process(
        tmp_path,
        [],
        typed,
        CAREERBOT_QUESTIONS_DIR=str(questions),
        CAREERBOT_PROFILES_DIR=str(profiles),
        CAREERBOT_PROFILES=served,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _answered(out: str, content: Content) -> None:
    expected = evaluate(content, expected_answers(content, CLI_SEED))
    assert printed_figures(out, "fr") == (
        round(expected.score.overall),
        expected.salary.shown,
    )
    assert content.questions[0].text("fr") in out and "Question 8/8" in out


def test_the_fake_job_alone_in_the_terminal(tmp_path: Path, fake: Content) -> None:
    typed = "".join(typed_answer(q) + "\n" for q in fake.questions)
    out = _chat(tmp_path, JOBS_QUESTIONS, JOBS_PROFILES, typed)
    assert "Quel métier" not in out
    assert "testeur de nuages" in out
    _answered(out, fake)


def test_with_two_jobs_the_terminal_asks_which(
    tmp_path: Path, both: tuple[Path, Path], fake: Content
) -> None:
    typed = "3\n2\n" + "".join(typed_answer(q) + "\n" for q in fake.questions)
    out = _chat(tmp_path, *both, typed, served=f"{SHIPPED},{FAKE}")
    assert "1. Responsable e-commerce – Faire connaître et vendre sur Internet" in out
    assert f"2. Testeur de nuages – {fake.profile.tagline('fr')}" in out
    assert "Tapez un numéro de 1 à 2, ou q pour quitter." in out  # "3" is not one
    _answered(out, fake)


#: Words of job titles that say nothing of one job in particular.
GENERIC_TITLE_WORDS = frozenset(
    [
        "responsable",
        "manager",
        "chargé",
        "chargée",
        "ou",
        "des",
        "de",
        "en",
        "ligne",
        "ventes",
        "web",
        "marketing",
        "online",
        "sales",
    ]
)


def _job_words(content: Content) -> set[str]:
    """The words that name the job: those of its titles and aliases, in every language,
    but the generic ones ("responsable", "manager")."""
    texts = [content.profile.title, *content.profile.aliases]
    words = {
        word
        for text in texts
        for lang in content.languages
        for word in re.findall(r"[\w-]+", text(lang).lower())
    }
    return words - GENERIC_TITLE_WORDS


def test_the_code_names_no_job(shipped_content: Content) -> None:
    """Everything about the job is in its profile: the code, the bot's own texts (the
    catalogues, compiled or not) and the command's help name none of its words."""
    words = _job_words(shipped_content)
    assert {"e-commerce", "webmarketing", "e-business", "e-marketing"} <= words
    found = []
    for path in sorted(p for p in (ROOT / "bot").rglob("*") if p.is_file()):
        text = path.read_bytes().decode("utf-8", errors="ignore").lower()
        found += [
            f"{path.relative_to(ROOT)}: {word}"
            for word in sorted(words)
            if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)
        ]
    assert not found


def test_the_shipped_job_keeps_its_files_at_the_top() -> None:
    """The shipped job's questions stay where they were: no folder of its own is needed."""
    assert not (SHIPPED_QUESTIONS / SHIPPED).exists()
    assert load_content(SHIPPED_QUESTIONS, SHIPPED_PROFILES).profile.id == SHIPPED


# --- The use cases, on in-memory stores ---------------------------------------------

PERSON = Person(user_id=7, chat_id=7, language_code="fr", first_name="Ana")


def _two_served(mini_content: Content, fake: Content) -> Deps:
    """The mini job and the fake one: the same question ids, two different jobs."""
    return Deps(MemoryStateStore(), ServedContents([mini_content, fake]), new_quiz_id=lambda: "q")


async def _play(deps: Deps, profile: str, answers: dict[str, tuple[str, ...]]) -> Reply:
    """Begin `profile` from its greeting and answer every question; the last reply."""
    reply = await quiz.press(deps, PERSON, 1, MenuPress("begin", "", profile))
    while (on := next((shown.asked for shown in reply.screens if shown.asked), None)) is not None:
        question = on.quiz.current(on.session)
        assert question is not None and on.quiz.content.profile.id == profile
        step = on.session.step
        if question.kind == "multiple":
            for option in answers[question.id]:
                toggled = await quiz.press(deps, PERSON, 1, QuizPress("q", step, "toggle", option))
                step = next(s.asked for s in toggled.screens if s.asked).session.step
            reply = await quiz.press(deps, PERSON, 1, QuizPress("q", step, "confirm"))
        else:
            choice = answers[question.id][0]
            reply = await quiz.press(deps, PERSON, 1, QuizPress("q", step, "answer", choice))
    return reply


async def test_start_offers_the_jobs_and_a_job_button_its_greeting(
    mini_content: Content, fake: Content
) -> None:
    deps = _two_served(mini_content, fake)
    [shown] = (await quiz.start(deps, PERSON, "salon2026")).screens
    presses = [decode(b.data) for row in shown.screen.buttons for b in row]
    assert presses[:2] == [
        MenuPress("job", "salon2026", "mini"),
        MenuPress("job", "salon2026", FAKE),
    ]
    [greeting] = (await quiz.press(deps, PERSON, 5, MenuPress("job", "salon2026", FAKE))).screens
    assert greeting.where == 5 and "testeur de nuages" in greeting.screen.text
    begin = decode(greeting.screen.buttons[0][0].data)
    assert begin == MenuPress("begin", "salon2026", FAKE)
    # a job no longer served: a short notice, nothing started
    gone = await quiz.press(deps, PERSON, 5, MenuPress("job", "", "gone"))
    assert gone.notice and not gone.screens
    assert await deps.state.load_quiz(PERSON.user_id) is None


async def test_what_changed_compares_results_of_the_same_job_only(
    mini_content: Content, fake: Content
) -> None:
    deps = _two_served(mini_content, fake)
    answers = random_choices(fake, random.Random(5))
    await _play(deps, "mini", answers)
    other_job = await _play(deps, FAKE, answers)
    record = record_of(fake, evaluate(fake, answers), lang="fr")
    assert other_job.screens[0].screen.text == summary(fake, record, "fr", None)
    same_job = await _play(deps, FAKE, answers)
    since_last = summary(fake, record, "fr", compare(fake, record, record))
    assert same_job.screens[0].screen.text == since_last != summary(fake, record, "fr")
    # /restart with no quiz in progress starts the person's job again
    restarted = await quiz.restart(deps, PERSON, None, None)
    assert next(s.asked for s in restarted.screens if s.asked).quiz.content.profile.id == FAKE
