"""The result's sections, each opened in place from a button under the summary.

One function per section, each returning the section's text (Telegram's HTML
subset) from the result record and the content version it names; `SECTIONS`
lists them in the order of their buttons. A section with nothing to say
returns None and gets no button.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Literal

from bot.content.models import (
    CATEGORIES,
    Category,
    Content,
    Dimension,
    ElsewhereLine,
    Lang,
    Text,
)
from bot.engine.change import Change
from bot.engine.record import ResultRecord
from bot.presentation.advice_text import constraint_lines, path_lines, route_lines
from bot.presentation.reasons import cap_reason, unshown_line
from bot.presentation.result_text import (
    change_lines,
    fit_message,
    mid_sentence,
    salary_lines,
    strength_line,
)
from bot.presentation.result_view import View, view
from bot.presentation.texts import CATEGORY_LABELS, N_, percent, t

#: The line under the scores per category, by how the experience outside the trade counts.
ELSEWHERE_LINES: dict[ElsewhereLine, str] = {
    "elsewhere": N_("detail_elsewhere"),
    "near": N_("detail_elsewhere_near"),
}

#: The line for a category at 0 % for someone still at school: to come, not a failing mark.
AT_SCHOOL_LINES: dict[Category, str] = {
    "skills": N_("category_at_school_skills"),
    "background": N_("category_at_school_background"),
}

Section = Literal["path", "routes", "salary", "develop", "detail", "neighbours"]
SECTIONS: tuple[Section, ...] = ("path", "routes", "salary", "develop", "detail", "neighbours")


def path_section(content: Content, record: ResultRecord, lang: Lang) -> str:
    """The path from where the person stands, the constraint lines that apply, how people
    usually enter the job (where this person stands against it is in the detail section),
    and who to talk to. The adults' routes have a section of their own."""
    shown = view(content, record)
    esc = html.escape
    entry = content.profile.entry
    far = content.profile.far_from_job
    # A path cut short before more study says what follows, so that its first
    # diploma does not read as the whole way.
    then = [esc(far.then(lang))] if record.path_cut and far and far.then else []
    blocks = [
        [t("result_training", lang), *path_lines(shown.path, lang), *then],
        constraint_lines(shown.constraints, lang),
        [t("result_entry", lang), esc(entry.text(lang)), esc(entry.fields(lang))],
        [t("result_advisers", lang)],
    ]
    return "\n\n".join("\n".join(block) for block in blocks if block)


def _nothing(record: ResultRecord, category: Category) -> bool:
    """The category's score reads 0 %."""
    return round(record.categories[category]) == 0


def _category_line(record: ResultRecord, category: Category, lang: Lang) -> str:
    """A category's score; for someone still at school, a 0 % in skills or in training and
    experience reads as still to come: at sixteen, « 0 % » reads like a failing mark on
    what nobody expects of them yet."""
    label = t(CATEGORY_LABELS[category], lang)
    if record.at_school and category in AT_SCHOOL_LINES and _nothing(record, category):
        value = t(AT_SCHOOL_LINES[category], lang)
    else:
        value = percent(record.categories[category], lang)
    return t("category_line", lang, label=label, value=value)


def routes_section(content: Content, record: ResultRecord, lang: Lang) -> str | None:
    """The public schemes that help an adult into training (CPF, bilan de compétences,
    CEP, France VAE, Transitions Pro, France Travail), those that match the person's
    situation; None for someone at school or studying."""
    lines = route_lines(view(content, record).routes, lang)
    return "\n".join(lines) if lines else None


def salary_section(content: Content, record: ResultRecord, lang: Lang) -> str:
    """The personal range, how it is estimated, and what moves it."""
    return "\n".join(salary_lines(content, record.salary, lang, record.readiness, record.path))


def develop_section(content: Content, record: ResultRecord, lang: Lang) -> str:
    """The points to develop, each with the mission it serves and one concrete action; then
    the wishes the verdict's reasons are about, said as a question of interest, not a gap."""
    shown = view(content, record)
    listed = shown.gaps or shown.further
    heading = N_("result_gaps") if shown.gaps or not listed else N_("result_further")
    lines = [t(heading, lang)]
    missions = {mission.id: mission.text(lang) for mission in content.profile.missions}
    for group in _by_purpose(listed, lang):
        lines.append(_gap_heading(group, missions, lang))
        for dimension in group:
            lines.append(t("gap_action", lang, action=html.escape(dimension.develop(lang))))
    if not listed:
        lines.append(t("result_no_gaps", lang))
    if shown.wishes:
        names = ", ".join(html.escape(mid_sentence(d.label(lang))) for d in shown.wishes)
        lines += ["", t("result_wishes", lang), t("wishes_line", lang, names=names)]
        if shown.neighbours:
            lines.append(t("wishes_neighbours", lang))
    return "\n".join(lines)


def _purpose(dimension: Dimension, lang: Lang) -> tuple[str, str]:
    """What a point to develop is said to serve: its own `why`, else its mission."""
    if dimension.why is not None:
        return ("why", dimension.why(lang))
    return ("mission", dimension.mission)


def _by_purpose(listed: Sequence[Dimension], lang: Lang) -> list[list[Dimension]]:
    """The points to develop grouped by what they serve, each group where its first point
    stands: two skills tied to one mission are named on one line, the mission said once
    (the adviser read the same sentence twice in a row)."""
    groups: dict[tuple[str, str], list[Dimension]] = {}
    for dimension in listed:
        groups.setdefault(_purpose(dimension, lang), []).append(dimension)
    return list(groups.values())


