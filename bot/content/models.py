"""The file formats of `profiles/*.yaml` and `questions/*.yaml`.

These pydantic models are the single definition of both formats: the loader,
`careerbot validate`, the engine and the docs all rely on them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    StringConstraints,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

from bot.content.typography import TypographyRule, typesetter

Lang = str
"""A language code (ISO 639: `fr`, `en`, `eo`), one of the languages the content declares."""

Category = Literal["qualities", "skills", "background", "interest"]
CATEGORIES: tuple[Category, ...] = ("qualities", "skills", "background")
"""The categories of ability, which make up the overall fit."""
INTEREST: Category = "interest"
"""The category of wanting to do the job's core missions: scored apart from ability."""
#: Categories whose dimensions are facts (one question each), not measured twice.
SINGLE_SOURCE_CATEGORIES: tuple[Category, ...] = ("background",)
#: The longest tagline of a job (one line beside its title in the /start picker).
MAX_TAGLINE_CHARS = 100
#: The fewest questions that must give evidence for a quality, skill or interest.
MIN_SOURCES = 2

QuestionKind = Literal["likert", "single", "multiple", "knowledge"]
"""`knowledge`: a question of fact, answered like a single choice, with one right
option (`right: true`, the only one with evidence), « I don't know » (`last`) and the
fact's `origin`."""

#: Levels run from 0 (none) to 4 (expert / fully agree).
MAX_LEVEL = 4
Level = Annotated[int, Field(ge=0, le=MAX_LEVEL)]

#: A question is shown with progress, section and buttons in one message; keep
#: its own text well below Telegram's 4096 characters.
MAX_QUESTION_CHARS = 1000
#: Longer button labels are cut on a phone screen.
MAX_OPTION_CHARS = 120
#: Where a training step comes from: the source text, or general knowledge
#: filling what the source leaves out (e.g. the steps before a Master).
Origin = Literal["source", "general"]

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=32)]
"""Ids travel inside Telegram button payloads (64 bytes), so they stay short."""
#: A profile id rides in a greeting's Begin button beside a deep-link source of up to
#: 32 characters (`m|begin|<source>|<profile id>`): 23 characters keep it within 64 bytes.
MAX_PROFILE_ID_CHARS = 23
ProfileId = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=MAX_PROFILE_ID_CHARS)
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Language(Strict):
    """A language the content is written in: its code and the typography rule it follows."""

    code: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
    """ISO 639 code, as the catalogue directory and Telegram's language codes name it."""
    typography: TypographyRule | None = None


def _distinct_codes(languages: list[Language]) -> list[Language]:
    codes = [language.code for language in languages]
    twice = sorted({code for code in codes if codes.count(code) > 1})
    if twice:
        raise ValueError(f"language declared twice: {', '.join(twice)}")
    return languages


Languages = Annotated[list[Language], Field(min_length=1), AfterValidator(_distinct_codes)]
"""Every text is written in each of these languages; the first is the default."""


#: The validation context key under which the loader passes the declared languages.
LANGUAGES_CONTEXT = "languages"


def _in_the_languages(texts: dict[str, str], info: ValidationInfo) -> dict[str, str]:
    """Exactly the declared languages, each through its typography rule, in declared order.

    Without declared languages in the context (a content version read back from the
    archive, checked when it was first loaded) the texts are taken as they are.
    """
    languages: Sequence[Language] | None = (info.context or {}).get(LANGUAGES_CONTEXT)
    if languages is None:
        return texts
    declared = [language.code for language in languages]
    missing = [code for code in declared if code not in texts]
    unknown = [code for code in texts if code not in declared]
    if missing or unknown:
        wrong = [f"no {code} text" for code in missing]
        wrong += [f"{code} is not a language of the profile" for code in unknown]
        raise PydanticCustomError(
            "languages",
            "{wrong} (the profile's languages: {declared})",
            {"wrong": "; ".join(wrong), "declared": ", ".join(declared)},
        )
    return {
        language.code: typesetter(language.typography)(texts[language.code])
        for language in languages
    }


class Text(
    RootModel[
        Annotated[
            dict[str, Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]],
            AfterValidator(_in_the_languages),
        ]
    ]
):
    """A text in each language the content declares: `{fr: "…", en: "…"}` in the files."""

    model_config = ConfigDict(frozen=True)

    def __call__(self, lang: Lang) -> str:
        """The text in `lang`; in the first language for an archived version that lacks it."""
        return self.root.get(lang) or next(iter(self.root.values()))


