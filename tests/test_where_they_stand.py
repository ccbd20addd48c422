"""The path worded for where the person stands today (the adviser's round 6).

A Master's student is told to finish the Master she is in, not to apply for one; a job
seeker is not sent to « votre entreprise » nor to Transitions Pro; who holds the post is
not told to apply for it; five years in digital marketing need no short course in it;
who has already sold is not promised « une première expérience de vente »; a pupil reads
the stage de seconde; the experience dimension does not say « surtout avec un bac+2 » to
a bac+3; a freelancer reads « auprès de vos clients ».
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from bot.content.models import Content, Lang
from bot.content.typography import french_typography
from bot.engine.advice import training_path
from bot.engine.record import ResultRecord, record_of
from bot.engine.result import evaluate
from bot.engine.scoring import score
from bot.presentation.result_sections import section
from bot.presentation.result_summary import summary
from bot.presentation.result_text import to_plain
from tests.support.answers import best_answers
from tests.support.languages import LANGS
from tests.support.persona_catalogue import (
    BTS_FIRST_YEAR,
    ECOMMERCE_MANAGER,
    LYCEENNE,
    MASTER_STUDENT,
    REDUNDANT_ACCOUNTANT,
    SEA_SPECIALIST,
    UNSURE_SELLER,
    WEB_PROJECT_MASTER,
)
from tests.support.personas import Persona, answers_for


def record(content: Content, persona: Persona, lang: Lang) -> ResultRecord:
    return record_of(content, evaluate(content, answers_for(content, persona)), lang=lang)


def summary_line(content: Content, rec: ResultRecord, lang: Lang, mark: str) -> str:
    shown = to_plain(summary(content, rec, lang)).split("\n")
    return next(line for line in shown if line.startswith(mark))


def path_text(content: Content, rec: ResultRecord, lang: Lang) -> str:
    return to_plain(section(content, rec, lang, "path") or "")


def step_text(content: Content, step_id: str, lang: Lang) -> str:
    return next(s for s in content.profile.training if s.id == step_id).text(lang)


# --- finding 1: a Master's student -------------------------------------------------

FINISH_MASTER = {
    "fr": "Menez à bien le Master (ou le diplôme) que vous préparez",
    "en": "Complete the Master's (or the degree) you are studying for",
}
ONCE_MASTER = {
    "fr": "Salaire du poste, une fois votre Master obtenu",
    "en": "Pay in this post, once your Master's is awarded",
}
APPLY_FOR_A_MASTER = {"fr": ("Mon Master", "Visez un Master"), "en": ("Mon Master", "Aim for")}
AFTER_TWO_YEARS = {"fr": "après ces deux ans", "en": "after those two years"}
STUDYING_LIST = {
    "fr": "(un BTS, un BUT, une licence, un Master…)",
    "en": "(a BTS or a BUT, two- and three-year French vocational degrees, a bachelor's, "
    "a Master's…)",
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_master_s_student_finishes_the_master_she_is_in(
    shipped_content: Content, lang: Lang
) -> None:
    """Student with a licence as her highest diploma, so studying beyond it: she was told to
    apply for a Master on Mon Master, and paid « après ces deux ans d'expérience »."""
    rec = record(shipped_content, MASTER_STUDENT, lang)
    assert rec.path == ("finish_master",)
    nxt = summary_line(shipped_content, rec, lang, "➡️")
    assert FINISH_MASTER[lang] in nxt
    pay = summary_line(shipped_content, rec, lang, "💶")
    assert ONCE_MASTER[lang] in pay and AFTER_TWO_YEARS[lang] not in pay
    whole = path_text(shipped_content, rec, lang)
    for words in APPLY_FOR_A_MASTER[lang]:
        assert words not in whole
    salary = to_plain(section(shipped_content, rec, lang, "salary") or "")
    assert ONCE_MASTER[lang].split(", ")[1] in salary


