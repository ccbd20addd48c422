"""The admins' Datasette dashboard in a real headless Chromium: `careerbot logs review` on a
demo log, each chart drawn with a mark per figure of `careerbot logs summary`, each canned
query showing the summary's figures, and not one error logged by the page.

Skipped, saying why, where Debian's chromium is not installed; under CI=true a missing
browser fails instead (`make test` installs it there, as root).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.support.browser import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    careerbot,
    chosen_counts,
    missing_browser,
    review_server,
    summary_overview,
    summary_tables,
)
from tests.support.jobs import SHIPPED
from tests.support.paths import ROOT
from tests.support.ports import free_port
from tests.support.scorelog import review_metadata

pytest.importorskip("datasette_dashboards")
sync_api = pytest.importorskip("playwright.sync_api")

if reason := missing_browser():
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and no browser: {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)

METADATA = review_metadata()
DASHBOARD = METADATA["plugins"]["datasette-dashboards"]["scores"]
QUERIES = list(METADATA["databases"]["scores"]["queries"])
SCREENSHOT = ROOT / "docs" / "example-dashboard.png"
TIMEOUT_MS = 60_000
"""How long a page may take to load or draw on a busy machine."""


@dataclass
class Review:
    url: str
    summary: dict[str, list[list[str]]]
    overview: dict[str, str]
    context: Any


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Review]:
    """A demo log, its summary, `logs review` serving it and one Chromium to open it."""
    tmp = tmp_path_factory.mktemp("dashboard")
    db = tmp / "scores.db"
    careerbot("logs", "demo", "--db", str(db))
    printed = careerbot("logs", "summary", "--db", str(db))
    with (
        review_server(db, free_port(), tmp / "review.log") as url,
        sync_api.sync_playwright() as playwright,
    ):
        context = playwright.chromium.launch_persistent_context(
            str(tmp / "chromium-profile"),  # a fresh user-data-dir
            executable_path=str(CHROMIUM),
            args=CHROMIUM_FLAGS,
            headless=True,
            viewport={"width": 1280, "height": 720},
        )
        context.set_default_timeout(TIMEOUT_MS)
        try:
            yield Review(url, summary_tables(printed), summary_overview(printed), context)
        finally:
            context.close()


@pytest.fixture
def page(review: Review) -> Iterator[Any]:
    """A new tab that records every error the page logs; a test ends with none."""
    tab = review.context.new_page()
    problems: list[str] = []

    def console(message: Any) -> None:
        if message.type in ("error", "warning"):
            problems.append(f"console {message.type}: {message.text}")

    def response(answer: Any) -> None:
        if answer.status >= 400:
            problems.append(f"{answer.status}: {answer.url}")

    tab.on("console", console)
    tab.on("response", response)
    tab.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    tab.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    yield tab
    tab.close()
    assert problems == [], "the page logged errors"


def drawn_marks(page: Any, scope: str) -> list[dict[str, str]]:
    """What each bar in `scope` says it shows (Vega's aria-label), once drawn, each with a size."""
    bars = page.locator(f"{scope} svg g.mark-rect path")
    bars.first.wait_for()
    marks = []
    for index in range(bars.count()):
        bar = bars.nth(index)
        box = bar.bounding_box()
        assert box is not None and box["width"] > 0 and box["height"] > 0, f"{scope}: bar {index}"
        label = bar.get_attribute("aria-label") or ""
        marks.append(dict(part.split(": ", 1) for part in label.split("; ")))
    return marks


def distribution_of(review: Review) -> dict[str, float]:
    """The summary's fit distribution, the ranges that hold results."""
    rows = review.summary["Fit distribution"]
    return {row[0]: float(row[1]) for row in rows if int(row[1])}


def category_means_of(review: Review) -> dict[str, float]:
    return {row[0]: float(row[1]) for row in review.summary["Categories (fit 0–100)"]}


def check_chart(page: Any, review: Review, chart: str, scope: str) -> None:
    """The chart draws one bar per figure of the summary, with its value."""
    x, y, expected = {
        "fit-distribution": ("Fit", "Results", distribution_of(review)),
        "category-means": ("Category", "Mean fit", category_means_of(review)),
    }[chart]
    drawn = {mark[x]: float(mark[y]) for mark in drawn_marks(page, scope)}
    assert drawn == pytest.approx(expected, abs=0.1 + 1e-9), chart


def test_the_dashboard_draws_the_summary_figures(review: Review, page: Any) -> None:
    page.goto(f"{review.url}/-/dashboards/scores")
    for chart in DASHBOARD["charts"]:
        check_chart(page, review, chart, f"#chart-{chart}")
    SCREENSHOT.write_bytes(page.screenshot(full_page=True))


def test_the_job_filter_keeps_the_job_chosen(review: Review, page: Any) -> None:
    """The demo log holds one job: the filter offers it, and chosen, it changes no figure."""
    page.goto(f"{review.url}/-/dashboards/scores")
    page.select_option("select#profile", SHIPPED)
    page.click("input[type=submit]")
    page.wait_for_url(f"**/-/dashboards/scores?profile={SHIPPED}")
    for chart in DASHBOARD["charts"]:
        check_chart(page, review, chart, f"#chart-{chart}")
    assert page.locator("select#profile").input_value() == SHIPPED


@pytest.mark.parametrize("chart", list(DASHBOARD["charts"]))
def test_each_chart_on_its_own_page_draws_the_summary_figures(
    review: Review, page: Any, chart: str
) -> None:
    page.goto(f"{review.url}/-/dashboards/scores/{chart}")
    check_chart(page, review, chart, ".chart-container")


_ROWS = """() => {
  const heads = [...document.querySelectorAll('table.rows-and-columns thead th')]
    .map(th => th.innerText.trim());
  return [...document.querySelectorAll('table.rows-and-columns tbody tr')].map(tr =>
    Object.fromEntries([...tr.querySelectorAll('td')]
      .map((td, i) => [heads[i], td.innerText.trim()])));
}"""


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("job", ["", SHIPPED])
def test_each_canned_query_shows_the_summary_figures(
    review: Review, page: Any, query: str, job: str
) -> None:
    """Every job (the profile field left empty), then the demo's job named: the same figures."""
    page.goto(f"{review.url}/scores/{query}" + (f"?profile={job}" if job else ""))
    page.locator("table.rows-and-columns tbody tr").first.wait_for()
    rows: list[dict[str, str]] = page.evaluate(_ROWS)
    assert rows, query
    if (figures := summary_figures(query, rows, review)) is not None:
        shown, printed = figures
        # SQLite and Python each round in their own way; the summary prints percents whole.
        tolerance = (
            0.55 if query == "frequent_gaps" else 0.1 + 1e-9
        )  # one rounding step, and float noise
        assert shown == pytest.approx(printed, abs=tolerance), query


Figures = dict[tuple[str, str], float]


def summary_figures(
    query: str, rows: list[dict[str, str]], review: Review
) -> tuple[Figures, Figures] | None:
    """The figures a canned query shows and the same ones in `logs summary`, by (row, column);
    None for the queries whose figures are not in the summary (item analysis, alpha)."""

    def shown(key: str, *columns: str) -> Figures:
        return {(row[key], c): float(row[c]) for row in rows for c in columns}

    def printed(title: str, **columns: int) -> Figures:
        table = review.summary[title]
        return {(row[0], c): float(row[i]) for row in table for c, i in columns.items()}

    dimensions = "Qualities and skills (fit 0–100)"
    match query:
        case "by_profile":
            results = float(review.overview["Results"])
            return shown("profile_id", "results"), {(SHIPPED, "results"): results}
        case "fit_distribution":
            distribution = distribution_of(review)
            return shown("fit_range", "results"), {
                (label, "results"): n for label, n in distribution.items()
            }
        case "category_means":
            overview = review.overview
            overall = {"results": overview["Results"], "fit": overview["Mean fit"]}
            expected = {**{c: float(v) for c, v in overall.items()}, **category_means_of(review)}
            return shown("results", *expected), {
                (overview["Results"], c): v for c, v in expected.items()
            }
        case "dimension_means":
            return shown("dimension", "mean_fit", "gaps"), printed(dimensions, mean_fit=1, gaps=3)
        case "frequent_gaps":
            gaps = printed(dimensions, gaps=3, percent_of_results=4)
            listed = {key for key, n in gaps.items() if key[1] == "gaps" and n}
            kept = {(d, c): n for (d, c), n in gaps.items() if (d, "gaps") in listed}
            return shown("dimension", "gaps", "percent_of_results"), kept
        case "answers_per_question":
            return {
                (f"{r['question_id']} {r['choice']}", "times"): float(r["times"]) for r in rows
            }, {
                (f"{row[0]} {choice}", "times"): n
                for row in review.summary["Answers per question"]
                for choice, n in chosen_counts(row[1]).items()
            }
        case "by_language" | "by_source" | "by_month":
            key = {"by_language": "lang", "by_source": "source", "by_month": "month"}[query]
            title = f"Results per {query.removeprefix('by_').replace('_', ' ')}"
            return shown(key, "results"), printed(title, results=1)
    return None
