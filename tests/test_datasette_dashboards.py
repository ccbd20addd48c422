"""`logs review` draws the fit distribution and the category means in the browser
(datasette-dashboards, Vega-Lite shipped inside the plugin), from the summary's figures."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.scorelog.review import snapshot
from bot.scorelog.summary import bucket_label, load_summary
from tests.support.scorelog import fill, review_metadata, scorelog_content

datasette_app = pytest.importorskip("datasette.app")
pytest.importorskip("datasette_dashboards")

DASHBOARD = review_metadata()["plugins"]["datasette-dashboards"]["scores"]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    live = tmp_path / "live" / "scores.db"
    fill(live, scorelog_content())
    copy = tmp_path / "scores.db"
    snapshot(live, copy)
    return copy


@pytest.fixture
async def ds(db_path: Path) -> AsyncIterator[Any]:
    datasette = datasette_app.Datasette(immutables=[str(db_path)], metadata=review_metadata())
    yield datasette
    for database in datasette.databases.values():
        database.close()


async def chart_rows(ds: Any, chart: str) -> list[dict[str, Any]]:
    spec = DASHBOARD["charts"][chart]
    response = await ds.client.get(
        f"/{spec['db']}.json", params={"sql": spec["query"], "_shape": "array"}
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
