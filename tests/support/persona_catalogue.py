"""The reference personas: contrasting people an adviser would judge, written as intent.

tests/test_personas.py asserts the orderings and band limits an adviser would sign;
`python -m tests.support.verdict_table` writes their results to docs/verdict.md.
"""

from __future__ import annotations

from tests.support.personas import EXPERIENCED_MASTER, Persona

BTS_SALES = Persona(
    "bts_sales",
    "BTS (bac+2) in sales, three years selling in a shop, answers frankly",
    education="bac2",
    studied="crm_project",
    experience="2to5",
    worked_in="sales",
    ability=0.55,
    strong={"sales_techniques": 0.85, "persuasion": 0.8, "relational": 0.8, "data_analysis": 0.4},
    interest=0.75,
    wants={"sales_passion": 0.9, "interest_data": 0.5},
    languages=("en_work",),
)
UNINTERESTED_STUDENT = Persona(
    "uninterested_student",
    "student who has just passed the bac, not drawn to the job's missions, answers frankly",
    education="bac",
    studied="other",
    experience="none",
    ability=0.35,
    interest=0.15,
)
BAC_NO_SELLING = Persona(
    "bac_no_selling",
    "bac holder with a year of odd jobs, able enough, not interested in selling",
    education="bac",
    studied="other",
    experience="lt2",
    worked_in="other",
    ability=0.55,
    interest=0.6,
    wants={"sales_passion": 0.0},
)
AGREES_NO_DIPLOMA = Persona(
    "agrees_no_diploma",
    "agrees with everything, no diploma and no experience",
    education="none",
    studied="other",
    experience="none",
    ability=0.3,
    interest=0.5,
    style="agrees",
)
DEVELOPER = Persona(
    "developer",
    "developer of online shops, strong in HTML/JS (bac+3 in computing, 3 years), dislikes selling",
    education="bac3",
    studied="it",
    experience="2to5",
    worked_in="ecommerce",
    ability=0.55,
    strong={
        "web_languages": 1.0,
        "tracking_tools": 0.85,
        "data_analysis": 0.8,
        "analysis": 0.8,
        "sales_techniques": 0.2,
        "persuasion": 0.25,
        "sales_communications": 0.3,
    },
    interest=0.4,
    wants={"sales_passion": 0.1, "interest_partners": 0.15, "interest_data": 0.85},
    likes=frozenset({"code"}),
    languages=("en_work",),
)
NO_BAC_GIFTED_SELLER = Persona(
    "no_bac_gifted_seller",
    "no bac and no experience, but a gifted and keen seller, answers frankly",
    education="none",
    studied="other",
    experience="none",
    ability=0.7,
    strong={"persuasion": 0.95, "sales_techniques": 0.8},
    interest=0.85,
)
FRESH_BAC2_DIGITAL = Persona(
    "fresh_bac2_digital",
    "fresh bac+2 in digital marketing, no experience yet, keen and capable",
    education="bac2",
    studied="digital",
    experience="none",
    ability=0.75,
    interest=0.85,
    languages=("en_work",),
)
CAREER_CHANGER = Persona(
    "career_changer",
    "Master in finance, 12 years as an accountant, at home with figures, new to the web",
    education="master",
    studied="other",
    experience="10plus",
    worked_in="other",
    ability=0.55,
    strong={
        "data_analysis": 0.95,
        "analysis": 0.9,
        "office_software": 1.0,
        "web_culture": 0.3,
        "web_languages": 0.1,
        "tracking_tools": 0.2,
        "merchant_sites": 0.3,
    },
    interest=0.7,
    wants={"interest_data": 0.95},
    languages=("en_work",),
)
MODEST_MASTER = Persona(
    "modest_master",
    "the experienced Master again, but rating themself one notch too low",
    education="master",
    studied="digital",
    experience="5to10",
    ability=0.85,
    interest=0.9,
    languages=("en_work",),
    style="modest",
)
RANDOM = tuple(
    Persona(
        f"random_{seed}",
        "answers the quiz at random (diploma and experience given)",
        education="bac2",
        studied="commerce",
        experience="lt2",
        style="random",
        seed=seed,
    )
    for seed in range(10)
)