def _gap_heading(group: Sequence[Dimension], missions: dict[str, str], lang: Lang) -> str:
    """« • A, B — utile pour … »: the group's labels in bold, then what they serve. A comma,
    not « et »: a label may hold its own (« Conception et suivi de plans d'actions »), and
    the summary lists the same names so."""
    names = ", ".join(f"<b>{html.escape(dimension.label(lang))}</b>" for dimension in group)
    first = group[0]
    if first.why is not None:
        return t("gap_fact", lang, labels=names, why=html.escape(first.why(lang)))
    why = html.escape(mid_sentence(missions[first.mission]))
    return t("gap_line", lang, labels=names, why=why)


def _entry_exception(shown: View) -> Text | None:
    """The detail's « Conditions d'accès » line when the readiness's own wording does not fit:
    a diploma at the level whose route is not met yet, or a degree at the level with
    experience from elsewhere (a neighbouring field, as the salary line says); else None."""
    record, entry = shown.record, shown.entry
    if shown.level_met and entry.level_met:
        return entry.level_met
    if record.readiness == "ready" and record.salary.from_elsewhere and entry.ready_elsewhere:
        if record.salary.near and entry.ready_near:
            return entry.ready_near
        return entry.ready_elsewhere
    return None


def detail_section(
    content: Content, record: ResultRecord, lang: Lang, change: Change | None = None
) -> str:
    """The score per category, interest on its own line, the strengths and what backs them,
    where the person stands against the entry requirements, and what moved since last time."""
    shown = view(content, record)
    esc = html.escape
    fit = percent(record.overall, lang)
    band = esc(shown.band.label(lang))
    lines = [
        t("detail_fit_capped", lang, fit=fit, band=band)
        if shown.capped
        else t("detail_fit", lang, fit=fit),
        "",
        t("result_breakdown", lang),
        *(_category_line(record, category, lang) for category in CATEGORIES),
    ]
    if record.elsewhere is not None:
        # A low « Formation et expérience » read as « your career counts for nothing ».
        none = record.elsewhere == "elsewhere" and _nothing(record, "background")
        lines.append(
            t(N_("detail_elsewhere_none") if none else ELSEWHERE_LINES[record.elsewhere], lang)
        )
    if record.interest is not None:
        missions = esc(content.profile.about.core_missions(lang))
        value = percent(record.interest, lang)
        lines += [t("result_interest", lang, core_missions=missions, value=value)]
    wording = _entry_exception(shown)
    more = shown.reasons[shown.summary_reasons :]
    if shown.level_met:  # the entry line below says it: not twice, one above the other
        more = tuple((rule, answer) for rule, answer in more if not rule.at_level)
    if wording is None:  # the readiness's own line, which some reasons would repeat
        wording = shown.entry.readiness[record.readiness]
        more = tuple(
            (rule, answer)
            for rule, answer in more
            if not (rule.said_by_entry and record.readiness in rule.readiness)
        )
    if more:
        lines += ["", t("detail_reasons", lang)]
        lines += [esc(cap_reason(rule, answer, lang, twins=shown.twins)) for rule, answer in more]
    where = mid_sentence(wording(lang))
    lines += ["", t("detail_entry", lang, where=esc(where))]
    lines += ["", t("result_strengths", lang)]
    if shown.strengths:
        lines += [strength_line(content, s, lang) for s in shown.strengths]
    else:
        lines.append(t("result_no_strengths", lang))
    if shown.unshown:
        lines += ["", esc(unshown_line(shown.unshown, lang))]
    if change is not None:
        lines += ["", *change_lines(change, lang)]
    caveat = esc(content.profile.disclaimer(lang)) + " " + t("result_caveat", lang)
    lines += ["", "<i>" + caveat + "</i>"]
    return "\n".join(lines)


def neighbours_section(content: Content, record: ResultRecord, lang: Lang) -> str | None:
    """The neighbouring jobs the record names, each with the strengths that point to it,
    and where to read about them; None when it names none."""
    shown = view(content, record)
    rule = content.profile.neighbours
    if not shown.neighbours or rule is None:
        return None
    esc = html.escape
    lines = [t("result_neighbours", lang), t("neighbours_intro", lang)]
    for pointed in shown.neighbours:
        names = ", ".join(esc(d.label(lang)) for d in pointed.strengths)
        lines.append(t("neighbour_line", lang, job=esc(pointed.job.name(lang)), strengths=names))
    lines += ["", esc(rule.read(lang)), t("neighbours_caveat", lang)]
    return "\n".join(lines)


def section(
    content: Content,
    record: ResultRecord,
    lang: Lang,
    name: Section,
    change: Change | None = None,
) -> str | None:
    """The text of section `name` (cut to fit one message), or None when it has nothing
    to say."""
    if name == "detail":
        return fit_message(detail_section(content, record, lang, change))
    renderers: dict[Section, Callable[[Content, ResultRecord, Lang], str | None]] = {
        "path": path_section,
        "routes": routes_section,
        "salary": salary_section,
        "develop": develop_section,
        "neighbours": neighbours_section,
    }
    text = renderers[name](content, record, lang)
    return None if text is None else fit_message(text)


def available(content: Content, record: ResultRecord, lang: Lang) -> tuple[Section, ...]:
    """The sections that have something to say: each gets a button."""
    return tuple(name for name in SECTIONS if section(content, record, lang, name) is not None)
