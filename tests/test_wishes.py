"""A wish the person lacks (to sell, to lead) is a question of interest, not a gap.

Played as a careers adviser would, a data analyst who said he does not want to
sell read « À développer : Goût de la vente » and « Vendez vous-même … sur un
marché »: the summary's points to develop are abilities only, and the develop
section says the wishes apart, as a question to ask oneself.
"""

from __future__ import annotations

import pytest

from bot.content.advice_rules import check_advice
from bot.content.models import INTEREST, Content, Lang
from bot.content.problems import Reporter
from bot.engine.record import record_of
from bot.engine.result import evaluate
from bot.presentation.result_sections import section
from bot.presentation.result_summary import summary
from bot.presentation.result_text import mid_sentence, to_plain
from bot.presentation.result_view import view
from bot.presentation.texts import t
from tests.support.languages import LANGS
from tests.support.persona_catalogue import DATA_ANALYST, PERSONAS
from tests.support.personas import EXPERIENCED_MASTER, answers_for


@pytest.mark.parametrize("lang", LANGS)
def test_not_wanting_to_sell_or_lead_is_not_a_point_to_develop(
    shipped_content: Content, lang: Lang
) -> None:
    content = shipped_content
    record = record_of(content, evaluate(content, answers_for(content, DATA_ANALYST)), lang=lang)
    assert record.wishes == ("sales_passion", "interest_team")
    shown = view(content, record)
    assert shown.gaps and all(d.category != INTEREST for d in shown.gaps)
    text = to_plain(summary(content, record, lang))
    develop = to_plain(section(content, record, lang, "develop") or "")
    for wish in shown.wishes:
        assert wish.label(lang) not in text  # not among « À développer »
        assert mid_sentence(wish.label(lang)) in develop  # said apart, as a wish
        assert wish.develop(lang) not in develop  # no « go and sell at a market »
    assert to_plain(t("result_wishes", lang)) in develop
    assert to_plain(t("wishes_neighbours", lang)) in develop  # he has neighbouring jobs


def test_a_candidate_who_wants_the_job_reads_no_wishes(shipped_content: Content) -> None:
    record = record_of(
        shipped_content,
        evaluate(shipped_content, answers_for(shipped_content, EXPERIENCED_MASTER)),
        lang="fr",
    )
    assert record.wishes == ()
    develop = to_plain(section(shipped_content, record, "fr", "develop") or "")
    assert to_plain(t("result_wishes", "fr")) not in develop


def test_every_persona_s_gaps_are_abilities(shipped_content: Content) -> None:
    for persona in PERSONAS:
        result = evaluate(shipped_content, answers_for(shipped_content, persona))
        assert all(g.dimension.category != INTEREST for g in result.gaps), persona.name
        capped = [rule for rule in result.score.reasons if rule.about_interest]
        assert not result.wishes or capped, persona.name  # only a cap's reason names one
        assert all(w.dimension.category == INTEREST for w in result.wishes), persona.name


def test_a_record_kept_with_wishes_among_its_gaps_shows_them_apart(
    shipped_content: Content,
) -> None:
    """Before wishes had their field, the record held them first among `gaps`."""
    content = shipped_content
    record = record_of(content, evaluate(content, answers_for(content, DATA_ANALYST)), lang="fr")
    older = record.model_copy(update={"gaps": (*record.wishes, *record.gaps[:1]), "wishes": ()})
    shown = view(content, older)
    assert [d.id for d in shown.wishes] == list(record.wishes)
    assert [d.id for d in shown.gaps] == list(record.gaps[:1])


def test_a_step_s_unknown_cap_rule_is_reported(shipped_content: Content) -> None:
    profile = shipped_content.profile
    step = profile.training[0].model_copy(update={"caps": ["no_such_cap"]})
    broken = profile.model_copy(update={"training": [step, *profile.training[1:]]})
    messages = [p.message for p in check_advice(broken, Reporter("p.yaml", {}))]
    assert messages == ["unknown cap rule 'no_such_cap'"]
