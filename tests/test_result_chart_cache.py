"""The result chart's kept text masks: the same pictures as drawn fresh, bounded, fewer fonts."""

from __future__ import annotations

import dataclasses
import io
import weakref
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from PIL import Image, ImageDraw, ImageFont

from bot.content.loader import load_content
from bot.content.models import Content, Lang, Text
from bot.engine.result import Result
from bot.presentation import chart_paint, chart_text
from bot.presentation.chart_text import clear_text_cache, text_cache_bytes
from bot.presentation.palette import palette_png_of_bands
from bot.presentation.result_chart import result_chart_png
from tests.support.extremes import strong, weak
from tests.support.paths import FIXTURES, ROOT


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    clear_text_cache()
    yield
    clear_text_cache()


@pytest.fixture(scope="module")
def fixture_job() -> Content:
    return load_content(FIXTURES / "charts" / "questions", FIXTURES / "charts" / "profiles")


@pytest.fixture(scope="module")
def shipped_job() -> Content:
    return load_content(ROOT / "questions", ROOT / "profiles")


def fresh(content: Content, result: Result, lang: Lang) -> bytes:
    clear_text_cache()
    return result_chart_png(content, result, lang)


def test_alternate_jobs_and_languages_give_the_pictures_drawn_fresh(
    fixture_job: Content, shipped_job: Content
) -> None:
    """Two results of two jobs in two languages, in turn: each the bytes of a first chart."""
    cases = [
        (content, make(content), lang)
        for content in (fixture_job, shipped_job)
        for make in (strong, weak)
        for lang in ("fr", "en")
    ]
    expected = [fresh(*case) for case in cases]
    clear_text_cache()
    for _ in range(2):
        assert [result_chart_png(*case) for case in cases] == expected
        assert [result_chart_png(*case) for case in reversed(cases)] == expected[::-1]


def test_an_edited_label_shows_at_once(fixture_job: Content) -> None:
    """A job whose label changed is drawn with the new label, not a kept one."""
    dimensions = list(fixture_job.profile.dimensions)
    dimensions[0] = dimensions[0].model_copy(
        update={"label": Text({"fr": "Un tout autre libellé", "en": "Another label"})}
    )
    profile = fixture_job.profile.model_copy(update={"dimensions": dimensions})
    edited = dataclasses.replace(fixture_job, profile=profile)
    before = result_chart_png(fixture_job, strong(fixture_job), "fr")
    after = result_chart_png(edited, strong(edited), "fr")
    assert after != before
    assert after == fresh(edited, strong(edited), "fr")


def test_the_kept_masks_stay_within_their_bound(
    fixture_job: Content, shipped_job: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chart_text, "MASK_CACHE_BYTES", 200_000)
    expected = {lang: fresh(shipped_job, weak(shipped_job), lang) for lang in ("fr", "en")}
    clear_text_cache()
    for lang in ("fr", "en"):
        result_chart_png(fixture_job, strong(fixture_job), lang)
        assert 0 < text_cache_bytes() <= 200_000
        # masks dropped to keep the bound are rendered again, the same
        assert result_chart_png(shipped_job, weak(shipped_job), lang) == expected[lang]
        assert 0 < text_cache_bytes() <= 200_000


def test_a_job_drawn_before_opens_only_the_faces_of_the_results_figures(
    fixture_job: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each face maps its font file: with the job's texts kept, a chart opens the fit
    line's face, and the headings' when a category's score was not drawn before; and
    never more than one face is open at once."""
    opened: list[int] = []
    alive: list[int] = []
    most_alive = 0
    truetype = ImageFont.truetype

    def counting(font: object, size: int) -> ImageFont.FreeTypeFont:
        nonlocal most_alive
        face = truetype(font, size)  # type: ignore[arg-type]
        opened.append(size)
        alive.append(size)
        most_alive = max(most_alive, len(alive))
        weakref.finalize(face, alive.remove, size)
        return face

    monkeypatch.setattr(ImageFont, "truetype", counting)
    result_chart_png(fixture_job, strong(fixture_job), "fr")
    assert len(set(opened)) == 5
    assert most_alive == 1 and alive == []
    opened.clear()
    result_chart_png(fixture_job, weak(fixture_job), "fr")  # other scores
    assert opened == [chart_text.HEADING_PX, chart_text.SUBTITLE_PX]
    opened.clear()
    result_chart_png(fixture_job, strong(fixture_job), "fr")
    assert opened == [chart_text.SUBTITLE_PX]
    assert most_alive == 1 and alive == []


def test_the_picture_does_not_depend_on_the_bands(
    fixture_job: Content, shipped_job: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Painted a band of rows at a time: lines, bars and texts across a band's edge
    come out as on one whole canvas."""

    def pixels(content: Content, result: Result, lang: Lang) -> bytes:
        return Image.open(io.BytesIO(result_chart_png(content, result, lang))).tobytes()

    cases = [(fixture_job, strong(fixture_job), "fr"), (shipped_job, weak(shipped_job), "en")]
    banded = [pixels(*case) for case in cases]
    for rows in (1 << 16, 7):
        monkeypatch.setattr(chart_paint, "BAND_ROWS", rows)
        assert [pixels(*case) for case in cases] == banded


@pytest.mark.parametrize(
    ("text", "anchor"),
    [("Compétences", "lm"), ("72\u202f%", "rm"), ("3", "md"), ("Ligne un\net deux", "lm")],
)
def test_a_pasted_mask_gives_the_pixels_of_drawn_text(text: str, anchor: str) -> None:
    """Over lines and a shaded background, as on the chart, at whole-pixel positions."""
    font = ImageFont.truetype(chart_text.font_dir() / "DejaVuSans.ttf", 31)
    canvas = Image.new("L", (400, 160), 255)
    background = ImageDraw.Draw(canvas)
    background.rectangle([0, 60, 400, 90], fill=207)
    background.line([(0, 75), (400, 75)], fill=34, width=2)
    drawn, pasted = canvas.copy(), canvas.copy()
    ImageDraw.Draw(drawn).multiline_text((200, 70), text, font=font, fill=34, anchor=anchor)
    chart_text.Mask.render(text, font, anchor).paint(pasted, (200, 70), 34)
    assert pasted.tobytes() == drawn.tobytes()


def test_threads_share_the_kept_masks_safely(fixture_job: Content) -> None:
    jobs = [(strong(fixture_job), "fr"), (weak(fixture_job), "en")] * 4
    expected = [fresh(fixture_job, *job) for job in jobs[:2]] * 4
    clear_text_cache()
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda job: result_chart_png(fixture_job, *job), jobs))
    assert got == expected


def test_bands_that_do_not_make_the_picture_are_refused() -> None:
    band = Image.new("L", (5, 3), 255)
    assert palette_png_of_bands(5, 6, [band, band]).startswith(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(ValueError, match="bands of 3 rows for a picture of 6"):
        palette_png_of_bands(5, 6, [band])
