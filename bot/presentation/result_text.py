"""The result as a message, in Telegram's HTML subset (plain text for terminals)."""

from __future__ import annotations

import html
import re

from bot.content.models import CATEGORIES, INTEREST, Constraint, Content, Lang, Readiness
from bot.engine.change import Change
from bot.engine.result import Result
from bot.engine.salary import SalaryEstimate
from bot.engine.scoring import DimensionScore
from bot.presentation.advice_text import constraint_lines, path_lines, route_lines
from bot.presentation.reasons import cap_reason, unshown_line
from bot.presentation.screens import MAX_MESSAGE_CHARS
from bot.presentation.texts import CATEGORY_LABELS, N_, money, money_range, percent, t, tn

_TAG = re.compile(r"<[^>]+>")

#: A "what changed" list names this many qualities and skills, then counts the rest.
MAX_NAMES = 3


#: What a result too long for one message leaves out, in this order, until it fits:
#: the recruiters' schools (the training path names them again), the path's asides
#: (where to apply, example universities), the table of what moves the salary with the
#: employer, the source's average range (the personal range sits inside it), the note
#: on bonuses, the constraint lines shown to everyone whatever they answered, the skills
#: claimed and not shown, then the adults' routes and last the constraint lines the
#: person's answers call for: what is the person's own goes last. The result in
#: sections gives each its place.
_OPTIONAL = (
    "fields",
    "asides",
    "movers",
    "note",
    "bonus",
    "for_everyone",
    "unshown",
    "routes",
    "constraints",
)


def render_result(
    content: Content, result: Result, lang: Lang, change: Change | None = None
) -> str:
    """The whole result; `change` adds what moved since the previous one.

    It is one Telegram message: if it would pass `MAX_MESSAGE_CHARS`, the `_OPTIONAL`
    parts are left out one by one (tests/test_report.py checks the longest result fits).
    """
    for count in range(len(_OPTIONAL) + 1):
        text = _render(content, result, lang, change, frozenset(_OPTIONAL[:count]))
        if message_length(text) <= MAX_MESSAGE_CHARS:
            break
    return text


def message_length(text: str) -> int:
    """The length Telegram counts: UTF-16 code units of the text once the HTML is parsed."""
    return len(to_plain(text).encode("utf-16-le")) // 2


def _render(
    content: Content,
    result: Result,
    lang: Lang,
    change: Change | None,
    omit: frozenset[str],
) -> str:
    """The result's sections, a blank line between them."""
    score = result.score
    sections = [
        _verdict_lines(content, result, lang, unshown="unshown" not in omit),
        _breakdown_lines(result, lang),
        *(
            [[t("result_interest", lang, value=percent(score.interest, lang))]]
            if score.interest is not None
            else []
        ),
        _entry_lines(content, result, lang, fields="fields" not in omit),
        _gap_lines(content, result, lang),
        _training_lines(result, lang, asides="asides" not in omit),
        *([route_lines(result.routes, lang)] if result.routes and "routes" not in omit else []),
        *(
            [constraint_lines(_constraints(result, omit), lang)]
            if "constraints" not in omit
            else []
        ),
        _salary_lines(
            content,
            result.salary,
            lang,
            score.readiness,
            shown=frozenset(_OPTIONAL) - omit,
        ),
        *([_change_lines(change, lang)] if change is not None else []),
        [
            "<i>"
            + html.escape(content.profile.disclaimer(lang))
            + " "
            + t("result_caveat", lang)
            + "</i>",
            t("result_advisers", lang),
        ],
    ]
    return "\n\n".join("\n".join(section) for section in sections)


def _constraints(result: Result, omit: frozenset[str]) -> list[Constraint]:
    """The constraint lines shown: without those for everyone once they are left out."""
    if "for_everyone" not in omit:
        return list(result.constraints)
    return [line for line in result.constraints if not line.for_everyone]


def _verdict_lines(
    content: Content, result: Result, lang: Lang, *, unshown: bool = True
) -> list[str]:
    """The fit and its band, why it is capped if it is, and what the band means."""
    score = result.score
    esc = html.escape
    lines = [
        t("result_title", lang, job=esc(content.profile.title(lang))),
        t("result_fit", lang, fit=percent(score.overall, lang), band=esc(score.band.label(lang))),
    ]
    if score.cap is not None:
        lines.append(t("result_capped", lang, uncapped=esc(score.uncapped.label(lang))))
    if result.cautious:
        lines.append(t("result_caution", lang))
    if unshown and score.consistency.unshown:
        lines.append(esc(unshown_line(content, score, lang)))
    # A cap's reason says why better than the band's generic sentence, so it replaces it.
    return lines + (
        [esc(cap_reason(rule, score, lang)) for rule in score.reasons]
        or [esc(score.band.wording(lang))]
    )


def _breakdown_lines(result: Result, lang: Lang) -> list[str]:
    categories = result.score.categories
    return [
        t("result_breakdown", lang),
        *(
            t(
                "category_line",
                lang,
                label=t(CATEGORY_LABELS[category], lang),
                value=percent(categories[category], lang),
            )
            for category in CATEGORIES
        ),
    ]


