"""One-line wire items through the whole pipeline: the short inputs conflict and diplomacy
analysts feed in (ACLED-style notes, agency flashes), written for these tests.

A one-liner gives little to go on: its language by byte n-grams alone is often wrong, it
names its country once, its forces by their weapons, its people by title and family name.
Each case checks the CAMEO root and the countries of source and target (None: no actor).
"""

from __future__ import annotations

import pytest

from eventscope.pipeline import Processed, Stages, process_batch
from eventscope.records import RawInput


@pytest.fixture(scope="module")
def stages(settings) -> Stages:
    return Stages.load(settings)


def coded(stages: Stages, text: str) -> set[tuple[str, str | None, str | None]]:
    """(root, source country, target country) of the asserted events of a one-line item."""
    result = process_batch([RawInput(source="wire", content=text, kind="text", meta={"published": "2024-03-20"})],
                           stages)[0]
    assert isinstance(result, Processed)
    return {
        (e.cameo.root, e.source_actor.country if e.source_actor else None, e.target_actor.country if e.target_actor else None)
        for e in result.article.events if e.modality == "asserted"
    }


@pytest.mark.parametrize("text, event", [
    # read as English though byte n-grams call it Indonesian
    ("Kenyan police shot dead two protesters in Kisumu.", ("17", "KEN", "KEN")),
    ("Nigeria deported 30 Chinese nationals for illegal mining.", ("17", "NGA", None)),
    # a bare role takes the country of the one place the item names
    ("Police arrested two men in Kharkiv on Monday.", ("17", "UKR", "UKR")),
    ("Soldiers killed three militants near Mosul.", ("19", "IRQ", "IRQ")),
    ("Armed men abducted a priest in Anambra state on Sunday.", ("18", "NGA", "NGA")),
    # a country's weapons stand for its forces; a weapon is the means, its aim the phrase after it
    ("Ukrainian drones struck an oil depot in Russia's Bryansk region.", ("19", "UKR", "RUS")),
    ("Houthi rebels fired a missile at a commercial ship in the Red Sea.", ("19", "YEM", None)),
    # strikes, exchanges of fire and crowd control told by light verbs
    ("India and Pakistan exchanged fire along the Line of Control.", ("19", "IND", "PAK")),
    ("Security forces used tear gas to disperse demonstrators in Khartoum.", ("17", "SDN", "SDN")),
    ("Thousands of teachers went on strike in Nairobi demanding higher pay.", ("14", "KEN", None)),
    # a title and a family name: the one known holder of that office at the date
    ("Prime Minister Modi criticised Pakistan on Friday.", ("11", "IND", "PAK")),
    ("President Xi criticised Japan on Monday.", ("11", "CHN", "JPN")),
])
def test_a_wire_item_codes_its_event_with_its_actors_countries(stages, text, event):
    assert event in coded(stages, text)


def test_a_named_country_is_not_where_an_unknown_titled_person_is_from(stages):
    assert ("11", None, "JPN") in coded(stages, "President Zorvath criticised Japan on Monday.")
