"""Whom an act is against when only an "anti-" word says so, through the whole pipeline on
sentences written for these tests: the stem names the state, a country or someone named
before, and that party is the target, never an actor of the act."""

from __future__ import annotations

import pytest

from eventscope.pipeline import Processed, Stages, process_batch
from eventscope.records import Event, RawInput


@pytest.fixture(scope="module")
def stages(settings) -> Stages:
    return Stages.load(settings)


def events(stages: Stages, text: str) -> list[Event]:
    result = process_batch([RawInput(source="opposed", content=text, kind="text", meta={"published": "2019-06-20"})],
                           stages)[0]
    assert isinstance(result, Processed)
    return [e for e in result.article.events if e.modality == "asserted"]


def codes(found: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {(e.cameo.root, e.source_actor.code if e.source_actor else None,
             e.target_actor.code if e.target_actor else None) for e in found}


def test_an_anti_government_crowd_protests_against_its_own_government(stages):
    found = events(stages, "Thousands of anti-government protesters rallied in Bangkok on Sunday.")
    assert codes(found) == {("14", "THACVL", "THAGOV")}
    target = found[0].target_actor
    assert target is not None and target.name == "Thailand government"


def test_a_demonym_after_anti_names_the_country(stages):
    assert codes(events(stages, "Pakistani students held anti-American protests in Lahore on Friday.")) == {
        ("14", "PAKEDU", "USA")}


def test_a_name_after_anti_is_the_person_named_before(stages):
    found = events(stages, "Donald Trump visited Ohio on Monday. A Canadian journalist expressed anti-Trump "
                           "sentiment on Twitter.")
    assert ("11", "CANMED", "USAGOV") in codes(found)


def test_a_stem_naming_no_party_gives_no_target(stages):
    assert codes(events(stages, "Thousands of anti-war protesters rallied in Bangkok on Sunday.")) == {
        ("14", "THACVL", None)}
