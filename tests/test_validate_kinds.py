"""`careerbot validate` on the question kinds the verdict relies on, with the shipped files.

Each case copies the shipped questions and profile, breaks one rule of a forced
choice or of a cap rule that reads a statement, and checks the one error
names the file, the item and the problem.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from tests.support.paths import SHIPPED_PROFILES, SHIPPED_QUESTIONS

PROFILE = "responsable-e-commerce.yaml"


class Shipped:
    """A writable copy of the shipped questions and profile."""

    def __init__(self, root: Path) -> None:
        self.questions = root / "questions"
        self.profiles = root / "profiles"
        shutil.copytree(SHIPPED_QUESTIONS, self.questions)
        shutil.copytree(SHIPPED_PROFILES, self.profiles)

    def edit(self, name: str, old: str, new: str) -> None:
        folder = self.profiles if name == PROFILE else self.questions
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    def problems(self) -> list[str]:
        result = CliRunner().invoke(
            main, ["validate", "--questions", str(self.questions), "--profiles", str(self.profiles)]
        )
        assert result.exit_code == (1 if result.stderr else 0), result.output
        return [line for line in result.stderr.splitlines() if line.startswith("error:")]


@pytest.fixture
def shipped(tmp_path: Path) -> Shipped:
    return Shipped(tmp_path)


def test_the_shipped_files_pass(shipped: Shipped) -> None:
    assert shipped.problems() == []


def test_a_constraint_reads_a_likert_statement(shipped: Shipped) -> None:
    shipped.edit(PROFILE, "    statement: fixed_hours\n", "    statement: tasks_prefer\n")
    (problem,) = shipped.problems()
    assert "[hours] constraints." in problem
    assert "'tasks_prefer' is not a likert statement" in problem


def test_a_constraint_s_statement_needs_its_threshold(shipped: Shipped) -> None:
    shipped.edit(PROFILE, "    at_least: 3\n", "")
    (problem,) = shipped.problems()
    assert "`statement` and `at_least` go together" in problem


def test_a_constraint_s_low_answers_read_a_statement_not_reverse_keyed(shipped: Shipped) -> None:
    shipped.edit(PROFILE, "{new_tools: 1, web_culture: 1}", "{new_tools: 1, legal_unknown: 1}")
    (problem,) = shipped.problems()
    assert "[screen] constraints." in problem
    assert "'legal_unknown' is not a likert statement that is not reverse-keyed" in problem


def test_a_statement_rule_reads_a_likert_statement(shipped: Shipped) -> None:
    shipped.edit(PROFILE, "    statement: like_leading\n", "    statement: tasks_prefer\n")
    (problem,) = shipped.problems()
    assert f"{PROFILE}:" in problem and "[no_leading] caps." in problem
    assert "'tasks_prefer' is not a likert statement" in problem


def test_a_statement_rule_quotes_the_answer(shipped: Shipped) -> None:
    shipped.edit(
        PROFILE,
        '      en: "You answered “{answer}” about leading a team,',
        '      en: "You answered so about leading a team,',
    )
    (problem,) = shipped.problems()
    assert "[no_leading] caps.4.reason.en: the reason quotes the answer with {answer}" in problem


def test_a_cap_rule_s_exception_names_recorded_answers(shipped: Shipped) -> None:
    """`unless` (an exception on background answers) is checked like `background`."""
    shipped.edit(
        PROFILE,
        "    unless: {education: [none, bac, studying], experience: [5to10, 10plus]",
        "    unless: {education: [none, bac, studying], experience: [5to9, 10plus]",
    )
    (problem,) = shipped.problems()
    assert "[needs_training] caps.0.unless.experience: unknown experience value '5to9'" in problem


def test_a_forced_choice_has_no_none_of_these(shipped: Shipped) -> None:
    shipped.edit(
        "02-missions.yaml",
        "      - id: design\n",
        "      - id: none\n        exclusive: true\n"
        '        text: {fr: "Aucune", en: "None"}\n      - id: design\n',
    )
    (problem,) = shipped.problems()
    assert "02-missions.yaml:" in problem and "[tasks_prefer]" in problem
    assert "a forced choice has no “none of these” option" in problem


def test_a_forced_choice_picks_fewer_than_it_shows(shipped: Shipped) -> None:
    shipped.edit("02-missions.yaml", "    pick: 2\n", "    pick: 6\n")
    (problem,) = shipped.problems()
    assert "[tasks_prefer] questions." in problem
    assert "a forced choice picks fewer options than it shows" in problem


@pytest.mark.parametrize(
    ("old", "new", "count"),
    [
        ("      - id: d14\n        right: true\n", "      - id: d14\n", 0),
        ("      - id: d7\n", "      - id: d7\n        right: true\n", 2),
    ],
)
def test_a_knowledge_question_needs_exactly_one_right_answer(
    shipped: Shipped, old: str, new: str, count: int
) -> None:
    shipped.edit("04-knowledge.yaml", old, new)
    problems = shipped.problems()
    wanted = f"exactly one right answer (`right: true`), not {count}"
    assert any("[know_withdrawal]" in p and wanted in p for p in problems), problems
    # the evidence must sit on the one right answer
    assert any("the right answer, and only it, gives evidence" in p for p in problems)


def test_a_knowledge_question_needs_the_origin_of_its_fact(shipped: Shipped) -> None:
    shipped.edit(
        "04-knowledge.yaml",
        '    origin: "Standard retail definition: average order value (panier moyen) = revenue'
        ' divided by the number of orders."\n',
        "",
    )
    (problem,) = shipped.problems()
    assert "04-knowledge.yaml:" in problem and "[know_basket]" in problem
    assert "a knowledge question needs the `origin` of its fact" in problem


def test_scenario_options_of_very_different_lengths_are_refused(shipped: Shipped) -> None:
    shipped.edit(
        "02-missions.yaml",
        'text: {fr: "Je demande d’abord un essai d’un mois",',
        'text: {fr: "Un essai",',
    )
    (problem,) = shipped.problems()
    assert "[marketplace] questions." in problem and ".options.fr:" in problem
    assert (
        "scenario options differ too much in length (8 to 48 characters; at most 1.5×)" in problem
    )