FIELD_SALES_REP = Persona(
    "field_sales_rep",
    "field sales representative, BTS in sales, six years selling; likes selling, would rather"
    " lead and negotiate than hunt for sales",
    education="bac2",
    studied="commerce",
    experience="5to10",
    worked_in="sales",
    ability=0.55,
    strong={"sales_techniques": 0.9, "persuasion": 0.85, "relational": 0.85, "management": 0.8},
    interest=0.6,
    wants={"sales_passion": 0.75, "interest_team": 1.0, "interest_partners": 0.95},
)
COMMUNITY_MANAGER = Persona(
    "community_manager",
    "community manager (bac+3 in communication, 3 years in social media), creative, dislikes"
    " figures",
    education="bac3",
    studied="communication",
    experience="2to5",
    worked_in="digital",
    ability=0.6,
    strong={
        "creativity": 0.95,
        "sales_communications": 0.85,
        "web_culture": 0.8,
        "data_analysis": 0.25,
        "analysis": 0.35,
    },
    interest=0.55,
    wants={"interest_data": 0.2, "sales_passion": 0.6},
    likes=frozenset({"design"}),
    languages=("en_work",),
)
STORE_MANAGER = Persona(
    "store_manager",
    "store manager, BTS, twenty years in physical retail, a strong manager new to the web",
    education="bac2",
    studied="commerce",
    experience="10plus",
    worked_in="sales",
    ability=0.55,
    strong={
        "management": 0.95,
        "relational": 0.9,
        "sales_techniques": 0.9,
        "persuasion": 0.8,
        "web_culture": 0.3,
        "web_languages": 0.1,
        "tracking_tools": 0.2,
    },
    interest=0.75,
)
SELF_TAUGHT_SELLER = Persona(
    "self_taught_seller",
    "self-taught online seller: no diploma, six years running an online shop",
    education="none",
    studied="other",
    experience="5to10",
    worked_in="ecommerce",  # their own shop: « Vendre en ligne (ma boutique, assistant…) »
    ability=0.7,
    strong={"merchant_sites": 0.9, "web_culture": 0.85, "sales_techniques": 0.8},
    interest=0.85,
)
BTS_FIRST_YEAR = Persona(
    "bts_first_year",
    "student in the first year of a BTS in sales, no experience yet, keen",
    education="studying",
    studied="commerce",
    experience="none",
    situation="student",
    ability=0.5,
    interest=0.8,
)
MIDDLE_EVERYWHERE = Persona(
    "middle_everywhere",
    "answers « En partie » and the middle answer everywhere (bac+2, some experience)",
    education="bac2",
    studied="commerce",
    experience="2to5",
    style="middle",
)
CONTRADICTS = Persona(
    "contradicts",
    "the experienced Master, but agreeing with each statement and with its reverse twin",
    education="master",
    studied="digital",
    experience="5to10",
    ability=0.85,
    interest=0.9,
    languages=("en_work",),
    style="contradicts",
)
BEST_SOUNDING = Persona(
    "best_sounding",
    "picks the best-sounding answer everywhere (top self-ratings, the most complete-sounding"
    " scenario answer, the job's tasks only), Master and 7 years",
    education="master",
    studied="digital",
    experience="5to10",
    interest=0.5,
    style="best_sounding",
)
DATA_ANALYST = Persona(
    "data_analyst",
    "data analyst (Master in statistics, 4 years), loves figures, no wish to manage or sell",
    education="master",
    studied="it",
    experience="2to5",
    worked_in="other",
    ability=0.5,
    strong={"data_analysis": 1.0, "analysis": 0.95, "office_software": 1.0, "tracking_tools": 0.8},
    interest=0.3,
    wants={"interest_data": 1.0, "interest_team": 0.15, "sales_passion": 0.35},
    likes=frozenset({"code"}),
    languages=("en_work",),
)
ADULT_CAREER_CHANGE = Persona(
    "adult_career_change",
    "45-year-old office assistant, bac, changing career, keen on selling online, looking for work",
    education="bac",
    studied="other",
    experience="10plus",
    worked_in="other",
    situation="job_seeker",
    ability=0.5,
    strong={"office_software": 0.9, "communication": 0.7},
    interest=0.75,
)
ADULT_IN_WORK = Persona(
    "adult_in_work",
    "45-year-old accounts assistant in work, bac+2 in accounting, twenty years in an office,"
    " keen to move into online selling",
    education="bac2",
    studied="other",
    experience="10plus",
    worked_in="other",
    situation="working",
    ability=0.55,
    strong={"office_software": 0.9, "data_analysis": 0.7},
    interest=0.75,
)
ACCOUNTANT_NO_SELLING = Persona(
    "accountant_no_selling",
    "accountant, bac+2 in accounting, ten years in an office, good with figures, dislikes selling",
    education="bac2",
    studied="other",
    experience="10plus",
    worked_in="other",
    situation="working",
    ability=0.55,
    strong={"office_software": 1.0, "data_analysis": 0.8, "analysis": 0.8},
    interest=0.35,
    wants={"sales_passion": 0.1, "interest_data": 0.9},
)
FIXED_HOURS = Persona(
    "fixed_hours",
    "parent who needs fixed hours: bac+2 in sales, three years in an online shop's customer"
    " service, keen",
    education="bac2",
    studied="commerce",
    experience="2to5",
    worked_in="ecommerce",
    ability=0.6,
    strong={"flexibility": 0.2},
    interest=0.75,
)
DISABILITY = Persona(
    "disability",
    "bac+3 in marketing with a disability, two years in digital marketing, looking for work",
    education="bac3",
    studied="commerce",
    experience="2to5",
    worked_in="digital",
    situation="job_seeker",
    ability=0.65,
    interest=0.8,
)