IN_A_MASTER = {
    "fr": "(alternance et stages compris) ou par le Master que vous préparez",
    "en": "(work-study and internships included) or the Master's you are studying for",
}
TWO_YEARS_FIRST = {
    "fr": "passe d’abord par environ deux ans",
    "en": "the way in is about two years of experience in e-commerce, online sales",
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_master_s_student_reads_the_master_in_the_summary_s_reason(
    shipped_content: Content, lang: Lang
) -> None:
    """Her next step is to finish the Master: the reason above it named the two years of
    experience alone, as if she had left study with her licence."""
    rec = record(shipped_content, MASTER_STUDENT, lang)
    assert "needs_experience" in [r.rule for r in rec.reasons]
    text = to_plain(summary(shipped_content, rec, lang))
    assert IN_A_MASTER[lang] in text and TWO_YEARS_FIRST[lang] not in text
    left = to_plain(
        summary(
            shipped_content,
            record(shipped_content, replace(MASTER_STUDENT, situation="working"), lang),
            lang,
        )
    )
    assert IN_A_MASTER[lang] not in left


@pytest.mark.parametrize("situation", ["school", "working", "job_seeker", "other"])
def test_a_bac3_who_is_not_a_student_keeps_both_routes(
    shipped_content: Content, situation: str
) -> None:
    """Out of study with a bac+3, two years of experience or on to a Master, as before."""
    ids = record(shipped_content, replace(MASTER_STUDENT, situation=situation), "fr").path
    assert "finish_master" not in ids
    assert {"master", "mon_master"} <= set(ids)


@pytest.mark.parametrize("lang", LANGS)
def test_a_student_preparing_a_diploma_may_be_in_a_master(
    shipped_content: Content, lang: Lang
) -> None:
    """Answering « je prépare un diplôme du supérieur », the list names the Master too."""
    rec = record(shipped_content, replace(MASTER_STUDENT, education="studying"), lang)
    assert rec.path[0] == "finish_studies"
    assert STUDYING_LIST[lang] in path_text(shipped_content, rec, lang)


# --- finding 2: job seekers and other situations -----------------------------------

NOT_THEIRS = {
    "fr": ("votre entreprise", "Transitions Pro"),
    "en": ("your company", "Transitions Pro"),
}
SEEKER_WAY = {
    "fr": "par une mission (intérim, CDD) ou un premier poste dans ce domaine, que France Travail"
    " peut vous aider à trouver",
    "en": "through an assignment (temp or fixed-term) or a first job in that field, which"
    " France Travail can help you find",
}
SEEKER_COURSE = {
    "fr": "que France Travail ou votre CPF peuvent financer",
    "en": "which France Travail or your CPF can pay for",
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_job_seeker_is_not_sent_to_a_company_she_no_longer_has(
    shipped_content: Content, lang: Lang
) -> None:
    """The accountant made redundant read « par une mission dans votre entreprise si elle
    vend en ligne » first, then a course « votre CPF, Transitions Pro ou France Travail »
    could fund: her way in is an assignment France Travail helps find."""
    rec = record(shipped_content, REDUNDANT_ACCOUNTANT, lang)
    steps = {s.id: s for s in shipped_content.profile.training}
    gain = steps["gain_experience_long_seeker"].text(lang)
    course = steps["career_change_course_seeker"].text(lang)
    assert rec.path[1:3] == ("gain_experience_long_seeker", "career_change_course_seeker")
    for words in NOT_THEIRS[lang]:
        assert words not in gain and words not in course
    assert SEEKER_WAY[lang] in gain and SEEKER_COURSE[lang] in course
    assert "votre entreprise" not in to_plain(summary(shipped_content, rec, "fr"))


@pytest.mark.parametrize("lang", LANGS)
def test_outside_work_the_way_in_is_a_company_or_one_s_own_account(
    shipped_content: Content, lang: Lang
) -> None:
    """Retired or at home (situation « Autre »): as `first_experience_other` says it."""
    rec = record(shipped_content, replace(REDUNDANT_ACCOUNTANT, situation="other"), lang)
    assert "gain_experience_long_other" in rec.path
    own = {"fr": "en entreprise ou à votre compte", "en": "in a company or on your own account"}
    assert own[lang] in step_text(shipped_content, "gain_experience_long_other", lang)
    for words in NOT_THEIRS[lang]:
        assert words not in step_text(shipped_content, "gain_experience_long_other", lang)


# --- finding 3: in the post today --------------------------------------------------

#: The quiz asks the role of the experience, not the current job: someone in work who ran
#: a company's e-commerce may hold the post today or have held it before their present
#: job, so the step and the salary are worded to be true either way.
IN_POST = {
    "fr": french_typography(
        "Vous avez déjà dirigé l’e-commerce d’une entreprise : visez maintenant un périmètre"
        " plus large"
    ),
    "en": "You have already run a company's e-commerce: now aim for a wider remit",
}
#: What was asserted of anyone in work: that they hold the post today.
HOLDS_TODAY = {
    "fr": ("Vous tenez déjà ce poste", "que vous occupez déjà"),
    "en": ("You already hold this post", "which you already hold"),
}
APPLY = {"fr": "Postulez aux offres", "en": "Apply for"}
HOLDS = {"fr": "que vous tenez ou avez tenu", "en": "which you hold or have held"}
HELD = {"fr": "que vous avez déjà tenu", "en": "which you have already held"}


@pytest.mark.parametrize("lang", LANGS)
def test_who_holds_the_post_is_not_told_to_apply_for_it(
    shipped_content: Content, lang: Lang
) -> None:
    """The e-commerce manager in the post read « Postulez aux offres de responsable
    e-commerce » next, and « que vous avez déjà tenu » of a post she still holds."""
    rec = record(shipped_content, ECOMMERCE_MANAGER, lang)
    nxt = summary_line(shipped_content, rec, lang, "➡️")
    assert IN_POST[lang] in nxt and APPLY[lang] not in nxt
    salary = to_plain(section(shipped_content, rec, lang, "salary") or "")
    assert HOLDS[lang] in salary and HELD[lang] not in salary


@pytest.mark.parametrize("lang", LANGS)
def test_in_work_having_run_an_e_commerce_is_not_said_to_be_the_present_job(
    shipped_content: Content, lang: Lang
) -> None:
    """An office worker who once ran a shop's e-commerce read « Vous tenez déjà ce poste »
    beside « À développer : Esprit managérial »: the quiz cannot tell a post held today
    from one held before, so nothing in the result says she holds it now."""
    rec = record(shipped_content, ECOMMERCE_MANAGER, lang)
    said = to_plain(summary(shipped_content, rec, lang)) + to_plain(
        section(shipped_content, rec, lang, "salary") or ""
    )
    for words in HOLDS_TODAY[lang]:
        assert words not in said


@pytest.mark.parametrize("lang", LANGS)
def test_who_held_the_post_and_looks_for_work_applies(shipped_content: Content, lang: Lang) -> None:
    rec = record(shipped_content, replace(ECOMMERCE_MANAGER, situation="job_seeker"), lang)
    assert "in_post" not in rec.path and "build_on" in rec.path
    assert APPLY[lang] in summary_line(shipped_content, rec, lang, "➡️")
    salary = to_plain(section(shipped_content, rec, lang, "salary") or "")
    assert HELD[lang] in salary and HOLDS[lang] not in salary


# --- finding 7: no short course after five years in the trade ----------------------


@pytest.mark.parametrize("lang", LANGS)
def test_five_years_in_acquisition_need_no_short_course_in_digital_marketing(
    shipped_content: Content, lang: Lang
) -> None:
    """The SEA specialist of five years read « Vos études n'étaient pas centrées sur le
    marketing digital : une formation courte » as his next step."""
    rec = record(shipped_content, SEA_SPECIALIST, lang)
    assert "specialise" not in rec.path
    assert APPLY[lang] in summary_line(shipped_content, rec, lang, "➡️")


@pytest.mark.parametrize(
    ("education", "experience", "where"),
    list(
        itertools.product(
            ["bac2", "bac3"], ["2to5", "5to10", "10plus"], ["ecommerce", "digital", "acquisition"]
        )
    ),
)
def test_the_short_course_only_under_five_years(
    shipped_content: Content, education: str, experience: str, where: str
) -> None:
    answers = best_answers(shipped_content) | {
        "situation": ("working",),
        "education": (education,),
        "experience": (experience,),
        "field": ("communication",),
        "experience_field": (where,),
    }
    ids = [s.id for s in training_path(shipped_content, score(shipped_content, answers))]
    assert ("specialise" in ids) == (experience == "2to5")


@pytest.mark.parametrize("lang", LANGS)
def test_a_master_with_five_years_in_web_work_is_told_to_apply(
    shipped_content: Content, lang: Lang
) -> None:
    """A Master in marketing with five years and more as a web project manager read the
    short course in digital marketing as his next step, and « Postulez » only third: less
    ready than a bac+3 with the same years. Nobody asks his Master's major now."""
    rec = record(shipped_content, WEB_PROJECT_MASTER, lang)
    assert "specialise" not in rec.path
    assert APPLY[lang] in summary_line(shipped_content, rec, lang, "➡️")


@pytest.mark.parametrize(
    ("experience", "where"),
    list(
        itertools.product(
            ["none", "lt2", "2to5", "5to10", "10plus"],
            ["ecommerce", "digital", "acquisition", "marketing", "sales", "other"],
        )
    ),
)
def test_a_master_in_another_field_gets_the_short_course_unless_five_years_in_the_trade(
    shipped_content: Content, experience: str, where: str
) -> None:
    """Years outside the trade, or under five in it, leave the course; five and more in
    the trade (selling online, digital marketing, acquisition) answer it."""
    answers = best_answers(shipped_content) | {
        "situation": ("working",),
        "education": ("master",),
        "experience": (experience,),
        "field": ("commerce",),
        "experience_field": (where,),
    }
    ids = [s.id for s in training_path(shipped_content, score(shipped_content, answers))]
    in_the_trade = where in ("ecommerce", "digital", "acquisition")
    assert ("specialise" in ids) == (not in_the_trade or experience in ("none", "lt2", "2to5"))


# --- finding 8: « En partie » on selling, said to who has sold ---------------------

FIRST_GO = {
    "fr": "une première expérience de vente vous dira si elle vous plaît",
    "en": "a first go at selling will tell you whether it suits you",
}
ALREADY_SOLD = {
    "fr": "demandez-vous ce qui vous a plu ou pesé dans les ventes que vous avez déjà faites",
    "en": "ask yourself what you liked, or found hard, in the selling you have already done",
}


@pytest.mark.parametrize(
    ("worked_in", "sold"),
    [("ecommerce", True), ("ecommerce_lead", True), ("sales", True), ("digital", False)],
)
@pytest.mark.parametrize("lang", LANGS)
def test_who_has_already_sold_is_asked_about_it(
    shipped_content: Content, lang: Lang, worked_in: str, sold: bool
) -> None:
    """« En partie » on selling after a year selling online: she read that a first
    experience of selling would tell her; she has one."""
    rec = record(shipped_content, replace(UNSURE_SELLER, worked_in=worked_in), lang)
    assert "unsure_selling" in [r.rule for r in rec.reasons]
    text = to_plain(summary(shipped_content, rec, lang))
    said, unsaid = (ALREADY_SOLD, FIRST_GO) if sold else (FIRST_GO, ALREADY_SOLD)
    assert said[lang] in text and unsaid[lang] not in text
    assert {"fr": french_typography("« En partie »"), "en": "“Partly”"}[lang] in text


# --- finding 11: a pupil's observation placement ------------------------------------

SECONDE = {"fr": "comme le stage de seconde", "en": "such as the seconde work placement"}


@pytest.mark.parametrize("lang", LANGS)
def test_a_pupil_reads_the_stage_de_seconde_a_student_does_not(
    shipped_content: Content, lang: Lang
) -> None:
    pupil = record(shipped_content, LYCEENNE, lang)
    assert pupil.path[0] == "explore"
    assert SECONDE[lang] in path_text(shipped_content, pupil, lang)
    student = record(shipped_content, BTS_FIRST_YEAR, lang)
    assert student.path[0] == "explore_student"
    assert SECONDE[lang] not in path_text(shipped_content, student, lang)


# --- finding 12: the experience dimension's why -------------------------------------

WITHOUT_MASTER = {
    "fr": "les recruteurs la demandent, surtout sans Master.",
    "en": "employers ask for it, especially without a Master's.",
}
WITH_A_BAC2 = {"fr": "surtout avec un bac+2", "en": "especially with a bac+2"}


@pytest.mark.parametrize("lang", LANGS)
def test_experience_is_asked_for_especially_without_a_master(
    shipped_content: Content, lang: Lang
) -> None:
    """A licence pro graduate read « surtout avec un bac+2 » and wondered whether her
    diploma counted for less than it does."""
    rec = record(shipped_content, MASTER_STUDENT, lang)
    develop = to_plain(section(shipped_content, rec, lang, "develop") or "")
    assert WITHOUT_MASTER[lang] in develop
    experience = shipped_content.dimension_by_id["experience"]
    for dimension in (experience, *(experience.worded(w.id) for w in experience.wordings)):
        assert dimension.why is not None
        assert WITH_A_BAC2[lang] not in dimension.why(lang)


# --- finding 14: a freelancer's clients ---------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_an_adult_in_work_may_find_the_assignment_with_clients(
    shipped_content: Content, lang: Lang
) -> None:
    clients = {"fr": "auprès de vos clients", "en": "with your clients"}
    assert clients[lang] in step_text(shipped_content, "first_experience_adult", lang)


# --- who runs a company's e-commerce in their first two years holds the post -------

#: In work with under two years in all, the company's e-commerce they run is their job now.
EARLY_MANAGER = replace(ECOMMERCE_MANAGER, experience="lt2", situation="working")
HOLDS_NOW = {
    "fr": french_typography("Vous tenez déjà le poste : une ou deux années de plus"),
    "en": "You already hold the post: a year or two more",
}
IN_POST_PAY = {
    "fr": french_typography("💶 Salaire dans ce poste, pour votre expérience"),
    "en": "💶 Pay in this post for your experience",
}
#: What sends the person back below the post they hold: a first job, an internship, studies.
BELOW_THE_POST = {
    "fr": ("premier poste", "stage", "Première voie", "Visez un Master", "paie en général moins"),
    "en": ("first job", "internship", "First route", "Aim for a Master", "usually pays less"),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("education", ["bac2", "bac3"])
def test_who_runs_an_e_commerce_in_the_first_two_years_holds_the_post(
    shipped_content: Content, lang: Lang, education: str
) -> None:
    """A « responsable e-commerce » of one year, with a bac+2, read that the post opened
    after two years of experience, to look for an internship, and that an assistant's job
    paid less; one more year read « Vous avez déjà dirigé… ». Holding the post, she meets
    the requirements, is paid for her years in it, and builds them there."""
    rec = record(shipped_content, replace(EARLY_MANAGER, education=education), lang)
    assert rec.readiness == "ready"
    assert list(rec.path) == ["in_post_early"]
    assert HOLDS_NOW[lang] in summary_line(shipped_content, rec, lang, "➡️")
    assert summary_line(shipped_content, rec, lang, "💶").startswith(IN_POST_PAY[lang])
    said = to_plain(summary(shipped_content, rec, lang)) + "".join(
        to_plain(section(shipped_content, rec, lang, name) or "")
        for name in ("path", "salary", "develop")
    )
    for words in BELOW_THE_POST[lang]:
        assert words not in said, words


HOLDS_WITH_THE_LEVEL = {
    "fr": french_typography("Vous tenez déjà le poste, avec le diplôme attendu :"),
    "en": "You already hold the post, with the expected degree:",
}
#: The experience a bac+2 still builds in the post, which a Master is not asked for.
EXPERIENCE_ASKED = {"fr": "installeront l’expérience", "en": "will build the experience"}


@pytest.mark.parametrize("lang", LANGS)
def test_a_master_in_the_post_is_not_told_the_degree_needs_experience(
    shipped_content: Content, lang: Lang
) -> None:
    """With a Master, the level most often expected, running a company's e-commerce for a
    year asks no years of experience on top: the step says the degree is the one expected."""
    rec = record(shipped_content, replace(EARLY_MANAGER, education="master"), lang)
    assert rec.readiness == "ready"
    assert [p for p in rec.path if p != "at_level_master"] == ["in_post_early_master"]
    said = to_plain(summary(shipped_content, rec, lang)) + path_text(shipped_content, rec, lang)
    assert HOLDS_WITH_THE_LEVEL[lang] in said
    assert EXPERIENCE_ASKED[lang] not in said
    assert summary_line(shipped_content, rec, lang, "💶").startswith(IN_POST_PAY[lang])


HELD_BEFORE = {
    "fr": french_typography("Vous avez déjà tenu ce poste : un nouveau poste en e-commerce"),
    "en": "You have already held this post: a new post in e-commerce",
}
FRANCE_TRAVAIL_HELPS = {
    "fr": "que France Travail peut vous aider à trouver",
    "en": "which France Travail can help you find",
}
#: What treats the year in the post as nothing: an internship, a first job, a Master.
BACK_TO_THE_START = {
    "fr": ("stage", "premier poste", "Première voie", "jusqu’au Master", "Visez un Master"),
    "en": ("internship", "first job", "first e-commerce job", "First route", "on to a Master"),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("education", ["bac2", "bac3"])
@pytest.mark.parametrize("situation", ["job_seeker", "other"])
def test_who_ran_an_e_commerce_under_two_years_and_left_is_told_a_new_post(
    shipped_content: Content, lang: Lang, education: str, situation: str
) -> None:
    """A job seeker of 34 who ran a company's e-commerce for a year, with a bac+2, was sent
    to a long internship or back to study for a Master. His year counts: the step is a new
    post, which completes the two years; France Travail is named only for a job seeker.
    The limit stays (those two years are what an employer will ask)."""
    person = replace(EARLY_MANAGER, education=education, situation=situation)
    rec = record(shipped_content, person, lang)
    assert rec.readiness == "with_experience"
    assert list(rec.path) == [
        "held_post_seeker" if situation == "job_seeker" else "held_post_other"
    ]
    step = summary_line(shipped_content, rec, lang, "➡️")
    assert HELD_BEFORE[lang] in step
    assert (FRANCE_TRAVAIL_HELPS[lang] in step) == (situation == "job_seeker")
    said = to_plain(summary(shipped_content, rec, lang)) + "".join(
        to_plain(section(shipped_content, rec, lang, name) or "")
        for name in ("path", "salary", "develop")
    )
    for words in BACK_TO_THE_START[lang]:
        assert words not in said, words


HELD_WITH_THE_DEGREE = {
    "fr": french_typography(
        "Vous avez déjà tenu ce poste, avec le diplôme attendu : postulez aux offres de "
        "responsable e-commerce"
    ),
    "en": "You have already held this post, with the expected degree: apply for e-commerce "
    "manager posts",
}
#: What a bac+2 or a bac+3 still completes, which a Master is not asked for.
TWO_YEARS_TO_COMPLETE = {
    "fr": ("deux ans d’expérience", "après une première expérience"),
    "en": ("two years of experience", "after a first experience"),
}
HELPS_SEARCH = {
    "fr": "France Travail peut vous aider dans cette recherche",
    "en": "France Travail can help you with your search",
}
HELD_PAY = {
    "fr": french_typography("💶 Salaire dans ce poste, pour votre expérience"),
    "en": "💶 Pay in this post for your experience",
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("studied", ["digital", "other"])
@pytest.mark.parametrize("situation", ["job_seeker", "other"])
def test_a_master_who_ran_an_e_commerce_under_two_years_and_left_applies_for_the_post(
    shipped_content: Content, lang: Lang, studied: str, situation: str
) -> None:
    """Round 16: a Master holder who ran a company's e-commerce for a year, now out of work,
    read « un premier poste (assistant ou chargé e-commerce…) », as if new to the trade;
    with a Master in another field, also « sans expérience du métier » and a limit. A Master
    is the level employers most often expect, with no years asked on top: the post is open
    to them, they are paid for their year in it, and the step is to apply for it again."""
    person = replace(EARLY_MANAGER, education="master", studied=studied, situation=situation)
    rec = record(shipped_content, person, lang)
    assert rec.readiness == "ready"
    assert not rec.reasons
    assert list(rec.path) == [
        "at_level_master",
        "held_post_master_seeker" if situation == "job_seeker" else "held_post_master_other",
    ]
    step = summary_line(shipped_content, rec, lang, "➡️")
    assert HELD_WITH_THE_DEGREE[lang] in step
    assert (HELPS_SEARCH[lang] in step) == (situation == "job_seeker")
    assert summary_line(shipped_content, rec, lang, "💶").startswith(HELD_PAY[lang])
    said = to_plain(summary(shipped_content, rec, lang)) + "".join(
        to_plain(section(shipped_content, rec, lang, name) or "")
        for name in ("path", "salary", "develop", "detail")
    )
    for words in (*BACK_TO_THE_START[lang], *TWO_YEARS_TO_COMPLETE[lang]):
        assert words not in said, words


@pytest.mark.parametrize("lang", LANGS)
def test_who_ran_an_e_commerce_under_two_years_and_left_is_not_said_to_hold_it(
    shipped_content: Content, lang: Lang
) -> None:
    """Out of work, the post run is not the present job: the step saying so is not theirs."""
    rec = record(shipped_content, replace(EARLY_MANAGER, situation="job_seeker"), lang)
    assert "in_post_early" not in rec.path
    assert HOLDS_NOW[lang] not in to_plain(summary(shipped_content, rec, lang))


# --- the bac after a CAP; the short course beside applications; the path's place ------

AFTER_A_CAP = {
    "fr": "(après un CAP, par un bac pro en deux ans, souvent en alternance)",
    "en": "(after a CAP, through a two-year vocational bac, often in work-study)",
}
#: Why the bac: kept in the one sentence, so the summary's « Prochaine étape » says it.
OPENS_HIGHER_EDUCATION = {
    "fr": french_typography(") : c’est lui qui ouvre les études supérieures."),
    "en": "): it is what opens higher education.",
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_pupil_without_the_bac_reads_the_way_to_it_after_a_cap(
    shipped_content: Content, lang: Lang
) -> None:
    """A CAP pupil of nineteen read « Obtenez votre bac » as going back to the lycée: the
    way to it from a CAP is a bac pro in two years, often in work-study."""
    pupil = Persona(
        "cap_pupil",
        "CAP pupil",
        education="none",
        studied="commerce",
        experience="lt2",
        situation="school",
        worked_in="sales",
    )
    rec = record(shipped_content, pupil, lang)
    assert "access_school" in rec.path
    assert AFTER_A_CAP[lang] in path_text(shipped_content, rec, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_a_lycee_pupil_reads_the_cap_route_as_an_aside_with_the_why(
    shipped_content: Content, lang: Lang
) -> None:
    """Most who answer « not yet the bac » are lycée pupils: the CAP route is one aside in
    brackets, and the reason to get the bac stays in the summary's next step."""
    keen = replace(LYCEENNE, ability=0.7, interest=0.85, wants={"interest_data": 0.8})
    rec = record(shipped_content, keen, lang)
    assert rec.path[0] == "access_school"
    step = summary_line(shipped_content, rec, lang, "➡️")
    assert AFTER_A_CAP[lang] in step and OPENS_HIGHER_EDUCATION[lang] in step


ALONGSIDE = {"fr": "en parallèle de vos candidatures", "en": "alongside your applications"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_short_course_goes_alongside_applications_not_before(
    shipped_content: Content, lang: Lang
) -> None:
    """A freelancer of three years in digital marketing, the entry level met, read a short
    course as her next step: it can run beside her applications, not delay them."""
    freelancer = Persona(
        "freelancer",
        "BTS communication, three years in digital marketing",
        education="bac2",
        studied="communication",
        experience="2to5",
        worked_in="digital",
        situation="working",
    )
    rec = record(shipped_content, freelancer, lang)
    assert "specialise" in rec.path
    assert ALONGSIDE[lang] in path_text(shipped_content, rec, lang)


THE_PATH_BELOW = {"fr": "parcours de formation ci-dessous", "en": "training path below"}
ITS_SECTION = {"fr": "dans sa section", "en": "in its own section"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_diploma_gap_does_not_place_the_path_below_it(
    shipped_content: Content, lang: Lang
) -> None:
    """The full result gives the path before the gaps, and Telegram behind its own button:
    the diploma gap sent the reader to « le parcours de formation ci-dessous »."""
    student = replace(MASTER_STUDENT, name="bts", education="studying", experience="none")
    rec = record(shipped_content, student, lang)
    gaps = to_plain(section(shipped_content, rec, lang, "develop") or "")
    assert ITS_SECTION[lang] in gaps
    assert THE_PATH_BELOW[lang] not in gaps


# --- the VAE to a bac+3 names the experience the answer asked about --------------------

#: The years named as the answer's label names them, so that one who ticked « Vendre en
#: ligne » for warehouse work at an online retailer sees the promise is not about her;
#: running a company's e-commerce is selling online too. « Cinq ans ou plus »: the answer
#: « 5 à 10 ans » counts five.
YEARS_NAMED = {
    ("fr", "ecommerce"): (
        "Avec cinq ans ou plus à vendre en ligne, elle peut viser un bac+3",
        "Vos années à vendre en ligne peuvent vous valoir par une VAE",
    ),
    ("en", "ecommerce"): (
        "With five years or more of selling online, it can aim at a bac+3",
        "Your years of selling online may earn you, through a VAE",
    ),
    # Round 16: social media and content, or search and ads, read « à vendre en ligne ».
    ("fr", "digital"): (
        "Avec cinq ans ou plus dans les réseaux sociaux, les contenus ou les projets web, "
        "elle peut viser un bac+3, comme une licence professionnelle en e-commerce et "
        "marketing numérique",
        "Vos années dans les réseaux sociaux, les contenus ou les projets web peuvent vous "
        "valoir par une VAE",
    ),
    ("en", "digital"): (
        "With five years or more in social media, web content or web projects, it can aim "
        "at a bac+3, such as a professional bachelor's in e-commerce and digital marketing",
        "Your years in social media, web content or web projects may earn you, through a VAE",
    ),
    ("fr", "acquisition"): (
        "Avec cinq ans ou plus en référencement ou en publicité web, elle peut viser un "
        "bac+3, comme une licence professionnelle en e-commerce et marketing numérique",
        "Vos années en référencement ou en publicité web peuvent vous valoir par une VAE",
    ),
    ("en", "acquisition"): (
        "With five years or more in search ranking or online advertising, it can aim at a "
        "bac+3, such as a professional bachelor's in e-commerce and digital marketing",
        "Your years in search ranking or online advertising may earn you, through a VAE",
    ),
}
YEARS_NAMED |= {(lang, "ecommerce_lead"): YEARS_NAMED[lang, "ecommerce"] for lang in LANGS}
SELLING = {"fr": "vendre en ligne", "en": "selling online"}
VAE_STEP = {
    "ecommerce_lead": "vae_bac3",
    "ecommerce": "vae_bac3",
    "digital": "vae_bac3_digital",
    "acquisition": "vae_bac3_acquisition",
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("where", sorted(VAE_STEP))
def test_the_vae_to_a_bac3_names_the_years_the_answer_named(
    shipped_content: Content, lang: Lang, where: str
) -> None:
    """Eight years in an e-commerce warehouse, answered as « Vendre en ligne », read a VAE
    promised « avec plus de cinq ans en e-commerce »: a VAE matches what was done, selling.
    Round 16: five years and more in social media or in search ads read « à vendre en
    ligne » in turn; each reads its own years, in the step and in the verdict's reason."""
    person = replace(ECOMMERCE_MANAGER, education="bac", worked_in=where)
    rec = record(shipped_content, person, lang)
    assert rec.path[0] == VAE_STEP[where]
    said = to_plain(summary(shipped_content, rec, lang)) + path_text(shipped_content, rec, lang)
    for words in YEARS_NAMED[lang, where]:
        assert french_typography(words) in said, words
    if where in {"digital", "acquisition"}:
        assert SELLING[lang] not in said
    pay = summary_line(shipped_content, rec, lang, "💶")
    assert {"fr": "une fois votre VAE obtenue", "en": "once your VAE is awarded"}[lang] in pay
