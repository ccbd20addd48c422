"""The personal salary range on the shipped profile, for every education × experience.

The source gives 40 000–60 000 € gross a year, moved by the candidate's profile
and experience. The range a person sees must sit inside it, be honest about its
width, rise with experience first and with education second, and start at the
bottom for a beginner.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from bot.content.loader import ContentError, load_content
from bot.content.models import Content, Lang
from bot.content.typography import NBSP, NNBSP
from bot.engine.record import ResultRecord, record_of
from bot.engine.result import evaluate
from bot.engine.salary import SalaryEstimate, estimate_salary
from bot.engine.scoring import score
from bot.presentation.result_full import render_result
from bot.presentation.result_sections import section
from bot.presentation.result_summary import summary
from bot.presentation.result_text import pay_after, to_plain
from bot.presentation.texts import money, money_range
from tests.support.paths import SHIPPED_PROFILES, SHIPPED_QUESTIONS
from tests.support.persona_catalogue import (
    ADULT_CAREER_CHANGE,
    BTS_FIRST_YEAR,
    CAREER_CHANGER,
    ENGLISH_NO_FRENCH,
    LOGISTICS_JOB_SEEKER,
    LYCEENNE,
    NO_BAC_GIFTED_SELLER,
    NO_DIPLOMA_YOUNG,
    SELF_TAUGHT_SELLER,
    STORE_MANAGER,
    TEACHER,
)
from tests.support.personas import EXPERIENCED_MASTER, Persona, answers_for

JOB_MIN, JOB_MAX = 40_000, 60_000
EDUCATION = ["none", "bac", "bac2", "bac3", "master"]
EXPERIENCE = ["none", "lt2", "2to5", "5to10", "10plus"]
#: A fifth of the job's range: a quiz cannot place anyone more precisely.
NARROWEST = 4_000
WIDEST = 6_000

#: The expected ranges in thousands of euros, one row per experience band,
#: one column per education level (none, bac, bac+2, bac+3, Master).
#: The quiz asks years in the trade, not whether the person has held this post: the
#: range is a first post's, near the bottom, and years below the post (internships,
#: work-study, assistant) count for little (the adviser's persona report: a Master with
#: three years as an assistant read 48–54 k€).
TABLE = {
    "none": ["40-44", "40-44.5", "40-44.5", "40-45", "40-46"],
    "lt2": ["40.5-44.5", "40.5-45", "40.5-45.5", "40.5-46", "41-47"],
    "2to5": ["41-45", "41-45.5", "41.5-46", "41.5-46.5", "41.5-47.5"],
    "5to10": ["43.5-47.5", "43.5-48", "44-48.5", "44-49.5", "45-51"],
    "10plus": ["43.5-47.5", "43.5-48", "44-48.5", "44-49.5", "45-51"],
}
#: Ten years and more count no more than five to ten (round 6's finding 4: a graphic
#: designer with eleven years of content read a higher pay at hire than people with five
#: or six years in the trade who fit the job better); only having held the post
#: (`in_post`) places long years higher.
CEILING = "5to10"


def salary_for(content: Content, education: str, experience: str) -> SalaryEstimate:
    answers = {"education": (education,), "experience": (experience,)}
    return estimate_salary(content, score(content, answers))


def thousands(text: str) -> tuple[int, int]:
    low, high = text.split("-")
    return round(float(low) * 1000), round(float(high) * 1000)


@pytest.mark.parametrize("experience", EXPERIENCE)
@pytest.mark.parametrize("education", EDUCATION)
def test_the_table(shipped_content: Content, education: str, experience: str) -> None:
    salary = salary_for(shipped_content, education, experience)
    expected = thousands(TABLE[experience][EDUCATION.index(education)])
    assert (salary.low, salary.high) == expected
    assert JOB_MIN <= salary.low < salary.high <= JOB_MAX
    assert NARROWEST <= salary.high - salary.low <= WIDEST


@pytest.mark.parametrize("education", EDUCATION)
def test_rises_with_experience(shipped_content: Content, education: str) -> None:
    ranges = [salary_for(shipped_content, education, e) for e in EXPERIENCE]
    rising = ranges[: EXPERIENCE.index(CEILING) + 1]
    lows = [r.low for r in rising]
    highs = [r.high for r in rising]
    assert lows == sorted(set(lows)) and highs == sorted(set(highs))  # strictly rising
    assert (ranges[-1].low, ranges[-1].high) == (rising[-1].low, rising[-1].high)


@pytest.mark.parametrize("education", EDUCATION)
def test_ten_years_count_no_more_than_five_to_ten(shipped_content: Content, education: str) -> None:
    ten = salary_for(shipped_content, education, "10plus")
    five = salary_for(shipped_content, education, CEILING)
    assert (ten.low, ten.high) == (five.low, five.high)


@pytest.mark.parametrize("experience", EXPERIENCE)
def test_rises_with_education(shipped_content: Content, experience: str) -> None:
    ranges = [salary_for(shipped_content, e, experience) for e in EDUCATION]
    lows = [r.low for r in ranges]
    highs = [r.high for r in ranges]
    assert lows == sorted(lows) and highs == sorted(highs)
    assert highs[-1] > highs[0]


def test_experience_weighs_more_than_education(shipped_content: Content) -> None:
    """Ten years without a diploma start higher than a beginner's Master, at both ends."""
    ten_years = salary_for(shipped_content, "none", "10plus")
    beginner = salary_for(shipped_content, "master", "none")
    assert ten_years.low > beginner.low and ten_years.high > beginner.high