# --- Profile -------------------------------------------------------------


Condition = dict[Identifier, list[str]]
"""Background key → accepted answer values; every key must match (e.g. education in [bac2])."""


class Wording(Strict):
    """Another wording of a dimension for the people whose background matches `when`: what
    reads right for a student (« Cherchez un stage ») does not for an adult with years in
    another line of work. The first wording whose conditions match is the person's; each
    text it gives replaces the dimension's own, the others stay."""

    id: Identifier
    when: Annotated[list[Condition], Field(min_length=1)]
    note: str
    """For admins, never shown: why this wording, for whom."""
    label: Text | None = None
    why: Text | None = None
    develop: Text | None = None


class Mission(Strict):
    """One of the job's real tasks, used to explain why a gap matters."""

    id: Identifier
    text: Text
    core: bool = False
    """A core mission: not wanting to do it caps the verdict (see `caps`)."""


class Dimension(Strict):
    """A quality or skill the job requires, scored from the answers."""

    id: Identifier
    category: Category
    label: Text
    weight: Annotated[int, Field(ge=1, le=5)]
    required: Annotated[int, Field(ge=1, le=MAX_LEVEL)]
    mission: Identifier
    """The mission this dimension serves: shown next to it when it is a gap."""
    develop: Text
    """One concrete way to build it up (a course, a project, an experience): shown with a gap."""
    why: Text | None = None
    """Why it matters, shown with a gap instead of the mission: for facts of one's
    background (a diploma, years of experience), which serve no one mission."""
    wordings: list[Wording] = []
    """Other wordings for some backgrounds (the first matching one is the person's)."""

    def worded(self, wording: str | None) -> Dimension:
        """The dimension as the wording with this id says it (itself if it has none)."""
        chosen = next((w for w in self.wordings if w.id == wording), None)
        if chosen is None:
            return self
        texts = {"label": chosen.label, "why": chosen.why, "develop": chosen.develop}
        return self.model_copy(update={k: v for k, v in texts.items() if v is not None})


Readiness = Literal["ready", "with_experience", "after_training"]
"""Where a person stands against the entry requirements, best first."""
READINESS: tuple[Readiness, ...] = ("ready", "with_experience", "after_training")


class EntryRoute(Strict):
    """One usual way into the job: the diplomas it accepts and the experience it needs."""

    id: Identifier
    text: Text
    education: Annotated[list[str], Field(min_length=1)]
    """Values of the `education` background that open this route."""
    experience: list[str] = []
    """Values of the `experience` background it also needs; empty: none needed."""
    experience_fields: list[str] = []
    """Values of the profile's `experience_fields` background the experience must come
    from; empty: any field."""
    when: list[Condition] = []
    """Other background conditions it also needs, any one of them (e.g. a field of study,
    or else years of experience); empty: none. A person whose diploma it accepts and who
    meets none is within reach with experience, as for the route's own experience."""


class EntryWording(Strict):
    """Another wording of where a person stands against the entry requirements, for the
    people whose background matches `when` (a pupil cannot take a VAE yet); the first
    matching one is theirs, each readiness it words replacing the entry's own."""

    id: Identifier
    when: Annotated[list[Condition], Field(min_length=1)]
    note: str
    """For admins, never shown: why this wording, for whom."""
    readiness: dict[Readiness, Text]


class Entry(Strict):
    """The job's usual entry requirements, from the source text.

    A person meets them now when one route accepts both their education and
    their experience; is within reach with experience when a route accepts their
    education only; otherwise gets there after training.
    """

    text: Text
    """The requirements in a sentence or two, as the result shows them."""
    fields: Text
    """The schools and fields of study the source names."""
    routes: Annotated[list[EntryRoute], Field(min_length=1)]
    readiness: dict[Readiness, Text]
    """How the result words each readiness."""
    ready_elsewhere: Text | None = None
    """How the result words `ready` when the diploma alone meets the requirements and the
    experience was gained outside the trade: the degree is enough, that experience is
    not (None: the `ready` wording)."""
    ready_near: Text | None = None
    """`ready_elsewhere` for experience from a neighbouring field (`experience_fields.near`)."""
    level_met: Text | None = None
    """How the result words `with_experience` when the path says the diploma already meets
    the usual level (a step with `meets_level`): a route's `when` is what is missing, not
    a diploma (None: the `with_experience` wording)."""

    wordings: list[EntryWording] = []
    """Other wordings of the readiness for some backgrounds (the first matching one)."""

    def worded(self, wording: str | None) -> Entry:
        """The entry as the wording with this id says the readiness (itself if none)."""
        chosen = next((w for w in self.wordings if w.id == wording), None)
        if chosen is None:
            return self
        return self.model_copy(update={"readiness": {**self.readiness, **chosen.readiness}})


