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
from tests.support.answers import random_answer

Style = Literal["frank", "agrees", "modest", "random", "middle", "best_sounding", "contradicts"]
"""How they answer: frankly; agreeing with everything; one notch below the truth; at
random; « En partie » and the middle answer everywhere; the answers that sound best
(top self-ratings, the most complete-sounding scenario answer, the job's tasks only,
the longest knowledge answer); or frankly but agreeing with each statement and its
reverse-keyed twin alike."""

#: The option of each scenario that sounds most complete, judged by reading it as a
#: test-wise candidate would: the key must not simply reward it (tests/test_desirability.py).
COMPLETE_SOUNDING = {
    "sales_drop": "prices",  # prices, offers and delivery times: three things checked
    "marketplace": "compare",  # compares with every other marketplace
    "bad_review": "private",  # "to settle it all"
    "launch": "plan",  # a dated plan with a clear message
    "new_channel": "plan",  # study it, then plan it
    "team_conflict": "meet",  # who does what, by when
    "legal_terms": "adapt",  # use them, then check each clause
}

#: A persona ticks a task ("have you done…", "would you like to…") when their
#: true level on what it shows is well past the middle of the scale.
DONE = 2.5
#: A persona knows a fact of a skill when their true level on it reaches the fact's level
#: here: how widely known it is, judged by reading the question as a person would (a
#: middling person knows the everyday facts, not the specialist's). Unlisted facts: `KNOWS`.
KNOWN_FROM = {
    "know_basket": 1.5,  # the average order: everyday shop talk
    "know_withdrawal": 2.0,  # 14 days to send back: printed on every online order
    "know_seo": 2.0,  # "SEO" is the first word of web marketing
    "know_html": 2.0,  # what HTML is for: a school-level digital fact
    "know_conversion": 2.5,  # the conversion rate: the analyst's measure
    "know_pivot": 2.5,  # a pivot table: a spreadsheet user's tool, not everyone's
    "know_ab_test": 3.0,  # an A/B test: the specialist's method
}
KNOWS = 2.5


@dataclass(frozen=True)
class Persona:
    name: str
    intent: str
    """Who they are, in a sentence: what the test means by this persona."""
    education: str
    studied: str
    """Their field of study (a value of the `field` background)."""
    experience: str
    worked_in: str | None = None
    """Where the experience was gained (a value of `experience_field`); by default
    e-commerce, or none without experience."""
    french: str = "fluent"
    """Whether they could work in the job's language (a value of `job_language`)."""
    situation: str | None = None
    """At school, studying, working…; by default working with two years or more of
    experience, else a student."""
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
    answers = {q.id: _answer(content, persona, q, rng) for q in content.questions}
    if persona.style == "contradicts":  # agrees with each statement and with its twin
        for question in content.questions:
            if question.twin is not None:
                answers[question.id] = answers[question.twin] = (str(MAX_LEVEL),)
    return answers


def _answer(
    content: Content, persona: Persona, question: Question, rng: random.Random
) -> tuple[str, ...]:
    background = {
        "education": persona.education,
        "experience": persona.experience,
        "experience_field": persona.worked_in
        or ("none" if persona.experience == "none" else "ecommerce"),
        "job_language": persona.french,
        "situation": persona.situation
        or ("working" if persona.experience in ("2to5", "5to10", "10plus") else "student"),
    }
    if question.background in background:
        return (_option_with_value(question, background[question.background]),)
    if question.background == "field":
        return (_option_with_value(question, persona.studied),)
    if question.id == "languages" or (
        question.kind == "multiple" and _speaks_to(question) == {"languages"}
    ):
        return persona.languages or _exclusive(question)
    if persona.style == "random":
        return random_answer(question, rng)
    if persona.style in ("middle", "best_sounding"):
        return _styled(persona.style, question) or _ticks(content, persona, question)
    if question.kind == "likert":
        return (str(_likert(content, persona, question)),)
    if question.kind == "knowledge":
        return (_known(content, persona, question),)
    if question.kind == "single":
        return (_closest_option(content, persona, question),)
    return _ticks(content, persona, question)


def _styled(style: Style, question: Question) -> tuple[str, ...]:
    """The middle of every scale, or what sounds best; () for a forced choice."""
    middle = style == "middle"
    if question.kind == "likert":
        top = "0" if question.reverse else str(MAX_LEVEL)
        return ("2",) if middle else (top,)
    if question.kind == "knowledge":
        if middle:
            return (next(o.id for o in question.options if o.last),)
        return (max(question.options, key=lambda o: len(o.text("fr"))).id,)
    if question.kind == "single":
        if middle:
            mean = lambda o: sum(o.evidence.values()) / max(1, len(o.evidence))  # noqa: E731
            return (min(question.options, key=lambda o: abs(mean(o) - 2)).id,)
        return (COMPLETE_SOUNDING[question.id],)
    if question.pick is not None:
        return ()
    if middle:
        return _exclusive(question)
    return tuple(o.id for o in question.options if o.evidence) or _exclusive(question)


def _known(content: Content, persona: Persona, question: Question) -> str:
    """The right answer when they know it (their level on its skills reaches how widely known
    the fact is, `KNOWN_FROM`); else « I don't know » (or, for someone who agrees with
    everything, a confident guess: the longest-sounding answer)."""
    (right,) = [o for o in question.options if o.right]
    known_from = KNOWN_FROM.get(question.id, KNOWS)
    if all(true_level(persona, content, d) >= known_from for d in right.evidence):
        return right.id
    if persona.style == "agrees":
        guesses = [o for o in question.options if not o.last]
        return max(guesses, key=lambda o: len(o.text("fr"))).id
    return next(o.id for o in question.options if o.last)


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


def _preferred(content: Content, persona: Persona, question: Question) -> tuple[str, ...]:
    """A forced choice: the `pick` tasks they want most (side tasks they like count as
    much as the core tasks they want most; a yes-sayer picks the job's own tasks)."""

    def want(option: Option) -> float:
        if option.id in persona.likes:
            return MAX_LEVEL + 0.5
        if not option.evidence:  # a neighbouring job's task: preferred as the job appeals less
            return MAX_LEVEL * (1 - persona.interest) - 0.5
        if persona.style == "agrees":
            return MAX_LEVEL
        return min(true_level(persona, content, d) for d in option.evidence)

    ranked = sorted(question.options, key=lambda o: -want(o))[: question.pick]
    return tuple(o.id for o in question.options if o in ranked)


def _ticks(content: Content, persona: Persona, question: Question) -> tuple[str, ...]:
    if question.pick is not None:
        return _preferred(content, persona, question)
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
