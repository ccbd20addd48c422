"""Advice on the shipped profile: the training path for every education × experience, and
one action and one mission for every gap.

The source: business schools, universities and engineering schools; digital
marketing and new technologies preferred; usually a Master; a bac+2 accepted
with professional experience; customer-relations and project-management
tracks. General knowledge fills the steps before (bac or DAEU, a two-year
diploma, a bachelor's degree, work-study, VAE).
"""

from __future__ import annotations

import dataclasses
import html
import itertools
import re

import pytest

from bot.content.models import INTEREST, Content, Lang, TrainingStep
from bot.engine.advice import is_far, training_path, training_plan
from bot.engine.result import evaluate
from bot.engine.scoring import DimensionScore, gaps, near_misses, score
from bot.presentation.result_full import render_result
from bot.presentation.result_text import mid_sentence
from tests.support.answers import EDUCATION, EXPERIENCE, EXPERIENCED, best_answers
from tests.support.languages import LANGS

FIELDS = ["digital", "commerce", "it", "crm_project", "communication", "other"]
#: Five years or more in the trade itself support a VAE towards a bac+3 (our judgement).
LONG = {"5to10", "10plus"}
#: Where the experience was gained; only the job's own trade opens the bac+2 route.
EXPERIENCE_FIELDS = [
    "ecommerce_lead",
    "ecommerce",
    "digital",
    "acquisition",
    "marketing",
    "sales",
    "other",
    "none",
]
#: In charge of selling online or not, social media and content or acquisition: all the trade.
OWN_TRADE = {"ecommerce_lead", "ecommerce", "digital", "acquisition"}

#: The Master, where to apply for it (Mon Master, an aside) and the source's universities.
MASTER = ["master", "mon_master", "universities"]
STUDY_TO_MASTER = ["bac3_study", *MASTER]
#: The same after a bac+2, which is never a BUT: no « (un BUT l’est) » said to its holder.
AFTER_BAC2_TO_MASTER = ["bac3_after_bac2", *MASTER]
#: The path of a person with a digital-marketing field (so no specialising step), close
#: enough to the job to get the whole path, by education then by experience: young
#: (under 2 years), some (2 to 5 years) or long (5 years or more).
TABLE = {
    ("none", "young"): ["access", "bac2_study", *STUDY_TO_MASTER],
    ("none", "some"): ["vae", "bac2_experience"],
    ("none", "long"): ["vae_bac3", "bac2_experience"],
    ("bac", "young"): ["bac2_study", *STUDY_TO_MASTER],
    ("bac", "some"): ["vae", "bac2_experience"],
    ("bac", "long"): ["vae_bac3", "bac2_experience"],
    # after the BTS, both routes: two years of experience, or on to a Master
    ("studying", "young"): ["finish_studies", "gain_experience", *STUDY_TO_MASTER],
    ("studying", "some"): ["finish_studies", "bac2_experience"],
    ("studying", "long"): ["finish_studies", "bac2_experience"],
    ("bac2", "young"): ["gain_experience", *AFTER_BAC2_TO_MASTER],
    ("bac2", "some"): ["at_level_bac2", "build_on"],
    ("bac2", "long"): ["at_level_bac2", "build_on"],
    # a student with a bac+3 is studying beyond it, most often for a Master (round 6)
    ("bac3", "young"): ["finish_master"],
    ("bac3", "some"): ["at_level_bac3", "build_on"],
    ("bac3", "long"): ["at_level_bac3", "build_on"],
    ("master", "young"): ["at_level_master", "first_experience"],
    ("master", "some"): ["at_level_master", "build_on"],
    ("master", "long"): ["at_level_master", "build_on"],
}
#: The same, for ten years gained outside e-commerce (in a shop, say), in work: the
#: diploma's route is not met yet, so the path asks for experience in the trade; with a
#: bac+2 or a bac+3, the longer route is a VAE, not going back to study up to a Master
#: (the adviser's store manager with twenty years was sent to Mon Master).
ELSEWHERE = {
    "none": ["vae", "relevant_experience"],
    "bac": ["vae", "relevant_experience"],
    "studying": ["finish_studies", "gain_experience_bridge", *STUDY_TO_MASTER],
    "bac2": ["gain_experience_long", "career_change_course", "vae_long_bac2"],
    "bac3": ["gain_experience_long", "career_change_course", "vae_long_bac3"],
    "master": ["at_level_master", "first_experience_adult"],
}

#: Experience gained in another field supports a VAE towards a diploma of that field: a
#: bac+2 with the bac (a certified e-commerce course beside it), a diploma of the trade
#: below the bac, then the step on to the bac+2 the route asks for. With a bac+3, a
#: Master by VAE would be one of their own trade (accounting…), which opens nothing
#: here: experience in e-commerce is the way.
OTHER_FIELD = {
    "none": ["vae_first_diploma", "bac2_bridge"],
    "bac": ["vae_own_field", "ecommerce_course", "relevant_experience"],
    "bac3": ["gain_experience_long", "career_change_course"],
}
#: The first route, experience: worded for students, for adults, for long careers (each
#: adult's for an employee, a job seeker, or another situation).
GAIN = {
    "gain_experience",
    "gain_experience_bridge",
    *(
        f"{gain}{who}"
        for gain in ("gain_experience_adult", "gain_experience_long")
        for who in ("", "_seeker", "_other")
    ),
}

#: Each quality or skill and the mission it serves, reviewed by hand.
MISSIONS = {
    "communication": "customer_relations",
    "persuasion": "partners",
    "management": "team_lead",
    "adaptability": "market_watch",
    "sales_passion": "strategy",
    "relational": "customer_relations",
    "curiosity": "market_watch",
    "analysis": "customer_insight",
    "creativity": "social_media",
    "reactivity": "market_watch",
    "integrity": "partners",
    "flexibility": "operations",
    "sales_techniques": "purchase_journey",
    "tracking_tools": "customer_insight",
    "office_software": "dashboard",
    "web_languages": "site_content",
    "legal": "compliance",
    "web_culture": "visibility",
    "sales_communications": "channels_content",
    "merchant_sites": "purchase_journey",
    "supplier_network": "operations",
    "project_management": "dashboard",
    "action_plans": "team_lead",
    "data_analysis": "customer_insight",
    "languages": "cross_border",
    "education": "strategy",
    "specialisation": "customer_insight",
    "experience": "team_lead",
}
#: Background facts serve no one mission: their gap says why recruiters look at them.
BACKGROUND = {"education", "specialisation", "experience"}
ADVERBS = {"often", "sometimes", "always", "usually", "mostly"}


