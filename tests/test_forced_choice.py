"""The forced choice: pick exactly two of six tasks; a task not picked is not refused."""

from __future__ import annotations

import pytest

from bot.content.models import Content
from bot.engine.scoring import NOT_PICKED, evidence
from bot.engine.session import Quiz, QuizError, QuizSession
from bot.presentation.payloads import QuizPress, decode
from bot.presentation.screens import question_screen
from bot.presentation.texts import t


def at_forced_choice(content: Content) -> tuple[Quiz, QuizSession]:
    quiz = Quiz(content)
    session = quiz.start(quiz_id="f0rced01", lang="fr", started_at=0.0)
    position = [q.id for q in content.questions].index("tasks_prefer")
    return quiz, session.model_copy(update={"position": position})


def verbs(quiz: Quiz, session: QuizSession) -> list[str]:
    presses = [decode(b.data) for row in question_screen(quiz, session).buttons for b in row]
    return [p.verb for p in presses if isinstance(p, QuizPress)]


def test_confirm_comes_only_with_exactly_two_picks(shipped_content: Content) -> None:
    quiz, session = at_forced_choice(shipped_content)
    screen = question_screen(quiz, session)
    assert t("hint_pick", "fr", count=2) in screen.text
    assert "confirm" not in verbs(quiz, session)
    with pytest.raises(QuizError):
        quiz.confirm(session)
    one = quiz.toggle(session, "sell")
    assert "confirm" not in verbs(quiz, one)
    with pytest.raises(QuizError):
        quiz.confirm(one)
    two = quiz.toggle(one, "code")
    assert "confirm" in verbs(quiz, two)
    three = quiz.toggle(two, "lead")
    assert "confirm" not in verbs(quiz, three)
    done = quiz.confirm(quiz.toggle(three, "code"))
    assert done.answers["tasks_prefer"] == ("sell", "lead")


def test_a_task_not_picked_is_middling_not_refused(shipped_content: Content) -> None:
    question = shipped_content.question_by_id["tasks_prefer"]
    levels = evidence(question, ("sell", "code"))
    assert levels["sales_passion"] == 4
    assert levels["interest_team"] == levels["interest_data"] == NOT_PICKED
    assert levels["interest_partners"] == NOT_PICKED > 0
    # picking the neighbouring jobs' tasks shows nothing, and refuses nothing either
    assert set(evidence(question, ("code", "design")).values()) == {NOT_PICKED}
