"""`careerbot validate`: OK on the shipped files, and clear errors on broken copies.

Each broken case copies the mini fixture into a temporary directory, breaks one
thing, and checks the message names the file, the line, the item ([question or
question/option id]), the field path and the problem, so an admin can go
straight to it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from telegram.constants import InlineKeyboardButtonLimit, MessageLimit

from bot.cli import main
from bot.engine.session import MAX_SOURCE_CHARS
from bot.presentation.payloads import MenuPress, QuizPress
from tests.support.new_language import copy_content
from tests.support.paths import MINI, MINI_PROFILES, MINI_QUESTIONS, ROOT


@dataclass
class Copy:
    """A writable copy of the mini content."""

    root: Path

    @property
    def questions(self) -> Path:
        return self.root / "questions"

    @property
    def profiles(self) -> Path:
        return self.root / "profiles"

    def path(self, name: str) -> Path:
        folder = self.profiles if name == "mini.yaml" else self.questions
        return folder / name

    def edit(self, name: str, old: str, new: str) -> int:
        """Replace `old` (found once) by `new`; the 1-based line where it was."""
        path = self.path(name)
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")
        return line_of(text, old)

    def validate(self) -> Result:
        return CliRunner().invoke(
            main, ["validate", "--questions", str(self.questions), "--profiles", str(self.profiles)]
        )


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


@pytest.fixture
def copy(tmp_path: Path) -> Copy:
    shutil.copytree(MINI, tmp_path / "mini")
    return Copy(tmp_path / "mini")


def errors(result: Result) -> list[str]:
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    # "note:" lines say which checks wait for a file that does not load; they are no problem.
    *problems, summary = [x for x in result.stderr.splitlines() if not x.startswith("note: ")]
    assert summary == f"{len(problems)} problem{'s' if len(problems) > 1 else ''} found."
    return problems


# --- Passing -----------------------------------------------------------------------------


def test_shipped_files_pass() -> None:
    result = CliRunner().invoke(
        main,
        ["validate", "--questions", str(ROOT / "questions"), "--profiles", str(ROOT / "profiles")],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK: profile 'responsable-e-commerce', ")
    assert result.stderr == ""


def test_mini_fixture_passes(copy: Copy) -> None:
    result = copy.validate()
    assert result.exit_code == 0, result.output
    assert "8 questions in 3 files" in result.stdout


def test_python_m_bot_validate_in_a_real_process() -> None:
    env = {
        **os.environ,
        "CAREERBOT_QUESTIONS_DIR": str(ROOT / "questions"),
        "CAREERBOT_PROFILES_DIR": str(ROOT / "profiles"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", "validate"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK: profile 'responsable-e-commerce'")


# --- One problem at a time --------------------------------------------------------------


def test_misspelt_dimension_in_evidence(copy: Copy) -> None:
    line = copy.edit(
        "01-qualities.yaml",
        "evidence: {adaptability: 4, communication: 4, analytics: 4}",
        "evidence: {adaptability: 4, comunication: 4, analytics: 4}",
    )
    # the misspelt name no longer counts as a source of communication
    assert errors(copy.validate()) == [
        f"error: 01-qualities.yaml:{line} [change/adapt] questions.1.options.0.evidence: "
        "unknown dimension 'comunication'",
        f"error: mini.yaml:{COMMUNICATION_LINE} [communication] dimensions.0.id: only 1 question"
        " gives evidence for this dimension; it needs at least 2 (a self-rating and a scenario"
        " or a “have you done…” question)",
    ]


#: The line of the communication dimension in mini.yaml.
COMMUNICATION_LINE = line_of(
    (MINI / "profiles" / "mini.yaml").read_text(encoding="utf-8"), "  - id: communication"
)

TALK_TEXT_FR = "    text:\n      fr: J'aime expliquer une idée à des inconnus.\n"
TALK_TEXT_EN = "      en: I enjoy explaining an idea to strangers.\n"


def test_missing_english_translation(copy: Copy) -> None:
    line = copy.edit("01-qualities.yaml", TALK_TEXT_FR + TALK_TEXT_EN, TALK_TEXT_FR)
    assert errors(copy.validate()) == [
        f"error: 01-qualities.yaml:{line} [talk] questions.0.text: "
        "no en text (the profile's languages: fr, en)"
    ]


def test_yaml_syntax_error(copy: Copy) -> None:
    line = copy.edit("02-skills.yaml", "  - id: webcult\n", "  - id: webcult: oops\n")
    assert errors(copy.validate()) == [
        f"error: 02-skills.yaml:{line} YAML syntax error: mapping values are not allowed here"
    ]


def test_duplicate_question_id(copy: Copy) -> None:
    line = copy.edit("03-background.yaml", "  - id: market\n", "  - id: talk\n")
    assert errors(copy.validate()) == [
        f"error: 03-background.yaml:{line} [talk] questions.3.id: "
        "duplicate question id 'talk' (also in 01-qualities.yaml)"
    ]


def test_empty_option_list(copy: Copy) -> None:
    line = copy.edit(
        "03-background.yaml",
        "    options:\n"
        "      - {id: small, value: small, text: {fr: Une petite boutique, en: A small shop}}\n"
        "      - {id: large, value: large, text: {fr: Une grande marque, en: A big brand}}\n",
        "    options: []\n",
    )
    found = errors(copy.validate())
    assert (
        f"error: 03-background.yaml:{line} [employer] questions.2.options: the option list is empty"
        in found
    )


def test_salary_scale_without_its_question(copy: Copy) -> None:
    line = copy.edit("mini.yaml", "    background: experience\n", "    background: seniority\n")
    assert errors(copy.validate()) == [
        f"error: mini.yaml:{line} [experience] salary.experience.background: "
        "background 'seniority' is recorded by no question"
    ]


def test_training_step_with_an_unknown_answer_value(copy: Copy) -> None:
    line = copy.edit(
        "mini.yaml", "      - {education: [bac]}\n", "      - {education: [bac], field: [x]}\n"
    )
    assert errors(copy.validate()) == [
        f"error: mini.yaml:{line} [bac2] training.0.when.0.field: "
        "background 'field' is recorded by no question"
    ]


def test_training_step_exception_with_an_unknown_answer_value(copy: Copy) -> None:
    old = "      - {education: [bac]}\n"
    line = copy.edit("mini.yaml", old, old + "    unless: [{education: [phd]}]\n")
    assert errors(copy.validate()) == [
        f"error: mini.yaml:{line + 1} [bac2] training.0.unless.0.education: "
        "unknown education value 'phd'"
    ]


def test_uncovered_profile_dimension(copy: Copy) -> None:
    copy.edit(
        "mini.yaml",
        "bands:\n",
        "  - id: negotiation\n"
        "    category: qualities\n"
        "    label: {fr: Négociation, en: Negotiation}\n"
        "    weight: 1\n"
        "    required: 2\n"
        "    mission: sell\n"
        "    develop: {fr: Négocier, en: Negotiate}\n"
        "bands:\n",
    )
    line = line_of(copy.path("mini.yaml").read_text(encoding="utf-8"), "  - id: negotiation")
    assert errors(copy.validate()) == [
        f"error: mini.yaml:{line} [negotiation] dimensions.6.id: "
        "no question gives evidence for this dimension"
    ]


def test_over_long_option_id(copy: Copy) -> None:
    long_id = "i-keep-my-plan-whatever-happens-next"  # 36 characters
    line = copy.edit("01-qualities.yaml", "      - id: refuse\n", f"      - id: {long_id}\n")
    assert errors(copy.validate()) == [
        f"error: 01-qualities.yaml:{line} [change/{long_id}] questions.1.options.2.id: "
        "String should have at most 32 characters"
    ]


def test_every_accepted_option_id_fits_a_button_payload() -> None:
    """The 32-character id limit is what keeps button payloads within 64 bytes."""
    widest_quiz_id, widest_step = "f" * 8, 99_999  # a quiz id is 8 hex digits; 5 digits of steps
    payload = QuizPress(widest_quiz_id, widest_step, "toggle", "z" * 32).encode()
    assert len(payload.encode()) <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA


def test_the_longest_source_is_a_deep_link_and_fits_the_begin_button() -> None:
    """The source of `/start` rides in the greeting's Begin button."""
    assert MAX_SOURCE_CHARS <= MessageLimit.DEEP_LINK_LENGTH
    payload = MenuPress("begin", "z" * MAX_SOURCE_CHARS).encode()
    assert len(payload.encode()) <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA


