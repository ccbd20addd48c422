"""Constraints handled honestly: the job's hours vary with online sales (the source),
with how to raise it with employers; for health or disability, the public services
that help (Cap emploi, Agefiph: general knowledge), named to everyone so that no one
has to disclose their health to read them."""

from __future__ import annotations

import html
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.content.models import CATEGORIES, Content, Lang
from bot.engine.change import Change
from bot.engine.record import record_of
from bot.engine.result import evaluate
from bot.presentation.result_full import render_result
from bot.presentation.result_sections import section
from bot.presentation.result_summary import SUMMARY_MAX_CHARS, SUMMARY_MAX_LINES, summary
from bot.presentation.result_text import message_length, to_plain
from bot.presentation.result_view import SUMMARY_REASONS, view
from tests.support.answers import answers, best_answers
from tests.support.languages import LANGS
from tests.support.persona_catalogue import DISABILITY, FIXED_HOURS
from tests.support.personas import EXPERIENCED_MASTER, answers_for

HEADING = {"fr": "<b>Contraintes éventuelles</b>", "en": "<b>If you have a constraint</b>"}
#: The source: hours vary because people buy online at any time.
VARY = {"fr": "varient avec les ventes en ligne", "en": "vary with online sales"}
ASK = {"fr": "demandez aux employeurs", "en": "ask employers"}
#: What the result must no longer tell someone who needs fixed hours.
TRY_IRREGULAR = {"fr": "horaires décalés", "en": "irregular hours"}


@pytest.mark.parametrize("lang", LANGS)
def test_fixed_hours_get_the_honest_line(shipped_content: Content, lang: Lang) -> None:
    result = evaluate(shipped_content, answers_for(shipped_content, FIXED_HOURS))
    assert [c.id for c in result.constraints] == ["hours", "health"]
    lines = render_result(shipped_content, result, lang).splitlines()
    start = lines.index(HEADING[lang])
    shown = [f"• {html.escape(c.text(lang))}" for c in result.constraints if c.text is not None]
    assert lines[start + 1 : start + 3] == shown
    assert VARY[lang] in shown[0] and ASK[lang] in shown[0]
    assert not any(TRY_IRREGULAR[lang] in line for line in lines)


def test_saying_one_needs_fixed_hours_brings_the_hours_line(shipped_content: Content) -> None:
    """« I need fixed hours » agreed with and peak evenings refused: little flexibility."""
    answers = best_answers(shipped_content) | {"fixed_hours": ("4",), "peak_ok": ("0",)}
    assert [c.id for c in evaluate(shipped_content, answers).constraints] == ["hours", "health"]


@pytest.mark.parametrize("needs", ["3", "4"])
def test_a_stated_need_for_fixed_hours_brings_the_line_whatever_past_work_shows(
    shipped_content: Content, needs: str
) -> None:
    """Round 6's finding 5: a parent who needs fixed hours (« Plutôt ») but once worked the
    peaks in a shop had flexibility enough on average, and read no word on hours; the need
    she states today decides, in the summary too."""
    answers = best_answers(shipped_content) | {"fixed_hours": (needs,), "peak_ok": ("1",)}
    assert "peak" in answers["done_work"]  # the past work that lifted the average
    result = evaluate(shipped_content, answers)
    assert [c.id for c in result.constraints] == ["hours", "health"]
    hours = result.constraints[0]
    assert hours.summary is not None
    text = summary(shipped_content, record_of(shipped_content, result, lang="fr"), "fr")
    assert html.escape(hours.summary("fr")) in text


def test_agreeing_a_little_with_fixed_hours_brings_no_line(shipped_content: Content) -> None:
    answers = best_answers(shipped_content) | {"fixed_hours": ("2",), "peak_ok": ("3",)}
    assert [c.id for c in evaluate(shipped_content, answers).constraints] == ["health"]


@pytest.mark.parametrize("lang", LANGS)
def test_health_or_disability_names_cap_emploi_and_agefiph(
    shipped_content: Content, lang: Lang
) -> None:
    result = evaluate(shipped_content, answers_for(shipped_content, DISABILITY))
    assert [c.id for c in result.constraints] == ["health"]
    message = render_result(shipped_content, result, lang)
    assert "Cap emploi" in message and "Agefiph" in message
    health = result.constraints[0]
    assert health.origin == "general" and health.note.strip()


def test_a_flexible_person_gets_no_hours_line(shipped_content: Content) -> None:
    result = evaluate(shipped_content, answers_for(shipped_content, EXPERIENCED_MASTER))
    assert [c.id for c in result.constraints] == ["health"]


def test_the_hours_line_comes_from_the_source(shipped_content: Content) -> None:
    hours = next(c for c in shipped_content.profile.constraints if c.id == "hours")
    assert hours.origin == "source"
    assert hours.dimension == "flexibility" and hours.fit_below is not None


@pytest.mark.parametrize("lang", LANGS)
def test_the_quiz_asks_nothing_about_health(shipped_content: Content, lang: Lang) -> None:
    words = {"fr": ("santé", "handicap"), "en": ("health", "disability")}[lang]
    for question in shipped_content.questions:
        texts = [question.text(lang), *(o.text(lang) for o in question.options)]
        assert not any(word in text.lower() for text in texts for word in words), question.id


