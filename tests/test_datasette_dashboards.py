"""`logs review` draws the fit distribution and the category means in the browser
(datasette-dashboards, Vega-Lite shipped inside the plugin), from the summary's figures."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.scorelog.summary import bucket_label, load_summary
from tests.support.jobs import FAKE
from tests.support.scorelog import filled_log, review_datasette, review_metadata

pytest.importorskip("datasette.app")  # tests.support.scorelog.review_datasette serves it
dashboards = pytest.importorskip("datasette_dashboards")
replace_opts_in_query = dashboards.replace_opts_in_query

DASHBOARD = review_metadata()["plugins"]["datasette-dashboards"]["scores"]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return filled_log(tmp_path / "scores.db")


@pytest.fixture
async def ds(db_path: Path) -> AsyncIterator[Any]:
    async with review_datasette(db_path) as datasette:
        yield datasette


async def chart_rows(ds: Any, chart: str, **filters: str) -> list[dict[str, Any]]:
    """The rows a chart draws, its query filled in as the plugin does with the filters set."""
    spec = DASHBOARD["charts"][chart]
    sql = replace_opts_in_query(spec["query"], filters)
    response = await ds.client.get(
        f"/{spec['db']}.json", params={"sql": sql, "_shape": "array", **filters}
    )
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()
    return rows


async def test_the_dashboard_page_loads_its_charts_from_datasette_itself(ds: Any) -> None:
    response = await ds.client.get("/-/dashboards/scores")
    assert response.status_code == 200
    scripts = re.findall(r'<script[^>]* src="([^"]+)"', response.text)
    assert any("vega-lite" in src for src in scripts)
    assert all(src.startswith("/-/") for src in scripts), scripts
    for chart in DASHBOARD["charts"]:
        assert chart in response.text


async def test_each_chart_query_gives_the_fields_its_encoding_draws(ds: Any) -> None:
    for name, spec in DASHBOARD["charts"].items():
        rows = await chart_rows(ds, name)
        assert rows, name
        fields = {channel["field"] for channel in spec["display"]["encoding"].values()}
        assert fields <= rows[0].keys(), name


async def test_the_charts_show_the_summary_figures(ds: Any, db_path: Path) -> None:
    summary = load_summary(db_path)
    distribution = {
        row["fit_range"]: row["results"] for row in await chart_rows(ds, "fit-distribution")
    }
    assert distribution == {
        bucket_label(start): count for start, count in summary.fit_buckets.items() if count
    }
    means = {row["category"]: row["mean_fit"] for row in await chart_rows(ds, "category-means")}
    expected = {category: stat.mean for category, stat in summary.categories.items()}
    assert means == pytest.approx(expected, abs=0.11)


@pytest.fixture
async def two_jobs(tmp_path: Path) -> AsyncIterator[tuple[Any, Path]]:
    """Datasette on a log of 12 results of one job and 7 of the fake one, and the log."""
    path = filled_log(tmp_path / "scores.db", two_jobs=True)
    async with review_datasette(path) as datasette:
        yield datasette, path


def figures(rows: list[dict[str, Any]], key: str, value: str, profile: str) -> dict[str, Any]:
    return {row[key]: row[value] for row in rows if row["profile_id"] == profile}


async def test_the_job_filter_keeps_one_job_and_all_jobs_stay_apart(
    two_jobs: tuple[Any, Path],
) -> None:
    ds, path = two_jobs
    page = await ds.client.get("/-/dashboards/scores")
    assert page.status_code == 200
    assert '<option value="ecommerce"' in page.text and f'<option value="{FAKE}"' in page.text
    for profile in ("ecommerce", FAKE):
        summary = load_summary(path, profile=profile)
        buckets = {bucket_label(s): n for s, n in summary.fit_buckets.items() if n}
        means = {category: stat.mean for category, stat in summary.categories.items()}
        for chosen in ({"profile": profile}, {}):  # that job alone, then every job apart
            drawn = await chart_rows(ds, "fit-distribution", **chosen)
            assert figures(drawn, "fit_range", "results", profile) == buckets, chosen
            drawn = await chart_rows(ds, "category-means", **chosen)
            assert figures(drawn, "category", "mean_fit", profile) == pytest.approx(means, abs=0.11)
        alone = await chart_rows(ds, "category-means", profile=profile)
        assert {row["profile_id"] for row in alone} == {profile}
