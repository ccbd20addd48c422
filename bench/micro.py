"""The micro-benchmarks of `make bench`: start-up, one result and its chart, a saved answer.

Each is measured against a baseline taken in the same run (sections 1 to 4 of
`python -m bench`).
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bot.content.loader import ContentError, load_content
from bot.content.models import MAX_LEVEL, Content, Question
from bot.engine.scoring import Answers

ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIRS = [
    (ROOT / "questions", ROOT / "profiles"),
    (
        ROOT / "tests" / "fixtures" / "charts" / "questions",
        ROOT / "tests" / "fixtures" / "charts" / "profiles",
    ),
]

# Each child prints its own peak resident set (KiB on Linux) as its last line.
_REPORT_RSS = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
_LOAD = (
    "from pathlib import Path; from bot.content.loader import load_content; "
    "from bot.engine.result import evaluate; "
    "from bot.presentation.texts import open_catalogues; "
    "c = load_content(Path({q!r}), Path({p!r})); open_catalogues(None, c.profile.languages); "
    "r = evaluate(c, {{q.id: ('3',) if q.kind == 'likert' else (q.options[0].id,) "
    "for q in c.questions}})"
)


def find_content() -> tuple[Content, Path, Path]:
    """The shipped content, or the chart-test fixture when the shipped one does not load."""
    for questions, profiles in CONTENT_DIRS:
        try:
            return load_content(questions, profiles), questions, profiles
        except ContentError:
            continue
    raise SystemExit("no loadable content found")


def random_answers(content: Content, rng: random.Random) -> Answers:
    def pick(question: Question) -> tuple[str, ...]:
        if question.kind == "likert":
            return (str(rng.randint(0, MAX_LEVEL)),)
        ids = [option.id for option in question.options]
        if question.one_answer:
            return (rng.choice(ids),)
        return tuple(i for i in ids if rng.random() < 0.5)

    return {question.id: pick(question) for question in content.questions}


def run_child(code: str) -> tuple[float, float]:
    """Wall seconds (interpreter start included) and peak RSS in MiB of `python -c code`."""
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\n{_REPORT_RSS}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    elapsed = time.perf_counter() - start
    return elapsed, int(out.stdout.split()[-1]) / 1024


def per_call(func: Callable[[], object], min_seconds: float = 0.3) -> float:
    """Median CPU seconds per call over a few timed batches (robust on a busy machine)."""
    func()
    batch = 1
    while True:
        start = time.process_time()
        for _ in range(batch):
            func()
        if time.process_time() - start >= min_seconds / 5:
            break
        batch *= 2
    timings = []
    for _ in range(5):
        start = time.process_time()
        for _ in range(batch):
            func()
        timings.append((time.process_time() - start) / batch)
    return statistics.median(timings)


def startup(runs: int, questions: Path, profiles: Path) -> None:
    load = _LOAD.format(q=str(questions), p=str(profiles))
    cases = [
        ("import bot.cli  (baseline)", "import bot.cli"),
        ("+ import bot.presentation.charts", "import bot.cli, bot.presentation.charts"),
        ("+ load content, evaluate", f"import bot.cli, bot.presentation.charts; {load}"),
        (
            "+ render one result chart",
            f"import bot.cli, bot.presentation.charts; {load}; "
            "from bot.presentation.result_chart import result_chart_png; "
            "result_chart_png(c, r, 'fr')",
        ),
    ]
    # Round-robin, so a busy moment on the machine hits every case alike; the
    # fastest run is the least disturbed one (noise only ever adds time).
    samples: list[list[tuple[float, float]]] = [[] for _ in cases]
    for _ in range(runs):
        for index, (_, code) in enumerate(cases):
            samples[index].append(run_child(code))
    print(f"1. Start-up of a fresh process (best time, median peak memory of {runs} runs)")
    print(f"   {'case':<30} {'time':>9} {'× base':>7} {'peak RSS':>10} {'× base':>7}")
    base_time = base_rss = 0.0
    for (name, _), runs_of_case in zip(cases, samples, strict=True):
        elapsed = min(s[0] for s in runs_of_case)
        rss = statistics.median(s[1] for s in runs_of_case)
        if not base_time:
            base_time, base_rss = elapsed, rss
        print(
            f"   {name:<30} {elapsed * 1000:>6.0f} ms {elapsed / base_time:>6.2f}×"
            f" {rss:>6.1f} MiB {rss / base_rss:>6.2f}×"
        )


def score_vs_render(content: Content) -> None:
    from bot.engine.result import evaluate
    from bot.presentation.charts import stats_chart_png
    from bot.presentation.result_chart import result_chart_png

    answers = random_answers(content, random.Random(1))
    start = time.process_time()
    result = evaluate(content, answers)
    result_chart_png(content, result, "fr")
    cold = time.process_time() - start

    scoring = per_call(lambda: evaluate(content, answers))
    render = per_call(lambda: result_chart_png(content, result, "fr"), min_seconds=1.0)
    stats = per_call(
        lambda: stats_chart_png([50.0, 60.0, 72.0], {"qualities": 60.0, "skills": 50.0}, "fr"),
        min_seconds=1.0,
    )
    print("\n2. One result, in a warm process (median CPU time per call)")
    print(f"   {'step':<30} {'time':>11} {'× scoring':>10}")
    for name, seconds in [
        ("evaluate()  (baseline)", scoring),
        ("result_chart_png()", render),
        ("stats_chart_png()", stats),
        ("first chart, cold process", cold),
    ]:
        print(f"   {name:<30} {seconds * 1000:>8.2f} ms {seconds / scoring:>9.0f}×")


def evaluate_rate(content: Content, seconds: float = 1.5) -> None:
    from bot.engine.result import evaluate

    rng = random.Random(2024)
    answer_sets = [random_answers(content, rng) for _ in range(500)]
    count = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for answers in answer_sets:
            evaluate(content, answers)
        count += len(answer_sets)
    rate = count / (time.perf_counter() - start)
    print("\n3. evaluate() on random answers")
    print(f"   {rate:,.0f} results/s ({1e6 / rate:.0f} µs each), {count:,} evaluated")


def state_commits(content: Content, count: int = 300) -> None:
    """What one saved answer costs in state.db, with synchronous=FULL and NORMAL (both WAL)."""
    import tempfile

    from bot.engine.session import Quiz
    from bot.state.records import ActiveQuiz
    from bot.state.state_db import StateDb

    session = Quiz(content).start(quiz_id="bench", lang="fr", started_at=time.time())
    timings: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="careerbot-bench-") as tmp:
        for mode in ("NORMAL", "FULL"):
            store = StateDb(Path(tmp) / f"state-{mode}.db")
            store.db.execute(f"PRAGMA synchronous = {mode}")
            wall, cpu = time.perf_counter(), time.process_time()
            for user in range(count):
                store.save_quiz(user % 50, ActiveQuiz(session, user, 1))
            timings[mode] = (
                (time.perf_counter() - wall) / count,
                (time.process_time() - cpu) / count,
            )
            store.close()
    base_wall, base_cpu = timings["NORMAL"]
    print(f"\n4. state.db in WAL mode: one answer saved (save_quiz), {count} commits")
    print(f"   {'synchronous':<30} {'wall':>9} {'× NORMAL':>9} {'CPU':>9} {'× NORMAL':>9}")
    for mode, (wall, cpu) in timings.items():
        print(
            f"   {mode:<30} {wall * 1000:>6.2f} ms {wall / base_wall:>8.1f}×"
            f" {cpu * 1000:>6.2f} ms {cpu / base_cpu:>8.1f}×"
        )