def test_salary_factor_missing_a_level(copy: Copy) -> None:
    line = copy.edit(
        "mini.yaml",
        "levels: {bac: 0, bac2: 0.25, bac3: 0.5, master: 1}",
        "levels: {bac: 0, bac3: 0.5, master: 1}",
    )
    assert errors(copy.validate()) == [
        f"error: mini.yaml:{line} [education] salary.education.levels: "
        "no level for answer value 'bac2'"
    ]


# --- Several problems at once -------------------------------------------------------------


def test_a_text_in_a_language_the_profile_does_not_declare(copy: Copy) -> None:
    line = copy.edit(
        "01-qualities.yaml", TALK_TEXT_FR, TALK_TEXT_FR + "      de: Ich erkläre gern.\n"
    )
    assert errors(copy.validate()) == [
        f"error: 01-qualities.yaml:{line} [talk] questions.0.text: "
        "de is not a language of the profile (the profile's languages: fr, en)"
    ]


def test_a_declared_language_needs_every_text_and_its_catalogue(copy: Copy, tmp_path: Path) -> None:
    """Declaring a language asks for its text everywhere, and for the bot's own texts in it."""
    profile = copy.profiles / "mini.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("  - code: en\n", "  - code: en\n  - code: eo\n"), "utf-8")
    found = errors(copy.validate())
    assert len(found) > 10 and all(
        "no eo text (the profile's languages: fr, en, eo)" in line for line in found
    )

    questions, profiles = copy_content(MINI_QUESTIONS, MINI_PROFILES, tmp_path / "eo", "eo")
    result = CliRunner().invoke(
        main, ["validate", "--questions", str(questions), "--profiles", str(profiles)]
    )
    assert result.exit_code == 1
    assert "cannot read the eo catalogue" in result.stderr


