"""Reference personas: people described by intent, turned into quiz answers.

A persona says who someone is (diploma, field, years of experience), how able
they are on the job's qualities and skills (0 to 1, with exceptions), how much
they want to do each core mission (0 to 1), and how they answer: frankly,
agreeing with everything, one notch below the truth, or at random. `answers_for`
turns that into the answers a person like that would give, question by
question, reading only the content files: so the personas keep working when an
admin rewrites a question, and they check the verdict, not the wording.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Literal

from bot.content.models import INTEREST, MAX_LEVEL, Content, Option, Question

Style = Literal["frank", "agrees", "modest", "random"]

#: A persona ticks a task ("have you done…", "would you like to…") when their
#: true level on what it shows is well past the middle of the scale.
DONE = 2.5


@dataclass(frozen=True)
class Persona:
    name: str
    intent: str
    """Who they are, in a sentence: what the test means by this persona."""
    education: str
    studied: str
    """Their field of study (a value of the `field` background)."""
    experience: str
    ability: float = 0.5
    """0–1: how good they really are on the job's qualities and skills."""
    strong: dict[str, float] = field(default_factory=dict)
    """Exceptions to `ability`, by dimension id."""
    interest: float = 0.5
    """0–1: how much they want to do the core missions."""
    wants: dict[str, float] = field(default_factory=dict)
    """Exceptions to `interest`, by interest dimension id."""
    likes: frozenset[str] = frozenset()
    """Option ids of side tasks they would tick (e.g. `code`)."""
    languages: tuple[str, ...] = ()
    style: Style = "frank"
    seed: int = 0
    """For `random`: which random answers."""


def true_level(persona: Persona, content: Content, dimension: str) -> float:
    """0–4: the level this persona really has on a dimension."""
    if content.dimension_by_id[dimension].category == INTEREST:
        return MAX_LEVEL * persona.wants.get(dimension, persona.interest)
    return MAX_LEVEL * persona.strong.get(dimension, persona.ability)


def answers_for(content: Content, persona: Persona) -> dict[str, tuple[str, ...]]:
    rng = random.Random(persona.seed)
    return {q.id: _answer(content, persona, q, rng) for q in content.questions}


def _answer(
    content: Content, persona: Persona, question: Question, rng: random.Random
) -> tuple[str, ...]:
    background = {"education": persona.education, "experience": persona.experience}
    if question.background in background:
        return (_option_with_value(question, background[question.background]),)
    if question.background == "field":
        return (_option_with_value(question, persona.studied),)
    if question.id == "languages" or (
        question.kind == "multiple" and _speaks_to(question) == {"languages"}
    ):
        return persona.languages or _exclusive(question)
    if persona.style == "random":
        return _random(question, rng)
    if question.kind == "likert":
        return (str(_likert(content, persona, question)),)
    if question.kind == "single":
        return (_closest_option(content, persona, question),)
    return _ticks(content, persona, question)


def _likert(content: Content, persona: Persona, question: Question) -> int:
    if persona.style == "agrees":
        return MAX_LEVEL
    level = sum(true_level(persona, content, d) for d in question.dimensions)
    level /= len(question.dimensions)
    if persona.style == "modest":
        level -= 1
    agreement = max(0, min(MAX_LEVEL, round(level)))
    return MAX_LEVEL - agreement if question.reverse else agreement


def _closest_option(content: Content, persona: Persona, question: Question) -> str:
    """The option whose evidence best matches what the persona would really do."""

    def distance(option: Option) -> float:
        dims = _speaks_to(question)
        return sum(abs(option.evidence.get(d, 0) - true_level(persona, content, d)) for d in dims)

    return min(question.options, key=distance).id


def _ticks(content: Content, persona: Persona, question: Question) -> tuple[str, ...]:
    ticked = [
        option.id
        for option in question.options
        if not option.exclusive
        and (
            persona.style == "agrees"
            or option.id in persona.likes
            or (
                bool(option.evidence)
                and all(true_level(persona, content, d) >= DONE for d in option.evidence)
            )
        )
    ]
    return tuple(ticked) or _exclusive(question)


def _random(question: Question, rng: random.Random) -> tuple[str, ...]:
    if question.kind == "likert":
        return (str(rng.randint(0, MAX_LEVEL)),)
    if question.kind == "single":
        return (rng.choice(question.options).id,)
    ticked = tuple(o.id for o in question.options if not o.exclusive and rng.random() < 0.5)
    return ticked or _exclusive(question)


def _speaks_to(question: Question) -> set[str]:
    return {d for option in question.options for d in option.evidence}


def _option_with_value(question: Question, value: str) -> str:
    (option,) = [o.id for o in question.options if o.value == value]
    return option


def _exclusive(question: Question) -> tuple[str, ...]:
    return tuple(o.id for o in question.options if o.exclusive)[:1]


#: The reference strong candidate, shared by the persona and chance tests.
EXPERIENCED_MASTER = Persona(
    "experienced_master",
    "Master in digital marketing, 7 years in e-commerce, answers frankly",
    education="master",
    studied="digital",
    experience="5to10",
    ability=0.85,
    interest=0.9,
    languages=("en_work",),
)