@pytest.mark.parametrize("education", EDUCATION)
def test_a_beginner_starts_at_the_bottom(shipped_content: Content, education: str) -> None:
    assert salary_for(shipped_content, education, "none").low == JOB_MIN


@pytest.mark.parametrize("education", EDUCATION)
def test_ten_years_lift_the_range_but_never_to_the_top(
    shipped_content: Content, education: str
) -> None:
    """Long years in the trade lift a first post's range past its bottom, but the top of
    the source's average belongs to people who have held the post, which the quiz does
    not ask."""
    beginner = salary_for(shipped_content, education, "none")
    ten_years = salary_for(shipped_content, education, "10plus")
    assert ten_years.low >= beginner.low + 3_000
    assert ten_years.high <= JOB_MAX - 4_000


@pytest.mark.parametrize("education", EDUCATION)
@pytest.mark.parametrize("experience", ["lt2", "2to5"])
def test_years_below_the_post_keep_a_first_post_near_the_bottom(
    shipped_content: Content, education: str, experience: str
) -> None:
    """Two to five years, internships and work-study counted, are mostly years below the
    post: the range stays within 2 000 € of a beginner's and ends below the mid-range."""
    beginner = salary_for(shipped_content, education, "none")
    salary = salary_for(shipped_content, education, experience)
    assert salary.low - beginner.low <= 2_000
    assert salary.high < (JOB_MIN + JOB_MAX) // 2


@pytest.mark.parametrize(
    ("lang", "line", "source"),
    [
        (
            "fr",
            f"41{NNBSP}500 à 47{NNBSP}500{NBSP}€ bruts par an à l’embauche dans ce poste, "
            "estimés d’abord d’après votre expérience du métier, puis d’après votre niveau "
            "d’études.",
            f"de 40{NNBSP}000 à 60{NNBSP}000{NBSP}€ bruts par an",
        ),
        (
            "en",
            "€41,500 to €47,500 gross a year when hired into this post, estimated from your "
            "experience in the trade first, then from your level of education.",
            "€40,000 to €60,000 gross a year",
        ),
    ],
)
def test_shown_as_a_range_with_the_source_and_what_moves_it(
    shipped_content: Content, lang: Lang, line: str, source: str
) -> None:
    answers = answers_for(shipped_content, keen("master", "2to5"))
    message = to_plain(render_result(shipped_content, evaluate(shipped_content, answers), lang))
    assert line in message
    assert source in message
    # the employer's size and reach are shown as a contrast, not asked
    table = {
        "fr": (
            f"• Les clients de l’employeur{NBSP}: ▼ une petite structure locale, "
            "▲ de grands clients réputés",
            f"• La présence de la marque{NBSP}: ▼ une marque vendue surtout localement, "
            "▲ une marque présente à l’international",
        ),
        "en": (
            "• The employer's clients: ▼ a small local firm, ▲ large, well-known clients",
            "• The brand's reach: ▼ a brand sold mostly locally, ▲ a brand present internationally",
        ),
    }[lang]
    for row in table:
        assert row in message
    assert {"fr": "primes", "en": "bonuses"}[lang] in message


