"""docs/verdict.md: every reference persona's verdict, side by side, for review.

`python -m tests.support.verdict_table` rewrites the file from the shipped
questions and profile; tests/test_verdict_doc.py checks it is up to date. Each
row: who the persona is, their fit and band, the one-line reason the result gives
(the first cap reason, else the band's wording), the salary range shown, the next step
the summary gives, the path's step ids, the adults' routes and the neighbouring jobs.
"""

from __future__ import annotations

from bot.content.loader import load_content
from bot.content.models import Content, Lang, Readiness
from bot.engine.record import record_of
from bot.engine.result import Result, evaluate
from bot.presentation.result_summary import next_step
from bot.presentation.result_text import salary_kind
from bot.presentation.result_view import view
from bot.presentation.texts import open_catalogues
from tests.support.paths import ROOT, SHIPPED_PROFILES, SHIPPED_QUESTIONS
from tests.support.persona_catalogue import PERSONAS
from tests.support.personas import answers_for
from tests.support.reasons import cap_reason

DOC = ROOT / "docs" / "verdict.md"
LANG: Lang = "en"

HEADER = """# The verdict, persona by persona

Contrasting people, written as intent in `tests/support/persona_catalogue.py`
and turned into answers by `tests/support/personas.py`, scored by the shipped
questions and profile. `tests/test_personas.py` and
`tests/test_personas_adviser.py` assert the orderings and band limits a careers
adviser would sign; this table is for reading them side by side. Rewrite it
with `python -m tests.support.verdict_table` (a test fails when it is stale).

The reason is the first line the result gives under the band (a cap rule's
reason, else the band's own wording), in English; the salary is the range the
result gives, in thousands of euros, the pay on entering the post, or the pay in it
for their years there for those who have run a company's e-commerce (its team, its
budget) and meet the entry requirements (*held*): *ready* for those who meet the entry
requirements, *once ready* for those
who will at the next step, *the job's* (no personal range) when the path has more
than one step before the post; the
next step is the one the summary gives (« Prochaine étape », "Next step": the first
sentence of a step, past one saying the level is already met when another follows);
then the path's steps and the adults' routes by their ids in the profile (an aside
in brackets); last, the neighbouring jobs named, each with the strengths that point
to it.

The fit is kept at 99 % at most while one requirement is unmet, so « 100 % » never
stands beside « Presque au niveau » in the result: even the strongest answers miss
the top of "Web culture" by a little, and read 99 %. A persona knows the facts of
the knowledge questions that are as common as their level on the skill (the average
basket first, the A/B test last), and answers « Je ne sais pas » to the others.

"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


SALARY_KINDS = {"now": "ready", "later": "once ready", "job": "the job's"}


def _salary(result: Result, readiness: Readiness) -> str:
    low, high = result.salary.shown
    kind = SALARY_KINDS[salary_kind(result.salary, readiness)]
    held = ", held" if result.salary.in_post and result.salary.personal else ""
    return f"{low / 1000:g}–{high / 1000:g} k€, {kind}{held}"


def verdict_table(content: Content) -> str:
    rows = [
        "| persona | fit | band | reason | salary | next step (as the summary gives it) | path"
        " | adults' routes | neighbouring jobs |",
        "| --- | ---: | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for persona in PERSONAS:
        result = evaluate(content, answers_for(content, persona))
        score = result.score
        reason = (
            cap_reason(content, score.reasons[0], score, LANG)
            if score.reasons
            else score.band.wording(LANG)
        )
        step = next_step(view(content, record_of(content, result, lang=LANG)), LANG) or "–"
        path = " → ".join(f"({s.id})" if s.aside else s.id for s in result.training) or "–"
        routes = ", ".join(route.id for route in result.routes) or "–"
        jobs = "; ".join(f"{n.job.id} ({', '.join(n.strengths)})" for n in result.neighbours)
        rows.append(
            f"| {_cell(persona.intent)} | {score.overall:.0f} % | {score.band.label(LANG)}"
            f" | {_cell(reason)} | {_salary(result, score.readiness)} | {_cell(step)} | {path}"
            f" | {routes} | {jobs or '–'} |"
        )
    return HEADER + "\n".join(rows) + "\n"


def main() -> None:
    content = load_content(SHIPPED_QUESTIONS, SHIPPED_PROFILES)
    open_catalogues(None, content.profile.languages)
    DOC.write_text(verdict_table(content), "utf-8")


if __name__ == "__main__":
    main()
