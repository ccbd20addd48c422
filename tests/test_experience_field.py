"""Where the experience was gained: the role the person had, not the employer's channel.

The adviser's report: a warehouse team lead at an online retailer answered
« E-commerce, vente en ligne », the honest answer to « Où avez-vous acquis
l'essentiel de cette expérience ? », and was offered a VAE towards a licence pro in
e-commerce and a senior range. The question now asks what the work was, and says
the employer's sector does not count; answered by his role, he gets a VAE in his own
field and a first post's range.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.content.models import Content, Lang
from bot.engine.gates import readiness
from bot.engine.record import record_of
from bot.engine.result import evaluate
from bot.presentation.result_sections import section
from bot.presentation.result_text import to_plain
from tests.support.personas import Persona, answers_for

#: What the question must say, in each language: count the role, not the employer.
ROLE = {"fr": ("rôle", "pas le secteur de l’employeur"), "en": ("role", "not your employer")}
#: The trade's own options name the work itself; « another » names trades people
#: mistake for it.
NAMED = {
    # the team and the budget in both languages (round 4's U3): a micro-entrepreneur
    # reads her own shop as « une entreprise » without them.
    "ecommerce_lead": {
        "fr": "l’e-commerce d’une entreprise (équipe, budget)",
        "en": "a company's e-commerce (team, budget)",
    },
    "ecommerce": {"fr": "ma boutique", "en": "my own shop"},
    "digital": {"fr": "Réseaux sociaux", "en": "Social media"},
    "acquisition": {"fr": "Référencement", "en": "Search ranking"},
    "other": {"fr": "logistique", "en": "logistics"},
}
#: The option ids of the versions before selling online and digital marketing were each
#: split in two: a quiz in progress or a result kept on one of them must still read.
OLDER_IDS = ("ecommerce", "digital", "marketing", "sales", "other", "none")
#: Buttons a phone shows without scrolling past the question.
MAX_OPTIONS = 8

WAREHOUSE_LEAD = Persona(
    "warehouse_lead",
    "bac pro, eight years leading a team in an online retailer's warehouse, answers by role",
    education="bac",
    studied="other",
    experience="5to10",
    worked_in="other",
    situation="working",
    ability=0.5,
    strong={"management": 0.85, "action_plans": 0.8, "supplier_network": 0.7},
    interest=0.7,
)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_question_asks_for_the_role_not_the_employer(
    shipped_content: Content, lang: Lang
) -> None:
    question = shipped_content.question_by_id["experience_field"]
    for words in ROLE[lang]:
        assert words in question.text(lang)
    options = {option.id: option.text(lang) for option in question.options}
    for option, named in NAMED.items():
        assert named[lang] in options[option], option


#: Web project work (a product manager's too), the trade's digital side, named on `digital`.
WEB_PROJECTS = {"fr": "projets web", "en": "web projects"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_web_project_and_product_work_has_a_role_to_pick(
    shipped_content: Content, lang: Lang
) -> None:
    """A product manager at a marketplace found no role of his, answered « another line
    of work » and read that seven years there « comptent peu », with a first post's pay:
    web projects are named on the option the trade's digital side counts on, and on no
    other."""
    question = shipped_content.question_by_id["experience_field"]
    options = {option.id: option.text(lang) for option in question.options}
    assert [id for id, text in options.items() if WEB_PROJECTS[lang] in text] == ["digital"]


def test_the_options_tell_apart_what_the_verdict_reads(shipped_content: Content) -> None:
    """The adviser's reading: in charge of selling online or not (the salary and the
    readiness read it), social media and content or acquisition (the neighbouring jobs
    read it); still short enough for a phone, every older id kept with its value."""
    question = shipped_content.question_by_id["experience_field"]
    ids = [option.id for option in question.options]
    assert len(ids) <= MAX_OPTIONS
    assert set(OLDER_IDS) <= set(ids)
    assert all(option.value == option.id for option in question.options)
    for option in question.options:
        for lang in ("fr", "en"):
            assert len(option.text(lang)) <= 60, option.id


def test_an_answer_kept_on_an_older_id_still_scores(shipped_content: Content) -> None:
    """An older quiz answered « Vendre en ligne » (`ecommerce`): it reads now as selling
    online without being in charge, the same training path and no post held."""
    answers = answers_for(shipped_content, WAREHOUSE_LEAD)
    for older in OLDER_IDS:
        result = evaluate(shipped_content, {**answers, "experience_field": (older,)})
        assert result.score.background["experience_field"] == (older,)
        assert not result.salary.in_post


def test_a_warehouse_lead_answering_by_role_is_not_read_as_e_commerce(
    shipped_content: Content,
) -> None:
    result = evaluate(shipped_content, answers_for(shipped_content, WAREHOUSE_LEAD))
    steps = [step.id for step in result.training]
    assert "vae_bac3" not in steps and "vae_own_field" in steps  # a diploma of his trade
    assert "relevant_experience" in steps  # e-commerce experience still to gain
    assert result.salary.low == shipped_content.profile.salary.min


def test_a_native_english_speaker_has_a_box_for_english(shipped_content: Content) -> None:
    """The adviser's report: "Which foreign languages could you work in?" left no right box
    for a British candidate, who ticked "another foreign language" for French."""
    question = shipped_content.question_by_id["languages"]
    assert "foreign" not in question.text("en").lower()
    assert "Besides French" in question.text("en")
    assert all("foreign" not in option.text("en").lower() for option in question.options)


def test_the_french_labels_say_what_the_english_ones_say(shipped_content: Content) -> None:
    """The adviser's report: « Vente en magasin » dropped the customer relations the
    English label names, and « Pas le bac (CAP…) » read as a demotion to a pupil in
    terminale; the answer ids (`sales`, `none`) are unchanged, only the words."""
    options = {
        (q.id, o.id): o.text("fr")
        for q in shipped_content.questions
        if q.id in {"experience_field", "education"}
        for o in q.options
    }
    assert options["experience_field", "sales"] == "Vente en magasin, relation client"
    assert options["education", "none"] == "Pas encore le bac, ou un CAP, un BEP"


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("ecommerce_lead", "ready"),
        ("ecommerce", "ready"),
        ("digital", "ready"),
        ("acquisition", "ready"),
        ("marketing", "with_experience"),
        ("sales", "with_experience"),
        ("other", "with_experience"),
    ],
)
def test_a_bac2_with_two_years_meets_the_route_only_in_the_trade(
    shipped_content: Content, where: str, expected: str
) -> None:
    """Having held the post, or worked below it, in social media or in acquisition: all
    experience in the trade, which the bac+2 route asks for."""
    background = {"education": ("bac2",), "experience": ("2to5",), "experience_field": (where,)}
    assert readiness(shipped_content, background) == expected


# --- Years in another line of work, in « Formation et expérience » ----------------------

#: Round 2's persona 10, by meaning: a 45-year-old office assistant, the bac, over ten
#: years in an office, changing career towards selling online.
OFFICE_ASSISTANT = Persona(
    "office_assistant_45",
    "45-year-old office assistant, bac, over ten years in an office, changing career",
    education="bac",
    studied="other",
    experience="10plus",
    worked_in="other",
    situation="working",
    ability=0.5,
    interest=0.65,
)


def test_a_career_in_another_line_of_work_counts_for_something(shipped_content: Content) -> None:
    """Round 2's finding 4: the assistant read « Formation et expérience : 0 % », below a
    pupil. Over ten years elsewhere now count, for less than the same years in the trade."""
    result = evaluate(shipped_content, answers_for(shipped_content, OFFICE_ASSISTANT))
    background = result.score.categories["background"]
    assert round(background) > 0
    in_the_trade = evaluate(
        shipped_content,
        answers_for(shipped_content, replace(OFFICE_ASSISTANT, worked_in="ecommerce")),
    )
    assert in_the_trade.score.categories["background"] > background
    experience = next(d for d in result.score.dimensions if d.dimension.id == "experience")
    assert 0 < experience.fit < 0.5


#: The line under the scores per category, by how the experience counts here.
#: The words of each line; years in another line of work beside a « Formation et
#: expérience » at 0 % do not count yet rather than little (round 6's finding 9).
ELSEWHERE_LINE = {
    "elsewhere": {
        "fr": "autre métier y comptent peu",
        "en": "another line of work count for little",
    },
    "elsewhere_none": {
        "fr": "autre métier n’y comptent pas encore",
        "en": "another line of work do not count here yet",
    },
    "near": {
        "fr": "d’un domaine voisin, y compte en partie",
        "en": "neighbouring field, counts in part",
    },
}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(
    ("worked_in", "experience", "said"),
    [
        ("other", "10plus", "elsewhere"),
        ("other", "2to5", "elsewhere"),
        ("sales", "2to5", "near"),
        ("marketing", "10plus", "near"),
        ("sales", "lt2", None),
        ("other", "lt2", None),
        ("ecommerce", "10plus", None),
        ("none", "none", None),
    ],
)
def test_the_detail_says_the_figures_are_for_this_post(
    shipped_content: Content, lang: Lang, worked_in: str, experience: str, said: str | None
) -> None:
    """A low « Formation et expérience » read as « your career counts for nothing »: who has
    years in another line of work reads that the figures are measured for this post. The
    adviser's round 3: a student with one summer job selling read « vos années dans un
    autre métier », and shop salespeople too, whose selling the result calls the heart of
    the job: years in sales or marketing count in part; under two years, no line."""
    persona = replace(OFFICE_ASSISTANT, worked_in=worked_in, experience=experience)
    result = evaluate(shipped_content, answers_for(shipped_content, persona))
    assert result.elsewhere == said
    record = record_of(shipped_content, result, lang=lang)
    text = to_plain(section(shipped_content, record, lang, "detail") or "")
    if said == "elsewhere" and round(record.categories["background"]) == 0:
        said = "elsewhere_none"
    for line, words in ELSEWHERE_LINE.items():
        assert (words[lang] in text) == (line == said), line
