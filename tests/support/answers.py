"""Answer sets shared by the tests: the worked example, the strongest answers, random
answers, the shipped background question's answers and Hypothesis strategies."""

from __future__ import annotations

import random

from hypothesis import strategies as st

from bot.content.models import MAX_LEVEL, Content, Question
from bot.engine.session import LIKERT_CHOICES

AnswerSet = dict[str, tuple[str, ...]]

#: The worked example on tests/fixtures/mini, worked through in tests/test_scoring.py:
#: fit 55.6 %, band "medium", gaps communication > practice > diploma,
#: training master, work, crm, 50 000 €.
EXAMPLE: AnswerSet = {
    "talk": ("0",),  # likert 0 → communication 0
    "change": ("adapt",),  # adaptability 4, communication 4
    "tools": ("sheet", "tracking"),  # analytics 3 + 2 = 5, capped at 4; web 0 + 1 = 1
    "webcult": ("3",),  # likert 3 → web 3
    "education": ("bac2",),  # diploma 2; background education = bac2
    "experience": ("none",),  # practice 0 (no evidence = 0); experience = none
    "employer": ("large",),
    "market": ("international",),
}

#: Its answers as typed in `careerbot chat`: talk "1" is level 0, webcult "4" is
#: level 3, tools "1 2" ticks sheet and tracking.
EXAMPLE_TYPED = ["1", "1", "1 2", "4", "2", "1", "2", "2"]


def answer_of(question: Question) -> st.SearchStrategy[tuple[str, ...]]:
    if question.kind == "likert":
        return st.sampled_from(LIKERT_CHOICES).map(lambda level: (level,))
    ids = [option.id for option in question.options]
    if question.one_answer:
        return st.sampled_from(ids).map(lambda choice: (choice,))
    exclusive = [option.id for option in question.options if option.exclusive]
    others = [i for i in ids if i not in exclusive]
    ticked = st.sets(st.sampled_from(others)).map(lambda t: tuple(i for i in ids if i in t))
    if not exclusive:
        return ticked
    return ticked | st.sampled_from(exclusive).map(lambda choice: (choice,))


def answers(content: Content) -> st.SearchStrategy[AnswerSet]:
    return st.fixed_dictionaries({q.id: answer_of(q) for q in content.questions})


#: The shipped education answers, in the question's order; "studying" is the bac with a
#: higher diploma under way.
EDUCATION = ["none", "bac", "studying", "bac2", "bac3", "master"]
#: The shipped experience answers, in the question's order.
EXPERIENCE = ["none", "lt2", "2to5", "5to10", "10plus"]
#: Two years or more count as the professional experience that opens the job at bac+2.
EXPERIENCED = {"2to5", "5to10", "10plus"}


def best_answers(content: Content) -> AnswerSet:
    """The strongest answer to every question (every option that shows something ticked)."""

    def best(question: Question) -> tuple[str, ...]:
        if question.kind == "likert":
            return ("0",) if question.reverse else ("4",)
        if question.kind == "multiple":
            return tuple(o.id for o in question.options if o.evidence and not o.exclusive)
        return (max(question.options, key=lambda o: sum(o.evidence.values())).id,)

    return {question.id: best(question) for question in content.questions}


def random_answer(question: Question, rng: random.Random) -> tuple[str, ...]:
    if question.kind == "likert":
        return (str(rng.randint(0, MAX_LEVEL)),)
    if question.one_answer:
        return (rng.choice(question.options).id,)
    if question.pick is not None:
        chosen = set(rng.sample([o.id for o in question.options], question.pick))
        return tuple(o.id for o in question.options if o.id in chosen)
    ticked = tuple(o.id for o in question.options if not o.exclusive and rng.random() < 0.5)
    return ticked or tuple(o.id for o in question.options if o.exclusive)[:1]


def random_answers(content: Content, seed: int) -> AnswerSet:
    """Answers drawn at random, every question the background too (someone answering
    without reading); the same `seed` draws the same answers."""
    rng = random.Random(seed)
    return {q.id: random_answer(q, rng) for q in content.questions}