def test_the_quiz_no_longer_asks_which_employer_you_want(shipped_content: Content) -> None:
    asked = {q.background for q in shipped_content.questions}
    assert "employer" not in asked and "market" not in asked


#: How the salary line reads: a personal range is always the pay on entering the post (the
#: quiz does not ask whether the person has held it), said "once you meet its entry
#: requirements" to those who do not yet; more than one step from the post, no personal
#: range but the job's own.
ON_ENTRY = {"fr": "à l’embauche dans ce poste", "en": "when hired into this post"}
SUMMARY_ON_ENTRY = {"fr": "Salaire à l’embauche dans ce poste", "en": "Starting pay in this post"}
SUMMARY_AFTER = {"fr": "Salaire du poste, ", "en": "Pay in this post, "}
NOW = {"fr": "Salaire indicatif", "en": "Indicative salary"}
LATER = {"fr": "une fois ses conditions d’accès remplies", "en": "once you meet its entry"}
JOB_ONLY = {"fr": "Pas de fourchette personnelle", "en": "No personal range"}
ELSEWHERE = {"fr": "Votre expérience vient d’un autre domaine", "en": "comes from another field"}
#: The same line for a neighbouring field (sales, offline marketing).
NEAR = {"fr": "Votre expérience vient d’un domaine voisin", "en": "comes from a neighbouring field"}


