"""A phrasal verb's pattern ("FIRE * OFF", "CALL * OFF") matches the verb's particle, not a
preposition heading a place: through the whole pipeline on sentences written for the test,
every candidate kept."""

from __future__ import annotations

import pytest

from eventscope.pipeline import Processed, Stages, process_batch
from eventscope.records import Event, RawInput


@pytest.fixture(scope="module")
def stages(settings) -> Stages:
    return Stages.load(settings.with_overrides({"events.keep_all_candidates": True}))


def events(stages: Stages, text: str) -> list[Event]:
    result = process_batch([RawInput(source="particles", content=text, kind="text", meta={"published": "2016-03-10"})],
                           stages)[0]
    assert isinstance(result, Processed)
    return result.article.events


def test_a_preposition_with_its_own_place_is_no_particle(stages):
    found = events(stages, "North Korea fired two short-range missiles into the sea off its east coast on Thursday.")
    assert not [e for e in found if e.cameo.root == "11"]  # not "fired off" a verbal broadside


def test_a_particle_still_matches_its_pattern(stages):
    found = events(stages, "Kenya called off the border talks with Somalia on Thursday.")
    assert [(e.cameo.root, e.source_actor and e.source_actor.code, e.target_actor and e.target_actor.code)
            for e in found] == [("16", "KEN", "SOM")]
