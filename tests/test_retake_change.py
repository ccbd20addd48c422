"""A retake says what really changed: an unchanged fit as such, a fall with a minus sign,
a limit lifted since or the background category risen, and falls that come from
self-ratings alone as such. The summary, the detail and the PDF give the same figures."""

from __future__ import annotations

from bot.content.models import Content
from bot.engine.change import compare
from bot.engine.record import ResultRecord
from bot.presentation.pdf_parts import document_of
from bot.presentation.result_full import render_result
from bot.presentation.result_summary import SUMMARY_MAX_CHARS, summary
from bot.presentation.result_text import message_length, to_plain
from tests.support.answers import AnswerSet, best_answers
from tests.support.records import record

NONE_FR = "Vos qualités et compétences sont au même niveau qu’avant."
NONE_EN = "Your qualities and skills are at the same level as before."
RATED_FR = (
    "Ces reculs viennent de la façon dont vous vous notez, qui varie d’un jour à l’autre\u00a0: "
    "rien dans vos faits n’a changé."
)


def _lowered(content: Content, answers: AnswerSet) -> AnswerSet:
    """Every self-rating one notch less favourable, every other answer the same."""
    lowered = dict(answers)
    for question in content.questions:
        if question.kind == "likert":
            step = int(answers[question.id][0])
            lowered[question.id] = (
                str(min(4, step + 1) if question.reverse else max(0, step - 1)),
            )
    return lowered


def _both(content: Content, before: ResultRecord, after: ResultRecord, lang: str) -> str:
    change = compare(content, before, after)
    return (
        to_plain(summary(content, after, lang, change))
        + "\n"
        + to_plain(render_result(content, after, lang, change))
    )


def test_an_unchanged_fit_reads_unchanged_not_plus_zero(shipped_content: Content) -> None:
    best = best_answers(shipped_content)
    same = record(shipped_content, best, "fr")
    french = _both(shipped_content, same, same, "fr")
    fit = f"{round(same.overall)}\u202f%"
    assert f"Depuis la dernière fois\u00a0: {fit} → {fit} (sans changement)" in french
    assert f"Compatibilité {fit} → {fit} (sans changement)" in french
    assert "+0" not in french
    english = _both(
        shipped_content, record(shipped_content, best), record(shipped_content, best), "en"
    )
    assert "(unchanged)" in english and "+0" not in english and NONE_EN in english


def test_a_fall_is_signed_with_the_minus_sign(shipped_content: Content) -> None:
    best = best_answers(shipped_content)
    before = record(shipped_content, best, "fr")
    after = record(shipped_content, _lowered(shipped_content, best), "fr")
    points = round(before.overall) - round(after.overall)
    assert points > 0
    french = _both(shipped_content, before, after, "fr")
    assert f"(\u2212{points} points)" in french
    assert f"(-{points} points)" not in french


def test_working_french_reached_is_said_lifted_in_the_summary_and_the_detail(
    shipped_content: Content,
) -> None:
    best = best_answers(shipped_content)
    partly = record(shipped_content, {**best, "working_language": ("partly",)}, "en")
    fluent = record(shipped_content, {**best, "working_language": ("fluent",)}, "en")
    assert "some_job_language" in {r.rule for r in partly.reasons}
    change = compare(shipped_content, partly, fluent)
    short = to_plain(summary(shipped_content, fluent, "en", change))
    detail = to_plain(render_result(shipped_content, fluent, "en", change))
    for text in (short, detail):
        assert "▲ Since lifted: working French" in text
    assert NONE_EN not in detail
    # From no French at all to some, the limit is still there: nothing lifted yet.
    none = record(shipped_content, {**best, "working_language": ("none",)}, "en")
    assert compare(shipped_content, none, partly).lifted == []


def test_a_diploma_won_shows_the_background_category_risen(shipped_content: Content) -> None:
    best = best_answers(shipped_content)
    before = record(shipped_content, {**best, "education": ("bac",), "experience": ("none",)}, "fr")
    after = record(shipped_content, best, "fr")
    then, now = (round(r.categories["background"]) for r in (before, after))
    assert now > then
    detail = to_plain(
        render_result(shipped_content, after, "fr", compare(shipped_content, before, after))
    )
    assert f"▲ Formation et expérience\u00a0: {then}\u202f% → {now}\u202f%" in detail
    assert "▲ Levé depuis\u00a0: le niveau de diplôme demandé" in detail
    assert NONE_FR not in detail


