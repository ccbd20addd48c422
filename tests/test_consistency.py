"""Contradictions: a caution, the band below the top, and claimed vs shown said kindly.

A reverse-keyed statement and its twin both agreed with, or two skills claimed and
then answered wrongly by the knowledge questions, make the answers inconsistent: the
result gives the consistency rule's reason and keeps the band below the top. A skill
claimed and not shown is otherwise only pointed out, as something to check: one such
skill, or any number answered « Je ne sais pas », which is honest, not a contradiction.
"""

from __future__ import annotations

import pytest

from bot.content.models import Content, Lang
from bot.engine.record import record_of
from bot.engine.result import evaluate
from bot.presentation import result_summary
from bot.presentation.result_full import render_result
from bot.presentation.result_summary import summary
from bot.presentation.result_text import message_length, to_plain
from bot.presentation.texts import t
from tests.support.personas import EXPERIENCED_MASTER, answers_for
from tests.support.reasons import cap_reason

TWINS = (("fixed_hours", "peak_ok"), ("gut_feeling", "decide_figures"))


def strong(content: Content) -> dict[str, tuple[str, ...]]:
    answers = answers_for(content, EXPERIENCED_MASTER)
    assert evaluate(content, answers).score.band.id == "strong"
    return answers


def test_every_reverse_keyed_statement_has_a_direct_twin(shipped_content: Content) -> None:
    for question in shipped_content.questions:
        if question.reverse and question.id in dict(TWINS):
            twin = shipped_content.question_by_id[question.twin or ""]
            assert twin.kind == "likert" and not twin.reverse
            assert twin.dimensions == question.dimensions


@pytest.mark.parametrize(("reverse", "direct"), TWINS)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_agreeing_with_a_statement_and_its_twin_keeps_the_band_below_the_top(
    shipped_content: Content, reverse: str, direct: str, lang: Lang
) -> None:
    answers = {**strong(shipped_content), reverse: ("4",), direct: ("4",)}
    result = evaluate(shipped_content, answers)
    score = result.score
    assert score.consistency.twins == ((reverse, direct),)
    assert score.uncapped.id == "strong" and score.band.id == "good"
    (rule,) = [r for r in score.reasons if r.inconsistent]
    assert cap_reason(shipped_content, rule, score, lang) in to_plain(
        render_result(shipped_content, result, lang)
    )
    # disagreeing with both is a contradiction too; agreeing with one only is not
    both_no = evaluate(shipped_content, {**answers, reverse: ("0",), direct: ("0",)})
    assert both_no.score.consistency.twins == ((reverse, direct),)
    frank = evaluate(shipped_content, {**answers, reverse: ("0",), direct: ("4",)})
    assert frank.score.consistency.twins == () and frank.score.band.id == "strong"


