"""The result as a message, in Telegram's HTML subset (plain text for terminals)."""

from __future__ import annotations

import html
import re

from bot.content.models import CATEGORIES, Content, Lang
from bot.engine.result import Result
from bot.engine.salary import FactorPosition
from bot.presentation.texts import money, percent, t

_TAG = re.compile(r"<[^>]+>")


def render_result(content: Content, result: Result, lang: Lang) -> str:
    profile = content.profile
    missions = {mission.id: mission.text(lang) for mission in profile.missions}
    score = result.score
    esc = html.escape

    lines = [
        t("result_title", lang, job=esc(profile.title(lang))),
        t("result_fit", lang, fit=percent(score.overall, lang), band=esc(score.band.label(lang))),
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
        "",
        t("result_strengths", lang),
    ]
    if result.strengths:
        lines += [f"• {esc(s.dimension.label(lang))}" for s in result.strengths]
    else:
        lines.append(t("result_no_strengths", lang))

    lines += ["", t("result_gaps", lang)]
    if result.gaps:
        lines += [
            t(
                "gap_line",
                lang,
                label=esc(gap.dimension.label(lang)),
                why=esc(missions[gap.dimension.mission]),
            )
            for gap in result.gaps
        ]
    else:
        lines.append(t("result_no_gaps", lang))

    lines += ["", t("result_training", lang)]
    if result.training:
        lines += [f"• {esc(path.text(lang))}" for path in result.training]
    else:
        lines.append(t("training_fine", lang))

    salary = result.salary
    lines += [
        "",
        t("result_salary", lang),
        t(
            "salary_line",
            lang,
            amount=money(salary.amount, lang),
            minimum=money(salary.minimum, lang),
            maximum=money(salary.maximum, lang),
        ),
    ]
    if salary.raising:
        lines.append(t("salary_up", lang, factors=_factor_list(salary.raising, lang)))
    if salary.holding_back:
        lines.append(t("salary_down", lang, factors=_factor_list(salary.holding_back, lang)))
    lines += [esc(profile.salary.bonus(lang)), "", f"<i>{esc(profile.disclaimer(lang))}</i>"]
    return "\n".join(lines)


def to_plain(text: str) -> str:
    """Strip the HTML markup, for a terminal."""
    return html.unescape(_TAG.sub("", text))


def _factor_list(factors: list[FactorPosition], lang: Lang) -> str:
    return ", ".join(html.escape(f.factor.label(lang)) for f in factors)
