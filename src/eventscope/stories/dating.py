"""Story-level dating and placing: a report that tells a happening without a date it can resolve
(no publication date, "on Sunday", "Today") takes the date that the other reports of
the same story give the same happening.

The same happening is the same act (CAMEO code) between the same pair of countries told
with the same modality elsewhere in the story; only dates the text gave (`date_source`
"text") are lent, never a publication-day fallback or another loan. An undated event
takes such a date from another article; an event dated only by its report's publication
day takes a day the story's text gives it in the fortnight before that day ("signed on
July 23" ... a week later "the ministers signed a memorandum"). When reports disagree,
the date most of them give wins (the earliest on a tie).

Places are lent alike: an event whose clause names no place (or only the dateline's)
takes the place with coordinates that another article's text gives the same happening.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from eventscope.common.dates import ANCHOR_DAYS
from eventscope.records import Location


@dataclass(frozen=True, slots=True)
class StoryEvent:
    """What story dating needs of a stored event."""

    id: str
    story_id: str
    article_id: str
    date: dt.date | None
    precision: str | None
    source: str | None
    code: str
    modality: str
    countries: frozenset[str]
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class StoryDate:
    """A date lent to an event by its story."""

    event_id: str
    date: dt.date
    precision: str


def _happening(event: StoryEvent) -> tuple[str, str, str, frozenset[str]]:
    return (event.story_id, event.code, event.modality, event.countries)


def _may_lend(donor: StoryEvent, event: StoryEvent) -> bool:
    if event.date is None or event.source == "story":
        return donor.article_id != event.article_id
    return donor.date is not None and donor.precision == "day" and 0 < (event.date - donor.date).days <= ANCHOR_DAYS


def story_dates(events: list[StoryEvent]) -> list[StoryDate]:
    """The dates the story lends to its undated events (see the module doc); events
    already dated by their own article are left as they are."""
    told: dict[tuple, list[StoryEvent]] = defaultdict(list)
    for event in events:
        if event.source == "text" and event.date is not None and event.countries:
            told[_happening(event)].append(event)
    lent = []
    for event in events:
        if event.source not in (None, "story", "publication") or not event.countries:
            continue
        donors = [d for d in told.get(_happening(event), []) if _may_lend(d, event)]
        if not donors:
            continue
        votes = Counter((d.date, d.precision or "day") for d in donors if d.date is not None)
        (date, precision), _ = min(votes.items(), key=lambda item: (-item[1], item[0][0]))
        lent.append(StoryDate(event.id, date, precision))
    return lent


@dataclass(frozen=True, slots=True)
class StoryPlace:
    """A place lent to an event by its story (`place_source` "story")."""

    event_id: str
    location: Location


def story_places(events: list[StoryEvent]) -> list[StoryPlace]:
    """The places the story lends its events that name none (see the module doc)."""
    told: dict[tuple, list[StoryEvent]] = defaultdict(list)
    for event in events:
        place = event.location
        if place is not None and place.place_source == "text" and place.lat is not None and event.countries:
            told[_happening(event)].append(event)
    lent = []
    for event in events:
        if not event.countries or (event.location is not None and event.location.place_source not in ("dateline", "story")):
            continue
        donors = [d.location for d in told.get(_happening(event), []) if d.article_id != event.article_id]
        if not donors:
            continue
        votes = Counter((p.name, p.geonames_id) for p in donors if p is not None)
        best = min(votes, key=lambda key: (-votes[key], key[0]))
        place = next(p for p in donors if p is not None and (p.name, p.geonames_id) == best)
        lent.append(StoryPlace(event.id, dataclasses.replace(place, place_source="story")))
    return lent
