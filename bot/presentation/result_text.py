"""The lines the result's summary and sections share: strengths, salary, change, markup."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Literal

from bot.content.models import Content, Dimension, Lang, Readiness, SalaryLater
from bot.engine.change import Change
from bot.engine.record import SalaryFigures
from bot.presentation.result_view import Backed
from bot.presentation.screens import MAX_MESSAGE_CHARS
from bot.presentation.texts import CATEGORY_LABELS, N_, money, money_range, percent, t, tn

_TAG = re.compile(r"<[^>]+>")

#: A "what changed" list names this many qualities and skills, then counts the rest.
MAX_NAMES = 3


def message_length(text: str) -> int:
    """The length Telegram counts: UTF-16 code units of the text once the HTML is parsed."""
    return len(to_plain(text).encode("utf-16-le")) // 2


def fit_message(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """The text, or as many of its first lines as fit with a last line "…".

    Every line is whole HTML (tags open and close on one line), so cutting between
    lines keeps the markup valid. The texts the bot ships fit with room to spare
    (tests/test_report.py); this keeps a section lengthened by an admin on screen.
    """
    if message_length(text) <= limit:
        return text
    lines = text.split("\n")
    while lines and message_length("\n".join([*lines, "…"])) > limit:
        lines.pop()
    return "\n".join([*lines, "…"])


#: A strength cites at most this many of the answers that back it.
MAX_BACKING = 2


def strength_line(content: Content, strength: Backed, lang: Lang) -> str:
    """The strength and, briefly, the answers that back it: "• Label (scénario de crise, …)"."""
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


SalaryKind = Literal["now", "later", "job"]

#: The salary section's line for a personal range: the pay on entering the post, now or
#: once its entry requirements are met; for someone who has held the post and meets them
#: (`held_the_post`), the pay in it for their years there.
SALARY_LINES: dict[SalaryKind, str] = {
    "now": N_("salary_line"),
    "later": N_("salary_line_later"),
}

#: The same lines when no experience in the trade moved the range (none stated, or gained in
#: a field the figure does not count): it rests on the level of education alone, so the line
#: does not say it rests on the experience first.
SALARY_LINES_EDUCATION: dict[SalaryKind, str] = {
    "now": N_("salary_line_education"),
    "later": N_("salary_line_later_education"),
}


#: The salary section's line on experience from outside the trade, by (neighbouring field,
#: counted for nothing in the figure): « autre domaine » or « domaine voisin ».
ELSEWHERE_KEYS: dict[tuple[bool, bool], str] = {
    (False, True): N_("salary_elsewhere"),
    (False, False): N_("salary_elsewhere_part"),
    (True, True): N_("salary_elsewhere_near"),
    (True, False): N_("salary_elsewhere_near_part"),
}


def salary_kind(salary: SalaryFigures, readiness: Readiness) -> SalaryKind:
    """`now`: a personal range for someone who meets the entry requirements; `later`: a
    personal range for when they will (after training, a VAE or experience); `job`: no
    personal range yet, the job's own (the path does not lead to the post yet)."""
    if not salary.personal:
        return "job"
    return "now" if readiness == "ready" else "later"


def pay_after(
    content: Content, salary: SalaryFigures, readiness: Readiness, path: Sequence[str]
) -> SalaryLater | None:
    """What a personal range for later is the pay after (the profile's `salary.later`: two
    years of experience, a VAE…), when the person's readiness and path say; None for the
    job's range, or a way there the profile does not name. A range for now (the entry
    requirements met) has one only from an entry that names `ready` (a first experience
    in the trade as the next step), never for who has held the post."""
    kind = salary_kind(salary, readiness)
    if kind == "job" or held_the_post(salary, readiness):
        return None
    for later in content.profile.salary.later:
        if kind == "now" and readiness not in later.readiness:
            continue
        if later.readiness and readiness not in later.readiness:
            continue
        if later.path and not set(later.path) & set(path):
            continue
        return later
    return None


def held_the_post(salary: SalaryFigures, readiness: Readiness) -> bool:
    """The range is the pay in the post for the years held there. Only for who meets the
    entry requirements now (a record kept before that rule may say `in_post` without)."""
    return salary.in_post and salary_kind(salary, readiness) == "now"