ENGLISH_NO_FRENCH = Persona(
    "english_no_french",
    "English-speaking Master in digital marketing, 5 years in e-commerce abroad, no working"
    " French yet",
    education="master",
    studied="digital",
    experience="5to10",
    french="none",
    ability=0.8,
    interest=0.85,
    languages=("en_work",),
)

# The adviser's persona report (issue 18, continued): people years away from the post,
# and a teacher changing career. Their salary must not read as their own first pay.
LYCEENNE = Persona(
    "lyceenne",
    "pupil in terminale, no experience, likes Instagram and selling, knows no e-commerce facts",
    education="none",
    studied="commerce",
    experience="none",
    situation="school",
    ability=0.3,
    strong={"relational": 0.7, "creativity": 0.7},
    interest=0.55,
    wants={"sales_passion": 0.8, "interest_data": 0.2},
)
NO_DIPLOMA_YOUNG = Persona(
    "no_diploma_young",
    "20, left school at 16 without a diploma, three years in fast food, resells sneakers online",
    education="none",
    studied="other",
    experience="2to5",
    worked_in="other",
    situation="job_seeker",
    ability=0.3,
    strong={"reactivity": 0.7, "relational": 0.6},
    interest=0.5,
    wants={"sales_passion": 0.75},
)
LOGISTICS_JOB_SEEKER = Persona(
    "logistics_job_seeker",
    "50, a CAP and twenty-five years in logistics, looking for work, no English, little of the web",
    education="none",
    studied="other",
    experience="10plus",
    worked_in="other",
    situation="job_seeker",
    ability=0.25,
    strong={"supplier_network": 0.8, "action_plans": 0.6},
    interest=0.35,
)
TEACHER = Persona(
    "teacher",
    "Master in languages, fifteen years teaching in a state school, fluent English, wants a change",
    education="master",
    studied="other",
    experience="10plus",
    worked_in="other",
    situation="working",
    ability=0.5,
    strong={"communication": 0.9, "languages": 0.95, "web_languages": 0.1},
    interest=0.55,
    languages=("en_work",),
)

# The adviser's last reading: who has already held the post, and where in digital
# marketing the experience was gained (social media and content, or acquisition).
ECOMMERCE_MANAGER = Persona(
    "ecommerce_manager",
    "e-commerce manager: BTS in sales, eight years running a firm's online shop and its small team",
    education="bac2",
    studied="commerce",
    experience="5to10",
    worked_in="ecommerce_lead",
    ability=0.75,
    interest=0.85,
    languages=("en_work",),
)
ECOMMERCE_ASSISTANT = Persona(
    "ecommerce_assistant",
    "Master in digital marketing, three years as an e-commerce assistant, keen",
    education="master",
    studied="digital",
    experience="2to5",
    worked_in="ecommerce",
    ability=0.7,
    interest=0.8,
    languages=("en_work",),
)
TRAFFIC_MANAGER = Persona(
    "traffic_manager",
    "traffic manager (bac+3 in digital marketing, four years buying online ads), at home with"
    " figures and tracking, « En partie » on selling",
    education="bac3",
    studied="digital",
    experience="2to5",
    worked_in="acquisition",
    ability=0.6,
    strong={
        "tracking_tools": 0.95,
        "data_analysis": 0.9,
        "analysis": 0.85,
        "web_culture": 0.85,
        "reactivity": 0.85,
        "sales_communications": 0.75,
    },
    interest=0.6,
    wants={"sales_passion": 0.5, "interest_data": 0.95},
    languages=("en_work",),
)