def background(
    education: str,
    experience: str,
    field: str = "digital",
    where: str = "ecommerce",
    situation: str | None = None,
) -> dict[str, tuple[str, ...]]:
    """The background answers; the situation by default as the personas' (in work with two
    years or more of experience, else a student)."""
    if situation is None:
        situation = "working" if experience in EXPERIENCED else "student"
    return {
        "situation": (situation,),
        "education": (education,),
        "experience": (experience,),
        "field": (field,),
        "experience_field": (where,),
    }


def path_of(
    content: Content,
    education: str,
    experience: str,
    field: str,
    where: str = "ecommerce",
    *,
    far: bool = False,
) -> list[TrainingStep]:
    """The path of someone close to the job (the strongest answers elsewhere), or, with
    `far`, of someone far from it (no other answer: a fit far below the job's)."""
    answers = {} if far else best_answers(content)
    scored = score(content, answers | background(education, experience, field, where))
    rule = content.profile.far_from_job
    assert rule is not None and is_far(rule, scored) == far
    return training_path(content, scored)


def band(experience: str) -> str:
    return "long" if experience in LONG else "some" if experience in EXPERIENCED else "young"


@pytest.mark.parametrize("experience", EXPERIENCE)
@pytest.mark.parametrize("education", EDUCATION)
def test_the_table(shipped_content: Content, education: str, experience: str) -> None:
    path = path_of(shipped_content, education, experience, "digital")
    assert [step.id for step in path] == TABLE[education, band(experience)]


@pytest.mark.parametrize("where", ["marketing", "sales", "other"])
@pytest.mark.parametrize("education", EDUCATION)
def test_the_table_for_experience_gained_elsewhere(
    shipped_content: Content, education: str, where: str
) -> None:
    path = path_of(shipped_content, education, "10plus", "digital", where)
    expected = ELSEWHERE[education]
    if where == "other":  # a VAE towards a diploma of their own field
        expected = OTHER_FIELD.get(education, expected)
    assert [step.id for step in path] == expected


@pytest.mark.parametrize("experience", EXPERIENCE)
@pytest.mark.parametrize("education", EDUCATION)
def test_far_from_the_job_the_path_starts_by_finding_out(
    shipped_content: Content, education: str, experience: str
) -> None:
    """Finding out first (a short placement, an adviser), then only the first two steps
    of the usual path: not five steps to a Master."""
    path = path_of(shipped_content, education, experience, "digital", far=True)
    usual = [s for s in TABLE[education, band(experience)] if s not in {"mon_master"}]
    numbered = [step.id for step in path if not step.aside]
    if experience in EXPERIENCED:  # two years or more in the trade: see the test below
        # far here by the band and by interest (no answer): the wish is what to check
        assert numbered == ["explore_wish", *[s for s in usual if s != "universities"][:2]]
        return
    # a pupil reads the stage de seconde; young here means a student (see `background`)
    assert numbered[0] == "explore_student"
    kept = [s for s in usual if s != "universities"][:2]
    if kept[-1] == "gain_experience":  # « par les étapes ci-dessous », which are cut
        kept = kept[:-1]
    assert numbered[1:] == kept
    for lang in LANGS:
        assert {"fr": "psychologue", "en": "psychologist"}[lang] in path[0].text(lang)
        assert "CIO" in path[0].text(lang)


@pytest.mark.parametrize("experience", EXPERIENCE)
@pytest.mark.parametrize("education", EDUCATION)
def test_a_far_path_cut_before_a_diploma_says_so(
    shipped_content: Content, education: str, experience: str
) -> None:
    """Far from the job, the path is cut to its first steps: it is marked cut exactly when
    a diploma step of the usual path was left out; close to the job, never."""
    answers = background(education, experience, "digital")
    far = score(shipped_content, answers)
    usual = TABLE[education, band(experience)]
    plan = training_plan(shipped_content, far)
    shown = {step.id for step in plan.steps}
    steps = {step.id: step for step in shipped_content.profile.training}
    dropped = [steps[s] for s in usual if s not in shown]
    assert plan.cut == any(s.leads_to for s in dropped)
    close = score(shipped_content, best_answers(shipped_content) | answers)
    assert not training_plan(shipped_content, close).cut


@pytest.mark.parametrize("situation", ["school", "student", "working", "job_seeker", "other"])
@pytest.mark.parametrize(
    ("education", "experience", "where"),
    list(itertools.product(EDUCATION, EXPERIENCE, EXPERIENCE_FIELDS)),
)
def test_no_path_ends_on_a_step_that_points_below(
    shipped_content: Content, situation: str, education: str, experience: str, where: str
) -> None:
    """The adviser's far first-year BTS student read « … par les étapes ci-dessous » as her
    last step, the steps below cut: far or close, no path ends on a step announcing more."""
    answers = background(education, experience, "digital", where, situation)
    for scored in (
        score(shipped_content, answers),
        score(shipped_content, best_answers(shipped_content) | answers),
    ):
        numbered = [step for step in training_path(shipped_content, scored) if not step.aside]
        for lang in LANGS:
            assert BELOW[lang] not in numbered[-1].text(lang), numbered[-1].id


def test_a_far_pupil_s_path_is_cut_before_the_master(shipped_content: Content) -> None:
    pupil = score(shipped_content, background("bac", "none"))
    plan = training_plan(shipped_content, pupil)
    assert "master" not in [step.id for step in plan.steps]
    assert plan.cut


#: What someone already in a course, or in the trade, must not be told.
BEFORE_ANY_COURSE = {"fr": "Avant toute formation", "en": "Before any course"}


@pytest.mark.parametrize("where", EXPERIENCE_FIELDS)
@pytest.mark.parametrize("experience", EXPERIENCE)
def test_finding_out_is_for_those_new_to_the_trade(
    shipped_content: Content, experience: str, where: str
) -> None:
    """Played through the chat, a person answering « En partie » everywhere with years in
    e-commerce (far by the band) was told to spend a few days with an e-commerce team to
    see whether the job draws them, and a first-year BTS student to check « before any
    course »: finding out is for those new to the trade, and speaks of going further."""
    path = path_of(shipped_content, "bac2", experience, "digital", where, far=True)
    in_trade = experience in EXPERIENCED and where in OWN_TRADE
    assert (path[0].id in {"explore", "explore_student", "explore_adult"}) == (not in_trade)
    # no answer at all: little interest too, so those in the trade check the wish first
    assert (path[0].id == "explore_wish") == in_trade
    for lang in LANGS:
        assert BEFORE_ANY_COURSE[lang] not in path[0].text(lang)


