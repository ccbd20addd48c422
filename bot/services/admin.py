"""What an admin can ask: the score log's summary and its export, reloading the content.

The adapter offers these to the admins only (see `bot.telegram_bot.admin`).
"""

from __future__ import annotations

from datetime import date

from bot.content.loader import ContentError
from bot.content.models import Lang
from bot.content.served import languages_of
from bot.presentation.admin_text import format_summary, preformatted
from bot.presentation.screens import MAX_MESSAGE_CHARS, Screen
from bot.presentation.texts import CatalogueError, open_catalogues, t, tn
from bot.scorelog.summary import Summary, chart_inputs
from bot.services.deps import Deps, lang_of
from bot.services.reply import Attachment, Person, Reply, Show


async def stats(deps: Deps, person: Person) -> Reply:
    """The summary of the anonymous score log, then its chart."""
    assert deps.scores is not None, "the bot always has a score log"
    summary = await deps.scores.summary()
    text = Show(Screen(preformatted(format_summary(summary))))
    chart = _stats_chart(summary, await lang_of(deps, person))
    return Reply(screens=(text,), attachments=(chart,))


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


def _stats_chart(summary: Summary, lang: Lang) -> Attachment:
    def draw() -> bytes:
        # Imported here: matplotlib is slow to import and most processes never draw this.
        from bot.presentation.charts import stats_chart_png

        fits, means = chart_inputs(summary)
        return stats_chart_png(fits, means, lang)

    return Attachment("stats.png", None, draw)
