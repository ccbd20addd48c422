"""The quiz state machine (bot/engine/session.py), on the mini fixture.

Mini questions, in order: talk (likert), change (single), tools (multiple:
sheet, tracking, html), webcult (likert), education, experience, employer,
market (single).
"""

from __future__ import annotations

import pytest

from bot.content.models import Content
from bot.engine.session import MAX_SOURCE_CHARS, Quiz, QuizError, QuizSession


@pytest.fixture
def quiz(mini_content: Content) -> Quiz:
    return Quiz(mini_content)


@pytest.fixture
def fresh(quiz: Quiz) -> QuizSession:
    return quiz.start(quiz_id="abcd1234", lang="fr", started_at=1_700_000_000.0)


def at_tools(quiz: Quiz, session: QuizSession) -> QuizSession:
    """Answer the first two questions, landing on the multiple choice."""
    return quiz.answer(quiz.answer(session, "3"), "adapt")


def complete(quiz: Quiz, session: QuizSession) -> QuizSession:
    session = quiz.confirm(quiz.toggle(at_tools(quiz, session), "html"))
    for choice in ("2", "master", "3to10", "large", "local"):
        session = quiz.answer(session, choice)
    return session


def test_start(quiz: Quiz, fresh: QuizSession, mini_content: Content) -> None:
    assert fresh.version == mini_content.version
    assert (fresh.position, fresh.step, fresh.answers, fresh.pending) == (0, 0, {}, ())
    assert quiz.current(fresh) == mini_content.question_by_id["talk"]
    assert not quiz.is_complete(fresh)


def test_answer_records_and_moves_on(quiz: Quiz, fresh: QuizSession) -> None:
    session = quiz.answer(fresh, "3")
    assert session.answers == {"talk": ("3",)}
    assert session.position == 1
    current = quiz.current(session)
    assert current is not None and current.id == "change"
    session = quiz.answer(session, "wait")
    assert session.answers == {"talk": ("3",), "change": ("wait",)}
    assert fresh.answers == {}  # the session is a value: moves return a new one


def test_progress_counts_k_of_n(quiz: Quiz, fresh: QuizSession) -> None:
    assert (quiz.progress(fresh).number, quiz.progress(fresh).total) == (1, 8)
    assert quiz.progress(fresh).answered == 0
    session = at_tools(quiz, fresh)
    assert (quiz.progress(session).number, quiz.progress(session).answered) == (3, 2)
    session = quiz.toggle(session, "sheet")  # ticking is not answering
    assert quiz.progress(session).number == 3
    done = complete(quiz, fresh)
    assert (quiz.progress(done).number, quiz.progress(done).answered) == (9, 8)


def test_toggle_ticks_and_unticks_in_option_order(quiz: Quiz, fresh: QuizSession) -> None:
    session = at_tools(quiz, fresh)
    session = quiz.toggle(session, "html")
    session = quiz.toggle(session, "sheet")
    assert session.pending == ("sheet", "html")  # option order, not click order
    session = quiz.toggle(session, "html")
    assert session.pending == ("sheet",)
    assert session.position == 2 and "tools" not in session.answers


def test_confirm_records_the_ticked_options(quiz: Quiz, fresh: QuizSession) -> None:
    session = quiz.toggle(quiz.toggle(at_tools(quiz, fresh), "tracking"), "sheet")
    session = quiz.confirm(session)
    assert session.answers["tools"] == ("sheet", "tracking")
    assert session.pending == ()
    assert session.position == 3


def test_confirm_with_nothing_ticked_records_none(quiz: Quiz, fresh: QuizSession) -> None:
    session = quiz.confirm(at_tools(quiz, fresh))
    assert session.answers["tools"] == ()
    assert session.position == 3


def test_back_keeps_the_previous_answer(quiz: Quiz, fresh: QuizSession) -> None:
    session = quiz.answer(quiz.answer(fresh, "3"), "wait")
    session = quiz.back(session)
    current = quiz.current(session)
    assert current is not None and current.id == "change"
    assert quiz.previous_answer(session) == ("wait",)
    assert session.answers == {"talk": ("3",), "change": ("wait",)}  # nothing erased
    session = quiz.back(session)
    assert quiz.previous_answer(session) == ("3",)
    assert quiz.previous_answer(fresh) == ()


def test_answering_again_after_back_replaces(quiz: Quiz, fresh: QuizSession) -> None:
    session = quiz.back(quiz.answer(fresh, "3"))
    session = quiz.answer(session, "1")
    assert session.answers == {"talk": ("1",)}
    assert session.position == 1


def test_back_onto_a_multiple_choice_restores_its_ticks(quiz: Quiz, fresh: QuizSession) -> None:
    session = quiz.confirm(quiz.toggle(quiz.toggle(at_tools(quiz, fresh), "sheet"), "html"))
    assert session.pending == ()
    session = quiz.back(session)
    assert session.position == 2
    assert session.pending == ("sheet", "html")
    # untick one and confirm: the new answer replaces the old one
    session = quiz.confirm(quiz.toggle(session, "sheet"))
    assert session.answers["tools"] == ("html",)


