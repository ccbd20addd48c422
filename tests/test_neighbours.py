"""Neighbouring jobs: which personas get which, and why.

The rule (bot/engine/neighbours.py) reads the profile's `neighbours`: a job is
named when enough of its strengths are the person's and the fit or the interest
is low, or when one of its leans (a wish the person lacks) applies. The section
names the jobs and the strengths that point to each, and where to read about
them; the summary gives their names in one line; the record keeps the choice.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from bot.content.advice_rules import check_advice
from bot.content.loader import ContentError, load_content
from bot.content.models import Content, Lang, Neighbours
from bot.content.problems import Reporter
from bot.engine.neighbours import neighbours
from bot.engine.record import ResultRecord, record_of
from bot.engine.result import Result, evaluate
from bot.engine.scoring import DimensionScore, Score
from bot.presentation import result_summary
from bot.presentation.pdf import result_pdf
from bot.presentation.pdf_parts import document_of
from bot.presentation.result_chart import result_chart_png
from bot.presentation.result_full import render_result
from bot.presentation.result_sections import available, section
from bot.presentation.result_summary import summary
from bot.presentation.result_text import message_length, to_plain
from bot.presentation.result_view import view
from bot.presentation.texts import t
from bot.terminal.chat import run_chat
from tests.support.jobs import FAKE, JOBS_PROFILES, JOBS_QUESTIONS
from tests.support.languages import LANGS
from tests.support.paths import SHIPPED_PROFILES, SHIPPED_QUESTIONS
from tests.support.pdf_text import page_texts, squeezed
from tests.support.persona_catalogue import PERSONAS, PRODUCT_MANAGER, RANDOM
from tests.support.personas import Persona, answers_for
from tests.support.terminal import typed_lines

#: Each persona's neighbouring jobs, in the order shown; every other persona gets none.
EXPECTED: dict[str, tuple[str, ...]] = {
    # Figures without wanting to lead or sell; studied computing and works in another line
    # of work: the data and web jobs may be her own (the adviser's report: "Neighbouring
    # jobs: Data analyst…" to a data analyst), so the bridges from them are named.
    "data_analyst": ("traffic_manager", "seo"),
    # Content and community, « En partie » on selling: a lean, although the fit is partial;
    # her experience in social media and web content is a community manager's and a web
    # writer's own, so the bridge from it is named: web marketing (the adviser's reading).
    "community_manager": ("web_marketer",),
    # Acquisition (search, ads, traffic) is his own line of work, and a traffic manager's,
    # an SEO specialist's and a web marketer's; « En partie » on selling: the bridges from
    # it are community and content.
    "traffic_manager": ("community_manager", "web_writer"),
    # HTML/JS and tracking, no wish to sell: the web first, its most telling strength.
    "developer": ("web_developer", "data_analyst", "seo"),
    # Far from the job (34 %), at home with figures and spreadsheets.
    "career_changer": ("data_analyst",),
    # An accountant who dislikes selling: figures and spreadsheets, the data job.
    "accountant_no_selling": ("data_analyst",),
    # Twenty-five years in logistics, far from the job, dealing with suppliers shown in a
    # scenario: e-commerce logistics, the bridge from his trade (named to no one else).
    "logistics_job_seeker": ("e_logistics",),
}
#: Far from the job with one strength only, creativity (a side of the community manager's
#: job, not its most telling strength): none, where the one-strength fallback once sent
#: all six to « Community manager » (the adviser's persona report, finding 2).
ONE_SIDE_STRENGTH = (
    "adult_career_change",
    "adult_in_work",
    "bts_first_year",
    "bac_no_selling",
    "middle_everywhere",
    "lyceenne",
)
#: Strong or good candidates who want the job's core missions: none, whatever their strengths.
STRONG = (
    "experienced_master",
    "modest_master",
    "disability",
    "fresh_bac2_digital",
    "ecommerce_manager",
    "ecommerce_assistant",
)
#: Far from the job with no strength a neighbouring job asks for: none rather than a guess
#: (the result says no strength is at the level yet, or names the one it has).
FAR_WITHOUT_POINTERS = ("uninterested_student", "no_diploma_young")


def result_for(content: Content, persona: Persona) -> Result:
    return evaluate(content, answers_for(content, persona))


@pytest.mark.parametrize("persona", [*PERSONAS, *RANDOM[1:]], ids=lambda p: p.name)
def test_the_personas_table(shipped_content: Content, persona: Persona) -> None:
    result = result_for(shipped_content, persona)
    named = tuple(n.job.id for n in result.neighbours)
    assert named == EXPECTED.get(persona.name, named if persona.style == "random" else ())
    rule = shipped_content.profile.neighbours
    assert rule is not None and len(named) <= rule.max
    strengths = {d.dimension.id for d in result.score.dimensions if d.fit >= 1.0}
    shown = {d.dimension.id for d in result.strengths}
    for neighbour in result.neighbours:
        # each is tied to at least two of the person's strengths, among those of the job,
        # or is the one closest job when none reaches two
        closest = len(named) <= rule.closest and len(neighbour.strengths) < rule.min_strengths
        assert closest or len(neighbour.strengths) >= rule.min_strengths
        assert set(neighbour.strengths) <= strengths & set(neighbour.job.strengths)
        # and cites only strengths the result lists
        assert set(neighbour.strengths) <= shown, (neighbour.job.id, shown)


def test_the_table_covers_a_strong_candidate_and_a_far_one_without_pointers() -> None:
    names = {p.name for p in PERSONAS}
    assert set(STRONG) <= names and set(FAR_WITHOUT_POINTERS) <= names
    assert set(ONE_SIDE_STRENGTH) <= names
    assert not (set(STRONG) | set(FAR_WITHOUT_POINTERS) | set(ONE_SIDE_STRENGTH)) & set(EXPECTED)


#: Two answers a strength rests on: a self-rating and a scenario.
SHOWN = ("ideas", "sales_drop")
#: Two self-ratings: the quiz never saw the strength at work.
SELF_RATED = ("ideas", "communicate")


def scored(
    content: Content,
    strong: set[str],
    band: str,
    caps: tuple[str, ...],
    sources: tuple[str, str] = SHOWN,
) -> Score:
    """A score with these strengths (met, backed by two answers), band and cap rules."""
    bands = {b.id: b for b in content.profile.bands}
    rules = {c.id: c for c in content.profile.caps}
    dimensions = tuple(
        DimensionScore(d, level=4.0, received=(4.0, 4.0), sources=sources)
        if d.id in strong
        else DimensionScore(d, level=1.0, received=(1.0, 1.0), sources=("q1", "q2"))
        for d in content.profile.dimensions
    )
    return Score(
        dimensions=dimensions,
        categories={},
        overall=50.0,
        band=bands[band],
        background={},
        readiness="ready",
        uncapped=bands[band],
        reasons=tuple(rules[cap] for cap in caps),
    )


FIGURES = {"data_analysis", "analysis"}
CONTENT = {"sales_communications", "creativity"}
WEB = {"tracking_tools", "data_analysis", "web_culture", "web_languages"}

RULE_TABLE: list[tuple[set[str], str, tuple[str, ...], tuple[str, ...], str]] = [
    (FIGURES, "strong", (), (), "a good fit and the wish for the job: none"),
    (FIGURES, "far", (), ("data_analyst",), "the fit is low"),
    (FIGURES, "partial", ("little_interest",), ("data_analyst",), "the interest is low"),
    (FIGURES, "partial", ("no_selling",), ("data_analyst",), "no wish to sell"),
    (FIGURES, "good", ("no_leading",), ("data_analyst",), "figures without wanting to lead"),
    (FIGURES, "good", ("unsure_selling",), (), "a lean of other jobs"),
    ({"data_analysis"}, "far", (), ("data_analyst",), "one strength: the job it leads"),
    ({"creativity"}, "far", (), (), "one strength, only a side of the jobs it serves: none"),
    ({"data_analysis"}, "good", (), (), "one strength and a good fit: none"),
    ({"creativity"}, "good", ("unsure_selling",), (), "one strength and a lean: none"),
    (set(), "far", (), (), "no strength: none"),
    (
        CONTENT,
        "good",
        ("unsure_selling",),
        ("community_manager", "web_writer", "web_marketer"),
        "content",
    ),
    (
        {"supplier_network", "action_plans"},
        "far",
        (),
        (),
        "e-commerce logistics: a bridge from logistics only (the background is none here)",
    ),
    (CONTENT, "good", ("no_leading",), (), "content, and no wish to lead: not a lean"),
    (
        WEB,
        "far",
        ("no_selling",),
        ("web_developer", "data_analyst", "traffic_manager"),
        "the leaning jobs first, the most telling first; then at most three",
    ),
]


@pytest.mark.parametrize(
    ("strong", "band", "caps", "expected", "why"), RULE_TABLE, ids=[row[-1] for row in RULE_TABLE]
)
def test_the_rule_table(
    shipped_content: Content,
    strong: set[str],
    band: str,
    caps: tuple[str, ...],
    expected: tuple[str, ...],
    why: str,
) -> None:
    found = neighbours(shipped_content, scored(shipped_content, strong, band, caps))
    assert tuple(n.job.id for n in found) == expected, why


@pytest.mark.parametrize(
    ("sources", "expected"), [(SHOWN, ("data_analyst",)), (SELF_RATED, ())], ids=["shown", "rated"]
)
def test_one_strength_names_a_job_only_when_an_answer_shows_it(
    shipped_content: Content, sources: tuple[str, str], expected: tuple[str, ...]
) -> None:
    """Far from the job with one strength: its job only when a scenario or a knowledge answer
    shows the strength, not on self-ratings alone."""
    score = scored(shipped_content, {"data_analysis"}, "far", (), sources)
    assert tuple(n.job.id for n in neighbours(shipped_content, score)) == expected


@pytest.mark.parametrize(
    ("studied", "worked_in", "own"),
    [
        # the role answer for social media and content also names web projects
        ("communication", "digital", {"community_manager", "web_writer", "web_project"}),
        ("digital", "acquisition", {"traffic_manager", "seo", "web_marketer"}),
        ("it", "other", {"data_analyst", "web_developer"}),
        ("other", "other", set()),
        ("it", "none", set()),
        ("digital", "ecommerce_lead", set()),
    ],
)
def test_a_job_the_background_says_is_theirs_is_never_named(
    shipped_content: Content, studied: str, worked_in: str, own: set[str]
) -> None:
    """The adviser's report: a community manager, a data analyst and a developer were each
    pointed to their own job. With every strength and no wish to sell, only the others;
    e-commerce logistics, a bridge from logistics, only to those from another line of work."""
    rule = shipped_content.profile.neighbours
    assert rule is not None
    every = {strength for job in rule.jobs for strength in job.strengths}
    score = scored(shipped_content, every, "far", ("no_selling",))
    background: dict[str, tuple[str, ...]] = {"field": (studied,), "experience_field": (worked_in,)}
    wide = rule.model_copy(update={"max": len(rule.jobs)})
    content = Content(
        shipped_content.profile.model_copy(update={"neighbours": wide}),
        shipped_content.files,
        shipped_content.version,
    )
    named = {n.job.id for n in neighbours(content, replace(score, background=background))}
    elsewhere = set() if worked_in == "other" else {"e_logistics"}
    assert named == {job.id for job in rule.jobs} - own - elsewhere


#: Round 2's persona 11: fifty, a CAP, twenty-five years leading a warehouse team through
#: the sales peaks, looking for work; deals with carriers, not suppliers, so does not tick
#: « Négocier avec un fournisseur ». Keen enough on selling to be partly interested.
WAREHOUSE_TEAM_LEAD = Persona(
    "warehouse_team_lead",
    "50, a CAP, twenty-five years leading a warehouse team through the peaks, no suppliers",
    education="none",
    studied="other",
    experience="10plus",
    worked_in="other",
    situation="job_seeker",
    ability=0.25,
    strong={"management": 0.85, "flexibility": 0.9, "supplier_network": 0.2},
    interest=0.45,
)


def test_a_warehouse_team_lead_is_pointed_to_e_commerce_logistics(
    shipped_content: Content,
) -> None:
    """Round 2's finding 2: the logistics lead's strengths are leading a team and working the
    peaks; e-commerce logistics, the bridge written for him, asked for suppliers first and
    named him nothing. It now counts what a logistics lead shows in this quiz."""
    result = result_for(shipped_content, WAREHOUSE_TEAM_LEAD)
    assert result.score.band.id == "far"
    shown = {d.dimension.id for d in result.strengths}
    assert {"management", "flexibility"} <= shown and "supplier_network" not in shown
    assert [(n.job.id, n.strengths) for n in result.neighbours] == [
        ("e_logistics", ("management", "flexibility"))
    ]


def test_a_product_manager_is_not_sent_to_logistics(shipped_content: Content) -> None:
    """Projects, action plans and the peaks are what any project or product person shows:
    e-commerce logistics counts only what marks a logistics lead (suppliers, a team, the
    peaks), so a marketplace's product manager with three generic strengths is not sent
    to a warehouse."""
    rule = shipped_content.profile.neighbours
    assert rule is not None
    logistics = next(job for job in rule.jobs if job.id == "e_logistics")
    assert logistics.strengths == ["supplier_network", "management", "flexibility"]
    result = result_for(shipped_content, PRODUCT_MANAGER)
    met = {d.dimension.id for d in result.score.dimensions if d.fit >= 1.0}
    assert {"project_management", "action_plans", "flexibility"} <= met
    assert "e_logistics" not in {n.job.id for n in result.neighbours}


@pytest.mark.parametrize("worked_in", ["sales", "marketing"])
def test_the_same_strengths_from_another_trade_name_no_logistics(
    shipped_content: Content, worked_in: str
) -> None:
    """The bridge stays one: leading a team through the peaks in a shop or elsewhere is no
    reason to be sent to a warehouse."""
    result = result_for(shipped_content, replace(WAREHOUSE_TEAM_LEAD, worked_in=worked_in))
    assert "e_logistics" not in {n.job.id for n in result.neighbours}


def test_the_rule_reads_its_thresholds_from_the_profile(shipped_content: Content) -> None:
    rule = shipped_content.profile.neighbours
    assert rule is not None
    one_is_enough = rule.model_copy(update={"min_strengths": 1, "max": 2, "bands": []})
    profile = shipped_content.profile.model_copy(update={"neighbours": one_is_enough})
    content = Content(profile, shipped_content.files, shipped_content.version)
    low_fit = scored(content, {"data_analysis", "web_languages"}, "far", ())
    assert neighbours(content, low_fit) == []  # the far band no longer names any
    no_selling = scored(content, {"data_analysis", "web_languages"}, "far", ("no_selling",))
    assert [n.job.id for n in neighbours(content, no_selling)] == ["data_analyst", "web_developer"]


def test_every_neighbour_is_general_knowledge_named_only(shipped_content: Content) -> None:
    rule = shipped_content.profile.neighbours
    assert rule is not None and rule.origin == "general" and rule.note
    for job in rule.jobs:
        assert job.origin == "general" and job.note, job.id
        for lang in shipped_content.languages:
            assert "€" not in job.name(lang) and len(job.name(lang)) <= 40, job.id
    for lang in ("fr", "en"):
        assert "ONISEP" in rule.read(lang) and "CIDJ" in rule.read(lang)


def test_a_job_without_neighbours_shows_none() -> None:
    fake = load_content(JOBS_QUESTIONS, JOBS_PROFILES, FAKE)
    assert fake.profile.neighbours is None
    answers = {q.id: (q.options[0].id,) if q.options else ("2",) for q in fake.questions}
    record = record_of(fake, evaluate(fake, answers), lang="fr")
    assert record.neighbours == ()
    assert section(fake, record, "fr", "neighbours") is None
    assert "neighbours" not in available(fake, record, "fr")


def test_unknown_ids_in_the_rule_are_reported(shipped_content: Content) -> None:
    rule = shipped_content.profile.neighbours
    assert rule is not None
    job = rule.jobs[0].model_copy(update={"strengths": ["data_analysis", "interest_data"]})
    job = job.model_copy(update={"leans": ["no_such_cap"]})
    broken = Neighbours.model_validate(
        {**rule.model_dump(), "bands": ["nowhere"], "jobs": [job.model_dump()]}
    )
    profile = shipped_content.profile.model_copy(update={"neighbours": broken})
    messages = [p.message for p in check_advice(profile, Reporter("p.yaml", {}))]
    assert messages == [
        "unknown band 'nowhere'",
        "'interest_data' is not a quality or a skill",
        "unknown cap rule 'no_such_cap'",
    ]


@pytest.mark.parametrize(
    ("written", "at"),
    [
        ("own: [{experience_field: [digital]}]", "neighbours.jobs.1.own.0.experience_field"),
        ("when: [{experience_field: [other]}]", "neighbours.jobs.7.when.0.experience_field"),
    ],
)
def test_an_own_or_when_condition_with_an_unknown_answer_is_reported(
    tmp_path: Path, written: str, at: str
) -> None:
    """A job's `own` and `when` conditions are checked like a training step's `when`."""
    questions = tmp_path / "questions"
    profiles = tmp_path / "profiles"
    shutil.copytree(SHIPPED_QUESTIONS, questions)
    shutil.copytree(SHIPPED_PROFILES, profiles)
    path = profiles / "responsable-e-commerce.yaml"
    text = path.read_text(encoding="utf-8")
    key = written.split(":")[0]
    path.write_text(
        text.replace(written, f"{key}: [{{experience_field: [web]}}]", 1), encoding="utf-8"
    )
    with pytest.raises(ContentError) as raised:
        load_content(questions, profiles)
    assert "unknown experience_field value 'web'" in str(raised.value)
    assert at in str(raised.value)


def persona(name: str) -> Persona:
    return next(p for p in PERSONAS if p.name == name)


@pytest.mark.parametrize("lang", LANGS)
def test_the_section_ties_each_job_to_its_strengths_and_says_where_to_read(
    shipped_content: Content, lang: Lang
) -> None:
    content = shipped_content
    record = record_of(content, result_for(content, persona("data_analyst")), lang=lang)
    text = section(content, record, lang, "neighbours")
    assert text is not None and "neighbours" in available(content, record, lang)
    plain = to_plain(text)
    rule = content.profile.neighbours
    assert rule is not None
    jobs = {job.id: job for job in rule.jobs}
    labels = content.dimension_by_id
    lines = plain.splitlines()
    for kept in record.neighbours:
        line = next(line for line in lines if jobs[kept.job].name(lang) in line)
        assert all(labels[d].label(lang) in line for d in kept.strengths), line
    assert rule.read(lang) in plain and to_plain(t("neighbours_caveat", lang)) in plain
    assert "€" not in plain  # no salary for them
    # the summary names them in one line
    names = ", ".join(jobs[n.job].name(lang) for n in record.neighbours)
    assert to_plain(t("summary_neighbours", lang, names=names)) in to_plain(
        summary(content, record, lang)
    )


@pytest.mark.parametrize("lang", LANGS)
def test_a_strong_candidate_gets_no_section_and_no_summary_line(
    shipped_content: Content, lang: Lang
) -> None:
    record = record_of(
        shipped_content, result_for(shipped_content, persona("experienced_master")), lang=lang
    )
    assert record.neighbours == ()
    assert section(shipped_content, record, lang, "neighbours") is None
    assert "neighbours" not in available(shipped_content, record, lang)
    prefix = to_plain(t("summary_neighbours", lang, names="")).strip()
    assert prefix not in to_plain(summary(shipped_content, record, lang))


def test_the_record_keeps_the_choice_and_an_older_record_still_loads(
    shipped_content: Content,
) -> None:
    content = shipped_content
    record = record_of(content, result_for(content, persona("developer")), lang="fr")
    assert [n.job for n in record.neighbours] == ["web_developer", "data_analyst", "seo"]
    assert record.neighbours[0].strengths[0] == "web_languages"
    assert ResultRecord.model_validate_json(record.model_dump_json()) == record
    # A record kept before neighbouring jobs existed has no such field: it loads, names none.
    older = record.model_dump(mode="json")
    del older["neighbours"]
    loaded = ResultRecord.model_validate(older)
    assert loaded.neighbours == ()
    assert section(content, loaded, "fr", "neighbours") is None
    # A job the content no longer knows is left out, not an error.
    gone = record.model_copy(
        update={
            "neighbours": (
                record.neighbours[0].model_copy(update={"job": "retired_job"}),
                record.neighbours[1],
            )
        }
    )
    text = section(content, gone, "fr", "neighbours")
    assert text is not None and "Développeur ou développeuse web" not in to_plain(text)


def test_the_terminal_prints_the_section_and_the_pdf_holds_it(shipped_content: Content) -> None:
    content = shipped_content
    answers = answers_for(content, persona("data_analyst"))
    out = io.StringIO()
    record = run_chat(
        content, "fr", seed="nb", input=io.StringIO(typed_lines(content, answers, "nb")), output=out
    )
    assert record is not None and record.neighbours
    text = section(content, record, "fr", "neighbours")
    assert text is not None and to_plain(text) in out.getvalue()
    # The PDF holds the whole result, this section included.
    title, parts = document_of(render_result(content, record, "fr", pointer=False))
    data = result_pdf(title, parts, result_chart_png(content, record, "fr"), "fr")
    assert squeezed(to_plain(text)) in squeezed("".join(page_texts(data, "fr")))


@pytest.mark.parametrize("lang", LANGS)
def test_a_summary_with_no_room_left_leaves_their_line_to_the_section(
    shipped_content: Content, lang: Lang, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long verdict, a change since last time and the neighbours' line once took a summary
    past the limit; the section's button names them anyway."""
    content = shipped_content
    record = record_of(content, result_for(content, persona("data_analyst")), lang=lang)
    full = summary(content, record, lang)
    names = ", ".join(n.job.name(lang) for n in view(content, record).neighbours)
    line = to_plain(t("summary_neighbours", lang, names=names))
    assert line in to_plain(full)
    monkeypatch.setattr(result_summary, "SUMMARY_MAX_CHARS", message_length(full) - 1)
    short = summary(content, record, lang)
    assert message_length(short) <= message_length(full) - 1
    assert to_plain(short) == to_plain(full).replace(f"{line}\n", "")
    assert "neighbours" in available(content, record, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_every_strength_a_neighbour_cites_is_listed_with_the_strengths(
    shipped_content: Content, lang: Lang
) -> None:
    """The neighbours' section once cited strengths beyond the three the result listed."""
    content = shipped_content
    cited_beyond_three = False
    for persona in PERSONAS:
        record = record_of(content, result_for(content, persona), lang=lang)
        detail = section(content, record, lang, "detail")
        assert detail is not None
        start = to_plain(detail).index(to_plain(t("result_strengths", lang)))
        listed = to_plain(detail)[start:]
        for neighbour in record.neighbours:
            for strength in neighbour.strengths:
                label = content.dimension_by_id[strength].label(lang)
                assert label in listed, (persona.name, neighbour.job, label)
        cited_beyond_three |= len(record.strengths) > 3
    assert cited_beyond_three  # the table has a persona whose neighbours cite a fourth


def test_self_ratings_alone_do_not_make_up_a_job_s_strengths(shipped_content: Content) -> None:
    """Round 6's finding 10: a web developer and a data scientist were sent to web writing
    on creativity and curiosity rated « En partie » or more, and nothing else. (Curiosity
    no longer counts for the writer: creativity and writing stand for content here.)"""
    rated = scored(shipped_content, CONTENT, "far", (), SELF_RATED)
    assert neighbours(shipped_content, rated) == []
    shown = scored(shipped_content, CONTENT, "far", (), SHOWN)
    assert "web_writer" in [n.job.id for n in neighbours(shipped_content, shown)]


@pytest.mark.parametrize("band", ["far", "partial", "good"])
def test_curiosity_does_not_point_to_web_writing(shipped_content: Content, band: str) -> None:
    """A freelance web developer who builds online shops, « En partie » on selling, was
    named « Web content writer » alone, on creativity and curiosity: curiosity is a quality
    every web job shares, not a sign of writing, so the writer is not among its jobs."""
    rule = shipped_content.profile.neighbours
    assert rule is not None
    writer = next(job for job in rule.jobs if job.id == "web_writer")
    assert "curiosity" not in writer.strengths
    score = scored(shipped_content, {"creativity", "curiosity"}, band, ("unsure_selling",))
    for found in neighbours(shipped_content, score):
        assert "curiosity" not in found.strengths, found.job.id
        assert len(found.strengths) < 2 or found.job.id != "web_writer"


@pytest.mark.parametrize("band", ["partial", "good", "strong"])
def test_a_bridge_from_the_person_s_trade_is_named_at_any_band(
    shipped_content: Content, band: str
) -> None:
    """Round 6's finding 9: a warehouse team lead at « partielle » (suppliers, a team, the
    peaks) was named no neighbouring job; e-commerce logistics, the bridge from his trade,
    was named only to the far ones. Outside them it takes three of its strengths: two
    generic ones (a team, a project) would send a nurse or an accountant to logistics."""
    rule = shipped_content.profile.neighbours
    assert rule is not None and rule.bridge_strengths == 3
    lead = {"supplier_network", "management", "flexibility"}
    score = scored(shipped_content, lead, band, ())
    other = replace(score, background={"experience_field": ("other",)})
    assert [(n.job.id, n.strengths) for n in neighbours(shipped_content, other)] == [
        ("e_logistics", ("supplier_network", "management", "flexibility"))
    ]
    sales = replace(score, background={"experience_field": ("sales",)})
    assert neighbours(shipped_content, sales) == []
    two = scored(shipped_content, {"management", "project_management"}, band, ())
    nurse = replace(two, background={"experience_field": ("other",)})
    assert neighbours(shipped_content, nurse) == []
    # Running projects is not among its strengths: even far from the job, a team and a
    # project are one of them, not the two that name it to the far ones.
    far = replace(nurse, band=next(b for b in shipped_content.profile.bands if b.id == "far"))
    assert "e_logistics" not in [n.job.id for n in neighbours(shipped_content, far)]
    peaks = scored(shipped_content, {"management", "flexibility"}, "far", ())
    warehouse = replace(peaks, background={"experience_field": ("other",)})
    assert [n.job.id for n in neighbours(shipped_content, warehouse)] == ["e_logistics"]