class ReasonWording(Strict):
    """Another wording of a cap rule's reason for the people whose background matches
    `when`: « a first go at selling will tell you » does not fit who has already sold. The
    first wording whose conditions match is the person's."""

    id: Identifier
    when: Annotated[list[Condition], Field(min_length=1)]
    note: str
    """For admins, never shown: why this wording, for whom."""
    reason: Text


class CapRule(Strict):
    """Caps the band when readiness or interest in the core missions falls short.

    Give exactly one condition: `readiness` (the rule applies to these
    readiness values), `interest_below` (it applies when the interest score,
    0–100, is below this; with `interest`, the score of that one interest
    dimension) or `statement` with `answers` (it applies when the person gave
    one of these answers, 0–4 as on the scale, to that likert statement; its
    reason quotes the answer where it says `{answer}`), `inconsistent: true`
    (it applies when the answers contradict each other) or `background` (it applies
    when these background answers were given). `max_band` names the
    highest band then allowed.
    """

    id: Identifier
    readiness: list[Readiness] = []
    interest_below: Annotated[int, Field(ge=1, le=100)] | None = None
    interest: Identifier | None = None
    statement: Identifier | None = None
    answers: list[Level] = []
    inconsistent: bool = False
    """The condition "the answers contradict each other" (see bot/engine/consistency.py)."""
    background: dict[Identifier, list[str]] | None = None
    """The condition "these background answers were given" (e.g. not yet able to work in
    the job's language): every key must match."""
    unless: dict[Identifier, list[str]] | None = None
    """An exception to the condition: the rule does not apply when these background
    answers were given (every key must match), e.g. when another rule says it better."""
    max_band: Identifier
    stricter: dict[Level, Identifier] = {}
    """A statement rule only: a lower band for some of its `answers` (answer → highest
    band then allowed), e.g. « Pas du tout » on the core mission caps lower than
    « Plutôt pas »."""
    reason: Text
    """One sentence, shown with the capped band."""
    at_level: Text | None = None
    """The reason instead, when the person's diploma is already at the usual level (the
    entry's `level_met` line is shown): what remains is said once, in its own terms."""
    said_by_entry: bool = False
    """A readiness rule the entry's own line for that readiness says already (« Conditions
    d'accès : … environ deux ans d'expérience »): the detail does not list it again under
    « Aussi pris en compte » when that line is shown."""
    wordings: list[ReasonWording] = []
    """Other wordings of the reason for some backgrounds (the first matching one)."""
    lifted: Text | None = None
    """A few words naming the limit (« le français de travail »), for the line of a retake
    that says it was lifted since the previous result; rules sharing a label are one
    limit (no French, then some: not lifted yet). A rule without one is not named."""

    def worded(self, wording: str | None) -> CapRule:
        """The rule as the wording with this id gives its reason (itself if none)."""
        chosen = next((w for w in self.wordings if w.id == wording), None)
        if chosen is None:
            return self
        return self.model_copy(update={"reason": chosen.reason})

    @property
    def about_interest(self) -> bool:
        """A rule on wanting to do the job (shown first), not on readiness."""
        return self.interest_below is not None or self.statement is not None

    def holds(self) -> int:
        """How many conditions the rule gives (exactly one is valid)."""
        return sum(
            (
                bool(self.readiness),
                self.interest_below is not None,
                bool(self.statement),
                self.inconsistent,
                bool(self.background),
            )
        )


class CapsTogether(Strict):
    """Several reservations about the core missions weigh more than one: when at least
    `count` of these cap rules apply together, the band is one step below the strictest
    of them (our judgement)."""

    rules: Annotated[list[Identifier], Field(min_length=2)]
    count: Annotated[int, Field(ge=2)] = 2


ElsewhereLine = Literal["elsewhere", "near"]
"""The lines the result can give under the scores per category on experience gained
outside the trade (catalogue keys `detail_elsewhere`, `detail_elsewhere_near`)."""