def keen(
    education: str, experience: str, worked_in: str | None = None, situation: str | None = None
) -> Persona:
    """An able person keen on the job, with the background given."""
    return Persona(
        "keen",
        "able and keen, the background given",
        education=education,
        studied="digital",
        experience=experience,
        worked_in=worked_in,
        situation=situation,
        ability=0.75,
        interest=0.85,
        languages=("en_work",),
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("experience", EXPERIENCE)
@pytest.mark.parametrize("education", EDUCATION)
def test_the_salary_line_says_what_it_assumes(
    shipped_content: Content, education: str, experience: str, lang: Lang
) -> None:
    result = evaluate(shipped_content, answers_for(shipped_content, keen(education, experience)))
    record = record_of(shipped_content, result, lang=lang)
    message = to_plain(render_result(shipped_content, result, lang))
    salary_line = next(
        line
        for line in to_plain(summary(shipped_content, record, lang)).split("\n")
        if line.startswith("💶")
    )
    if education in ("bac2", "bac3", "master"):
        assert result.salary.personal  # keen and able: at most one step from the post
    after = pay_after(shipped_content, record.salary, record.readiness, record.path)
    if result.salary.personal and after is not None:  # after two years of experience, a VAE…
        assert ON_ENTRY[lang] in message and after.when(lang) in message
        assert salary_line.startswith(f"💶 {SUMMARY_AFTER[lang]}{after.when(lang)}")
        assert LATER[lang] not in message and JOB_ONLY[lang] not in message
    elif result.salary.personal:
        assert ON_ENTRY[lang] in message and SUMMARY_ON_ENTRY[lang] in salary_line
        assert (LATER[lang] in message) == (result.score.readiness != "ready")
        assert JOB_ONLY[lang] not in message
    else:
        assert JOB_ONLY[lang] in message and ON_ENTRY[lang] not in message
    assert NOW[lang] not in salary_line  # nobody is told they could ask it now
    assert ELSEWHERE[lang] not in message  # the experience is in e-commerce


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("experience", EXPERIENCE)
@pytest.mark.parametrize(
    "where", ["ecommerce_lead", "ecommerce", "digital", "acquisition", "sales", "other", "none"]
)
def test_the_other_field_line_shows_only_for_experience_gained_elsewhere(
    shipped_content: Content, where: str, experience: str, lang: Lang
) -> None:
    """« Votre expérience vient d’un autre domaine » (« d’un domaine voisin » for a field
    the profile reads so) only when there is experience and its field counts less than the
    trade itself; it names the bottom of the job's range."""
    persona = keen("master", experience, worked_in=where)
    result = evaluate(shipped_content, answers_for(shipped_content, persona))
    record = record_of(shipped_content, result, lang=lang)
    text = to_plain(section(shipped_content, record, lang, "salary") or "")
    fields = shipped_content.profile.experience_fields
    assert fields is not None and fields.salary_weights is not None
    elsewhere = experience != "none" and fields.salary_weights[where] < 1
    line = NEAR if where in fields.near else ELSEWHERE
    assert (line[lang] in text) == elsewhere
    assert (NEAR if line is ELSEWHERE else ELSEWHERE)[lang] not in text
    if elsewhere:
        assert money(JOB_MIN, lang) in text.split(line[lang])[1]


#: What the range is said to rest on: the experience in the trade first, or the education alone.
EXPERIENCE_FIRST = {"fr": "d’abord d’après votre expérience", "en": "from your experience in"}
EDUCATION_ONLY = {"fr": "estimés d’après votre niveau d’études", "en": "estimated from your level"}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("experience", EXPERIENCE)
@pytest.mark.parametrize("where", ["ecommerce", "digital", "sales", "other"])
@pytest.mark.parametrize("education", ["bac2", "master"])
def test_the_range_rests_on_the_experience_only_when_it_moved_it(
    shipped_content: Content, education: str, where: str, experience: str, lang: Lang
) -> None:
    """A store manager's twenty years do not move the figure (the next line says so): the
    line says it rests on the level of education, not « d’abord » on the experience."""
    persona = keen(education, experience, worked_in=where)
    result = evaluate(shipped_content, answers_for(shipped_content, persona))
    record = record_of(shipped_content, result, lang=lang)
    text = to_plain(section(shipped_content, record, lang, "salary") or "")
    if not result.salary.personal:
        return
    counted = result.salary.experience > 0
    assert (EXPERIENCE_FIRST[lang] in text) == counted
    assert (EDUCATION_ONLY[lang] in text) == (not counted)


@pytest.mark.parametrize("experience", EXPERIENCE)
@pytest.mark.parametrize("where", ["marketing", "sales", "other"])
@pytest.mark.parametrize("education", EDUCATION)
def test_years_in_another_trade_never_lift_the_range_above_a_first_post(
    shipped_content: Content, education: str, where: str, experience: str
) -> None:
    """A teacher, an accountant, a store manager: none has held this post, so their range is
    a beginner's, starting at the bottom the result names as a first post's."""
    elsewhere = salary_where(shipped_content, education, experience, where)
    beginner = salary_where(shipped_content, education, "none", "none")
    assert (elsewhere.low, elsewhere.high) == (beginner.low, beginner.high)
    assert elsewhere.low == JOB_MIN


# --- Experience counts by the field it was gained in ------------------------------------------


def salary_where(content: Content, education: str, experience: str, where: str) -> SalaryEstimate:
    answers = {
        "education": (education,),
        "experience": (experience,),
        "experience_field": (where,),
    }
    return estimate_salary(content, score(content, answers))


def test_twenty_years_in_a_shop_are_not_twenty_years_of_e_commerce(
    shipped_content: Content,
) -> None:
    """A store manager's range is that of a first e-commerce post, not of a senior one."""
    shop = salary_where(shipped_content, "bac2", "10plus", "sales")
    online = salary_where(shipped_content, "bac2", "10plus", "ecommerce")
    two_years_online = salary_where(shipped_content, "bac2", "2to5", "ecommerce")
    assert shop.low < two_years_online.low < online.low
    assert shop.low == JOB_MIN


@pytest.mark.parametrize("experience", ["2to5", "5to10", "10plus"])
def test_the_salary_follows_the_weight_of_each_field(
    shipped_content: Content, experience: str
) -> None:
    fields = shipped_content.profile.experience_fields
    assert fields is not None and fields.origin == "general" and fields.note
    weights = fields.salary_weights
    assert weights is not None and "salary" in fields.note
    # Having held the post places the range by the years in it (tested below), not by a weight.
    by_weight = sorted(set(weights) - {HELD_THE_POST}, key=weights.__getitem__)
    lows = [salary_where(shipped_content, "master", experience, f).low for f in by_weight]
    assert lows == sorted(lows)
    assert lows[0] == JOB_MIN  # no experience in any field: a beginner's range


# --- Who has held the post -----------------------------------------------------------------

#: The answer that says the person has run a company's e-commerce (its team, its budget).
HELD_THE_POST = "ecommerce_lead"
#: The highest range a person who has not held the post can be given: a Master with over ten
#: years in the trade (the adviser's report: an e-commerce manager of eight years got no more).
FIRST_POST_TOP = (45_000, 51_000)


@pytest.mark.parametrize("education", EDUCATION)
@pytest.mark.parametrize("experience", EXPERIENCE)
def test_who_has_held_the_post_is_paid_for_their_years_in_it(
    shipped_content: Content, education: str, experience: str
) -> None:
    """Someone who has run a company's e-commerce, and meets the entry
    requirements, gets the post's pay for their years in it: never less than the same years
    below the post, more from two years on, and inside the source's range. Not meeting
    them yet (a VAE or a diploma to get first), the same years count as years in the trade:
    the pay on entering the post (round 2's finding 1)."""
    answers = {"education": (education,), "experience": (experience,)}
    ready = score(shipped_content, {**answers, "experience_field": (HELD_THE_POST,)}).readiness
    held = salary_where(shipped_content, education, experience, HELD_THE_POST)
    below = salary_where(shipped_content, education, experience, "ecommerce")
    assert held.in_post == (ready == "ready") and not below.in_post
    if not held.in_post:
        assert (held.low, held.high) == (below.low, below.high)
        return
    assert held.low >= below.low and held.high >= below.high
    if experience in ("2to5", "5to10", "10plus"):
        assert held.low > below.low
    assert JOB_MIN <= held.low < held.high <= shipped_content.profile.salary.max


def test_years_in_the_post_lift_the_range_past_a_first_post(shipped_content: Content) -> None:
    """The adviser's report: five to ten years running an e-commerce team were quoted at most
    a first post's pay. With a Master, they now start above the top a first post reaches; the
    range rises with the years in the post, and ten years or more reach the source's top."""
    first_post = salary_where(shipped_content, "master", "10plus", "ecommerce")
    assert (first_post.low, first_post.high) == FIRST_POST_TOP
    held = [salary_where(shipped_content, "master", e, HELD_THE_POST) for e in EXPERIENCE]
    lows = [s.low for s in held]
    assert lows == sorted(lows) and len(set(lows)) == len(lows)
    assert held[EXPERIENCE.index("5to10")].low > FIRST_POST_TOP[0]
    assert held[-1].high == shipped_content.profile.salary.max


def test_the_years_in_the_post_are_a_marked_judgement(shipped_content: Content) -> None:
    in_post = shipped_content.profile.salary.in_post
    assert in_post is not None and in_post.origin == "general" and "source" in in_post.note
    assert in_post.when == [{"experience_field": [HELD_THE_POST]}]


@pytest.mark.parametrize("situation", ["working", "job_seeker", "other"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_result_says_the_range_is_the_pay_in_the_post(
    shipped_content: Content, lang: Lang, situation: str
) -> None:
    """Not « à l'embauche »: the person has held the post, and the range is its pay for their
    years there, in the summary and in the salary section. In work, they may hold it today
    or have held it before their present job: « que vous tenez ou avez tenu », true either
    way; looking for work or outside it, « déjà tenu »."""
    persona = keen("bac2", "5to10", worked_in=HELD_THE_POST, situation=situation)
    record = record_of(
        shipped_content, evaluate(shipped_content, answers_for(shipped_content, persona)), lang=lang
    )
    assert record.salary.in_post and record.readiness == "ready"
    summary_line = next(
        row for row in to_plain(summary(shipped_content, record, lang)).split("\n") if "💶" in row
    )
    assert IN_POST_SUMMARY[lang] in summary_line and SUMMARY_ON_ENTRY[lang] not in summary_line
    text = to_plain(section(shipped_content, record, lang, "salary") or "")
    said, unsaid = (HOLDS_SECTION, IN_POST_SECTION)[:: 1 if situation == "working" else -1]
    assert said[lang] in text and unsaid[lang] not in text and ON_ENTRY[lang] not in text
    assert record.salary.holds_post == (situation == "working")


#: The profile's `in_post` block as shipped: its condition, then its levels.
IN_POST_WHEN = "- {experience_field: [ecommerce_lead]}"
IN_POST_LEVELS = "levels: {none: 0, lt2: 0.15, 2to5: 0.45, 5to10: 0.8, 10plus: 1}"


@pytest.mark.parametrize(
    ("shipped", "written", "problem"),
    [
        (IN_POST_LEVELS, IN_POST_LEVELS.replace(", 10plus: 1", ""), "no level for answer value"),
        (IN_POST_LEVELS, IN_POST_LEVELS.replace("}", ", 20plus: 1}"), "unknown experience value"),
        (IN_POST_WHEN, IN_POST_WHEN.replace("ecommerce_lead", "boss"), "experience_field value"),
    ],
    ids=["missing", "unknown", "condition"],
)
def test_the_years_in_the_post_are_checked_against_the_questions(
    tmp_path: Path, shipped: str, written: str, problem: str
) -> None:
    """Every answer of the years question has a level in the post, no other; the condition
    names answers the questions record."""
    questions, profiles = tmp_path / "questions", tmp_path / "profiles"
    shutil.copytree(SHIPPED_QUESTIONS, questions)
    shutil.copytree(SHIPPED_PROFILES, profiles)
    path = profiles / "responsable-e-commerce.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(shipped) == 1
    path.write_text(text.replace(shipped, written), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_content(questions, profiles)
    assert problem in str(raised.value) and "salary.in_post" in str(raised.value)


def test_a_record_kept_before_the_post_held_was_asked_still_loads(shipped_content: Content) -> None:
    persona = keen("bac2", "5to10", worked_in=HELD_THE_POST)
    record = record_of(
        shipped_content, evaluate(shipped_content, answers_for(shipped_content, persona)), lang="fr"
    )
    older = record.model_dump(mode="json")
    del older["salary"]["in_post"]
    loaded = ResultRecord.model_validate(older)
    assert not loaded.salary.in_post
    text = to_plain(section(shipped_content, loaded, "fr", "salary") or "")
    assert ON_ENTRY["fr"] in text  # as it read when it was kept


#: How the summary and the salary section say the range is the pay in the post held.
IN_POST_SUMMARY = {
    "fr": "dans ce poste, pour votre expérience",
    "en": "in this post for your experience",
}
IN_POST_SECTION = {"fr": "que vous avez déjà tenu", "en": "which you have already held"}
HOLDS_SECTION = {"fr": "que vous tenez ou avez tenu", "en": "which you hold or have held"}


# --- A personal range only where the path leads to the post -------------------------------

#: The adviser's persona 01: a keen pupil four diplomas from the post read a personal
#: « à l'embauche » figure while adults one VAE and some experience away did not.
PUPIL_IN_TERMINALE = replace(keen("none", "none", situation="school"), name="pupil_in_terminale")

#: Who gets a personal range, from the adviser's persona reports: not a pupil, a young
#: person without a diploma or a job seeker whose path ends at a BTS (far from the post),
#: nor a keen seller without the bac whose path runs bac, bac+2 and on (more than one
#: step: the same rule as for an adult whose VAE comes before the experience asked);
#: a self-taught seller whose VAE meets the entry route does, and so does anyone who
#: meets the entry requirements (a teacher's Master: a first post's range).
PERSONAL: list[tuple[Persona, bool]] = [
    (LYCEENNE, False),
    (NO_DIPLOMA_YOUNG, False),
    (LOGISTICS_JOB_SEEKER, False),
    (ADULT_CAREER_CHANGE, False),
    (BTS_FIRST_YEAR, False),
    (NO_BAC_GIFTED_SELLER, False),
    (PUPIL_IN_TERMINALE, False),
    (SELF_TAUGHT_SELLER, True),
    (STORE_MANAGER, True),
    (TEACHER, True),
    (EXPERIENCED_MASTER, True),
]
JOB_RANGE = {
    "fr": f"40{NNBSP}000 à 60{NNBSP}000{NBSP}€",
    "en": "€40,000 to €60,000",
}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(("persona", "personal"), PERSONAL, ids=[p.name for p, _ in PERSONAL])
def test_no_personal_range_while_the_path_does_not_lead_to_the_post(
    shipped_content: Content, persona: Persona, personal: bool, lang: Lang
) -> None:
    result = evaluate(shipped_content, answers_for(shipped_content, persona))
    record = record_of(shipped_content, result, lang=lang)
    shown = to_plain(summary(shipped_content, record, lang))
    salary_line = next(line for line in shown.split("\n") if line.startswith("💶"))
    text = to_plain(section(shipped_content, record, lang, "salary") or "")
    assert result.salary.personal == personal
    if personal:
        own = to_plain(money_range(result.salary.low, result.salary.high, lang))
        assert own in salary_line and own in text
        assert JOB_ONLY[lang] not in text
        after = pay_after(shipped_content, record.salary, record.readiness, record.path)
        if result.salary.in_post:  # held the post and meets its entry requirements
            held = HOLDS_SECTION if result.salary.holds_post else IN_POST_SECTION
            assert IN_POST_SUMMARY[lang] in salary_line and held[lang] in text
        elif after is not None:  # after two years of experience, a VAE… (round 3's finding 4)
            assert SUMMARY_AFTER[lang] + after.when(lang) in salary_line
            assert ON_ENTRY[lang] in text and after.when(lang) in text
        else:
            assert SUMMARY_ON_ENTRY[lang] in salary_line and ON_ENTRY[lang] in text
        later = result.score.readiness != "ready" and after is None
        assert (LATER[lang] in text) == later
    else:
        assert JOB_RANGE[lang] in salary_line and JOB_RANGE[lang] in text
        assert JOB_ONLY[lang] in text and ON_ENTRY[lang] not in text


def test_a_person_far_from_the_job_is_not_far_once_ready(shipped_content: Content) -> None:
    """The accountant changing career reads a far verdict, but their Master meets the entry
    requirements: their range is a first post's, not the job's whole range."""
    result = evaluate(shipped_content, answers_for(shipped_content, CAREER_CHANGER))
    assert result.score.band.id == "far" and result.score.readiness == "ready"
    assert result.salary.personal and result.salary.low == JOB_MIN


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_range_says_it_assumes_the_job_s_language(shipped_content: Content, lang: Lang) -> None:
    """The adviser's report: an English-speaking Master read €48,000–54,000 with no word that
    it assumes working French, the step the result itself puts first."""
    assumes = {"fr": "langue du poste", "en": "job's own language"}[lang]
    for persona, short in ((ENGLISH_NO_FRENCH, True), (EXPERIENCED_MASTER, False)):
        result = evaluate(shipped_content, answers_for(shipped_content, persona))
        record = record_of(shipped_content, result, lang="en")
        text = to_plain(section(shipped_content, record, lang, "salary") or "")
        assert result.salary.job_language != short
        assert (assumes in text) == short, persona.name
