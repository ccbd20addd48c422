"""A personal salary range inside the job's range, anchored on experience, then education.

The profile places each answer on a 0–1 scale: experience `e` (a beginner 0,
up to 1) and education `d` (no diploma 0, a Master 1). With the
job's range `min`–`max` and `span = max - min`:

    low   = min + span × e × (EXPERIENCE_SHARE + EDUCATION_SHARE × d)
    width = span × (BASE_WIDTH + EDUCATION_WIDTH × d)
    high  = low + width, the pair slid down to end at `max` if it would pass it

Experience gained outside the job's own trade counts by the profile's
`experience_fields` salary weights (twenty years in another trade are not twenty
years in this one: the shipped profile counts them not at all, so a career
changer's range is that of a first post). So a beginner starts at the bottom
whatever their diploma, experience moves the range most, education lifts it more
as experience grows, and the range is never narrower than a fifth of the job's:
honest about what a quiz can know. Both ends are rounded to the profile's step
and never leave the job's range.

Years in the trade are mostly years below the post (internships, work-study,
assistant), so a personal range is the pay on entering it: the shipped profile's
experience levels count them for little, and only long years in the trade lift the
range (the comment on the profile's `salary` block says why). A person who has held
the post (the profile's `in_post` conditions, read from where the experience was
gained) and meets its entry requirements now is placed by their years in it instead
(`in_post` levels): the pay in the post for that experience, still inside the
source's range. Running one's own small shop without the diploma employers ask is
not having held the salaried post: until the VAE or the diploma, those years count
as years in the trade, and the range is a first post's.

A range is personal only when the person is at most one step from the post: ready
now, within reach with experience, or made ready by the next diploma their path
leads to. Farther (a far band, or a first diploma to get and then more), the
result gives the job's range, one rule for a pupil and for an adult whose VAE
comes before the experience the entry route asks.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from bot.content.models import Content, SalaryScale, TrainingStep
from bot.engine.gates import EDUCATION, any_given, readiness
from bot.engine.scoring import Score

#: An unanswered background question counts as mid-scale.
NEUTRAL = 0.5
EXPERIENCE_SHARE = 0.55
EDUCATION_SHARE = 0.25
BASE_WIDTH = 0.2
EDUCATION_WIDTH = 0.1


class SalaryEstimate(BaseModel):
    """The range and what it rests on. Also the result record's stored salary figures
    (`bot.engine.record.SalaryFigures`): a field added here needs a default, so that
    records kept before it still load."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    low: int
    high: int
    minimum: int
    """The job's range, which the personal range never leaves."""
    maximum: int
    experience: float
    """0–1: where the experience sits on the profile's scale, its field's weight applied."""
    education: float
    stated: float | None = None
    """0–1: the experience as stated, before its field's weight (None: kept before it was)."""
    field_weight: float = 1.0
    """How much the field the experience was gained in moves the range (1: the trade itself)."""
    job_language: bool = True
    """False: the person cannot yet work fully in the job's own language, which the range
    assumes (a question marked `other_languages_only` answered short of its `assumed`)."""
    personal: bool = True
    """False: more than one step from the post (far from it, or the next diploma of the
    path does not yet meet the entry level): the job's range is shown, not a personal one."""
    near: bool = False
    """True: the experience was gained in a neighbouring field (`experience_fields.near`)."""
    in_post: bool = False
    """True: the person has held the post and meets its entry requirements, and their years
    in it placed the range (the pay in the post for that experience, not a first post's)."""
    holds_post: bool = False
    """True: `in_post`, and the person may hold the post today (the profile's `in_post.now`)."""

    @property
    def shown(self) -> tuple[int, int]:
        """The range the result gives: the personal one, or else the job's."""
        return (self.low, self.high) if self.personal else (self.minimum, self.maximum)

    @property
    def from_elsewhere(self) -> bool:
        """Experience stated, gained outside the trade, so counted less or not at all."""
        return bool(self.stated) and self.field_weight < 1