class ExperienceFields(Strict):
    """How much experience counts by the field it was gained in: a marked judgement.

    The experience a person states (the `weighs` background) is multiplied by the
    weight of the field they gained it in (the `background` one): in the fit by
    `weights`, in the salary's anchor by `salary_weights` (the same by default). An
    entry route may also ask for experience from given fields.
    """

    background: Identifier
    """The background recording where the experience was gained."""
    weighs: Identifier
    """The background whose evidence and salary level the weights apply to."""
    weights: dict[str, Annotated[float, Field(ge=0, le=1)]]
    """Field value → how much experience gained there counts in the fit, 0–1."""
    salary_weights: dict[str, Annotated[float, Field(ge=0, le=1)]] | None = None
    """Field value → how much it moves the salary's anchor, 0–1; None: as `weights`.
    Years in another trade may bring part of the job's skills without making the
    person's first post in this one better paid."""
    origin: Origin
    note: str
    """For admins, never shown: why these weights."""
    near: list[str] = []
    """Field values read as a neighbouring field of the trade (offline marketing, sales):
    the salary and entry lines say so (« domaine voisin ») rather than « another field »,
    as the `near` line under the scores per category does (one reading in every line)."""
    lines: dict[ElsewhereLine, list[Condition]] = {}
    """Who reads which line under the scores per category, saying how their experience
    counts (`elsewhere`: another line of work, counted little; `near`: a neighbouring
    field, counted in part): the line applies when one of its conditions matches, the
    first line listed wins; none matching, no line (a student's summer job)."""


class Band(Strict):
    """A range of overall fit with its plain wording; the highest `min` reached wins."""

    id: Identifier
    min: Annotated[int, Field(ge=0, le=100)]
    label: Text
    wording: Text


class TrainingStep(Strict):
    """One step of a way into the job.

    A person's path is every step whose `when` matches their background, in
    file order, so the file reads as the table an admin reviews.
    """

    id: Identifier
    origin: Origin
    note: str
    """For admins, never shown: where the step comes from in the source, or which general fact."""
    text: Text
    when: Annotated[list[Condition], Field(min_length=1)]
    """The step applies when any one of these conditions matches."""
    unless: list[Condition] = []
    """Exceptions: the step does not apply when any one of these matches, e.g. for who
    already holds the post a step about gaining experience towards it would otherwise name."""
    leads_to: str | None = None
    """The education value this step leads to (e.g. `master`), or none for advice."""
    meets_level: bool = False
    """The step tells the person they already meet the job's usual entry level."""
    aside: bool = False
    """Not a step of its own: a detail of the step before it (an example, where to apply),
    shown under it without a number."""
    far: bool = False
    """Only for a person far from the job (see `FarFromJob`): finding out comes first."""
    points_below: bool = False
    """The step's text announces the steps that follow it (« par les étapes ci-dessous »):
    a path cut short (`FarFromJob.keep`) never ends on it, it is cut before it."""
    caps: list[Identifier] = []
    """Only when one of these cap rules applies (e.g. a wish the person lacks), besides
    `when`; none: whatever the verdict."""


class Route(Strict):
    """A public scheme that helps adults into training (CPF, CEP, VAE…): general
    knowledge, shown in one line to those whose background matches `when`."""

    id: Identifier
    origin: Origin
    note: str
    """For admins, never shown: which general fact, and where it is documented."""
    text: Text
    when: Annotated[list[Condition], Field(min_length=1)]
    """The route applies when any one of these conditions matches."""


