"""Event places: from the event's own clause, geocoded offline, the dateline as a fallback,
and a story's other reports for a report that names none."""

from __future__ import annotations

import datetime as dt

import pytest

from eventscope.common.places import load_gazetteer
from eventscope.common.world import load_world
from eventscope.pipeline.stages import Stages, process_batch
from eventscope.records import Event, RawInput

KHARKIV_ITEM = "Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, killing three civilians, officials said."


@pytest.fixture(scope="module")
def stages(settings) -> Stages:
    return Stages.load(settings)


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def events_of(stages: Stages, text: str, published: dt.date = dt.date(2024, 3, 5)) -> list[Event]:
    (processed,) = process_batch([RawInput("test.txt", text, "text", {"published": published.isoformat()})], stages)
    return processed.article.events


def by_trigger(events: list[Event], trigger: str) -> Event:
    return next(e for e in events if e.trigger == trigger)


def test_kharkiv_wire_item_is_placed_in_kharkiv_with_coordinates(stages):
    for trigger in ("shelled", "killing"):
        place = by_trigger(events_of(stages, KHARKIV_ITEM), trigger).location
        assert place is not None and (place.name, place.country, place.precision) == ("Kharkiv", "UKR", "city")
        assert place.geonames_id == 706483 and place.place_source == "text"
        assert abs(place.lat - 49.98) < 0.05 and abs(place.lon - 36.25) < 0.05


def test_a_place_discussed_in_a_clause_of_its_own_is_not_where_a_meeting_was(stages):
    met = by_trigger(events_of(stages, "Merkel met Abbas in Berlin on Monday to discuss the situation in Gaza."), "met")
    assert met.location is not None and (met.location.name, met.location.country) == ("Berlin", "DEU")
    signed = by_trigger(events_of(stages, "Iran and Iraq signed an accord on Sunday, an accord which is likely to"
                                          " raise concerns in Washington."), "signed")
    assert signed.location is None


def test_a_coordinated_verb_shares_its_first_conjuncts_place(stages):
    text = "Iraq's defence minister met his Iranian counterpart in Tehran and signed a memorandum of understanding."
    signed = by_trigger(events_of(stages, text), "signed")
    assert signed.location is not None and signed.location.name == "Tehran" and signed.location.lat is not None


def test_the_dateline_places_an_event_whose_clause_names_no_place(stages):
    condemned = by_trigger(events_of(stages, "TEHRAN (Reuters) - Iran condemned Israel on Monday, the foreign"
                                             " ministry said."), "condemned")
    place = condemned.location
    assert place is not None and (place.name, place.country, place.place_source) == ("Tehran", "IRN", "dateline")
    assert place.geonames_id == 112931


def test_same_named_places_are_chosen_by_the_texts_country_then_population(gazetteer):
    assert gazetteer.lookup("Paris").country == "FRA"
    assert gazetteer.lookup("Paris", context={"USA"}).country == "FRA"  # a small namesake never wins
    assert gazetteer.lookup("Paris", country="USA").country == "USA"
    assert gazetteer.lookup("Tripoli").country == "LBY"
    assert gazetteer.lookup("Tripoli", context={"LBN"}).country == "LBN"
    assert gazetteer.lookup("Kiev").name == "Kyiv"  # alternate names


def test_a_country_is_placed_at_its_centroid(gazetteer):
    iraq = gazetteer.lookup("Iraq")
    assert (iraq.precision, iraq.country) == ("country", "IRQ")
    assert 29 < iraq.lat < 37 and 39 < iraq.lon < 48
    russia = gazetteer.country("RUS")
    assert 50 < russia.lat < 70 and 60 < russia.lon < 130  # its outline crosses the antimeridian


def test_world_outlines_hold_every_country_of_the_seeds():
    world = load_world()
    assert {"364", "368", "840", "804"} <= set(world)  # Iran, Iraq, United States, Ukraine


def test_every_seed_signing_is_placed_in_tehran(tmp_path_factory, seeds_dir, settings):
    import eventscope

    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    with eventscope.open_store(str(db)) as store:
        eventscope.run([seeds_dir], store, settings.with_overrides({"run.workers": 1}))
        events = list(store.iter_records("events"))
    signings = [
        e for e in events
        if e["cameo"]["code"] == "057"
        and {(e["source_actor"] or {}).get("country"), (e["target_actor"] or {}).get("country")} == {"IRN", "IRQ"}
    ]
    assert len({e["article_id"] for e in signings}) == 3
    assert {e["location"]["name"] for e in signings} == {"Tehran"}
    assert {e["location"]["geonames_id"] for e in signings} == {112931}
    assert {e["location"]["place_source"] for e in signings} == {"text", "story"}
