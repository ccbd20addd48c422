"""The result's summary: one phone screen, the figures that matter and the next step.

At most `SUMMARY_MAX_CHARS` characters and `SUMMARY_MAX_LINES` lines for every
result (tests/test_result_sections.py checks every persona in both languages):
fit and band with the one-line reason, a constraint line that can decide the
choice (a constraint does not lower the band), the change since last time (with
what fell, when the fit fell on answers of fact), the two main strengths and gaps,
the salary range, the next step and, when the result names some and there is room
left, the neighbouring jobs. The sections (bot/presentation/result_sections.py)
give the detail behind each line.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace

from bot.content.models import Content, Lang
from bot.engine.change import Change
from bot.engine.record import ResultRecord
from bot.presentation.reasons import cap_reason
from bot.presentation.result_text import (
    beyond_qualities,
    fall_on_facts,
    fit_change,
    held_the_post,
    message_length,
    pay_after,
    salary_kind,
)
from bot.presentation.result_view import View, view
from bot.presentation.texts import N_, money_range, percent, t

SUMMARY_MAX_CHARS = 1000
SUMMARY_MAX_LINES = 18
#: The summary names this many strengths and gaps; the sections list them all.
MAIN = 2


def summary(
    content: Content,
    record: ResultRecord,
    lang: Lang,
    change: Change | None = None,
    *,
    pointer: bool = True,
) -> str:
    """The summary of a result, in Telegram's HTML subset; `pointer` ends it with the line
    that points to the sections' buttons."""
    shown = view(content, record)
    ending = ["", t("summary_more", lang)] if pointer else []
    lines = _lines(content, shown, lang, change)

    def fits(lines: list[str]) -> bool:
        return _fits("\n".join([*lines, *ending]))

    if change is not None and not fits(lines):
        # The limit lifted or the category risen leaves no room: the detail section says it.
        lines = _lines(content, shown, lang, change, beyond=False)
    if shown.twins is not None and not fits(lines):
        # The two statements quoted leave the summary no room: the caution in general terms.
        shown = replace(shown, twins=None)
        lines = _lines(content, shown, lang, change, beyond=False)
    if change is not None and not fits(lines):
        # Still no room: the falls are in the detail section, right after.
        lines = _lines(content, shown, lang, change, beyond=False, fall=False)
    if any(c.text is None for c in shown.summary_lines) and not fits(lines):
        # A line for the summary only takes the room left: without room, it gives way.
        kept = tuple(c for c in shown.constraints if c.text is not None)
        shown = replace(shown, constraints=kept)
        lines = _lines(content, shown, lang, change, beyond=False, fall=False)
    if change is not None and not fits(lines):
        # Long reasons and a long next step: the change is said whole in the detail section.
        lines = _lines(content, shown, lang, None)
    if shown.neighbours:
        names = ", ".join(html.escape(p.job.name(lang)) for p in shown.neighbours)
        text = "\n".join([*lines, t("summary_neighbours", lang, names=names), *ending])
        if _fits(text):  # else their section's button still names them
            return text
    return "\n".join([*lines, *ending])


def _lines(
    content: Content,
    shown: View,
    lang: Lang,
    change: Change | None,
    *,
    beyond: bool = True,
    fall: bool = True,
) -> list[str]:
    """The summary's lines before the pointer; `beyond`, with the line of what changed
    besides the qualities (a limit lifted, the background category risen); `fall`, with
    the qualities and skills that fell on answers of fact when the fit fell."""
    esc = html.escape
    title = t("result_title", lang, job=esc(content.profile.title(lang)))
    lines = [title, *_verdict(shown, lang)]
    # A constraint does not lower the band, so its line stands beside the verdict (in
    # the room of the verdict's second reason, see `View.summary_reasons`).
    lines += [esc(line.summary(lang)) for line in shown.summary_lines if line.summary]
    if change is not None:
        lines.append(fit_change(change, lang, N_("summary_change"), N_("summary_change_same")))
        # A fall said with what fell, first: the one line the person can act on.
        fell = fall_on_facts(change, lang) if fall else None
        lines += [fell] if fell is not None else []
        # One line of what moved besides the qualities (the detail lists those): the limit
        # lifted first, as it moves the verdict, else the background category risen.
        lines += beyond_qualities(change, lang)[:1] if beyond else []
    lines += ["", _strengths(shown, lang), _gaps(shown, lang), _salary(shown, lang)]
    lines.append(_next_step(shown, lang))
    return lines


