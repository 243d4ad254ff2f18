"""Disapproval and its neighbours (CAMEO 11, 12): disapproval received (events.reception),
one judgement per speech verb, and the verb senses of data/cameo/verbs_extra.txt."""

from __future__ import annotations

import pytest

ACTORS = {
    "Turkey": ("TUR", "country"),
    "Greece": ("GRC", "country"),
    "European Union": ("IGOEUREEC", "igo"),
    "Labour Party": ("GBRPTY", "organisation"),
    "Conservative Party": ("GBROPP", "organisation"),
    "Anna Berg": ("GRCGOV", "person"),
}


@pytest.fixture(scope="module")
def coded(events_coded):
    """(source, target, code, rule) of the events coded in a text whose actors are the names
    above (every candidate kept)."""
    return lambda text: events_coded(text, ACTORS)


def _codes(found: set[tuple]) -> set[tuple[str | None, str | None, str]]:
    return {(source, target, code) for source, target, code, _ in found}


def test_disapproval_received_is_the_act_of_whoever_it_comes_from(coded):
    assert _codes(coded("Turkey faced strong criticism from the European Union.")) == {("IGOEUREEC", "TUR", "111")}
    assert _codes(coded("Turkey's decision drew condemnation from Greece.")) == {("GRC", "TUR", "111")}
    assert _codes(coded("Anna Berg met with opposition from the Conservative Party.")) == {("GBROPP", "GRCGOV", "110")}


def test_disapproval_received_from_no_one_named_or_denied_codes_nothing(coded):
    # "met" alone would be a meeting (040), "faced" a confrontation
    assert coded("Anna Berg met with criticism over school closures.") == set()
    assert coded("Turkey did not face criticism from the European Union.") == set()
    # a receiving verb with a noun that is no disapproval keeps its own reading
    assert all(rule.startswith("RECEIVED") is False for *_, rule in coded("Turkey received aid from Greece."))


def test_a_speech_verb_that_judges_tells_one_judgement(coded):
    found = coded('The Conservative Party dismissed the Labour Party\'s plan as "desperate".')
    assert _codes(found) == {("GBROPP", "GBRPTY", "111")}  # not also "dismissed" as 110
    # the verb's own, more specific code of the same root stays
    found = coded('The Conservative Party accused the Labour Party of being "incompetent".')
    assert _codes(found) == {("GBROPP", "GBRPTY", "112")}


def test_opposing_a_plan_disapproves_of_it_and_rejecting_a_peace_plan_rejects_it(coded):
    assert _codes(coded("The Conservative Party opposed the Labour Party's plan to raise taxes.")) == {
        ("GBROPP", "GBRPTY", "110")}
    assert _codes(coded("The Conservative Party objected to the Labour Party's plans.")) == {("GBROPP", "GBRPTY", "110")}
    assert {c for _, _, c in _codes(coded("Turkey rejected the peace plan proposed by Greece."))} >= {"120"}


def test_arguing_disapproves_only_against_or_with_someone(coded):
    assert coded("The Conservative Party argues the situation is still unclear.") == set()
    assert _codes(coded("The Conservative Party argued against the Labour Party's plans.")) == {
        ("GBROPP", "GBRPTY", "110")}


def test_news_verbs_of_criticism_but_not_their_physical_sense(coded):
    assert _codes(coded("The Conservative Party slammed the Labour Party's decision.")) == {("GBROPP", "GBRPTY", "111")}
    assert coded("A car slammed into the wall of the embassy of Greece.") == set()


def test_legal_action_is_a_lawsuit_and_a_vote_against_a_rejection(coded):
    assert _codes(coded("Greece has taken legal action against Turkey.")) == {("GRC", "TUR", "115")}
    assert _codes(coded("Greece began legal proceedings against Turkey.")) == {("GRC", "TUR", "115")}
    assert {c for _, _, c in _codes(coded("The Conservative Party voted against the bill."))} == {"120"}
    assert coded("The shooting claimed the lives of two men.") == set()


def test_a_judgement_the_parse_strands_after_its_copula_and_an_ill_compound(coded):
    # the parse hangs "ill-timed" on "data"; after "was" it is what the move is said to be
    found = coded("The Conservative Party said Anna Berg's move was ill-timed given data showing the economy shrank.")
    assert ("GBROPP", "GRCGOV", "111") in _codes(found)
    assert not any(rule.startswith("SPEECH") for *_, rule in coded("The Conservative Party said Anna Berg was ill."))


def test_a_thing_of_no_one_judged_as_it_would_be_is_a_forecast(coded):
    assert not any(rule.startswith("SPEECH") for *_, rule in coded('Anna Berg said a delay would be "disastrous".'))
    assert ("GRCGOV", "GBROPP", "111") in _codes(coded("Anna Berg said the Conservative Party's plan would be disastrous."))
    assert ("GRCGOV", None, "111") in _codes(coded("Anna Berg said the delay was disastrous."))


def test_shunning_rebuffing_or_resisting_calls_and_pressure_rejects_them(coded):
    assert _codes(coded("Anna Berg shunned the Conservative Party's calls for free long-term care.")) == {
        ("GRCGOV", "GBROPP", "120")}
    assert _codes(coded("Greece has resisted pressure from Turkey.")) == {("GRC", "TUR", "120")}
    assert _codes(coded("Greece rebuffed calls from Turkey to change the law.")) == {("GRC", "TUR", "120")}


def test_opposition_expressed_is_disapproval_but_not_an_opponent_who_speaks(coded):
    assert {c for _, _, c in _codes(coded("Greece expressed opposition to the plan."))} == {"110"}
    assert coded("A concern had been expressed by some opposition lawmakers.") == set()