class Constraint(Strict):
    """An honest line for a constraint the person may have: shown when one `when`
    condition on the background matches (an empty condition matches everyone), when
    `dimension`'s fit (0–1) is below `fit_below`, when the likert `statement` that
    states the need was answered at least `at_least` (0–4 as on the scale, as shown:
    a stated need counts whatever past work says of the dimension), or when one of the
    `at_most` statements was answered at most its step."""

    id: Identifier
    origin: Origin
    note: str
    """For admins, never shown: where the line's facts come from."""
    text: Text | None = None
    """The line under the path's « constraints » heading; None for a line said in the
    summary only (the job's days spent at a screen, which the missions detail)."""
    summary: Text | None = None
    """One short line for the result's summary, for a constraint that can decide the
    choice (needing fixed hours in a job with sales peaks): shown whatever the band,
    since a constraint does not lower it."""
    when: list[Condition] = []
    dimension: Identifier | None = None
    fit_below: Annotated[float, Field(gt=0, le=1)] | None = None
    statement: Identifier | None = None
    at_least: Annotated[int, Field(ge=0, le=4)] | None = None
    at_most: dict[Identifier, Annotated[int, Field(ge=0, le=4)]] = {}
    """Likert statements (not reverse-keyed) to the highest answer that brings the line,
    0–4 as shown: one answered that low or lower is enough (a person who says they are
    slow with new tools, or at home with little of the web, reads what the job's days are
    made of)."""

    @property
    def for_everyone(self) -> bool:
        """Shown to everyone (an empty condition), whatever they answered."""
        return any(not condition for condition in self.when)


class FarFromJob(Strict):
    """When the result puts a person far from the job, the path starts by finding out.

    Far means the band shown is one of `bands`, or one of the cap rules in `caps`
    applies (little wish to do the job's core missions). The path is then the steps
    marked `far`, followed by the first `keep` steps of the usual path (with their
    asides), not the whole way to a Master.
    """

    bands: Annotated[list[Identifier], Field(min_length=1)]
    caps: list[Identifier] = []
    keep: Annotated[int, Field(ge=0)] = 2
    then: Text | None = None
    """One line ending a path cut before a diploma step still to come: what follows, so
    that the first diploma does not read as the whole way."""


class NeighbourJob(Strict):
    """A neighbouring job, named only: general knowledge, with no salary or requirement of
    its own; offered to a person when enough of its `strengths` are theirs."""

    id: Identifier
    origin: Origin
    note: str
    """For admins, never shown: why these strengths point to this job."""
    name: Text
    strengths: Annotated[list[Identifier], Field(min_length=1)]
    """The qualities and skills (dimension ids) that point to it, the most telling first."""
    leans: list[Identifier] = []
    """Cap rules on a wish (to sell, to lead) that, with these strengths, point to this
    job even when the fit is good: the strengths serve here without that wish."""
    own: list[Condition] = []
    """The person's background says this is already their line of work (any condition
    matches): not named, since a job to look at that is one's own job reads as not
    listened to."""
    when: list[Condition] = []
    """Named only to a person whose background matches one of these (empty: anyone): a
    bridge from one trade only, named to people from that trade."""


class Neighbours(Strict):
    """Neighbouring jobs, named when the fit or the interest is low (`bands`, `caps`), or
    when a job's `leans` apply: at most `max`, each tied to the person's strengths that
    point to it, with where to read about them."""

    origin: Origin
    note: str
    """For admins, never shown: the judgement behind the rule."""
    bands: list[Identifier] = []
    """The fit is low: the band shown is one of these."""
    caps: list[Identifier] = []
    """The interest is low: one of these cap rules applies."""
    min_strengths: Annotated[int, Field(ge=1)] = 2
    """A job is named when at least this many of its strengths are the person's."""
    bridge_strengths: Annotated[int, Field(ge=1)] | None = None
    """A bridge (a job with `when`, met) is named whatever the fit or the interest when at
    least this many of its strengths are the person's; None: only where the others are."""
    closest: Annotated[int, Field(ge=0)] = 0
    """When the fit or the interest is low and no job reaches `min_strengths`: how many
    jobs one strength points to are named, the closest first, provided a scenario or a
    knowledge answer shows that strength (a self-rating alone is not enough)."""
    max: Annotated[int, Field(ge=1)] = 3
    read: Text
    """Where to read about them (the public job pages, by name)."""
    jobs: Annotated[list[NeighbourJob], Field(min_length=1)]


class SalaryScale(Strict):
    """Where each answer to one background question puts the salary, 0 (bottom) to 1 (top)."""

    background: Identifier
    levels: dict[str, Annotated[float, Field(ge=0, le=1)]]


class SalaryMover(Strict):
    """Something the source says moves the pay that the quiz does not ask about.

    Shown as a contrast (e.g. a small local firm against a large international
    brand), since it depends on the employer, not on the person.
    """

    id: Identifier
    label: Text
    lower: Text
    higher: Text