def test_several_file_problems_reported_together(copy: Copy) -> None:
    english = copy.edit("01-qualities.yaml", TALK_TEXT_FR + TALK_TEXT_EN, TALK_TEXT_FR)
    syntax = copy.edit("02-skills.yaml", "  - id: webcult\n", "  - id: webcult: oops\n")
    kind = copy.edit(
        "03-background.yaml",
        "    kind: single\n    background: market",
        "    kind: singel\n    background: market",
    )
    found = errors(copy.validate())
    assert len(found) == 3
    assert (
        found[0] == f"error: 01-qualities.yaml:{english} [talk] questions.0.text: "
        "no en text (the profile's languages: fr, en)"
    )
    assert found[1].startswith(f"error: 02-skills.yaml:{syntax} YAML syntax error")
    assert found[2].startswith(f"error: 03-background.yaml:{kind} [market] questions.3.kind:")
    assert "'likert', 'single', 'multiple' or 'knowledge'" in found[2]


def test_several_cross_file_problems_reported_together(copy: Copy) -> None:
    evidence = copy.edit(
        "01-qualities.yaml",
        "evidence: {adaptability: 4, communication: 4, analytics: 4}",
        "evidence: {adaptability: 4, comunication: 4, analytics: 4}",
    )
    duplicate = copy.edit("03-background.yaml", "  - id: market\n", "  - id: talk\n")
    level = copy.edit(
        "mini.yaml",
        "levels: {none: 0, 1to3: 0.25, 3to10: 0.75, 10plus: 1}",
        "levels: {none: 0, 1to3: 0.25, 3to10: 0.75}",
    )
    # question files first, in file order, then what the profile misses
    assert errors(copy.validate()) == [
        f"error: 01-qualities.yaml:{evidence} [change/adapt] questions.1.options.0.evidence: "
        "unknown dimension 'comunication'",
        f"error: 03-background.yaml:{duplicate} [talk] questions.3.id: "
        "duplicate question id 'talk' (also in 01-qualities.yaml)",
        f"error: mini.yaml:{COMMUNICATION_LINE} [communication] dimensions.0.id: only 1 question"
        " gives evidence for this dimension; it needs at least 2 (a self-rating and a scenario"
        " or a “have you done…” question)",
        f"error: mini.yaml:{level} [experience] salary.experience.levels: "
        "no level for answer value '10plus'",
    ]


# --- Measuring twice, exclusive options, gates ---------------------------------------------


def test_a_quality_with_one_source_is_refused(copy: Copy) -> None:
    copy.edit(
        "01-qualities.yaml",
        "dimensions: [communication, adaptability]",
        "dimensions: [communication]",
    )
    line = line_of(copy.path("mini.yaml").read_text(encoding="utf-8"), "  - id: adaptability")
    assert errors(copy.validate()) == [
        f"error: mini.yaml:{line} [adaptability] dimensions.1.id: only 1 question gives evidence"
        " for this dimension; it needs at least 2 (a self-rating and a scenario or a"
        " “have you done…” question)"
    ]


def test_a_background_fact_may_rest_on_one_question(copy: Copy) -> None:
    # diploma and practice are each recorded by one question only: that is fine
    assert copy.validate().exit_code == 0


def test_an_exclusive_option_on_a_single_choice_is_refused(copy: Copy) -> None:
    line = copy.edit(
        "01-qualities.yaml",
        "      - id: refuse\n",
        "      - id: refuse\n        exclusive: true\n",
    )
    assert errors(copy.validate()) == [
        f"error: 01-qualities.yaml:{line + 1} [change/refuse] questions.1.options.2.exclusive: "
        "only an option of a multiple choice question can be exclusive"
    ]