def _entry_lines(content: Content, result: Result, lang: Lang, *, fields: bool) -> list[str]:
    """How people enter the job and where this person stands, then their strengths."""
    entry = content.profile.entry
    esc = html.escape
    lines = [
        t("result_entry", lang),
        esc(entry.text(lang)),
        *([esc(entry.fields(lang))] if fields else []),
        f"→ {esc(entry.readiness[result.score.readiness](lang))}",
        "",
        t("result_strengths", lang),
    ]
    if result.strengths:
        return lines + [_strength_line(content, s, lang) for s in result.strengths]
    return [*lines, t("result_no_strengths", lang)]


def _gap_lines(content: Content, result: Result, lang: Lang) -> list[str]:
    """The gaps (or, when there is none, what is just short), each with what to do."""
    shown = result.gaps or result.further
    lines = [t(N_("result_gaps") if result.gaps or not shown else N_("result_further"), lang)]
    missions = {mission.id: mission.text(lang) for mission in content.profile.missions}
    esc = html.escape
    for gap in shown:
        dimension = gap.dimension
        label = esc(dimension.label(lang))
        why = dimension.why
        if dimension.category == INTEREST:
            # An interest gap follows its cap's reason, which already says why it matters.
            heading = t("gap_interest", lang, label=label)
        elif why is not None:
            heading = t("gap_fact", lang, label=label, why=esc(why(lang)))
        else:
            heading = t(
                "gap_line", lang, label=label, why=esc(mid_sentence(missions[dimension.mission]))
            )
        lines += [heading, t("gap_action", lang, action=esc(dimension.develop(lang)))]
    if not shown:
        lines.append(t("result_no_gaps", lang))
    return lines


def _training_lines(result: Result, lang: Lang, *, asides: bool) -> list[str]:
    return [t("result_training", lang), *path_lines(result.training, lang, asides=asides)]


#: A strength cites at most this many of the answers that back it.
MAX_BACKING = 2


def _strength_line(content: Content, strength: DimensionScore, lang: Lang) -> str:
    """The strength and, briefly, the answers that back it: "• Label (scénario marketplace, …)"."""
    questions = content.question_by_id
    names = [
        short(lang)
        for question in strength.backing
        if (short := questions[question].short) is not None
    ][:MAX_BACKING]
    label = html.escape(strength.dimension.label(lang))
    if not names:
        return f"• {label}"
    # A label with its own brackets ("Bureautique (Word, Excel…)") takes a dash instead.
    key = N_("strength_line_dash") if label.endswith(")") else N_("strength_line")
    return t(key, lang, label=label, backing=html.escape(", ".join(names)))


def mid_sentence(text: str) -> str:
    """A sentence made to follow a few words ("utile pour …"): first letter in lower case."""
    return text[:1].lower() + text[1:]


def _salary_lines(
    content: Content,
    salary: SalaryEstimate,
    lang: Lang,
    readiness: Readiness,
    *,
    shown: frozenset[str] = frozenset(_OPTIONAL),
) -> list[str]:
    """The personal range: a first salary after training for those not ready yet; for those
    with experience, said to assume a post at that level (experience elsewhere counts less)."""
    profile_salary = content.profile.salary
    esc = html.escape
    movers = profile_salary.movers if "movers" in shown else []
    later = readiness == "after_training"
    line = N_("salary_line_after_training") if later else N_("salary_line")
    lines = [
        t("result_salary", lang),
        t(line, lang, range=money_range(salary.low, salary.high, lang)),
    ]
    if salary.experience > 0 and not later:
        lines.append(t("salary_same_level", lang, bottom=money(salary.minimum, lang)))
    if "note" in shown:
        lines.append(esc(profile_salary.note(lang)))
    if movers:
        lines += [
            t("salary_movers", lang),
            *(
                t(
                    "salary_mover",
                    lang,
                    label=esc(m.label(lang)),
                    lower=esc(m.lower(lang)),
                    higher=esc(m.higher(lang)),
                )
                for m in movers
            ),
        ]
    if "bonus" in shown:
        lines.append(esc(profile_salary.bonus(lang)))
    return lines


def _change_lines(change: Change, lang: Lang) -> list[str]:
    points = round(change.after) - round(change.before)
    lines = [
        t("change_title", lang),
        t(
            "change_fit",
            lang,
            before=percent(change.before, lang),
            after=percent(change.after, lang),
            points=format(points, "+d"),
        ),
    ]
    for key, moved in ((N_("change_better"), change.better), (N_("change_worse"), change.worse)):
        if moved:
            lines.append(t(key, lang, names=_names(moved, lang)))
    if not change.better and not change.worse:
        lines.append(t("change_none", lang))
    return lines


def _names(moved: list[DimensionScore], lang: Lang) -> str:
    """The first `MAX_NAMES` labels (the weightiest), then how many more moved."""
    names = ", ".join(html.escape(d.dimension.label(lang)) for d in moved[:MAX_NAMES])
    rest = len(moved) - MAX_NAMES
    return names if rest <= 0 else names + tn("change_more", rest, lang)


def to_plain(text: str) -> str:
    """Strip the HTML markup, for a terminal."""
    return html.unescape(_TAG.sub("", text))
