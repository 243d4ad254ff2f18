"""Acts of CAMEO categories whose verb Phoenix lacks, leaves uncoded or codes in another
sense (data/cameo/verbs_extra.txt, round five, second part): tribute paid to someone,
robbing, intercepting vessels, going back on a pledge."""

from __future__ import annotations

import pytest

ACTORS = {
    "Israel": ("ISR", "country"),
    "Jordan": ("JOR", "country"),
    "Egypt": ("EGY", "country"),
    "Sudan": ("SDN", "country"),
    "Anna Berg": ("GRCGOV", "person"),
    "the navy": ("INDMIL", "organisation"),
    "pirates": ("SOMCRM", "organisation"),
    "the gang": ("FRACRM", "organisation"),
}


@pytest.fixture(scope="module")
def coded(events_coded):
    return lambda text: {(source, target, code) for source, target, code, _ in events_coded(text, ACTORS)}


def _codes(found: set[tuple]) -> set[str]:
    return {code for _, _, code in found}


def test_tribute_paid_to_someone_is_praise(coded):
    assert ("GRCGOV", "JOR", "051") in coded("Anna Berg paid tribute to Jordan for its response to the floods.")
    # paying money keeps the verb's own sense
    assert "051" not in _codes(coded("Israel paid compensation to Jordan."))


def test_robbing_seizes_property(coded):
    assert ("FRACRM", None, "171") in coded("Police said the gang robbed a jewellery store in Paris on Monday.")


def test_intercepting_a_vessel_restricts_its_movement(coded):
    assert ("INDMIL", "SOMCRM", "191") in coded("On Thursday the navy intercepted three boats carrying pirates.")
    # intercepted messages restrict no one's movement
    assert "191" not in _codes(coded("Israel intercepted messages from Jordan."))


def test_going_back_on_a_pledge_rejects(coded):
    assert ("EGY", None, "120") in _with_no_target(coded("Egypt went back on its pledge to Sudan."))
    assert "120" in _codes(coded("Egypt backed out of the deal with Sudan."))
    assert "120" in _codes(coded("Egypt reneged on its agreement with Sudan."))
    # backing someone is still support
    assert "050" in _codes(coded("Egypt backed Sudan in the dispute."))
    assert "120" not in _codes(coded("Egypt backed Sudan in the dispute."))


def _with_no_target(found: set[tuple]) -> set[tuple]:
    return {(source, None, code) for source, _, code in found}


def test_support_verb_nouns_of_cameo_categories(coded):
    assert ("ISR", None, "090") in coded("Israel carried out an inspection of the site on Monday.")
    assert "202" in _codes(coded("Egypt carried out a massacre of civilians from Sudan, Israel said."))
    assert "190" in _codes(coded("Israel carried out a strike on Jordan."))
    assert "190" in _codes(coded("Israel staged an ambush on troops from Jordan."))


def test_verbs_of_cameo_categories_phoenix_lacks(coded):
    assert ("ISR", None, "1712") in coded("Israel bulldozed dozens of homes near the border on Monday.")
    assert ("EGY", "ISR", "161") in coded("Egypt downgraded diplomatic relations with Israel.")
    # a downgraded rating is no downgraded relation
    assert "161" not in _codes(coded("Egypt downgraded its growth forecast for the year."))


def test_inviting_bids_asks_for_economic_cooperation(coded):
    assert ("EGY", "JOR", "0211") in coded("Egypt invited bids from Jordan for the new port.")
    # inviting a party to talks stays an invitation to meet
    assert "0211" not in _codes(coded("Egypt invited Jordan to the talks."))