@pytest.mark.parametrize("experience", sorted(EXPERIENCED))
def test_in_the_trade_not_wanting_to_sell_starts_by_checking_the_wish(
    shipped_content: Content, experience: str
) -> None:
    """The adviser's community manager, three years in digital, answered « Pas du tout » to
    selling and read first that her degree and experience already open the post: the
    wish comes first, whatever the experience; wanting the job, the path is unchanged."""
    answers = best_answers(shipped_content) | background("bac3", experience, "digital", "digital")
    keen = training_path(shipped_content, score(shipped_content, answers))
    assert keen[0].id == "at_level_bac3"
    answers["like_selling"] = ("0",)
    path = training_path(shipped_content, score(shipped_content, answers))
    assert [step.id for step in path][:2] == ["explore_wish", "at_level_bac3"]
    for lang in LANGS:
        assert "CEP" in path[0].text(lang)


def test_low_interest_alone_puts_a_person_far_from_the_job(shipped_content: Content) -> None:
    """A capable person who would rather not sell gets the finding-out step too (« Plutôt
    pas »: « Pas du tout » puts the band itself far)."""
    answers = best_answers(shipped_content) | background("bac", "none")
    answers["like_selling"] = ("1",)
    scored = score(shipped_content, answers)
    assert scored.band.id != "far"
    assert training_path(shipped_content, scored)[0].id == "explore_student"


@pytest.mark.parametrize(
    ("education", "experience", "field", "where"),
    list(itertools.product(EDUCATION, EXPERIENCE, FIELDS, EXPERIENCE_FIELDS)),
)
def test_every_path_is_coherent(
    shipped_content: Content, education: str, experience: str, field: str, where: str
) -> None:
    path = path_of(shipped_content, education, experience, field, where)
    ids = [step.id for step in path]
    assert path, "everyone gets a path"
    # diplomas in rising order, each above what the person already has
    levels = [EDUCATION.index(s.leads_to) for s in path if s.leads_to is not None]
    assert levels == sorted(levels)
    assert all(level > EDUCATION.index(education) for level in levels)
    # someone who meets the level is told so, and is sent to no diploma
    meets = education == "master" or (
        education in {"bac2", "bac3"} and experience in EXPERIENCED and where in OWN_TRADE
    )
    assert any(step.meets_level for step in path) == meets
    if meets:
        assert levels == []
    # never "aim for a Master" next to "a bac+2 with experience is enough"
    enough = {"bac2_experience", "at_level_bac2", "at_level_bac3"}
    assert not ({"master", "universities"} & set(ids) and enough & set(ids))
    # a bac+3 holder is not told that a bac+2 is accepted
    if education == "bac3":
        assert "at_level_bac2" not in ids
    # an aside (an example, where to apply) follows a step of its own
    assert not path[0].aside
    # a Master is applied for on Mon Master
    assert ("master" in ids) == ("mon_master" in ids)
    # the specialising step only for those whose studies were neither digital marketing,
    # nor computing (new technologies), nor a route the source names (customer relations)
    if field in {"digital", "it", "crm_project"}:
        assert "specialise" not in ids
    for step in path:
        for lang in LANGS:
            assert step.text(lang)


def test_every_step_says_where_it_comes_from(shipped_content: Content) -> None:
    for step in shipped_content.profile.training:
        assert step.note.strip(), step.id
    origins = {step.id: step.origin for step in shipped_content.profile.training}
    # the source's own routes are marked as such, the steps before them as general
    source = ("master", "universities", "other_tracks", "bac2_experience", "at_level_bac2")
    for step_id in (*source, "gain_experience"):
        assert origins[step_id] == "source", step_id
    for step_id in ("access", "vae", "vae_own_field", "finish_studies", "bac2_study", "bac3_study"):
        assert origins[step_id] == "general", step_id


def step_by_id(content: Content, step_id: str) -> TrainingStep:
    return next(step for step in content.profile.training if step.id == step_id)


