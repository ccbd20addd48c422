"""Measure what the charts cost next to the rest of the bot.

1. Start-up: a fresh `python -c "import bot.cli"` (the baseline) against the
   same with `bot.presentation.charts` imported, with content loaded and scored, and with
   one result chart rendered: wall time and peak memory (ru_maxrss), each as
   the best time and median memory of several subprocess runs.
2. In one warm process: scoring one result against rendering one chart.
3. The rate of `evaluate()` on random answers.
4. What saving an answer in state.db costs with synchronous=FULL and NORMAL.
5. The whole bot under load against a bare python-telegram-bot floor, both on
   the same loopback Bot API, in turn (A-B-B-A, see `bench.alternation`): 60
   people at a human pace, then 200 flat out; with `--crowd 1000`, a crowd at a
   reader's pace too (long: about ten minutes per bot).
6. A slow disk: who waits for it, SQLite on the event loop or off it (`bench.slow_disk`).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench import slow_disk
from bot.content.loader import ContentError, load_content
from bot.content.models import MAX_LEVEL, Content, Question
from bot.engine.scoring import Answers
from bot.presentation.texts import open_catalogues

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
    "c = load_content(Path({q!r}), Path({p!r})); "
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
            "bot.presentation.result_chart.result_chart_png(c, r, 'fr')",
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


def _pace(text: str) -> tuple[float, float]:
    low, high = (float(part) for part in text.split(","))
    return low, high


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="subprocess runs per start-up case")
    parser.add_argument(
        "--load-only", action="store_true", help="skip the start-up and chart measurements"
    )
    parser.add_argument(
        "--alternations", type=int, default=3, help="A-B-B-A rounds of the paced load"
    )
    parser.add_argument("--users", type=int, default=60, help="people at a human pace")
    parser.add_argument(
        "--pace", type=_pace, default=(2.0, 4.0), metavar="LOW,HIGH", help="seconds per press"
    )
    parser.add_argument(
        "--arrivals", type=float, default=10.0, help="seconds over which the paced people arrive"
    )
    parser.add_argument("--flat", type=int, default=200, help="people flat out (0: skip)")
    parser.add_argument(
        "--flat-alternations", type=int, default=1, help="A-B-B-A rounds of the flat-out load"
    )
    parser.add_argument(
        "--crowd", type=int, default=0, help="people at a reader's pace, one A-B pair (0: skip)"
    )
    parser.add_argument(
        "--crowd-pace",
        type=_pace,
        default=(10.0, 20.0),
        metavar="LOW,HIGH",
        help="seconds per press in the crowd",
    )
    parser.add_argument(
        "--crowd-arrivals", type=float, default=60.0, help="seconds over which the crowd arrives"
    )
    slow_disk.add_arguments(parser)
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="sample each bot's first run of each load with py-spy into DIR",
    )
    return parser.parse_args()


def main() -> None:
    args = _arguments()
    content, questions, profiles = find_content()
    open_catalogues(None, content.profile.languages)
    print(
        f"careerbot bench: Python {sys.version.split()[0]}, content {content.profile.id!r} "
        f"({len(content.questions)} questions, {len(content.profile.dimensions)} dimensions)\n"
    )
    if not args.load_only:
        startup(args.runs, questions, profiles)
        score_vs_render(content)
        evaluate_rate(content)
        state_commits(content)
    from bench.alternation import AB, alternate, report
    from bench.load import Scenario, the_two_bots

    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    loads = [
        ("5. Paced", Scenario("paced", args.users, args.pace, args.arrivals), args.alternations),
        ("6. Flat out", Scenario("flat", args.flat, None), args.flat_alternations),
        ("7. A crowd", Scenario("crowd", args.crowd, args.crowd_pace, args.crowd_arrivals), 1),
    ]
    with the_two_bots(content) as bots:
        for title, scenario, rounds in loads:
            if scenario.users and rounds:
                order = AB if scenario.name == "crowd" else (0, 1, 1, 0)
                results = alternate(bots, scenario, rounds, order, profile_dir=args.profile)
                report(title, scenario, results)
    slow_disk.run("8. A slow disk", args)


if __name__ == "__main__":
    main()