def test_an_exclusive_option_with_evidence_is_refused(copy: Copy) -> None:
    line = copy.edit(
        "02-skills.yaml",
        "      - id: html\n",
        "      - id: html\n        exclusive: true\n",
    )
    assert errors(copy.validate()) == [
        f"error: 02-skills.yaml:{line + 3} [tools/html] questions.0.options.2.evidence: "
        "an exclusive option (none of these) gives no evidence"
    ]


def test_reverse_keying_a_choice_is_refused(copy: Copy) -> None:
    line = copy.edit(
        "01-qualities.yaml", "    kind: single\n", "    kind: single\n    reverse: true\n"
    )
    assert errors(copy.validate()) == [
        f"error: 01-qualities.yaml:{line + 1} [change] questions.1.reverse: "
        "only a likert question can be reverse-keyed"
    ]


def test_a_cap_rule_naming_an_unknown_band_is_refused(copy: Copy) -> None:
    line = copy.edit("mini.yaml", "    max_band: low\n", "    max_band: lowest\n")
    assert errors(copy.validate()) == [
        f"error: mini.yaml:{line} [untrained] caps.0.max_band: "
        "unknown band 'lowest' (bands: high, low, medium)"
    ]


def test_a_cap_rule_with_two_conditions_is_refused(copy: Copy) -> None:
    line = copy.edit(
        "mini.yaml",
        "    readiness: [after_training]\n",
        "    readiness: [after_training]\n    interest_below: 50\n",
    )
    assert errors(copy.validate()) == [
        f"error: mini.yaml:{line - 1} [untrained] caps.0: "
        "give exactly one condition: `readiness`, `interest_below`, `statement`, `inconsistent`"
        " or `background`",
        f"error: mini.yaml:{line + 1} [untrained] caps.0.interest_below: "
        "`interest_below` needs dimensions of category interest",
    ]


def test_a_cap_rule_on_people_who_are_ready_is_refused(copy: Copy) -> None:
    line = copy.edit("mini.yaml", "    readiness: [after_training]\n", "    readiness: [ready]\n")
    assert errors(copy.validate()) == [
        f"error: mini.yaml:{line} [untrained] caps.0.readiness: "
        "a cap cannot apply to people who meet the requirements"
    ]


def test_an_entry_route_with_an_unknown_diploma_is_refused(copy: Copy) -> None:
    line = copy.edit("mini.yaml", "      education: [master]\n", "      education: [phd]\n")
    assert errors(copy.validate()) == [
        f"error: mini.yaml:{line} [master] entry.routes.0.education: unknown education value 'phd'"
    ]


def test_an_entry_route_when_naming_an_unknown_answer_is_refused(copy: Copy) -> None:
    old = "      education: [master]\n"
    line = copy.edit("mini.yaml", old, old + "      when: [{education: [phd]}, {hobby: [x]}]\n")
    assert errors(copy.validate()) == [
        f"error: mini.yaml:{line + 1} [master] entry.routes.0.when.0.education: "
        "unknown education value 'phd'",
        f"error: mini.yaml:{line + 1} [master] entry.routes.0.when.1.hobby: "
        "background 'hobby' is recorded by no question",
    ]


def test_a_salary_later_naming_an_unknown_step_is_refused(copy: Copy) -> None:
    old = "    levels: {bac: 0, bac2: 0.25, bac3: 0.5, master: 1}\n"
    later = (
        "  later:\n"
        "    - path: [nowhere]\n"
        "      origin: general\n"
        "      note: a step that is not in the training path\n"
        "      when: {fr: une fois ailleurs, en: once elsewhere}\n"
    )
    line = copy.edit("mini.yaml", old, old + later)
    assert errors(copy.validate()) == [
        f"error: mini.yaml:{line + 2} salary.later.0.path: unknown training step 'nowhere'"
    ]


def test_a_caps_together_naming_an_unknown_rule_is_refused(copy: Copy) -> None:
    line = copy.edit(
        "mini.yaml", "training:\n", "caps_together:\n  rules: [untrained, unheard]\ntraining:\n"
    )
    assert errors(copy.validate()) == [
        f"error: mini.yaml:{line + 1} caps_together.rules.1: unknown cap rule 'unheard'"
    ]


def test_a_stricter_band_must_be_known(copy: Copy) -> None:
    copy.edit("mini.yaml", "    max_band: low\n", "    max_band: low\n    stricter: {0: lowest}\n")
    problems = errors(copy.validate())
    assert any(
        "caps.0.stricter.0: unknown band 'lowest' (bands: high, low, medium)" in p for p in problems
    ), problems
    assert any("answer 0 is not among the rule's `answers`" in p for p in problems), problems
