"""Predicates of CAMEO categories that news tells with other words than the Phoenix
dictionary lists (data/cameo/verbs_extra.txt, round five), support-verb nouns
(data/cameo/event_nouns.yaml) and senses a verb's complement settles (events.complements)."""

from __future__ import annotations

import pytest

ACTORS = {
    "Israel": ("ISR", "country"),
    "Jordan": ("JOR", "country"),
    "Egypt": ("EGY", "country"),
    "Sudan": ("SDN", "country"),
    "Labour Party": ("GBRPTY", "organisation"),
    "Anna Berg": ("GRCGOV", "person"),
    "Omar Hassan": ("EGYGOV", "person"),
    "the police": ("GBRCOP", "organisation"),
}


@pytest.fixture(scope="module")
def coded(events_coded):
    return lambda text: {(source, target, code) for source, target, code, _ in events_coded(text, ACTORS)}


def _codes(found: set[tuple]) -> set[str]:
    return {code for _, _, code in found}


def test_passing_on_information_shares_it(coded):
    assert ("ISR", "JOR", "064") in coded("Israel shared intelligence with Jordan on Monday.")
    assert ("ISR", "JOR", "064") in coded("Israel gave an intelligence briefing to Jordan on Monday.")
    assert ("ISR", "JOR", "064") in coded("Israel handed the documents to Jordan.")
    # giving or sharing something else is no sharing of information
    assert "064" not in _codes(coded("Israel shared a border with Jordan for decades."))


def test_warning_someone_not_to_act_is_an_appeal(coded):
    assert ("ISR", "JOR", "020") in coded("Israel warned Jordan not to interfere in the talks.")


def test_turning_down_an_offer_rejects_it(coded):
    assert "127" in _codes(coded("Jordan turned down an offer from Israel."))


def test_dropping_ones_own_plan_yields(coded):
    assert ("SDN", None, "080") in coded("Sudan suspended its plans to build the dam.")
    assert ("SDN", None, "080") in coded("Sudan called off its plan after the talks.")
    # calling a plan something is no yielding; suspending a member is no dropping of a plan
    assert "080" not in _codes(coded("Sudan called the plan a disgrace."))
    assert "080" not in _codes(coded("The Labour Party suspended Anna Berg last week."))


def test_securing_or_extending_a_deal_makes_an_agreement(coded):
    assert ("EGY", "SDN", "057") in coded("Egypt secured a deal with Sudan.")
    assert "057" in _codes(coded("Egypt and Sudan extended their gas deal."))


def test_giving_money_to_a_party_is_economic_aid(coded):
    assert ("GRCGOV", "GBRPTY", "071") in coded("Anna Berg gave cash to the Labour Party.")


def test_acting_as_a_go_between_mediates(coded):
    assert ("EGYGOV", "ISR", "045") in coded("Omar Hassan has been acting as a middleman in talks with Israel.")


def test_considering_an_option_is_not_a_consultation(coded):
    found = _codes(coded("Sudan is considering raising fuel prices."))
    assert "014" in found and "040" not in found
    assert "014" in _codes(coded("Sudan is considering whether to close the border with Egypt."))


def test_considering_as_judging_weighs_no_option(coded):
    assert coded("Sudan considers the increase to be realistic.") == set()
    assert coded("Sudan did not consider the new law an infringement.") == set()


def test_support_verb_nouns_of_cameo_categories(coded):
    assert "015" in _codes(coded("Omar Hassan made a full confession to the police."))
    assert "030" in _codes(coded("Sudan voiced interest in joining the talks."))
    assert "020" in _codes(coded("Sudan renewed calls for talks with Egypt."))
    # "made a call" is a telephone call, not an appeal
    assert "020" not in _codes(coded("Omar Hassan made a call to the police."))


def test_a_refused_investigation_is_a_rejection(coded):
    found = coded("Omar Hassan said he would not be launching an investigation.")
    assert ("EGYGOV", None, "120") in found


def test_asking_for_an_act_is_an_appeal_not_the_act(coded):
    found = _codes(coded("Anna Berg called for an end to the violence."))
    assert {code[:2] for code in found} == {"02"}
    found = _codes(coded("Anna Berg called for Omar Hassan to resign."))
    assert "020" in found and "041" not in found
    # a "for" before the verb asks for nothing: "called" here names
    assert coded("For the Labour Party, Anna Berg called the target unambitious.") == set()
    # a call with no request is still a telephone call
    assert "041" in _codes(coded("Anna Berg called Omar Hassan late last night."))


def test_wanting_to_act_is_no_act_of_its_own(coded):
    found = coded("Sudan wants to direct the money into aid programmes.")
    assert all(code != "023" for _, _, code in found)
    # wanting something from others stays an appeal
    assert "023" in _codes(coded("Sudan wants aid from Egypt."))


def test_agreeing_to_a_concession_accedes_to_it(coded):
    assert ("SDN", None, "080") in coded("Sudan agreed to the suspension of the talks.")
    # an infinitive tells the act agreed to, as an intent of its own
    assert "080" not in _codes(coded("Sudan agreed to withdraw its troops."))


def test_vetting_people_examines_them(coded):
    assert ("ISR", "JOR", "090") in coded("Israel vetted Jordan's applicants.")


def test_verbs_phoenix_does_not_list(coded):
    assert ("ISR", "EGYGOV", "1041") in coded("Israel impeached Omar Hassan.")
    assert ("ISR", "JOR", "195") in coded("Israel strafed the Jordan convoy.")
    assert ("GBRPTY", "SDN", "141") in coded("The Labour Party picketed Sudan's embassy.")


def test_issuing_a_restrictive_order_is_an_administrative_sanction(coded):
    assert ("GBRCOP", None, "172") in coded("On Friday the police issued more than 400 dispersal orders.")
    # an order of goods is no sanction
    assert "172" not in _codes(coded("On Friday the police issued new uniforms to officers."))