#: General knowledge, not from the source: after the bac, a BTS (two years) or a BUT
#: (three years since 2021) are alternatives, applied for on Parcoursup; a BUT already is
#: a bac+3, so it is not a step after a BTS.
AFTER_BAC = {
    "fr": ("Parcoursup", "BTS (2 ans", "BUT (3 ans", "l’un ou l’autre", "(un BUT l’est)"),
    "en": ("Parcoursup", "BTS (a two-year", "BUT (a three-year", "one or the other", "(a BUT is)"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_after_the_bac_a_bts_or_a_but(shipped_content: Content, lang: Lang) -> None:
    where, bts, but, either, already = AFTER_BAC[lang]
    after_bac = step_by_id(shipped_content, "bac2_study").text(lang)
    assert where in after_bac and bts in after_bac and but in after_bac and either in after_bac
    bac3 = step_by_id(shipped_content, "bac3_study").text(lang)
    # said first (the adviser's round 3: a BUT student read « un bac+3 : après un BTS… »
    # before learning at the end of the line that her BUT already is one)
    assert already in bac3 and bac3.index(already) < bac3.index("BTS")
    # the diploma under way names the BUT among the others
    assert "BUT" in step_by_id(shipped_content, "finish_studies").text(lang)
    naming_but = {s.id for s in shipped_content.profile.training if "BUT" in s.text(lang)}
    assert naming_but <= {"bac2_study", "bac3_study", "finish_studies"}


#: What a bac+2 holder reads as her next diploma: her bac+2 named, never the BUT condition.
AFTER_BAC2 = {"fr": "Un bac+3 après votre bac+2", "en": "A bac+3 after your bac+2"}


@pytest.mark.parametrize("lang", LANGS)
def test_a_bac2_holder_is_not_told_her_diploma_may_be_a_but(
    shipped_content: Content, lang: Lang
) -> None:
    """A bac+2 is never a BUT (a bac+3): the adviser's round 5 read « Si votre diplôme n’en
    est pas déjà un (un BUT l’est) » said to a BTS holder with two years in a shop."""
    already = AFTER_BAC[lang][-1]
    for step in shipped_content.profile.training:
        for_bac2 = any("bac2" in rule.get("education", ["bac2"]) for rule in step.when)
        if for_bac2:
            assert already not in step.text(lang), step.id
    after_bac2 = step_by_id(shipped_content, "bac3_after_bac2").text(lang)
    assert after_bac2.startswith(AFTER_BAC2[lang])
    assert all(name in after_bac2 for name in BACHELOR[lang])


#: How each language names the general bachelor's degree and the professional one.
BACHELOR = {
    "fr": ("licence (L3)", "bachelor", "licence professionnelle"),
    "en": ("bachelor's degree (L3)", "private bachelor", "professional bachelor's"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_bac3_step_is_not_the_professional_licence_alone(
    shipped_content: Content, lang: Lang
) -> None:
    """A licence professionnelle is built for going to work, not the usual road to a Master:
    the bac+3 step names the L3 and the bachelor beside it."""
    text = step_by_id(shipped_content, "bac3_study").text(lang)
    assert all(name in text for name in BACHELOR[lang])


@pytest.mark.parametrize("lang", LANGS)
def test_a_long_self_taught_seller_is_pointed_to_france_vae(
    shipped_content: Content, lang: Lang
) -> None:
    """No diploma, six years in online sales: a VAE towards a bac+3, applied for on France VAE."""
    path = path_of(shipped_content, "none", "5to10", "other", "ecommerce")
    assert path[0].id == "vae_bac3" and path[0].leads_to == "bac3"
    assert "France VAE" in path[0].text(lang)


#: What a VAE towards a bac+2 in sales or marketing takes: experience in that trade.
SALES_OR_MARKETING = {"fr": "en commerce ou en marketing", "en": "in sales or marketing"}
OWN_FIELD = {"fr": "dans votre domaine", "en": "in your own field"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("where", EXPERIENCE_FIELDS)
@pytest.mark.parametrize("experience", sorted(EXPERIENCED))
def test_a_vae_aims_at_a_diploma_the_experience_supports(
    shipped_content: Content, lang: Lang, where: str, experience: str
) -> None:
    """Played through the chat, a 45-year-old office assistant (the bac, ten years in an
    office) was told a VAE could earn her a bac+2 in sales or marketing: a VAE validates
    experience in the diploma's own field, so hers points to a bac+2 of her field."""
    path = path_of(shipped_content, "bac", experience, "other", where)
    (vae,) = [step for step in path if step.id.startswith("vae")]
    assert "France VAE" in vae.text(lang)
    elsewhere = where in {"other", "none"}
    assert (OWN_FIELD[lang] in vae.text(lang)) == elsewhere
    if elsewhere:
        assert SALES_OR_MARKETING[lang] not in vae.text(lang)


#: The two trades whose experience opens the job with a bac+2 or a bac+3.
TRADES = {"fr": ("e-commerce", "marketing digital"), "en": ("e-commerce", "digital marketing")}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("where", sorted(OWN_TRADE))
@pytest.mark.parametrize("education", ["bac2", "bac3"])
def test_the_level_met_names_the_trade_the_experience_is_in(
    shipped_content: Content, lang: Lang, where: str, education: str
) -> None:
    """Played through the chat, a community manager (bac+3, three years in digital
    marketing) read that her « expérience en e-commerce » opened the job: a step that
    names the trade of the person's experience names both that open the route."""
    path = path_of(shipped_content, education, "2to5", "communication", where)
    (met,) = [step for step in path if step.meets_level]
    text = met.text(lang)
    named = [trade for trade in TRADES[lang] if trade in text]
    assert named in ([], list(TRADES[lang]))


#: The steps that send a person with the usual diploma to a first experience in the trade.
FIRST_EXPERIENCE = {
    "first_experience",
    "first_experience_adult",
    "first_experience_seeker",
    "first_experience_seeker_years",
    "first_experience_other",
}


@pytest.mark.parametrize(
    ("education", "experience", "field", "where"),
    list(itertools.product(EDUCATION, EXPERIENCE, FIELDS, EXPERIENCE_FIELDS)),
)
def test_readiness_and_path_agree(
    shipped_content: Content, education: str, experience: str, field: str, where: str
) -> None:
    """Told "your degree opens the door with experience", the person's path starts with
    gaining it, and still offers the Master as the other route; a student new to the
    trade reads the same two routes once the diploma under way is done (the adviser's
    report: a first-year BTS student was shown only the long road to a Master); no one
    else is told that."""
    answers = best_answers(shipped_content) | background(education, experience, field, where)
    scored = score(shipped_content, answers)
    path = training_path(shipped_content, scored)
    ids = [step.id for step in path]
    numbered = [step.id for step in path if not step.aside]
    if scored.readiness == "with_experience" and education == "master":
        # A Master short of its route's `when` (round 3's finding 2: another field, no
        # experience): the level is met, a first experience in the trade comes next.
        assert ids[:1] == ["at_level_master"] and ids[1] in FIRST_EXPERIENCE
        assert "master" not in ids
    elif (
        scored.readiness == "with_experience"
        and scored.value("situation") == "student"
        and (education == "bac3")
    ):
        # a bac+3 student is studying beyond it: the Master under way, not a second route
        assert ids[0] == "finish_master"
        assert not {"master", *GAIN} & set(ids)
    elif scored.readiness == "with_experience":
        assert ids[0] in GAIN
        if experience in LONG:  # a long career: a VAE beside the experience, not studies
            assert "master" not in ids
            assert ids[1] == "career_change_course"  # how to start on that experience
            if education == "bac3" and where in ("other", "none"):
                # a Master by VAE of their own trade opens nothing here
                assert numbered == numbered[:1]
            else:
                assert numbered[1] in {"vae_long_bac2", "vae_long_bac3"}  # in work
        else:
            assert "master" in ids
    elif education == "studying" and experience not in EXPERIENCED:
        assert ids[:2] == ["finish_studies", "gain_experience"]
        assert "master" in ids
    elif education == "studying" and where not in OWN_TRADE:
        # years of work elsewhere: the same two routes, the years said inside the first
        assert ids[:2] == ["finish_studies", "gain_experience_bridge"]
        assert "master" in ids
    else:
        assert not GAIN & set(ids)


#: Words that chain a step onto the one before it.
THEN = {"fr": ("Puis", "Ensuite"), "en": ("Then", "Next")}
BELOW = {"fr": "ci-dessous", "en": "below"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("education", "experience", "where"),
    [("bac2", "none", "none"), ("bac2", "2to5", "sales"), ("bac3", "2to5", "other")],
)
def test_the_study_route_reads_as_the_other_route(
    shipped_content: Content, lang: Lang, education: str, experience: str, where: str
) -> None:
    """Played through the chat, a store manager (BTS, twenty years in a shop) read
    « 1. Première voie : deux ans d'expérience… 2. Puis un bac+3 » as one road: the steps
    after the first route are the other route, announced as such, not chained to it."""
    path = path_of(shipped_content, education, experience, "digital", where)
    first = next(i for i, step in enumerate(path) if step.id in GAIN)
    assert BELOW[lang] in path[first].text(lang)
    following = [step for step in path[first + 1 :] if not step.aside]
    assert following, "the other route's steps follow"
    assert not following[0].text(lang).startswith(THEN[lang])


@pytest.mark.parametrize(
    ("lang", "experience", "master"),
    [("fr", "expérience", "Master"), ("en", "experience", "Master's")],
)
def test_the_with_experience_readiness_names_both_routes(
    shipped_content: Content, lang: Lang, experience: str, master: str
) -> None:
    line = shipped_content.profile.entry.readiness["with_experience"](lang)
    step = next(s for s in shipped_content.profile.training if s.id == "gain_experience")
    for text in (line, step.text(lang)):
        assert experience in text and master in text


@pytest.mark.parametrize("lang", LANGS)
def test_paths_are_rendered_in_order(shipped_content: Content, lang: Lang) -> None:
    """Numbered steps in order; an aside (Mon Master, the universities) without a number."""
    answers = best_answers(shipped_content) | background("none", "none")
    result = evaluate(shipped_content, answers)
    message = render_result(shipped_content, result, lang)
    expected: list[str] = []
    number = 0
    for step in result.training:
        text = html.escape(step.text(lang))
        number += 0 if step.aside else 1
        expected.append(f"   {text}" if step.aside else f"{number}. {text}")
    lines = message.splitlines()
    positions = [lines.index(line) for line in expected]
    assert positions == list(range(positions[0], positions[0] + len(expected)))
    assert number == 4 and len(expected) == 6
    assert not any(re.match(r"\d+\. ", line) for line in lines if "Rouen" in line)


@pytest.mark.parametrize(
    ("education", "experience", "field"),
    [("bac2", "2to5", "crm_project"), ("bac3", "10plus", "other"), ("master", "none", "other")],
)
def test_no_training_gap_once_the_level_is_met(
    shipped_content: Content, education: str, experience: str, field: str
) -> None:
    result = evaluate(shipped_content, background(education, experience, field))
    assert any(step.meets_level for step in result.training)
    assert result.gaps
    assert all(gap.dimension.category != "background" for gap in result.gaps)


# --- One action and one mission per gap ------------------------------------------------------


def test_every_quality_and_skill_has_its_reviewed_mission(shipped_content: Content) -> None:
    by_id = shipped_content.dimension_by_id
    assert {d: by_id[d].mission for d in MISSIONS if d in by_id} == {
        d: m for d, m in MISSIONS.items() if d in by_id
    }
    missions = {m.id for m in shipped_content.profile.missions}
    for dimension in shipped_content.profile.dimensions:
        assert dimension.mission in missions
        for lang in LANGS:
            assert len(dimension.develop(lang)) >= 30, (dimension.id, lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("education", "experience"), [("none", "none"), ("bac2", "2to5"), ("master", "10plus")]
)
def test_every_listed_gap_has_an_action_and_a_mission(
    shipped_content: Content, lang: Lang, education: str, experience: str
) -> None:
    answers = {"education": (education,), "experience": (experience,)}
    result = evaluate(shipped_content, answers)
    message = render_result(shipped_content, result, lang)
    missions = {m.id: m.text(lang) for m in shipped_content.profile.missions}
    assert result.gaps
    lines = message.splitlines()
    for gap in result.gaps:
        label = f"• <b>{html.escape(gap.dimension.label(lang))}</b>"
        index = next(i for i, line in enumerate(lines) if line.startswith(label))
        if gap.dimension.category == INTEREST:
            # an interest gap follows an interest cap, whose reason says why it matters
            assert lines[index] == label
            assert any(rule.about_interest for rule in result.score.reasons)
        else:
            assert html.escape(mid_sentence(missions[gap.dimension.mission])) in lines[index]
        assert lines[index + 1] == f"   ↳ {html.escape(gap.dimension.develop(lang))}"


# --- Real gaps only, and what a gap is tied to -----------------------------------------------


@pytest.mark.parametrize(
    ("below", "kind"),
    [(0.0, None), (0.25, "near"), (0.5, "near"), (0.99, "near"), (1.0, "gap"), (2.0, "gap")],
)
def test_a_gap_is_a_full_step_short(
    shipped_content: Content, below: float, kind: str | None
) -> None:
    """Every ability put `below` its required level, the rest left at it."""
    base = score(shipped_content, {})
    for target in base.dimensions:
        if target.dimension.category not in ("qualities", "skills", "background"):
            continue
        levels = [
            dataclasses.replace(d, level=d.dimension.required - (below if d is target else 0.0))
            for d in base.dimensions
        ]
        moved = dataclasses.replace(base, dimensions=tuple(levels))
        assert [g.dimension for g in gaps(moved)] == ([target.dimension] if kind == "gap" else [])
        assert [g.dimension for g in near_misses(moved)] == (
            [target.dimension] if kind == "near" else []
        )


@pytest.mark.parametrize("lang", LANGS)
def test_nearly_there_is_to_go_further_not_a_priority(shipped_content: Content, lang: Lang) -> None:
    """Half a step short everywhere (e.g. "mostly" where "completely" is asked): no priority
    list, the near misses under their own heading, with their action."""
    result = evaluate(shipped_content, {"education": ("master",), "experience": ("10plus",)})
    near = dataclasses.replace(result, further=result.gaps, gaps=[])
    message = render_result(shipped_content, near, lang)
    further = {"fr": "<b>Pour aller plus loin</b>", "en": "<b>To go further</b>"}[lang]
    priority = {"fr": "<b>À développer en priorité</b>", "en": "<b>What to work on first</b>"}
    assert further in message and priority[lang] not in message
    for gap in near.further:
        assert html.escape(gap.dimension.develop(lang)) in message


def test_the_engine_lists_near_misses_only_without_real_gaps(shipped_content: Content) -> None:
    best = best_answers(shipped_content)
    best |= {"education": ("master",), "experience": ("10plus",), "field": ("digital",)}
    result = evaluate(shipped_content, best)
    assert result.gaps == []
    assert all(d.level < d.dimension.required for d in result.further)
    poor = evaluate(shipped_content, {"education": ("none",), "experience": ("none",)})
    assert poor.gaps and poor.further == []


@pytest.mark.parametrize("lang", LANGS)
def test_background_gaps_say_why_without_a_mission(shipped_content: Content, lang: Lang) -> None:
    for dimension in shipped_content.profile.dimensions:
        assert (dimension.why is not None) == (dimension.id in BACKGROUND), dimension.id
    result = evaluate(shipped_content, {"education": ("bac",), "experience": ("none",)})
    background = [d for d in gaps(result.score, limit=99) if d.dimension.id in BACKGROUND]
    assert len(background) == len(BACKGROUND)
    result = dataclasses.replace(result, gaps=background)
    message = render_result(shipped_content, result, lang)
    joiner = {"fr": "utile pour", "en": "needed to"}[lang]
    for gap in background:
        line = f"• <b>{html.escape(gap.dimension.label(lang))}</b> — "
        assert gap.dimension.why is not None
        assert line + html.escape(gap.dimension.why(lang)) in message
        assert line + joiner not in message


def test_english_missions_follow_needed_to(shipped_content: Content) -> None:
    """ "needed to often head a team" reads badly: each mission starts with its verb."""
    for mission in shipped_content.profile.missions:
        first = mission.text("en").split()[0].lower()
        assert first not in ADVERBS and not first.endswith("ly"), mission.id


# --- Strengths with the answers that back them -----------------------------------------------


def test_backing_is_the_answers_at_the_required_level(shipped_content: Content) -> None:
    persuasion = shipped_content.dimension_by_id["persuasion"]  # required 3
    scored = DimensionScore(
        persuasion, 8 / 3, (4.0, 1.0, 3.0), ("persuade", "marketplace", "done_work")
    )
    assert scored.backing == ("persuade", "done_work")
    assert scored.support == 2


def test_every_question_that_shows_an_ability_has_a_short_name(shipped_content: Content) -> None:
    for question in shipped_content.questions:
        targets = set(question.dimensions) | {d for o in question.options for d in o.evidence}
        categories = {shipped_content.dimension_by_id[d].category for d in targets}
        if categories & {"qualities", "skills"}:
            assert question.short is not None, question.id
            for lang in LANGS:
                assert 0 < len(question.short(lang)) <= 40, (question.id, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_each_strength_names_the_answers_behind_it(shipped_content: Content, lang: Lang) -> None:
    best = best_answers(shipped_content)
    result = evaluate(shipped_content, best)
    assert result.strengths
    message = render_result(shipped_content, result, lang)
    questions = shipped_content.question_by_id
    for strength in result.strengths:
        assert len(strength.backing) >= 2
        shorts = [questions[q].short for q in strength.backing]
        names = ", ".join([s(lang) for s in shorts if s is not None][:2])
        label = html.escape(strength.dimension.label(lang))
        backing = f" — {names}" if label.endswith(")") else f" ({names})"
        assert f"• {label}{html.escape(backing)}" in message.splitlines()


@pytest.mark.parametrize("lang", LANGS)
def test_a_label_with_brackets_gets_no_second_pair(shipped_content: Content, lang: Lang) -> None:
    result = evaluate(shipped_content, best_answers(shipped_content))
    office = shipped_content.dimension_by_id["office_software"]
    assert office.label(lang).endswith(")")
    strong = next(d for d in result.score.dimensions if d.dimension == office)
    message = render_result(shipped_content, dataclasses.replace(result, strengths=[strong]), lang)
    line = next(x for x in message.splitlines() if x.startswith(f"• {office.label(lang)}"))
    assert ") (" not in line and " — " in line


# --- Adults' paths (the personas report, findings 5, 6 and 10) ---------------------------------

#: What a student is told and an adult with years of work is not.
STUDENTS_WORDS = {"fr": ("stage", "alternance", "Mon Master"), "en": ("internship", "work-study")}
FUNDERS = ("CPF", "Transitions Pro")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("education", "vae", "where"),
    [
        *(("bac2", "vae_long_bac2", where) for where in ("marketing", "sales", "other")),
        *(("bac3", "vae_long_bac3", where) for where in ("marketing", "sales")),
    ],
)
def test_a_long_career_gets_an_adults_path_with_a_vae(
    shipped_content: Content, lang: Lang, where: str, education: str, vae: str
) -> None:
    """Played through the chat, a store manager (BTS, twenty years in a shop) read
    « (alternance, stage long, premier poste) » and was sent on to a Master through Mon
    Master: an adult with a long career gets a post or an assignment as the most direct
    route, and beside it a VAE, funded by the CPF or Transitions Pro."""
    for far in (False, True):
        path = path_of(shipped_content, education, "10plus", "commerce", where, far=far)
        numbered = [step for step in path if not step.aside]
        ids = [step.id for step in numbered]
        assert ids[-2:] == ["gain_experience_long", vae]
        assert not {"master", "mon_master", "bac3_study"} & {step.id for step in path}
        # the certified course's placement or work-study is an adult's too (contrat de
        # professionnalisation): only the steps themselves speak to adults
        for step in numbered:
            assert not any(word in step.text(lang) for word in STUDENTS_WORDS[lang]), step.id
        vae_step = numbered[-1]
        assert vae_step.origin == "general" and "France VAE" in vae_step.text(lang)
        assert all(funder in vae_step.text(lang) for funder in FUNDERS)
    assert step_by_id(shipped_content, "vae_long_bac2").leads_to == "bac3"


@pytest.mark.parametrize("lang", LANGS)
def test_a_bac3_with_years_in_another_trade_is_not_offered_a_master_by_vae(
    shipped_content: Content, lang: Lang
) -> None:
    """The adviser's accountant (bac+3, ten years) was offered a Master by VAE « en
    commerce ou en management », which accounting years do not earn: his path is the
    experience the entry route asks for, said as the most direct way, with no VAE."""
    path = path_of(shipped_content, "bac3", "10plus", "other", "other")
    assert [step.id for step in path if not step.aside] == ["gain_experience_long"]
    assert not any("VAE" in step.text(lang) for step in path)
    for where in ("sales", "marketing"):  # years a commerce or management Master knows
        ids = [step.id for step in path_of(shipped_content, "bac3", "10plus", "other", where)]
        assert "vae_long_bac3" in ids


@pytest.mark.parametrize("lang", LANGS)
def test_an_adult_with_some_years_elsewhere_is_not_offered_an_internship(
    shipped_content: Content, lang: Lang
) -> None:
    """The adviser's developer (bac+3, three years): the experience route for an adult
    is a post or an assignment; the Master stays the longer route."""
    path = path_of(shipped_content, "bac3", "2to5", "it", "other")
    assert path[0].id == "gain_experience_adult"
    assert not any(word in path[0].text(lang) for word in STUDENTS_WORDS[lang])
    assert "master" in [step.id for step in path]


#: The wording a CAP holder read: « un premier diplôme de votre métier : un CAP… ».
FIRST_DIPLOMA_CAP = {"fr": "premier diplôme de votre métier", "en": "a first diploma in your own"}
FURTHER = {"fr": "un diplôme de plus", "en": "a further diploma"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("far", [False, True])
def test_a_cap_holder_is_offered_a_further_diploma_then_the_bac2(
    shipped_content: Content, lang: Lang, far: bool
) -> None:
    """Played through the chat, a 50-year-old with a CAP and 25 years in logistics was
    offered « un premier diplôme … un CAP », and his path stopped below the bac+2 the
    result asks for: the VAE is a further diploma, and a step reaches the bac+2, even on
    the short path of someone far from the job."""
    path = path_of(shipped_content, "none", "10plus", "other", "other", far=far)
    ids = [step.id for step in path]
    assert "vae_first_diploma" in ids and ids[-1] == "bac2_bridge"
    vae = step_by_id(shipped_content, "vae_first_diploma").text(lang)
    assert FURTHER[lang] in vae and FIRST_DIPLOMA_CAP[lang] not in vae
    assert path[-1].leads_to == "bac2"


@pytest.mark.parametrize("situation", ["working", "job_seeker", "other"])
@pytest.mark.parametrize(
    ("education", "experience", "field", "where"),
    list(itertools.product(EDUCATION, EXPERIENCE, ["digital", "other"], EXPERIENCE_FIELDS)),
)
def test_no_path_offers_the_company_immersion_twice(
    shipped_content: Content,
    situation: str,
    education: str,
    experience: str,
    field: str,
    where: str,
) -> None:
    """Played through the chat, a data analyst (Master, no e-commerce) read a PMSMP
    immersion in step 1 and « a company immersion » again two steps later."""
    answers = background(education, experience, field, where, situation)
    path = training_path(shipped_content, score(shipped_content, answers))
    for lang in LANGS:
        assert sum("immersion" in step.text(lang) for step in path) <= 1


@pytest.mark.parametrize("lang", LANGS)
def test_beside_a_vae_of_one_s_own_field_a_certified_e_commerce_course(
    shipped_content: Content, lang: Lang
) -> None:
    """The adviser's office assistants (the bac, ten years in an office) were offered only
    a VAE of a bac+2 « in their own field », a long detour to sell online."""
    path = path_of(shipped_content, "bac", "10plus", "other", "other")
    ids = [step.id for step in path]
    course = path[ids.index("vae_own_field") + 1]
    assert course.id == "ecommerce_course" and course.aside
    assert "CPF" in course.text(lang) and "France Travail" in course.text(lang)


#: What the adviser's nurse read: « dans votre entreprise ou en reconversion » (a hospital).
COMPANY_OR_CHANGE = {
    "fr": "dans votre entreprise ou en reconversion",
    "en": "within your company or",
}
#: What she reads now: the company only if it sells online.
IF_IT_SELLS = {"fr": "dans votre entreprise si elle vend en ligne", "en": "if it sells online"}


@pytest.mark.parametrize("far", [False, True])
@pytest.mark.parametrize("situation", ["working", "job_seeker", "other"])
@pytest.mark.parametrize("where", ["marketing", "sales", "other", "none"])
@pytest.mark.parametrize(
    ("education", "experience"), list(itertools.product(["bac2", "bac3"], sorted(LONG)))
)
def test_a_long_career_elsewhere_gets_a_course_to_start_on(
    shipped_content: Content,
    education: str,
    experience: str,
    where: str,
    situation: str,
    far: bool,
) -> None:
    """The adviser's nurse (bac+3, twelve years) read one step, « La voie la plus directe :
    deux ans d'expérience … dans votre entreprise ou en reconversion », and nothing to start
    on: under that step, a certified course in e-commerce the CPF, Transitions Pro or
    France Travail fund, whose placement or work-study is the first experience; kept with
    its step on a short path (far from the job)."""
    answers = background(education, experience, "other", where, situation)
    if not far:
        answers = best_answers(shipped_content) | answers
    scored = score(shipped_content, answers)
    rule = shipped_content.profile.far_from_job
    assert rule is not None and is_far(rule, scored) == far
    path = training_path(shipped_content, scored)
    ids = [step.id for step in path]
    employee = situation == "working"
    gain, course_id = LONG_STEPS[situation]
    first = ids.index(gain)
    course = path[first + 1]
    assert course.id == course_id and course.aside
    for lang in LANGS:
        funders = (*FUNDERS, "France Travail") if employee else ("CPF", "France Travail")
        assert all(funder in course.text(lang) for funder in funders)
        direct = path[first].text(lang)
        assert COMPANY_OR_CHANGE[lang] not in direct
        assert (IF_IT_SELLS[lang] in direct) == employee


#: The long-career steps by situation: only an employee has a company to ask and
#: Transitions Pro to fund the course (round 6: an accountant made redundant read both).
LONG_STEPS = {
    "working": ("gain_experience_long", "career_change_course"),
    "job_seeker": ("gain_experience_long_seeker", "career_change_course_seeker"),
    "other": ("gain_experience_long_other", "career_change_course_seeker"),
}
#: What a job seeker or a person outside work must not read, and what they read instead.
NO_COMPANY = {
    "fr": ("votre entreprise", "Transitions Pro"),
    "en": ("your company", "Transitions Pro"),
}
THEIR_WAY = {
    "job_seeker": {"fr": "(intérim, CDD)", "en": "(temp or fixed-term)"},
    "other": {"fr": "en entreprise ou à votre compte", "en": "in a company or on your own account"},
}


@pytest.mark.parametrize("far", [False, True])
@pytest.mark.parametrize("situation", ["job_seeker", "other"])
@pytest.mark.parametrize("where", ["marketing", "sales", "other", "none"])
@pytest.mark.parametrize(
    ("education", "experience"), list(itertools.product(["bac2", "bac3"], ["2to5", *LONG]))
)
def test_outside_work_the_experience_route_names_no_company_of_their_own(
    shipped_content: Content,
    education: str,
    experience: str,
    where: str,
    situation: str,
    far: bool,
) -> None:
    """The adviser's accountant made redundant (round 6) read first « par une mission dans
    votre entreprise si elle vend en ligne » and a course Transitions Pro could fund: a job
    seeker has no company, and Transitions Pro is an employee's. The experience step and
    its course say their own way in: temping or a fixed-term post found with France Travail
    for a job seeker, a company or one's own account for another situation."""
    answers = background(education, experience, "other", where, situation)
    if not far:
        answers = best_answers(shipped_content) | answers
    path = training_path(shipped_content, score(shipped_content, answers))
    gains = [step for step in path if step.id in GAIN]
    assert len(gains) == 1
    said = [gains[0], *(step for step in path if step.id.startswith("career_change_course"))]
    for lang in LANGS:
        for step in said:
            for words in NO_COMPANY[lang]:
                assert words not in step.text(lang), (step.id, words)
        assert THEIR_WAY[situation][lang] in gains[0].text(lang)
        if situation == "job_seeker":
            assert "France Travail" in gains[0].text(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_experience_routes_name_the_company_only_if_it_sells_online(
    shipped_content: Content, lang: Lang
) -> None:
    """« dans votre entreprise ou en reconversion » read wrong to a nurse (a hospital), a
    job seeker and a retiree: the two-year routes say « if it sells online », a first post
    otherwise."""
    for step_id in ("gain_experience_adult", "gain_experience_long"):
        text = step_by_id(shipped_content, step_id).text(lang)
        assert IF_IT_SELLS[lang] in text and COMPANY_OR_CHANGE[lang] not in text, step_id


#: What a student with years of work elsewhere is told about them (the bridge sentence).
BRIDGE = {"fr": "Votre expérience compte", "en": "Your experience counts"}


@pytest.mark.parametrize("where", ["marketing", "sales", "other", "none"])
@pytest.mark.parametrize("experience", ["2to5", *sorted(LONG)])
def test_a_student_with_years_elsewhere_keeps_the_whole_path(
    shipped_content: Content, experience: str, where: str
) -> None:
    """A student back at university after years in sales read two steps: finish the
    diploma, then « Votre expérience compte… fera le pont », with no step to the level the
    result asks for. Their years add the bridge sentence inside the experience route; the
    path to a Master stays as for a student without them."""
    answers = background("studying", experience, "commerce", where, "student")
    path = training_path(
        shipped_content, score(shipped_content, best_answers(shipped_content) | answers)
    )
    ids = [step.id for step in path if not step.aside]
    assert ids == ["finish_studies", "gain_experience_bridge", "bac3_study", "master"]
    for lang in LANGS:
        route = path[1].text(lang)
        assert route.startswith(step_by_id(shipped_content, "gain_experience").text(lang)[:40])
        assert BRIDGE[lang] in route
        assert route.index(BRIDGE[lang]) < route.index(BELOW[lang])


#: What a job seeker reads about the VAE's support instead of Transitions Pro.
SEEKER_VAE = {
    "fr": "France Travail peut vous accompagner dans la démarche",
    "en": "France Travail can support you through it",
}


@pytest.mark.parametrize("situation", ["working", "job_seeker", "other"])
@pytest.mark.parametrize(
    ("education", "where"),
    [("bac2", "marketing"), ("bac2", "sales"), ("bac2", "other"), ("bac3", "sales")],
)
def test_a_job_seeker_s_vae_names_france_travail_not_transitions_pro(
    shipped_content: Content, education: str, where: str, situation: str
) -> None:
    """An accountant made redundant read, in the VAE step, « ou Transitions Pro si vous
    êtes salarié ou salariée du privé »: true, but beside the point for someone out of
    work. A job seeker's VAE step says France Travail can support them through it; the
    others keep Transitions Pro, which an employee may use."""
    answers = best_answers(shipped_content) | background(
        education, "10plus", "other", where, situation
    )
    path = training_path(shipped_content, score(shipped_content, answers))
    (vae,) = [step for step in path if step.id.startswith("vae_long_")]
    seeker = situation == "job_seeker"
    for lang in LANGS:
        text = vae.text(lang)
        assert "CPF" in text and "France VAE" in text
        assert ("Transitions Pro" in text) == (not seeker)
        assert (SEEKER_VAE[lang] in text) == seeker


#: What people with years outside selling online read about the experience still to gain:
#: what to add to their years, not that their years are not e-commerce.
STILL_TO_ADD = {
    "fr": ("Votre expérience compte", "en plus", "la vente en ligne elle-même"),
    "en": ("Your experience counts", "also look for", "online selling itself"),
}
NOT_E_COMMERCE = {"fr": "mais pour ce poste", "en": "but for this job"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("education", "where"), [("bac", "sales"), ("bac", "other"), ("none", "sales")]
)
def test_years_inside_an_online_shop_are_not_told_they_lack_e_commerce(
    shipped_content: Content, lang: Lang, education: str, where: str
) -> None:
    """A customer service lead ten years in an online shop answers her role honestly,
    customer relations, and read « Votre expérience compte, mais pour ce poste les
    recruteurs attendent une expérience en e-commerce »: false as she reads it, and just as
    false for a shopkeeper who also sells online. The step says what to add: selling
    online itself or digital marketing."""
    path = path_of(shipped_content, education, "10plus", "commerce", where)
    (step,) = [step for step in path if step.id == "relevant_experience"]
    text = step.text(lang)
    assert all(words in text for words in STILL_TO_ADD[lang])
    assert NOT_E_COMMERCE[lang] not in text


#: Whom a student or a pupil talks it over with: a student is past the lycée.
COUNSEL: dict[str, dict[str, tuple[str, ...]]] = {
    "explore_student": {
        "fr": ("service d’orientation de votre établissement", "SCUIO", "en CIO"),
        "en": ("your institution's careers service", "SCUIO", "at a CIO"),
    },
    "explore": {"fr": ("au lycée", "CIO"), "en": ("at school", "CIO")},
}
AT_THE_LYCEE = {"fr": "au lycée", "en": "at school"}


@pytest.mark.parametrize("lang", LANGS)
def test_a_student_is_sent_to_their_institution_s_careers_service(
    shipped_content: Content, lang: Lang
) -> None:
    """A BUT student read « psychologue de l'Éducation nationale, au lycée ou au CIO »: she
    is at university, and read that the bot took her for a pupil. A student is sent to
    their institution's careers service (the SCUIO at university) or a CIO; a pupil keeps
    the lycée."""
    for step_id, words in COUNSEL.items():
        text = step_by_id(shipped_content, step_id).text(lang)
        assert all(word in text for word in words[lang]), step_id
    assert AT_THE_LYCEE[lang] not in step_by_id(shipped_content, "explore_student").text(lang)


#: A bac+3 of one's own field won by VAE, to someone aiming at e-commerce: one more asset.
OWN_FIELD_BAC3 = {"fr": "bac+3 de votre domaine", "en": "bac+3 in your field"}
ONE_MORE_ASSET = {
    "fr": ("un atout de plus pour votre dossier", "ne remplace pas l’expérience en e-commerce"),
    "en": ("one more asset for your application", "does not replace experience in e-commerce"),
}
PROMISE = {"fr": "renforcera", "en": "will strengthen"}


@pytest.mark.parametrize("lang", LANGS)
def test_a_vae_in_one_s_own_field_is_one_more_asset_not_a_promise(
    shipped_content: Content, lang: Lang
) -> None:
    """A bank adviser of 55 read that a bac+3 « de votre domaine », won by VAE,
    « renforcera votre candidature »: a licence pro in banking says little to an e-commerce
    recruiter. Every VAE step towards a bac+3 of one's own field, in work or looking for
    it, calls it one more asset, which does not replace experience in e-commerce."""
    steps = shipped_content.profile.training
    own_field = [step for step in steps if OWN_FIELD_BAC3[lang] in step.text(lang)]
    assert {step.id for step in own_field} == {"vae_long_bac2", "vae_long_bac2_seeker"}
    for step in own_field:
        assert all(words in step.text(lang) for words in ONE_MORE_ASSET[lang]), step.id
    assert not [step.id for step in steps if PROMISE[lang] in step.text(lang)]
