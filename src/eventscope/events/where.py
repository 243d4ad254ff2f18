"""Where events happened, on the map: each event's place (from its own clause, see
`arguments.location`) looked up in the gazetteer, and the article's dateline for an event
whose clause names no place.

Among same-named places the gazetteer prefers the country the text gives the place (the
actor it resolved to), then the countries the article's actors belong to. A place the
gazetteer does not know keeps its name, at its country's point when the text gives one,
else without coordinates.
"""

from __future__ import annotations

import dataclasses

from eventscope.common.places import Gazetteer, Place
from eventscope.events.arguments import PlaceGazetteer
from eventscope.records import Article, Event, Location


def place_events(events: list[Event], article: Article, gazetteer: PlaceGazetteer | None) -> list[Event]:
    """The events with their locations geocoded (`place_source` "text"), and the
    dateline's place (`place_source` "dateline") for those whose clause names none."""
    if gazetteer is None or gazetteer.places is None:
        return events
    places = gazetteer.places
    context = frozenset(m.actor.country for m in article.mentions if m.actor.country)
    dateline = None
    if article.dateline:
        found = places.lookup(article.dateline, None, context)
        if found is not None:
            dateline = _geocoded(Location(article.dateline, found.country), found, places, "dateline")
    for event in events:
        if event.location is not None:
            event.location = _geocoded(event.location, places.lookup(event.location.name, event.location.country,
                                                                        context), places, "text")
        elif dateline is not None:
            event.location = dataclasses.replace(dateline)
    return events


def _geocoded(location: Location, place: Place | None, places: Gazetteer, source: str) -> Location:
    """The location with the place's coordinates; a place the gazetteer does not know in
    the country the text gives ("the Mosul Dam", "the Islamic Republic") is put at that
    country's point, with `precision` "country"."""
    if location.country is not None and (place is None or place.country != location.country):
        place = places.country(location.country)
    if place is None:
        return dataclasses.replace(location, place_source=source)
    return dataclasses.replace(
        location,
        country=location.country or place.country,
        lat=place.lat,
        lon=place.lon,
        geonames_id=place.geonames_id,
        admin1=place.admin1,
        precision=place.precision,
        place_source=source,
    )
