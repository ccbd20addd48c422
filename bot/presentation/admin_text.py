"""Texts for admins: the score log's summary for /stats, a block of plain text for /reload."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from datetime import date

from bot.presentation.screens import MAX_MESSAGE_CHARS
from bot.scorelog.summary import NO_SOURCE, Summary, bucket_label


def n_results(count: int) -> str:
    """ "1 result", "2 results": the admin's summaries and commands are in English only."""
    return f"{count} result" if count == 1 else f"{count} results"


def format_summary(summary: Summary, job: str | None = None) -> str:
    """The summary as a short plain-text Telegram message (at most `MAX_MESSAGE_CHARS`),
    headed by the job it is of when `job` names it."""
    lines = [f"Job: {job}"] if job else []
    lines.append(f"Score log, {period_text(summary)}: {n_results(summary.count)}")
    if summary.fit is None:
        lines.append("Nothing recorded in this period.")
        return "\n".join(lines)
    lines.append(f"Fit: mean {summary.fit.mean:.1f}, median {summary.fit.median:.1f}")

    lines += ["", "Fit distribution"]
    largest = max(summary.fit_buckets.values())
    for start, count in summary.fit_buckets.items():
        lines.append(
            " ".join(filter(None, (f"{bucket_label(start)}:", bar(count, largest, 12), str(count))))
        )

    lines += ["", "Categories (mean / median)"]
    lines += [f"{cat}: {s.mean:.1f} / {s.median:.1f}" for cat, s in summary.categories.items()]

    if summary.gaps:
        lines += ["", "Most frequent gaps"]
        lines += [f"{dim}: {n} ({100 * n / summary.count:.0f}%)" for dim, n in summary.gaps[:5]]

    lines.append("")
    lines.append("Languages: " + _counts(summary.by_lang))
    sources = {(source or NO_SOURCE): n for source, n in summary.by_source.items()}
    lines.append("Sources: " + _counts(dict(list(sources.items())[:5])))
    lines.append("Months: " + _counts(dict(list(summary.by_month.items())[-6:])))
    text = "\n".join(lines)
    return text if len(text) <= MAX_MESSAGE_CHARS else text[: MAX_MESSAGE_CHARS - 1] + "…"


def unknown_job(job: str, jobs: Sequence[str]) -> str:
    """What /stats says of a job that is neither served nor in the log."""
    return f"No job {job!r} is served or in the score log. Jobs: {', '.join(jobs) or '–'}."


def bar(count: int, largest: int, width: int) -> str:
    """A bar of █ proportional to count/largest; any non-zero count shows."""
    if not count or not largest:
        return ""
    return "█" * max(1, round(width * count / largest))


def period_text(summary: Summary) -> str:
    return describe_period(summary.since, summary.until)


def describe_period(since: date | None, until: date | None) -> str:
    """`2026-01-01 to today`, `start to 2026-06-30`, or `all time`."""
    if since is None and until is None:
        return "all time"
    start = since.isoformat() if since else "start"
    end = until.isoformat() if until else "today"
    return f"{start} to {end}"


def _counts(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{key} {n}" for key, n in counts.items()) or "–"


#: Room kept for the `<pre>` tags around a block of text.
_PRE_MARGIN = 20

#: An HTML entity cut short at the end of a text ("&am", "&#3").
_PARTIAL_ENTITY = re.compile(r"&#?[A-Za-z0-9]*$")


def preformatted(text: str, room: int = MAX_MESSAGE_CHARS) -> str:
    """`text` as a preformatted block, cut to fit in `room` characters, never inside an entity."""
    escaped = html.escape(text)
    budget = room - _PRE_MARGIN
    if len(escaped) > budget:
        escaped = _PARTIAL_ENTITY.sub("", escaped[:budget])
    return f"<pre>{escaped}</pre>"
