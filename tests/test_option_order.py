"""Answer order and "none of these": shuffled per quiz, deterministic, exclusive options.

The order of a choice question's answers comes from the quiz id alone (a pure
function), so it is the same after Back, a language switch or a bot restart,
and the position of the best answer tells nothing. Likert scales and ordered
scales (diplomas, years) keep the file's order.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.content.models import Content, Question
from bot.engine.session import LIKERT_CHOICES, Quiz, QuizSession, option_order
from bot.presentation.payloads import QuizPress, decode
from bot.presentation.screens import Button, question_screen

QUIZ_IDS = st.text(alphabet="0123456789abcdef", min_size=8, max_size=8)


def shuffled(content: Content) -> list[Question]:
    return [q for q in content.questions if q.kind != "likert" and not q.ordered]


def at(quiz: Quiz, quiz_id: str, question_id: str) -> QuizSession:
    """A session of quiz `quiz_id` standing on `question_id`."""
    session = quiz.start(quiz_id=quiz_id, lang="fr", started_at=0.0)
    position = [q.id for q in quiz.content.questions].index(question_id)
    return session.model_copy(update={"position": position})


def shown(rows: list[list[Button]]) -> list[str]:
    """The option ids of a question screen's answer buttons, top to bottom."""
    ids = []
    for row in rows:
        for button in row:
            press = decode(button.data)
            if isinstance(press, QuizPress) and press.verb in ("answer", "toggle"):
                ids.append(press.arg)
    return ids


# --- The order ------------------------------------------------------------------------------


@given(quiz_id=QUIZ_IDS)
def test_the_order_is_a_permutation_fixed_by_the_quiz_id(
    shipped_content: Content, quiz_id: str
) -> None:
    for question in shuffled(shipped_content):
        order = option_order(quiz_id, question)
        assert sorted(order) == sorted(o.id for o in question.options)
        assert option_order(quiz_id, question) == order  # pure: same input, same order


def test_scales_keep_their_order(shipped_content: Content) -> None:
    for question in shipped_content.questions:
        if question.kind == "likert":
            assert option_order("anything", question) == LIKERT_CHOICES
        elif question.ordered:
            assert option_order("anything", question) == tuple(o.id for o in question.options)
    ordered = {q.id for q in shipped_content.questions if q.ordered}
    assert {"education", "experience"} <= ordered


def test_none_of_these_stays_last(shipped_content: Content) -> None:
    for quiz_id in ("a", "b", "c", "d"):
        for question in shuffled(shipped_content):
            order = option_order(quiz_id, question)
            exclusive = [o.id for o in question.options if o.exclusive]
            assert list(order[len(order) - len(exclusive) :]) == exclusive


def test_other_options_come_last_before_none_of_these(shipped_content: Content) -> None:
    """ "Another field" sits after the shuffled options, "none of these" after it."""
    marked = [q for q in shuffled(shipped_content) if any(o.last for o in q.options)]
    assert {"field", "experience_field"} <= {q.id for q in marked}
    for quiz_id in ("a", "b", "c", "d"):
        for question in marked:
            order = option_order(quiz_id, question)
            options = [question.options_by_id[i] for i in order]
            place = [2 if o.exclusive else int(o.last) for o in options]
            assert place == sorted(place), (question.id, order)


def test_the_best_answer_is_not_always_first(shipped_content: Content) -> None:
    """Over many quizzes, the best scenario answer lands in every position."""
    scenarios = [q for q in shuffled(shipped_content) if q.kind == "single" and not q.background]
    assert len(scenarios) >= 5
    for question in scenarios:
        best = max(question.options, key=lambda o: sum(o.evidence.values())).id
        positions = Counter(option_order(f"{n:08x}", question).index(best) for n in range(200))
        assert set(positions) == set(range(len(question.options))), question.id
        assert max(positions.values()) < 100  # no position takes half of the quizzes


def test_different_quizzes_see_different_orders(shipped_content: Content) -> None:
    orders = {
        tuple(option_order(f"{n:08x}", q) for q in shuffled(shipped_content)) for n in range(20)
    }
    assert len(orders) == 20


# --- The screen keeps it ----------------------------------------------------------------------


@pytest.mark.parametrize("question_id", ["sales_drop", "done_projects"])
def test_the_screen_shows_the_quiz_order_after_back_and_language_switch(
    shipped_content: Content, question_id: str
) -> None:
    quiz = Quiz(shipped_content)
    session = at(quiz, "5eed0001", question_id)
    question = shipped_content.question_by_id[question_id]
    first = shown(question_screen(quiz, session).buttons)
    assert first == list(option_order("5eed0001", question))
    english = quiz.switch_language(session, "en")
    assert shown(question_screen(quiz, english).buttons) == first
    following = quiz.answer(session, first[0]) if question.one_answer else quiz.confirm(session)
    back = quiz.back(following)
    assert shown(question_screen(quiz, back).buttons) == first
    # a restored session (state.db after a restart) shows the same order too
    restored = QuizSession.model_validate_json(back.model_dump_json())
    assert shown(question_screen(quiz, restored).buttons) == first


# --- Exclusive options -----------------------------------------------------------------------


def test_ticking_none_clears_the_others_and_ticking_another_clears_none(
    shipped_content: Content,
) -> None:
    quiz = Quiz(shipped_content)
    session = at(quiz, "abcd1234", "done_projects")
    session = quiz.toggle(quiz.toggle(session, "project"), "code")
    assert session.pending == ("project", "code")
    session = quiz.toggle(session, "none")
    assert session.pending == ("none",)
    session = quiz.toggle(session, "content")
    assert session.pending == ("content",)
    session = quiz.toggle(quiz.toggle(session, "none"), "none")  # tick then untick it
    assert session.pending == ()
    assert quiz.confirm(quiz.toggle(session, "none")).answers["done_projects"] == ("none",)


def test_every_shipped_exclusive_option_is_a_none_of_these(shipped_content: Content) -> None:
    exclusive = [(q.id, o) for q in shipped_content.questions for o in q.options if o.exclusive]
    assert {qid for qid, _ in exclusive} == {
        q.id for q in shipped_content.questions if q.kind == "multiple" and q.pick is None
    }
    for _, option in exclusive:
        assert not option.evidence
        assert option.text("en").startswith("None")
