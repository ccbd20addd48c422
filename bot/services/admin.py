"""What an admin can ask: the score log's summary and its export, reloading the content.

The adapter offers these to the admins only (see `bot.telegram_bot.admin`).
"""

from __future__ import annotations

from datetime import date

from bot.content.loader import ContentError
from bot.content.models import Lang
from bot.content.served import languages_of
from bot.presentation.admin_text import format_summary, preformatted, unknown_job
from bot.presentation.job_picker import job_name
from bot.presentation.screens import MAX_MESSAGE_CHARS, Screen
from bot.presentation.texts import CatalogueError, open_catalogues, t, tn
from bot.scorelog.summary import Summary, chart_inputs
from bot.services.deps import Deps, lang_of
from bot.services.reply import Attachment, Person, Reply, Show


async def stats(deps: Deps, person: Person, job: str = "") -> Reply:
    """The summary of the anonymous score log, then its chart.

    With several jobs (served, or found in the log) each gets its own summary and chart,
    since their dimensions and questions differ; `job` (a profile id) asks for that one only.
    """
    assert deps.scores is not None, "the bot always has a score log"
    lang = await lang_of(deps, person)
    everything = await deps.scores.summary()
    jobs = _jobs(deps, everything)
    if job and job not in jobs:
        return Reply(screens=(Show(Screen(preformatted(unknown_job(job, jobs)))),))
    if not job and len(jobs) <= 1:
        return _stats_reply(deps, [(None, everything)], lang)
    chosen = [job] if job else jobs
    return _stats_reply(deps, [(one, await deps.scores.summary(one)) for one in chosen], lang)


async def export(deps: Deps) -> Reply:
    """The score log as a CSV document."""
    assert deps.scores is not None, "the bot always has a score log"
    data = await deps.scores.export_csv()
    name = f"careerbot-scores-{date.today().isoformat()}.csv"
    return Reply(attachments=(Attachment(name, None, lambda: data, document=True, ready=True),))


async def reload(deps: Deps, person: Person) -> Reply:
    """Read the question and profile files again; list the problems if they are wrong."""
    lang = await lang_of(deps, person)
    try:
        contents = await deps.contents.reload()
        open_catalogues(deps.locales_dir, languages_of(contents))
    except (ContentError, CatalogueError) as error:
        found = error.problems if isinstance(error, ContentError) else [error]
        head = t("reload_failed", lang, problems=tn("n_problems", len(found), lang))
        problems = "\n".join(str(p) for p in found)
        body = preformatted(problems, MAX_MESSAGE_CHARS - len(head))
        return Reply(screens=(Show(Screen(f"{head}\n{body}")),))
    count = sum(len(content.questions) for content in contents)
    versions = ", ".join(content.version for content in contents)
    text = t("reloaded", lang, questions=tn("n_questions", count, lang), version=versions)
    return Reply(screens=(Show(Screen(text)),))


def _jobs(deps: Deps, everything: Summary) -> list[str]:
    """The profile ids of the jobs served, in their order, then of any other job in the log."""
    served = [content.profile.id for content in deps.contents.served]
    return served + [job for job in everything.by_profile if job not in served]


def _job_title(deps: Deps, profile_id: str | None, lang: Lang) -> str | None:
    """The job's title ("Cloud tester"), its id if no longer served; None for no job."""
    content = deps.contents.current(profile_id) if profile_id else None
    return profile_id if content is None else job_name(content, lang)


def _heading(deps: Deps, profile_id: str | None, lang: Lang) -> str | None:
    """ "Cloud tester (cloud-tester)", the id alone if the job is no longer served."""
    title = _job_title(deps, profile_id, lang)
    return title if title == profile_id else f"{title} ({profile_id})"


def _stats_reply(deps: Deps, blocks: list[tuple[str | None, Summary]], lang: Lang) -> Reply:
    """A summary per job (headed by its title and id when one is named), then a chart per
    job with results; when none has any, the one picture that says so."""
    texts = tuple(
        Show(Screen(preformatted(format_summary(summary, _heading(deps, job, lang)))))
        for job, summary in blocks
    )
    drawn = [(job, s) for job, s in blocks if s.count] or [(None, blocks[0][1])]
    charts = tuple(_stats_chart(s, lang, _job_title(deps, job, lang)) for job, s in drawn)
    return Reply(screens=texts, attachments=charts)


def _stats_chart(summary: Summary, lang: Lang, job: str | None) -> Attachment:
    def draw() -> bytes:
        # Imported here: matplotlib is slow to import and most processes never draw this.
        from bot.presentation.charts import stats_chart_png

        fits, means = chart_inputs(summary)
        return stats_chart_png(fits, means, lang, job=job)

    return Attachment("stats.png", None, draw)