# The adviser's round 6: where the person stands today words their path (a Master under
# way, looking for work, in the post, years in the trade, sales already done).
MASTER_STUDENT = Persona(
    "master_student",
    "Master's student in marketing (her highest diploma a licence), a year of work-study in an"
    " e-commerce team",
    education="bac3",
    studied="digital",
    experience="lt2",
    worked_in="ecommerce",
    situation="student",
    ability=0.7,
    interest=0.8,
    languages=("en_work",),
)
REDUNDANT_ACCOUNTANT = Persona(
    "redundant_accountant",
    "accountant made redundant at 45: BTS, twenty years in accounts, looking for work",
    education="bac2",
    studied="other",
    experience="10plus",
    worked_in="other",
    situation="job_seeker",
    ability=0.5,
    strong={"analysis": 0.85, "data_analysis": 0.8},
    interest=0.55,
)
SEA_SPECIALIST = Persona(
    "sea_specialist",
    "search-ads specialist: BTS in communication, five years in acquisition, keen",
    education="bac2",
    studied="communication",
    experience="5to10",
    worked_in="acquisition",
    ability=0.7,
    strong={"tracking_tools": 0.9, "data_analysis": 0.85},
    interest=0.75,
    languages=("en_work",),
)
UNSURE_SELLER = Persona(
    "unsure_seller",
    "bac+3 in digital marketing, a year selling online, « En partie » on selling",
    education="bac3",
    studied="digital",
    experience="lt2",
    worked_in="ecommerce",
    situation="working",
    ability=0.6,
    interest=0.7,
    wants={"sales_passion": 0.5},
    languages=("en_work",),
)

# A Master whose five years and more are in web work (the adviser's round 8): his years
# answer what a short course would add, as they do for a bac+2 or a bac+3.
WEB_PROJECT_MASTER = Persona(
    "web_project_master",
    "Master in marketing, five to ten years as a web project manager, keen",
    education="master",
    studied="commerce",
    experience="5to10",
    worked_in="digital",
    situation="working",
    ability=0.75,
    interest=0.8,
    languages=("en_work",),
)
# Product manager at a marketplace: runs projects and action plans and works the peaks,
# but neither deals with suppliers nor leads a team; his role answer is « another line of
# work ». Those generic strengths are no sign of a logistics career.
PRODUCT_MANAGER = Persona(
    "product_manager",
    "Master in computing, seven years as a marketplace's product manager, no team, no suppliers",
    education="master",
    studied="it",
    experience="5to10",
    worked_in="other",
    situation="working",
    ability=0.75,
    strong={
        "project_management": 0.95,
        "action_plans": 0.95,
        "flexibility": 0.9,
        "management": 0.3,
        "supplier_network": 0.2,
    },
    interest=0.8,
    languages=("en_work",),
)

PERSONAS: tuple[Persona, ...] = (
    EXPERIENCED_MASTER,
    MODEST_MASTER,
    CAREER_CHANGER,
    BTS_SALES,
    FIELD_SALES_REP,
    STORE_MANAGER,
    COMMUNITY_MANAGER,
    DATA_ANALYST,
    FRESH_BAC2_DIGITAL,
    DEVELOPER,
    SELF_TAUGHT_SELLER,
    ACCOUNTANT_NO_SELLING,
    ADULT_CAREER_CHANGE,
    ADULT_IN_WORK,
    FIXED_HOURS,
    DISABILITY,
    BTS_FIRST_YEAR,
    BAC_NO_SELLING,
    NO_BAC_GIFTED_SELLER,
    ENGLISH_NO_FRENCH,
    MIDDLE_EVERYWHERE,
    CONTRADICTS,
    BEST_SOUNDING,
    AGREES_NO_DIPLOMA,
    UNINTERESTED_STUDENT,
    RANDOM[0],
    LYCEENNE,
    NO_DIPLOMA_YOUNG,
    LOGISTICS_JOB_SEEKER,
    TEACHER,
    ECOMMERCE_MANAGER,
    ECOMMERCE_ASSISTANT,
    TRAFFIC_MANAGER,
    MASTER_STUDENT,
    REDUNDANT_ACCOUNTANT,
    SEA_SPECIALIST,
    UNSURE_SELLER,
    WEB_PROJECT_MASTER,
    PRODUCT_MANAGER,
)
