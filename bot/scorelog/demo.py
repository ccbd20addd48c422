"""A demo score log: simulated people take the real quiz, the real engine scores them.

Each simulated person has an aptitude between 0 and 1 and answers near it: likert
levels around `aptitude × 4` (on a reverse-keyed statement, the step that gives that
level), choices whose evidence lies near that level, a few background answers at
random. The quiz moves through `Quiz` and the result comes
from `evaluate`, so the demo follows any change to the questions or the engine.
"""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta
from statistics import fmean

from bot.content.models import MAX_LEVEL, Content, Lang, Option, Question
from bot.engine.result import evaluate
from bot.engine.session import Quiz, QuizSession
from bot.scorelog.store import ScoreLog

DEMO_SOURCE = "demo"
"""The deep-link source every demo result carries: `logs purge --source demo` removes them."""
DEMO_DAYS = 180
"""Demo results are spread over the last six months."""


#: The share of demo results in the content's default language; the others share the rest.
DEFAULT_SHARE = 0.8


def _language(languages: tuple[Lang, ...], draw: float) -> Lang:
    """The language of one demo result, from one uniform `draw` in [0, 1)."""
    default, *others = languages
    if draw < DEFAULT_SHARE or not others:
        return default
    return others[int((draw - DEFAULT_SHARE) / (1 - DEFAULT_SHARE) * len(others))]


def fill_demo(log: ScoreLog, content: Content, count: int, *, seed: int, now: datetime) -> int:
    """Record `count` simulated results in `log`; return how many were written."""
    rng = random.Random(seed)
    quiz = Quiz(content)
    written = 0
    for index in range(count):
        finished_at = now - timedelta(days=rng.uniform(0, DEMO_DAYS))
        duration = rng.uniform(150, 900)
        lang = _language(content.languages, rng.random())
        session = quiz.start(
            quiz_id=f"demo-{seed}-{index}",
            lang=lang,
            started_at=finished_at.timestamp() - duration,
            source=DEMO_SOURCE,
        )
        session = play(quiz, session, rng, aptitude=rng.betavariate(2.5, 2.0))
        result = evaluate(content, session.answers)
        if log.record(content, session, result, finished_at=finished_at) is not None:
            written += 1
    return written


def play(quiz: Quiz, session: QuizSession, rng: random.Random, *, aptitude: float) -> QuizSession:
    """Answer every question as a person of this aptitude would, through the quiz's moves."""
    while (question := quiz.current(session)) is not None:
        if question.kind == "multiple":
            for option in _ticked(question, rng, aptitude):
                session = quiz.toggle(session, option.id)
            session = quiz.confirm(session)
        else:
            session = quiz.answer(session, _one_answer(question, rng, aptitude))
    return session


def _one_answer(question: Question, rng: random.Random, aptitude: float) -> str:
    """A likert step near the aptitude (reverse-keyed statements the other way round), the
    right answer to a question of fact as often as the aptitude, or a close option."""
    target = aptitude * MAX_LEVEL
    if question.kind == "likert":
        level = round(min(MAX_LEVEL, max(0, rng.gauss(target, 0.9))))
        return str(MAX_LEVEL - level if question.reverse else level)
    if question.kind == "knowledge":
        (right,) = [o for o in question.options if o.right]
        return right.id if rng.random() < aptitude else rng.choice(question.options).id
    weights = [_closeness(option, target) for option in question.options]
    return rng.choices(question.options, weights)[0].id


def _ticked(question: Question, rng: random.Random, aptitude: float) -> list[Option]:
    if question.pick is None:
        return [o for o in question.options if rng.random() < _tick_chance(o, aptitude)]
    weights = [_tick_chance(option, aptitude) + 0.05 for option in question.options]
    chosen: list[Option] = []
    while len(chosen) < question.pick:
        [option] = rng.choices(question.options, weights)
        if option not in chosen:
            chosen.append(option)
    return chosen


def now_utc() -> datetime:
    return datetime.now(UTC)


def _level(option: Option) -> float | None:
    return fmean(option.evidence.values()) if option.evidence else None


def _closeness(option: Option, target: float) -> float:
    """Options whose evidence is near the target level are the likelier picks."""
    level = _level(option)
    return 1.0 if level is None else math.exp(-abs(level - target))


def _tick_chance(option: Option, aptitude: float) -> float:
    level = _level(option)
    if level is None:
        return 0.3
    return min(0.9, max(0.05, aptitude * level / MAX_LEVEL + 0.1))