def salary_lines(
    content: Content,
    salary: SalaryFigures,
    lang: Lang,
    readiness: Readiness,
    path: Sequence[str] = (),
) -> list[str]:
    """The personal range (now, or on entering the post for those not ready yet: after what,
    when the profile names it, and what the pay is until then), saying when experience from
    another field counts less; or, while the path does not lead to the post yet, the job's
    range (the path section gives its entry requirements)."""
    profile_salary = content.profile.salary
    esc = html.escape
    kind = salary_kind(salary, readiness)
    lines = [t("result_salary", lang)]
    if kind == "job":
        lines += [t("salary_job_only", lang), esc(profile_salary.note(lang))]
    else:
        shown = money_range(salary.low, salary.high, lang)
        after = pay_after(content, salary, readiness, path)
        education_only = salary.experience == 0
        if after is not None:
            key = N_("salary_line_after_education") if education_only else N_("salary_line_after")
            lines.append(t(key, lang, range=shown, when=esc(after.when(lang))))
        else:
            if held_the_post(salary, readiness):
                held = salary.holds_post
                line = N_("salary_line_holds_post") if held else N_("salary_line_in_post")
            else:
                line = (SALARY_LINES_EDUCATION if education_only else SALARY_LINES)[kind]
            lines.append(t(line, lang, range=shown))
        if not salary.job_language:
            lines.append(t("salary_job_language", lang))
        if salary.from_elsewhere:
            # The figure is a manager's new to the post, said before the pay until then
            # (the first post below it), so that « a first post » does not name both.
            key = ELSEWHERE_KEYS[salary.near, salary.field_weight == 0]
            job = esc(content.profile.title(lang))
            lines.append(t(key, lang, job=job, bottom=money(salary.minimum, lang)))
        if after is not None and after.meanwhile is not None:
            lines.append(esc(after.meanwhile(lang)))
        lines.append(esc(profile_salary.note(lang)))
    if profile_salary.movers:
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
                for m in profile_salary.movers
            ),
        ]
    lines.append(esc(profile_salary.bonus(lang)))
    return lines


def change_lines(change: Change, lang: Lang) -> list[str]:
    lines = [
        t("change_title", lang),
        fit_change(change, lang, N_("change_fit"), N_("change_fit_same")),
    ]
    for key, moved in ((N_("change_better"), change.better), (N_("change_worse"), change.worse)):
        if moved:
            lines.append(t(key, lang, names=_names(moved, lang)))
    if change.worse and change.rated_only:
        lines.append(t("change_rated_only", lang))
    beyond = beyond_qualities(change, lang)
    lines += beyond
    if not change.better and not change.worse and not beyond:
        lines.append(t("change_none", lang))
    return lines


#: The sign of a fall: the minus sign, not the hyphen a format gives.
MINUS = "\u2212"


def fall_on_facts(change: Change, lang: Lang) -> str | None:
    """The « ▼ En recul » line (the same the detail gives) when the fit shown fell and some
    quality or skill fell on answers of fact, not on self-ratings alone: a fall beside
    nothing but a rise read as a wrong quiz, and those answers are what the person can
    act on. A fall on self-ratings alone has its own explanation in the detail."""
    fell = round(change.after) < round(change.before)
    if not fell or not change.worse or change.rated_only:
        return None
    return t("change_worse", lang, names=_names(change.worse, lang))


def fit_change(change: Change, lang: Lang, moved_key: str, same_key: str) -> str:
    """The fit then and now: the points moved, signed (+3, −6), or « sans changement » when
    the rounded figures shown are the same (« +0 points » read as no progress at all)."""
    before, after = percent(change.before, lang), percent(change.after, lang)
    points = round(change.after) - round(change.before)
    if points == 0:
        return t(same_key, lang, before=before, after=after)
    signed = format(points, "+d").replace("-", MINUS)
    return t(moved_key, lang, before=before, after=after, points=signed)


def beyond_qualities(change: Change, lang: Lang) -> list[str]:
    """What moved besides the qualities and skills: the limits lifted since, by their short
    labels, and the « Formation et expérience » category when it rose. A diploma won or a
    language learnt changes the verdict, and a retake that said nothing of it would tell
    the person nothing moved."""
    lines = []
    if change.lifted:
        labels = ", ".join(html.escape(rule.lifted(lang)) for rule in change.lifted if rule.lifted)
        lines.append(t("change_lifted", lang, labels=labels))
    if change.background is not None:
        before, after = change.background
        lines.append(
            t(
                "change_background",
                lang,
                category=t(CATEGORY_LABELS["background"], lang),
                before=percent(before, lang),
                after=percent(after, lang),
            )
        )
    return lines


def _names(moved: list[Dimension], lang: Lang) -> str:
    """The first `MAX_NAMES` labels (the weightiest), then how many more moved."""
    names = ", ".join(html.escape(d.label(lang)) for d in moved[:MAX_NAMES])
    rest = len(moved) - MAX_NAMES
    return names if rest <= 0 else names + tn("change_more", rest, lang)


def to_plain(text: str) -> str:
    """Strip the HTML markup, for a terminal."""
    return html.unescape(_TAG.sub("", text))