def test_falls_in_self_ratings_alone_are_said_so(shipped_content: Content) -> None:
    best = best_answers(shipped_content)
    before = record(shipped_content, best, "fr")
    gloomy = record(shipped_content, _lowered(shipped_content, best), "fr")
    change = compare(shipped_content, before, gloomy)
    assert change.worse and change.rated_only
    detail = to_plain(render_result(shipped_content, gloomy, "fr", change))
    assert "▼ En recul" in detail
    assert detail.index(RATED_FR) > detail.index("▼ En recul")
    # One answer of fact lowered as well: the falls no longer rest on self-ratings alone.
    knowledge = next(q for q in shipped_content.questions if q.kind == "knowledge")
    wrong = next(o.id for o in knowledge.options if not o.right)
    factual = record(
        shipped_content, {**_lowered(shipped_content, best), knowledge.id: (wrong,)}, "fr"
    )
    also = compare(shipped_content, before, factual)
    assert also.worse and not also.rated_only
    assert RATED_FR not in to_plain(render_result(shipped_content, factual, "fr", also))


def test_the_figures_agree_across_summary_detail_and_pdf(shipped_content: Content) -> None:
    best = best_answers(shipped_content)
    then = {**best, "education": ("bac",), "experience": ("none",), "working_language": ("partly",)}
    before = record(shipped_content, then, "en")
    after = record(shipped_content, best, "en")
    change = compare(shipped_content, before, after)
    short = summary(shipped_content, after, "en", change)
    assert message_length(short) <= SUMMARY_MAX_CHARS
    detail = to_plain(render_result(shipped_content, after, "en", change))
    _, parts = document_of(render_result(shipped_content, after, "en", change, pointer=False))
    pdf = "\n".join(to_plain(part.text) for part in parts)
    # The full result holds the summary and the detail: the same line in both.
    (lifted,) = {line for line in detail.splitlines() if line.startswith("▲ Since lifted: ")}
    assert "the level of diploma asked for" in lifted and "working French" in lifted
    since = f"{round(before.overall)}% → {round(after.overall)}%"
    for text in (to_plain(short), detail, pdf):
        assert since in text and lifted in text


def _forgotten(content: Content, answers: AnswerSet) -> AnswerSet:
    """Every knowledge question answered wrong, every other answer the same."""
    forgotten = dict(answers)
    for question in content.questions:
        if question.kind == "knowledge":
            forgotten[question.id] = (next(o.id for o in question.options if not o.right),)
    return forgotten


def test_a_fall_on_facts_names_what_fell_in_the_summary(shipped_content: Content) -> None:
    """A fit that fell because answers of fact got worse says what fell in the summary too,
    the same line as the detail's and the PDF's; a fall on self-ratings alone does not (its
    explanation is in the detail)."""
    best = best_answers(shipped_content)
    for lang, head in (("fr", "▼ En recul\u00a0: "), ("en", "▼ Moved down: ")):
        before = record(shipped_content, best, lang)
        after = record(shipped_content, _forgotten(shipped_content, best), lang)
        change = compare(shipped_content, before, after)
        assert round(change.after) < round(change.before) and not change.rated_only
        short = to_plain(summary(shipped_content, after, lang, change))
        full = render_result(shipped_content, after, lang, change, pointer=False)
        detail = to_plain(full)
        pdf = "\n".join(to_plain(part.text) for part in document_of(full)[1])
        (fell,) = {line for line in detail.splitlines() if line.startswith(head)}
        assert fell in short.splitlines() and fell in pdf.splitlines()
        assert message_length(summary(shipped_content, after, lang, change)) <= SUMMARY_MAX_CHARS
        gloomy = record(shipped_content, _lowered(shipped_content, best), lang)
        rated = compare(shipped_content, before, gloomy)
        assert rated.worse and rated.rated_only
        assert head not in to_plain(summary(shipped_content, gloomy, lang, rated))