@pytest.mark.parametrize("lang", LANGS)
def test_a_need_for_fixed_hours_is_a_constraint_not_a_point_to_develop(
    shipped_content: Content, lang: Lang
) -> None:
    """The adviser's report: a person with a chronic illness (« Tout à fait » to fixed
    hours, « Pas du tout » to peak evenings) read « Flexibilité » under « À développer en
    priorité ». The need is said once, as a constraint with how to raise it."""
    answers = best_answers(shipped_content) | {"fixed_hours": ("4",), "peak_ok": ("0",)}
    result = evaluate(shipped_content, answers)
    flexibility = next(d for d in result.score.dimensions if d.dimension.id == "flexibility")
    assert flexibility.fit < 1  # short of the job's need…
    assert "hours" in [c.id for c in result.constraints]
    shown = [d.dimension.id for d in (*result.gaps, *result.further)]
    assert "flexibility" not in shown  # …but not a weakness to work on
    label = shipped_content.dimension_by_id["flexibility"].label(lang)
    record = record_of(shipped_content, result, lang=lang)
    assert label not in to_plain(section(shipped_content, record, lang, "develop") or "")
    assert label not in to_plain(summary(shipped_content, record, lang))


def test_needing_fixed_hours_costs_the_fit_no_more_than_flexibility_weighs(
    shipped_content: Content,
) -> None:
    """The parent who needs fixed hours once read 29 %: the persona model answered « Je ne
    sais pas » to every fact at ability 0.6. Their fit reads their answers (« En partie »
    nearly everywhere, a partial match), and the constraint itself costs at most the
    weight of flexibility in the fit, never the band, and is never a point to develop."""
    content = shipped_content
    parent = evaluate(content, answers_for(content, FIXED_HOURS))
    flexible = evaluate(content, answers_for(content, replace(FIXED_HOURS, strong={})))
    ability = [d for d in content.profile.dimensions if d.category in CATEGORIES]
    share = 100 * content.dimension_by_id["flexibility"].weight / sum(d.weight for d in ability)
    assert 0 <= flexible.score.overall - parent.score.overall <= share
    assert parent.score.band == flexible.score.band
    assert parent.score.band.id == "partial"
    assert "hours" in [line.id for line in parent.constraints]
    shown = [d.dimension.id for d in (*parent.gaps, *parent.further)]
    assert "flexibility" not in shown


#: The summary's line for the hours, from the profile (the adviser's parent read
#: « Très bonne adéquation » and found the hours three screens later).
PEAKS = {"fr": "pics de ventes", "en": "sales peaks"}


@pytest.mark.parametrize("lang", LANGS)
def test_needing_fixed_hours_is_said_in_the_summary_without_lowering_the_band(
    shipped_content: Content, lang: Lang
) -> None:
    keen = best_answers(shipped_content)
    fixed = keen | {"fixed_hours": ("4",), "peak_ok": ("0",)}
    for given_answers, said in ((keen, False), (fixed, True)):
        result = evaluate(shipped_content, given_answers)
        text = to_plain(
            summary(shipped_content, record_of(shipped_content, result, lang=lang), lang)
        )
        assert (PEAKS[lang] in text) == said
    # a constraint, not a skill: the band is the one the fit and the other rules give
    assert evaluate(shipped_content, fixed).score.cap is None


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_the_hours_line_always_has_room_in_the_summary(
    shipped_content: Content, data: st.DataObject
) -> None:
    """Whatever else the summary says (two reasons, a retake's change), the hours line is
    there and the summary stays one screen: it takes the room of the second reason."""
    drawn = data.draw(answers(shipped_content)) | {"fixed_hours": ("4",), "peak_ok": ("0",)}
    result = evaluate(shipped_content, drawn)
    change = Change(before=100.0, after=0.0, better=[], worse=[])
    for lang in LANGS:
        text = summary(shipped_content, record_of(shipped_content, result, lang=lang), lang, change)
        assert PEAKS[lang] in text
        assert message_length(text) <= SUMMARY_MAX_CHARS
        assert len(text.splitlines()) <= SUMMARY_MAX_LINES


SCREEN = {
    "fr": "Le métier se fait surtout devant un écran\u00a0: ventes, chiffres et campagnes en ligne",
    "en": "The job is done mostly at a screen: online sales, figures and campaigns",
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("low", "said"),
    [
        ({"new_tools": ("1",)}, True),
        ({"web_culture": ("0",)}, True),
        ({"new_tools": ("2",), "web_culture": ("2",)}, False),
    ],
)
def test_slow_with_tools_or_new_to_the_web_reads_the_job_is_at_a_screen(
    shipped_content: Content, lang: Lang, low: dict[str, tuple[str, ...]], said: bool
) -> None:
    """Someone slow with new tools or new to online commerce (« Plutôt pas » or less) may
    not picture the job's days: the summary says they are spent at a screen (the missions,
    in the detail, say what that work is); « En partie » on both says nothing of it."""
    result = evaluate(shipped_content, best_answers(shipped_content) | low)
    assert ("screen" in [c.id for c in result.constraints]) == said
    shown = record_of(shipped_content, result, lang=lang)
    assert (SCREEN[lang] in to_plain(summary(shipped_content, shown, lang))) == said
    path = to_plain(section(shipped_content, shown, lang, "path") or "")
    assert SCREEN[lang] not in path


def test_the_screen_line_takes_no_verdict_reason_s_room(shipped_content: Content) -> None:
    """A fact of the job, said in the room left: the verdict keeps its reasons (a cap
    reason is what the person must read first)."""
    result = evaluate(shipped_content, best_answers(shipped_content) | {"new_tools": ("1",)})
    assert [c.id for c in result.constraints] == ["screen", "health"]
    shown = view(shipped_content, record_of(shipped_content, result, lang="fr"))
    assert shown.summary_reasons == SUMMARY_REASONS