def estimate_salary(
    content: Content, score: Score, path: Sequence[TrainingStep] = ()
) -> SalaryEstimate:
    salary = content.profile.salary
    held = (
        salary.in_post is not None
        and score.readiness == "ready"
        and any_given(salary.in_post.when, score.background)
    )
    if held and salary.in_post is not None:
        years = SalaryScale(background=salary.experience.background, levels=salary.in_post.levels)
        stated, weight = _position(years, score), 1.0
    else:
        stated, weight = _position(salary.experience, score), _field_weight(content, score)
    e = stated * weight if _weighs_experience(content) else stated
    d = _position(salary.education, score)
    span = salary.max - salary.min
    width = span * (BASE_WIDTH + EDUCATION_WIDTH * d)
    low = salary.min + span * e * (EXPERIENCE_SHARE + EDUCATION_SHARE * d)
    low = min(low, salary.max - width)

    def rounded(amount: float) -> int:
        stepped = round(amount / salary.step) * salary.step
        return min(salary.max, max(salary.min, stepped))

    return SalaryEstimate(
        low=rounded(low),
        high=rounded(low + width),
        minimum=salary.min,
        maximum=salary.max,
        experience=e,
        education=d,
        stated=stated,
        field_weight=weight if _weighs_experience(content) else 1.0,
        job_language=_works_in_job_language(content, score),
        personal=leads_to_the_post(content, score, path),
        near=_from_near(content, score),
        in_post=held,
        holds_post=held
        and salary.in_post is not None
        and any_given(salary.in_post.now, score.background),
    )


def _works_in_job_language(content: Content, score: Score) -> bool:
    """No question on the job's language answered short of the answer it assumes."""
    for question in content.questions:
        if not (question.other_languages_only and question.background and question.assumed):
            continue
        assumed = {o.value for o in question.options if o.id == question.assumed}
        answered = set(score.background.get(question.background, ()))
        if answered and not answered & assumed:
            return False
    return True


def leads_to_the_post(content: Content, score: Score, path: Sequence[TrainingStep]) -> bool:
    """At most one step from the post: ready now; or, not far from the job, within reach
    with experience, or made ready by the next diploma the path leads to (with the
    experience the person has). A later diploma does not count: a pupil whose path
    runs bac, bac+2, bac+3, Master is several steps away."""
    if score.readiness == "ready":
        return True
    far = content.profile.far_from_job
    if far is not None and score.band.id in far.bands:
        return False
    if score.readiness == "with_experience":
        return True
    diploma = next((step.leads_to for step in path if step.leads_to is not None), None)
    if diploma is None:
        return False
    return readiness(content, {**score.background, EDUCATION: (diploma,)}) == "ready"


def _position(scale: SalaryScale, score: Score) -> float:
    """Where the answer sits on the scale."""
    levels = [
        scale.levels[v] for v in score.background.get(scale.background, ()) if v in scale.levels
    ]
    return max(levels) if levels else NEUTRAL


def _weighs_experience(content: Content) -> bool:
    fields = content.profile.experience_fields
    return fields is not None and fields.weighs == content.profile.salary.experience.background


def _from_near(content: Content, score: Score) -> bool:
    """The experience was gained in a field the profile reads as neighbouring the trade."""
    fields = content.profile.experience_fields
    if fields is None:
        return False
    return bool(set(fields.near) & set(score.background.get(fields.background, ())))


def _field_weight(content: Content, score: Score) -> float:
    """How much the field the experience was gained in moves the salary: the profile's
    salary weights (or its fit weights); 1 when the field was not answered."""
    fields = content.profile.experience_fields
    if fields is None:
        return 1.0
    weights = fields.salary_weights if fields.salary_weights is not None else fields.weights
    recorded = [weights[v] for v in score.background.get(fields.background, ()) if v in weights]
    return max(recorded) if recorded else 1.0