def test_fixed_hours_with_a_peak_evening_now_and_then_is_no_contradiction(
    shipped_content: Content,
) -> None:
    """« Je tiens à des horaires fixes » and « Plutôt » to a peak evening is what many
    parents mean, not a contradiction (the hours constraint line speaks to that tension):
    only both fully agreed with, or both fully refused, contradict. The other pair keeps
    its three steps: trusting one's gut fully and mostly looking at figures first."""
    answers = strong(shipped_content)
    realistic = evaluate(shipped_content, {**answers, "fixed_hours": ("4",), "peak_ok": ("3",)})
    assert realistic.score.consistency.twins == ()
    assert realistic.score.band.id == "strong"
    mostly_no = evaluate(shipped_content, {**answers, "fixed_hours": ("0",), "peak_ok": ("1",)})
    assert mostly_no.score.consistency.twins == ()
    figures = evaluate(
        shipped_content, {**answers, "gut_feeling": ("4",), "decide_figures": ("3",)}
    )
    assert figures.score.consistency.twins == (("gut_feeling", "decide_figures"),)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_caution_names_the_two_answers_that_contradict(
    shipped_content: Content, lang: Lang
) -> None:
    """Someone with years in the trade cannot tell which of forty answers the generic
    caution doubts: it names the pair, as the quiz showed it (the first of two pairs)."""
    both_pairs = {
        **strong(shipped_content),
        "fixed_hours": ("4",),
        "peak_ok": ("4",),
        "gut_feeling": ("4",),
        "decide_figures": ("4",),
    }
    record = record_of(shipped_content, evaluate(shipped_content, both_pairs), lang=lang)
    text = to_plain(summary(shipped_content, record, lang))
    line = {
        "fr": "Deux de vos réponses se contredisent (« Je tiens à des horaires fixes » et"
        " « Travailler un soir de pic de ventes ne me dérange pas ») : ce résultat reste"
        " prudent.",
        "en": "Two of your answers contradict each other (“I need fixed hours” and “Working"
        " an evening during a sales peak doesn't bother me”), so this result stays cautious.",
    }[lang]
    assert line in text.replace("\u202f", " ").replace("\u00a0", " ").splitlines()
    assert {"fr": "intuition", "en": "gut"}[lang] not in text
    (rule,) = [r for r in shipped_content.profile.caps if r.inconsistent]
    assert rule.reason(lang) not in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_summary_with_no_room_for_the_pair_gives_the_caution_in_general_terms(
    shipped_content: Content, lang: Lang, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The two statements quoted made some summaries 1,008 characters, over the one
    screen a summary keeps to: where they do not fit, the generic caution stands."""
    pair = {**strong(shipped_content), "fixed_hours": ("4",), "peak_ok": ("4",)}
    record = record_of(shipped_content, evaluate(shipped_content, pair), lang=lang)
    named = summary(shipped_content, record, lang)
    (rule,) = [r for r in shipped_content.profile.caps if r.inconsistent]
    assert rule.reason(lang) not in to_plain(named)
    monkeypatch.setattr(result_summary, "SUMMARY_MAX_CHARS", message_length(named) - 1)
    text = to_plain(summary(shipped_content, record, lang))
    assert rule.reason(lang) in text
    assert {"fr": "se contredisent", "en": "contradict each other"}[lang] not in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_skill_claimed_and_not_shown_is_said_kindly(shipped_content: Content, lang: Lang) -> None:
    answers = {**strong(shipped_content), "web_culture": ("4",), "know_seo": ("unknown",)}
    result = evaluate(shipped_content, answers)
    assert result.score.consistency.unshown == ("web_culture",)
    assert not result.score.consistency.inconsistent  # one gap: pointed out, no cap
    assert result.score.band.id == "strong"
    text = to_plain(render_result(shipped_content, result, lang))
    label = shipped_content.dimension_by_id["web_culture"].label(lang)
    line = to_plain(t("result_unshown", lang, skills=label[:1].lower() + label[1:]))
    assert line in text
    for harsh in ("mensonge", "faux", "lie", "false", "wrong"):
        assert harsh not in line.lower()
    # true for someone who answered « En partie » too (the adviser's player did, and read
    # « vous vous dites à l'aise »): the line says what the answers did, not a claim
    for claim in ("vous vous dites", "you rate yourself"):
        assert claim not in line


def test_two_skills_claimed_and_not_shown_bring_the_caution(shipped_content: Content) -> None:
    answers = {
        **strong(shipped_content),
        "web_culture": ("4",),
        "know_seo": ("ads",),
        "legal_unknown": ("0",),
        "know_withdrawal": ("d7",),
    }
    result = evaluate(shipped_content, answers)
    score = result.score
    assert score.consistency.unshown == ("legal", "web_culture")
    assert score.consistency.inconsistent
    assert score.band.id == "good" and score.uncapped.id == "strong"
    # no pair to name: the caution keeps its own words
    (rule,) = [r for r in shipped_content.profile.caps if r.inconsistent]
    for lang in ("fr", "en"):
        record = record_of(shipped_content, result, lang=lang)
        assert rule.reason(lang) in to_plain(summary(shipped_content, record, lang))


def test_the_honest_strong_profile_is_consistent(shipped_content: Content) -> None:
    score = evaluate(shipped_content, strong(shipped_content)).score
    assert score.consistency.twins == () and score.consistency.unshown == ()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_i_dont_know_to_skills_claimed_is_no_contradiction(
    shipped_content: Content, lang: Lang
) -> None:
    """The adviser's report (store manager, « Plutôt oui » everywhere): two skills claimed,
    two honest « Je ne sais pas »: pointed out kindly, no caution, no cap."""
    answers = {
        **strong(shipped_content),
        "web_culture": ("4",),
        "know_seo": ("unknown",),
        "legal_unknown": ("0",),
        "know_withdrawal": ("unknown",),
    }
    result = evaluate(shipped_content, answers)
    score = result.score
    assert score.consistency.unshown == ("legal", "web_culture")
    assert score.consistency.contradicted == ()
    assert not score.consistency.inconsistent
    assert "inconsistent" not in [rule.id for rule in score.reasons]
    assert score.band.id == "strong"
    text = to_plain(render_result(shipped_content, result, lang))
    (rule,) = [r for r in shipped_content.profile.caps if r.inconsistent]
    assert rule.reason(lang) not in text
    assert {"fr": "À vérifier", "en": "Worth checking"}[lang] in text
    # one wrong answer beside one « Je ne sais pas »: still only one contradiction
    one_wrong = evaluate(shipped_content, {**answers, "know_seo": ("ads",)}).score
    assert one_wrong.consistency.contradicted == ("web_culture",)
    assert not one_wrong.consistency.inconsistent


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_caution_accuses_no_one(shipped_content: Content, lang: Lang) -> None:
    """The answers contradict each other, the person is not accused of anything: the line
    naming the pair says the answers « se contredisent », never a lie."""
    (rule,) = [r for r in shipped_content.profile.caps if r.inconsistent]
    for harsh in ("contredi", "contradict", "mensonge", "lie", "faux", "false"):
        assert harsh not in rule.reason(lang).lower()
    named = t("result_twins", lang, first="A", second="B").lower()
    for harsh in ("mensonge", "lie", "faux", "false", "vous vous"):
        assert harsh not in named
