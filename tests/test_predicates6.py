"""Predicates, round six: acts news tells with no verb of their own to code
(events/agent_nouns.py and data/cameo/verbs_extra.txt)."""

from __future__ import annotations

import pytest

ACTORS = {
    "Israel": ("ISR", "country"),
    "Jordan": ("JOR", "country"),
    "Egypt": ("EGY", "country"),
    "Sudan": ("SDN", "country"),
    "the Senate": ("USALEG", "organisation"),
    "Senator Hale": ("USALEG", "person"),
    "the Greens": ("DEUPTY", "organisation"),
    "the Social Democrats": ("DEUOPP", "organisation"),
}


@pytest.fixture(scope="module")
def coded(events_coded):
    return lambda text: {(source, target, code, rule) for source, target, code, rule in events_coded(text, ACTORS)}


def _dyads(found: set[tuple]) -> set[tuple]:
    return {(source, target, code) for source, target, code, _ in found}


def _rules(found: set[tuple]) -> set[str]:
    return {rule for _, _, _, rule in found}


def test_noun_with_by_agent_is_that_actors_act(coded):
    found = coded("On Tuesday the Senate rejected a plea by Jordan for more time.")
    assert ("JOR", "USALEG", "020") in _dyads(found)


def test_noun_with_from_agent_of_a_verbal_act(coded):
    found = coded("The regulator will look into a complaint from the Greens about the Social Democrats.")
    assert ("DEUPTY", "DEUOPP", "114") in _dyads(found)


def test_from_names_no_agent_of_force_or_yielding(coded):
    # "from" after a withdrawal names what is left, not who acted
    found = coded("The withdrawal from Sudan was completed on Friday.")
    assert not any(rule.endswith("+agent") for rule in _rules(found))


def test_possessor_acts_when_the_noun_says_what_it_tells(coded):
    found = coded("Israel dismissed Egypt's denials that it had armed the militants.")
    assert ("EGY", None, "016") in {(s, None, c) for s, _, c in _dyads(found)}


def test_possessor_of_an_act_referred_back_to_is_no_new_event(coded):
    found = coded("Senator Hale's trip was widely reported.")
    assert not any(rule.endswith("+agent") for rule in _rules(found))


def test_denied_noun_is_no_event(coded):
    found = coded("There will be no deal by Egypt with Sudan this year.")
    assert not any(rule.endswith("+agent") for rule in _rules(found))


def test_backing_a_policy_or_a_stance_endorses_it(coded):
    assert ("EGY", None, "051") in _dyads(coded("Egypt backed the introduction of a new tariff on Monday."))
    assert ("EGY", None, "051") in _dyads(coded("Egypt supported a reduction of the tariff to 20 percent last week."))
    # backing a country is still cooperation with it, not an endorsement
    found = _dyads(coded("Egypt backed Sudan in the dispute."))
    assert "051" not in {code for _, _, code in found}


def test_not_sharing_an_opinion_is_disapproval(coded):
    assert ("EGY", "SDN", "110") in _dyads(coded("Egypt did not agree with Sudan on the dam."))
    assert ("EGY", "SDN", "110") in _dyads(coded("Egypt does not subscribe to the views of Sudan."))
    # refusing an accord is a rejection, and sharing an opinion no disapproval
    assert "110" not in {c for _, _, c in _dyads(coded("Egypt would not agree to the deal with Sudan."))}
    assert "110" not in {c for _, _, c in _dyads(coded("Egypt agreed with Sudan on the dam."))}


def test_a_blocks_general_pattern_keeps_a_verbs_own_code(coded):
    # the Phoenix block's "about" pattern says disapproval (110); complaining is a complaint
    assert ("EGY", "SDN", "114") in _dyads(coded("Egypt complained to Sudan about the dam on Monday."))


def test_a_consultation_offered_is_aimed_at_who_takes_it(coded):
    # "by" hung from the active verb is still the noun's agent; the verb's subject is the counterpart
    found = coded("Sudan is resisting mediation by Egypt in the dispute over the dam.")
    assert ("EGY", "SDN", "045") in _dyads(found)
    # a visit told by a noun with no one visited is no event
    assert not any(rule.endswith("+agent") for rule in _rules(coded("Egypt's trip to the coast was cut short.")))


def test_a_demand_named_by_its_owner_is_aimed_at_whom_its_content_names(coded):
    found = coded("Egypt backed Sudan's demands that Israel withdraw its troops from the border.")
    assert ("SDN", "ISR", "100") in _dyads(found)


def test_a_retreat_by_someone_is_yielding_but_a_quoted_label_is_no_act(coded):
    assert ("EGY", None, "080") in _dyads(coded("Israel welcomed the retreat by Egypt on the border tax."))
    found = coded('Israel branded the tax cut a "humiliating retreat" by Egypt.')
    assert not any(rule.endswith("+agent") for rule in _rules(found))


def test_a_stance_in_the_bare_present_is_a_view_not_an_act(coded):
    assert not {c for _, _, c in _dyads(coded("Egypt and Israel favour an early start to the talks."))} & {"050", "051"}
    assert "051" not in {c for _, _, c in _dyads(coded("Egypt supports a reduction of the tariff to 20 percent."))}
    # taking the stance is an act
    assert ("EGY", None, "051") in _dyads(coded("Egypt supported a reduction of the tariff to 20 percent last week."))