class SalaryInPost(Strict):
    """Where years in the post itself put the salary, for a person who has held it.

    The job's range is that of people in the post: their years there place them in it,
    in place of the `experience` scale's levels, which count years below the post
    (internships, work-study, assistant) and so stay near the bottom."""

    when: Annotated[list[Condition], Field(min_length=1)]
    """Background conditions saying the person has held the post (any one matches)."""
    now: list[Condition] = []
    """Background conditions saying they may hold it today, not only have held it (any one
    matches): the salary section then says « que vous tenez ou avez tenu » (the quiz asks
    the role of the experience, not the present job), not « déjà tenu »."""
    levels: dict[str, Annotated[float, Field(ge=0, le=1)]]
    """Each answer of the `experience` scale's background → 0 (bottom) to 1 (top)."""
    origin: Origin
    note: str
    """For admins, never shown: why these levels."""


class SalaryLater(Strict):
    """What a personal range for later is the pay after, when the way there is known: the
    first entry of the salary's `later` whose conditions all hold names it, in the summary
    (« Salaire du poste, {when} ») and the salary section, instead of « à l'embauche »,
    which reads as the pay on switching."""

    readiness: list[Readiness] = []
    """Applies to these readiness values; empty: any."""
    path: list[Identifier] = []
    """Applies when the person's path holds one of these steps; empty: any path."""
    when: Text
    """Written to follow « Salaire du poste, » (lower case, no final stop)."""
    meanwhile: Text | None = None
    """One line for the salary section on the pay until then: no figure the source lacks."""
    origin: Origin
    note: str
    """For admins, never shown: where the wording and `meanwhile` come from."""


class Salary(Strict):
    """The job's average range, gross per year; a person's range sits inside it."""

    currency: Literal["EUR"] = "EUR"
    min: Annotated[int, Field(gt=0)]
    max: Annotated[int, Field(gt=0)]
    step: Annotated[int, Field(gt=0)] = 500
    experience: SalaryScale
    """The anchor: a beginner sits at the bottom, long experience higher."""
    education: SalaryScale
    """Lifts and widens the range as experience grows."""
    in_post: SalaryInPost | None = None
    """For a person who has held the post: their years in it anchor the range."""
    later: list[SalaryLater] = []
    """What a personal range for later is the pay after (the first that applies)."""
    movers: list[SalaryMover]
    bonus: Text
    note: Text


class About(Strict):
    """What the bot says of this job in its own words, where its catalogue (shared by
    every job) leaves a place for it: /about and the result's interest line."""

    core_missions: Text
    """The core missions in a few words, to sit inside a sentence ("selling, leading,
    analysing, negotiating")."""
    source: Text
    """Where the job's facts come from, and what fills in where that source is silent."""


def _one_short_line(text: Text) -> Text:
    """A tagline sits on one line beside the job's title: no line break, not too long."""
    wrong = [
        lang
        for lang, written in text.root.items()
        if "\n" in written or len(written) > MAX_TAGLINE_CHARS
    ]
    if wrong:
        raise PydanticCustomError(
            "tagline",
            "{langs}: one line of at most {limit} characters",
            {"langs": ", ".join(wrong), "limit": MAX_TAGLINE_CHARS},
        )
    return text


Tagline = Annotated[Text, AfterValidator(_one_short_line)]
"""The job in one short line, in each language."""


class Profile(Strict):
    id: ProfileId
    """The file's name without `.yaml`; its questions are in `questions/<id>/` if that
    folder exists, else at the top of `questions/`."""
    source: str
    languages: Languages
    job_language: Lang | None = None
    """The language the job is done in (its source's), declared or not among `languages`:
    a question marked `other_languages_only` is asked only in the other languages."""
    title: Text
    tagline: Tagline
    """The job in one short line (at most `MAX_TAGLINE_CHARS`), shown beside its title where a
    person picks among several jobs at /start."""
    aliases: list[Text]
    summary: Text
    about: About
    missions: list[Mission]
    dimensions: list[Dimension]
    bands: list[Band]
    entry: Entry
    caps: list[CapRule] = []
    caps_together: CapsTogether | None = None
    """Cap rules that, applying together, lower the band one step further."""
    experience_fields: ExperienceFields | None = None
    training: list[TrainingStep]
    far_from_job: FarFromJob | None = None
    routes: list[Route] = []
    """Adults' routes into training, driven by the person's situation."""
    constraints: list[Constraint] = []
    """Honest lines for the person's constraints (hours, health or disability)."""
    neighbours: Neighbours | None = None
    """Neighbouring jobs to name when this one fits poorly or the strengths point elsewhere."""
    at_school: list[Condition] = []
    """Who is still at school (one condition met): a score per category of 0 % in skills or in
    training and experience reads as still to come, not as a failing mark at sixteen."""
    salary: Salary
    disclaimer: Text


