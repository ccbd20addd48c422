"""The chart pictures: valid PNGs, readable on a phone, right for each profile and language."""

from __future__ import annotations

import asyncio
import dataclasses
import io
import math
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from PIL import Image, ImageChops, ImageStat

from bot.content.loader import load_content
from bot.content.models import Content, Lang, Text
from bot.engine.result import Result, evaluate
from bot.engine.scoring import Answers
from bot.presentation.charts import MAX_CHARTS_AT_ONCE, draw_in_background, stats_chart_png
from bot.presentation.palette import BAND_ROWS, BLUE, VERMILLION, _shade_to_index, palette_png
from bot.presentation.result_chart import result_chart_png
from tests.support.extremes import best_answer, strong, weak
from tests.support.languages import LANGS
from tests.support.paths import FIXTURES, ROOT
from tests.support.personas import Persona, answers_for

FIXTURE = FIXTURES / "charts"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PHONE_WIDTH = 1080
MAX_CHART_BYTES = 100_000
"""What a chart sent to every candidate may weigh (issue #11)."""

MASTER = Persona(
    "master",
    "Master in digital marketing, 7 years in e-commerce, answers frankly",
    education="master",
    studied="digital",
    experience="5to10",
    ability=0.85,
    interest=0.9,
)


@pytest.fixture(scope="module")
def content() -> Content:
    """A profile the size of the shipped one (30 dimensions in three categories)."""
    return load_content(FIXTURE / "questions", FIXTURE / "profiles")


def open_png(data: bytes) -> Image.Image:
    assert data.startswith(PNG_SIGNATURE)
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def colour_count(image: Image.Image, hex_colour: str) -> int:
    """Pixels of exactly this colour (bar interiors are not anti-aliased)."""
    wanted = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    rgb = image.convert("RGB")
    return sum(
        count for count, colour in rgb.getcolors(maxcolors=1 << 20) or [] if colour == wanted
    )


def assert_not_blank(image: Image.Image) -> None:
    rgb = image.convert("RGB")
    # Greys of anti-aliased text, bars and grid: the result chart has a 21-colour palette.
    assert len(rgb.getcolors(maxcolors=1 << 20) or []) > 12
    assert max(ImageStat.Stat(rgb).stddev) > 20


# --- The result chart ----------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("make", [strong, weak], ids=["strong", "weak"])
def test_result_chart_is_a_portrait_png_for_a_phone(content: Content, make, lang: Lang) -> None:
    data = result_chart_png(content, make(content), lang)
    image = open_png(data)
    assert image.format == "PNG"
    assert image.mode in {"RGB", "RGBA", "P"}
    assert len(data) <= MAX_CHART_BYTES
    width, height = image.size
    assert width == PHONE_WIDTH
    # Portrait, yet not so tall that a phone shrinks the text out of reach.
    assert 1.5 < height / width < 2.6
    assert_not_blank(image)


def test_colours_tell_met_from_short(content: Content) -> None:
    """Blue bars where the requirement is met, vermillion where it is not."""
    best = open_png(result_chart_png(content, strong(content), "en"))
    worst = open_png(result_chart_png(content, weak(content), "en"))
    assert all(d.fit >= 1 for d in strong(content).score.dimensions)
    assert all(d.fit < 1 for d in weak(content).score.dimensions)
    # The legend shows both colours, so compare against it rather than against zero.
    assert colour_count(best, BLUE) > 20 * colour_count(worst, BLUE)
    assert colour_count(worst, VERMILLION) > 5 * colour_count(best, VERMILLION)


def test_strong_and_weak_profiles_draw_different_pictures(content: Content) -> None:
    best = open_png(result_chart_png(content, strong(content), "fr")).convert("RGB")
    worst = open_png(result_chart_png(content, weak(content), "fr")).convert("RGB")
    assert best.size == worst.size
    unchanged = ImageChops.difference(best, worst).convert("L").histogram()[0]
    differing = best.width * best.height - unchanged
    assert differing > 0.02 * best.width * best.height


def test_french_and_english_labels_differ(content: Content) -> None:
    result = strong(content)
    assert result_chart_png(content, result, "fr") != result_chart_png(content, result, "en")


def test_same_result_same_bytes_and_no_metadata(content: Content) -> None:
    result = weak(content)
    first = result_chart_png(content, result, "fr")
    assert result_chart_png(content, result, "fr") == first
    assert "Software" not in open_png(first).info


def test_long_labels_wrap_and_dollars_are_not_maths(content: Content) -> None:
    """Labels come from admins' YAML: long ones wrap, a lone `$` is plain text."""
    dimensions = list(content.profile.dimensions)
    long = "Connaissances juridiques du commerce électronique et de la protection des données"
    dimensions[0] = dimensions[0].model_copy(
        update={"label": Text({"fr": long, "en": "Budget in $"})}
    )
    profile = content.profile.model_copy(update={"dimensions": dimensions})
    edited = dataclasses.replace(content, profile=profile)
    result = strong(edited)
    for lang in LANGS:
        image = open_png(result_chart_png(edited, result, lang))
        assert image.width == PHONE_WIDTH
    plain = open_png(result_chart_png(content, strong(content), "fr"))
    wrapped = open_png(result_chart_png(edited, result, "fr"))
    assert wrapped.height > plain.height  # the long label took extra lines


def test_partial_answers_render(content: Content) -> None:
    """A result from few answers (levels between the steps, most at zero) still draws."""
    first = content.questions[0]
    answers: Answers = {first.id: ("3",) if first.kind == "likert" else best_answer(first)}
    open_png(result_chart_png(content, evaluate(content, answers), "en"))


