"""The result as a message, in Telegram's HTML subset (plain text for terminals)."""

from __future__ import annotations

import html
import re

from bot.content.models import CATEGORIES, Content, Lang
from bot.engine.change import Change
from bot.engine.result import Result
from bot.engine.salary import SalaryEstimate
from bot.presentation.texts import money_range, percent, t

_TAG = re.compile(r"<[^>]+>")


def render_result(
    content: Content, result: Result, lang: Lang, change: Change | None = None
) -> str:
    """The whole result; `change` adds what moved since the previous one."""
    profile = content.profile
    missions = {mission.id: mission.text(lang) for mission in profile.missions}
    score = result.score
    esc = html.escape

    lines = [
        t("result_title", lang, job=esc(profile.title(lang))),
        t("result_fit", lang, fit=percent(score.overall, lang), band=esc(score.band.label(lang))),
    ]
    if score.cap is not None:
        lines.append(
            t(
                "result_capped",
                lang,
                uncapped=esc(score.uncapped.label(lang)),
                reason=esc(score.cap.reason(lang)),
            )
        )
    lines += [
        esc(score.band.wording(lang)),
        "",
        t("result_breakdown", lang),
        *(
            t(
                "category_line",
                lang,
                label=t(f"category_{category}", lang),
                value=percent(score.categories[category], lang),
            )
            for category in CATEGORIES
        ),
    ]
    if score.interest is not None:
        lines += ["", t("result_interest", lang, value=percent(score.interest, lang))]
    entry = profile.entry
    lines += [
        "",
        t("result_entry", lang),
        esc(entry.text(lang)),
        esc(entry.fields(lang)),
        f"→ {esc(entry.readiness[score.readiness](lang))}",
        "",
        t("result_strengths", lang),
    ]
    if result.strengths:
        lines += [f"• {esc(s.dimension.label(lang))}" for s in result.strengths]
    else:
        lines.append(t("result_no_strengths", lang))

    lines += ["", t("result_gaps", lang)]
    if result.gaps:
        for gap in result.gaps:
            dimension = gap.dimension
            lines += [
                t(
                    "gap_line",
                    lang,
                    label=esc(dimension.label(lang)),
                    why=esc(mid_sentence(missions[dimension.mission])),
                ),
                t("gap_action", lang, action=esc(dimension.develop(lang))),
            ]
    else:
        lines.append(t("result_no_gaps", lang))

    lines += ["", t("result_training", lang)]
    if result.training:
        lines += [
            f"{number}. {esc(step.text(lang))}"
            for number, step in enumerate(result.training, start=1)
        ]
    else:
        lines.append(t("training_unknown", lang))

    lines += ["", *_salary_lines(content, result.salary, lang)]
    if change is not None:
        lines += ["", *_change_lines(change, lang)]
    lines += [
        "",
        f"<i>{esc(profile.disclaimer(lang))} {t('result_caveat', lang)}</i>",
        t("result_advisers", lang),
    ]
    return "\n".join(lines)


def mid_sentence(text: str) -> str:
    """A sentence made to follow a few words ("utile pour …"): first letter in lower case."""
    return text[:1].lower() + text[1:]


def _salary_lines(content: Content, salary: SalaryEstimate, lang: Lang) -> list[str]:
    profile_salary = content.profile.salary
    esc = html.escape
    movers = profile_salary.movers
    lines = [
        t("result_salary", lang),
        t("salary_line", lang, range=money_range(salary.low, salary.high, lang)),
        esc(profile_salary.note(lang)),
    ]
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
            points=f"{points:+d}",
        ),
    ]
    for key, moved in (("change_better", change.better), ("change_worse", change.worse)):
        if moved:
            names = ", ".join(html.escape(d.dimension.label(lang)) for d in moved)
            lines.append(t(key, lang, names=names))
    if not change.better and not change.worse:
        lines.append(t("change_none", lang))
    return lines


def to_plain(text: str) -> str:
    """Strip the HTML markup, for a terminal."""
    return html.unescape(_TAG.sub("", text))