# --- Questions -----------------------------------------------------------


class Option(Strict):
    """An answer button of a single- or multiple-choice question."""

    id: Identifier
    text: Text
    evidence: dict[Identifier, Level] = {}
    """Level this answer shows on each named dimension (0 when absent)."""
    value: str | None = None
    """The background fact this answer records (e.g. `master` for `education`)."""
    exclusive: bool = False
    """Multiple choice only: "none of these"; ticking it clears the others, and back."""
    last: bool = False
    """Shown last when the options are shuffled, where people look for it ("another field")."""
    right: bool = False
    """Knowledge questions only: the one right answer."""


class Question(Strict):
    id: Identifier
    kind: QuestionKind
    text: Text
    dimensions: list[Identifier] = []
    """Likert only: the dimensions the 0–4 agreement scale gives evidence for."""
    options: list[Option] = []
    """Single and multiple choice only."""
    background: Identifier | None = None
    """Records the chosen option `value`s under this key (education, experience, …)."""
    ordered: bool = False
    """Choices only: keep the file's option order (a scale such as diplomas or years).

    Options of other choice questions are shuffled per quiz; likert scales always
    keep their order.
    """
    reverse: bool = False
    """Likert only: reverse-keyed, agreeing shows a lower level (4 − the answer)."""
    twin: Identifier | None = None
    """Reverse-keyed likert only: the direct statement it mirrors; agreeing (or
    disagreeing) with both is a contradiction the result points out."""
    twin_gap: Annotated[int, Field(ge=1, le=4)] = 3
    """With `twin`: how many steps apart the two keyed answers must be to contradict
    each other. 4 for a pair whose middle ground is a sensible answer, so that only
    « Tout à fait » to both, or « Pas du tout » to both, contradicts."""
    other_languages_only: bool = False
    """Asked only when the quiz is in a language other than the profile's `job_language`
    (e.g. whether one can work in the job's language); otherwise taken as `assumed`."""
    assumed: Identifier | None = None
    """With `other_languages_only`: the option taken as the answer when not asked."""
    pick: Annotated[int, Field(ge=1)] | None = None
    """Multiple choice only: a forced choice, exactly this many options to pick. An
    option not picked is not refused: it shows a middling level (see scoring)."""
    origin: str | None = None
    """Knowledge questions only: where the fact comes from (a law, a standard, a usual
    definition); for admins, never shown."""
    short: Text | None = None
    """A few words naming the question ("scénario de crise"): a strength cites the
    answers that back it by these names."""

    @property
    def one_answer(self) -> bool:
        """Answered with one option (a single choice or a question of fact)."""
        return self.kind in ("single", "knowledge")

    @cached_property
    def options_by_id(self) -> dict[str, Option]:
        return {option.id: option for option in self.options}


class Section(Strict):
    id: Identifier
    title: Text


class QuestionFile(Strict):
    """One `questions/*.yaml` file: a section and its questions, asked in file order."""

    section: Section
    questions: list[Question]


@dataclass(frozen=True)
class Content:
    """Everything a quiz needs: the profile and the questions, in order."""

    profile: Profile
    files: tuple[tuple[str, QuestionFile], ...]
    version: str
    """A short hash of the files' bytes: sessions and logs record which set they used."""

    @cached_property
    def languages(self) -> tuple[Lang, ...]:
        """The codes of the languages every text is written in, the default first."""
        return tuple(language.code for language in self.profile.languages)

    def language_for(self, client_code: str | None) -> Lang:
        """The language to speak to a client reporting `client_code` (Telegram's IETF tag,
        e.g. `fr-CA`): the content's language of that name if there is one, else the default."""
        primary = (client_code or "").split("-")[0].lower()
        return primary if primary in self.languages else self.languages[0]

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for _, qfile in self.files for q in qfile.questions)

    @cached_property
    def question_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def section_of(self) -> dict[str, Section]:
        return {q.id: qfile.section for _, qfile in self.files for q in qfile.questions}

    @cached_property
    def dimension_by_id(self) -> dict[str, Dimension]:
        return {d.id: d for d in self.profile.dimensions}