def test_every_band_of_the_canvas_takes_its_palette_entries() -> None:
    """The canvas is mapped to the palette a band of rows at a time, in place: the same
    picture as the whole canvas mapped at once, the last, shorter band included."""
    width, height = 7, 2 * BAND_ROWS + 5
    canvas = Image.frombytes("L", (width, height), bytes(i % 256 for i in range(width * height)))
    table, palette = _shade_to_index()
    whole = canvas.point(table)
    whole.putpalette(palette)
    banded = open_png(palette_png(canvas.copy()))
    assert banded.size == whole.size
    assert banded.tobytes() == whole.tobytes() and banded.getpalette() == whole.getpalette()


def test_rendering_in_threads_gives_the_same_pictures(content: Content) -> None:
    """Nothing is shared between renders, so any thread may draw."""
    jobs: list[tuple[Result, Lang]] = [(strong(content), "fr"), (weak(content), "en")] * 2
    expected = [result_chart_png(content, result, lang) for result, lang in jobs[:2]] * 2
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda job: result_chart_png(content, *job), jobs))
    assert got == expected


def test_shipped_profile_renders_in_both_languages() -> None:
    shipped = load_content(ROOT / "questions", ROOT / "profiles")
    for make in (strong, weak):
        for lang in LANGS:
            data = result_chart_png(shipped, make(shipped), lang)
            assert len(data) <= MAX_CHART_BYTES
            image = open_png(data)
            assert image.width == PHONE_WIDTH
            assert 1.5 < image.height / image.width < 2.6
            assert_not_blank(image)


def test_the_shipped_chart_shows_interest_in_the_core_missions() -> None:
    """An interest cap's reason must show on the picture: the interest is written under the fit."""
    shipped = load_content(ROOT / "questions", ROOT / "profiles")
    keen = answers_for(shipped, MASTER)
    less = {**keen, "like_negotiating": ("1",)}  # a statement no cap rule reads
    before, after = evaluate(shipped, keen), evaluate(shipped, less)
    # only the interest moved: the fit, the band and every ability are the same
    assert before.score.interest != after.score.interest
    assert before.score.overall == after.score.overall and before.score.band == after.score.band
    assert before.score.dimensions[:-4] == after.score.dimensions[:-4]
    for lang in LANGS:
        assert result_chart_png(shipped, before, lang) != result_chart_png(shipped, after, lang)


async def test_charts_are_drawn_one_at_a_time_off_the_event_loop() -> None:
    """Six charts asked for at once: at most MAX_CHARTS_AT_ONCE draw, and the loop stays free."""
    lock = threading.Lock()
    drawing = peak = 0

    def slow_chart(number: int) -> bytes:
        nonlocal drawing, peak
        with lock:
            drawing += 1
            peak = max(peak, drawing)
        time.sleep(0.05)
        with lock:
            drawing -= 1
        return str(number).encode()

    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.005)
            ticks += 1

    tick_task = asyncio.create_task(ticker())
    pictures = await asyncio.gather(*(draw_in_background(slow_chart, n) for n in range(6)))
    tick_task.cancel()
    assert pictures == [str(n).encode() for n in range(6)]
    assert peak == MAX_CHARTS_AT_ONCE <= 2
    assert ticks >= 6  # the loop ran while the charts were drawn


def test_importing_the_bot_does_not_import_matplotlib() -> None:
    code = "import sys, bot.cli, bot.presentation.charts; print('matplotlib' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "False"


# --- The statistics chart --------------------------------------------------------

FITS = [12.0, 35.5, 41.0, 48.0, 52.0, 55.0, 58.5, 61.0, 64.0, 67.0, 72.0, 78.0, 85.0, 100.0]
MEANS = {"qualities": 62.0, "skills": 48.5, "background": 91.0}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_stats_chart_has_two_panels_worth_of_picture(lang: Lang) -> None:
    image = open_png(stats_chart_png(FITS, MEANS, lang))
    assert image.mode in {"RGB", "RGBA"}
    assert image.width == PHONE_WIDTH
    assert image.height > image.width
    assert_not_blank(image)
    assert colour_count(image, BLUE) > 10_000  # histogram and category bars


def test_stats_chart_languages_differ_and_are_stable() -> None:
    french = stats_chart_png(FITS, MEANS, "fr")
    assert french != stats_chart_png(FITS, MEANS, "en")
    assert french == stats_chart_png(list(FITS), dict(MEANS), "fr")


def test_stats_chart_depends_on_the_fits() -> None:
    assert stats_chart_png(FITS, MEANS, "en") != stats_chart_png([f / 2 for f in FITS], MEANS, "en")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_stats_chart_without_results_is_an_empty_state_picture(lang: Lang) -> None:
    image = open_png(stats_chart_png([], {}, lang))
    assert image.width == PHONE_WIDTH
    assert colour_count(image, BLUE) == 0  # no bars: a message, not empty axes
    assert len(image.convert("RGB").getcolors(maxcolors=1 << 20) or []) > 10  # some text


def test_stats_chart_tolerates_odd_input() -> None:
    """Out-of-range and non-finite fits, unknown or missing categories do not crash."""
    open_png(stats_chart_png([-5.0, 105.0, math.nan, math.inf, 50.0], {"other": 40.0}, "en"))
    open_png(stats_chart_png([50.0], {}, "en"))
    open_png(stats_chart_png([], MEANS, "en"))