def test_moving_forward_onto_an_answered_multiple_choice_restores_its_ticks(
    quiz: Quiz, fresh: QuizSession
) -> None:
    session = quiz.confirm(quiz.toggle(at_tools(quiz, fresh), "tracking"))
    session = quiz.back(quiz.back(session))  # back to "change"
    assert session.pending == ()
    session = quiz.answer(session, "refuse")  # forward onto "tools" again
    assert session.position == 2
    assert session.pending == ("tracking",)


def test_back_from_the_end_reopens_the_last_question(quiz: Quiz, fresh: QuizSession) -> None:
    done = complete(quiz, fresh)
    session = quiz.back(done)
    assert not quiz.is_complete(session)
    assert quiz.previous_answer(session) == ("local",)


def test_completion(quiz: Quiz, fresh: QuizSession) -> None:
    done = complete(quiz, fresh)
    assert quiz.is_complete(done)
    assert quiz.current(done) is None
    assert done.answers == {
        "talk": ("3",),
        "change": ("adapt",),
        "tools": ("html",),
        "webcult": ("2",),
        "education": ("master",),
        "experience": ("3to10",),
        "employer": ("large",),
        "market": ("local",),
    }


def test_step_increases_on_every_move(quiz: Quiz, fresh: QuizSession) -> None:
    steps = [fresh.step]
    session = fresh
    for move in (
        lambda s: quiz.answer(s, "3"),
        lambda s: quiz.answer(s, "adapt"),
        lambda s: quiz.toggle(s, "sheet"),
        lambda s: quiz.toggle(s, "sheet"),
        lambda s: quiz.confirm(s),
        lambda s: quiz.back(s),
        lambda s: quiz.switch_language(s, "en"),
    ):
        session = move(session)
        steps.append(session.step)
    assert steps == list(range(8))
    assert session.lang == "en"


@pytest.mark.parametrize(
    ("prepare", "move", "message"),
    [
        # a likert question is answered with a level 0–4
        (lambda q, s: s, lambda q, s: q.answer(s, "5"), "'5' is not an answer of talk"),
        (lambda q, s: s, lambda q, s: q.answer(s, "adapt"), "'adapt' is not an answer of talk"),
        (lambda q, s: s, lambda q, s: q.toggle(s, "1"), "talk takes a single answer"),
        (lambda q, s: s, lambda q, s: q.confirm(s), "talk has nothing to confirm"),
        (lambda q, s: s, lambda q, s: q.back(s), "already at the first question"),
        # a single choice knows its options
        (
            lambda q, s: q.answer(s, "3"),
            lambda q, s: q.answer(s, "nope"),
            "'nope' is not an answer of change",
        ),
        # a multiple choice is toggled then confirmed
        (at_tools, lambda q, s: q.answer(s, "sheet"), "tools takes several answers"),
        (at_tools, lambda q, s: q.toggle(s, "adapt"), "'adapt' is not an answer of tools"),
        # nothing is accepted once complete
        (complete, lambda q, s: q.answer(s, "local"), "already complete"),
        (complete, lambda q, s: q.toggle(s, "sheet"), "already complete"),
        (complete, lambda q, s: q.confirm(s), "already complete"),
    ],
)
def test_wrong_moves_raise_quiz_error(
    quiz: Quiz, fresh: QuizSession, prepare, move, message: str
) -> None:
    session = prepare(quiz, fresh)
    with pytest.raises(QuizError, match=message):
        move(quiz, session)


def test_json_round_trip(quiz: Quiz, fresh: QuizSession) -> None:
    session = quiz.toggle(at_tools(quiz, fresh), "tracking")
    session = session.model_copy(update={"source": "salon2026"})
    again = QuizSession.model_validate_json(session.model_dump_json())
    assert again == session
    assert again.answers == {"talk": ("3",), "change": ("adapt",)}
    assert again.pending == ("tracking",)
    # the restored session plays on exactly like the original
    assert quiz.confirm(again) == quiz.confirm(session)


def test_a_session_rejects_unknown_fields() -> None:
    with pytest.raises(ValueError, match="extra"):
        QuizSession.model_validate(
            {"quiz_id": "x", "version": "v", "lang": "fr", "started_at": 0, "surprise": 1}
        )


@pytest.mark.parametrize(
    ("source", "kept"),
    [
        ("salon2026", True),
        ("salon_2026-lyon", True),
        ("x" * MAX_SOURCE_CHARS, True),
        ("x" * (MAX_SOURCE_CHARS + 1), False),
        ("Jean Dupont <jean@example.org>", False),
        ("", False),
    ],
)
def test_a_session_keeps_only_a_deep_link_source(quiz: Quiz, source: str, kept: bool) -> None:
    session = quiz.start(quiz_id="abcd1234", lang="fr", started_at=0.0, source=source)
    assert session.source == (source if kept else None)


def test_one_quiz_serves_sessions_that_skip_different_questions(
    quiz: Quiz, fresh: QuizSession
) -> None:
    """The questions asked are remembered per set of skipped questions, never shared."""
    skipping = fresh.model_copy(update={"skipped": ("talk",)})
    assert [q.id for q in quiz.questions(fresh)][:2] == ["talk", "change"]
    assert [q.id for q in quiz.questions(skipping)][:1] == ["change"]
    current = quiz.current(skipping)
    assert current is not None and current.id == "change"
    assert len(quiz.questions(fresh)) == len(quiz.questions(skipping)) + 1