def _fits(text: str) -> bool:
    return message_length(text) <= SUMMARY_MAX_CHARS and len(text.splitlines()) <= SUMMARY_MAX_LINES


def _verdict(shown: View, lang: Lang) -> list[str]:
    """The band with its reasons; a capped band never sits next to the uncapped fit, and
    answers that contradict each other give no figure at all: the band, then the caution
    (the figure, in the detail, is read with it)."""
    esc = html.escape
    band = esc(shown.band.label(lang))
    most = shown.summary_reasons
    reasons = [
        esc(cap_reason(rule, answer, lang, at_level=shown.level_met, twins=shown.twins))
        for rule, answer in shown.reasons[:most]
    ]
    if shown.inconsistent:
        lines = [t("summary_band", lang, band=band), *reasons]
    elif shown.capped:
        lines = [t("summary_band", lang, band=band), *reasons]
        # Under two limits or more, "this limit" left the reader asking which one.
        key = N_("summary_uncapped") if len(reasons) < 2 else N_("summary_uncapped_limits")
        lines.append(
            t(
                key,
                lang,
                fit=percent(shown.overall, lang),
                uncapped=esc(shown.uncapped.label(lang)),
            )
        )
    else:
        fit = percent(shown.overall, lang)
        lines = [
            t("result_fit", lang, fit=fit, band=band),
            *(reasons or [esc(shown.band.wording(lang))]),
        ]
    if shown.cautious:
        lines.append(t("result_caution", lang))
    return lines


def _strengths(shown: View, lang: Lang) -> str:
    names = [html.escape(s.dimension.label(lang)) for s in shown.strengths[:MAIN]]
    if not names:
        return t("summary_no_strengths", lang)
    return t("summary_strengths", lang, names=", ".join(names))


def _gaps(shown: View, lang: Lang) -> str:
    main = shown.gaps or shown.further
    names = [html.escape(d.label(lang)) for d in main[:MAIN]]
    if not names:
        return t("summary_no_gaps", lang)
    key = N_("summary_gaps") if shown.gaps else N_("summary_further")
    return t(key, lang, names=", ".join(names))


def _salary(shown: View, lang: Lang) -> str:
    salary = shown.record.salary
    kind = salary_kind(salary, shown.record.readiness)
    # A personal range is the pay on entering the post, for those who meet the
    # requirements as for those who will; for those who have held it, the pay in it.
    after = pay_after(shown.content, salary, shown.record.readiness, shown.record.path)
    if kind == "job":
        key = N_("summary_salary_job")
    elif after is not None:
        when = html.escape(after.when(lang))
        return t("summary_salary_after", lang, when=when, range=money_range(*salary.shown, lang))
    elif held_the_post(salary, shown.record.readiness):
        key = N_("summary_salary_in_post")
    elif _lower_half(shown):
        # « à l'embauche » read as a promise beside a partial fit whose next step is
        # often to test the job first: the post's pay, if they move into it.
        key = N_("summary_salary_if_entering")
    else:
        key = N_("summary_salary")
    return t(key, lang, range=money_range(*salary.shown, lang))


def _lower_half(shown: View) -> bool:
    """The band is in the lower half of the profile's bands (« Adéquation partielle » or
    below, with four bands)."""
    bands = sorted(shown.content.profile.bands, key=lambda band: band.min, reverse=True)
    return shown.band.id in {band.id for band in bands[len(bands) // 2 :]}


def _next_step(shown: View, lang: Lang) -> str:
    sentence = next_step(shown, lang)
    if sentence is None:
        return t("summary_next_unknown", lang)
    return t("summary_next", lang, step=html.escape(sentence))


def next_step(shown: View, lang: Lang) -> str | None:
    """The next step the summary gives (plain text), or None for an empty path: the first
    sentence of the path's first numbered step (the path section gives it whole, with its
    asides). A step saying the level is already met is no action: the numbered step after
    it is, when there is one."""
    numbered = [step for step in shown.path if not step.aside]
    if len(numbered) > 1 and numbered[0].meets_level:
        numbered = numbered[1:]
    return first_sentence(numbered[0].text(lang)) if numbered else None


_SENTENCE = re.compile(r".+?[.!?…](?=\s|$)", re.DOTALL)


def first_sentence(text: str) -> str:
    """Up to the first full stop (or ! ? …) followed by a space or the end."""
    found = _SENTENCE.match(text)
    return found.group(0) if found else text
