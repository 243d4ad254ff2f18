"""The events map of the story and dyad pages: an inline SVG, drawn on the server with
no script and no CDN. Country outlines are Natural Earth's (`common.world`) in an
equirectangular projection; each place events happened at is a dot sized by how many
events it holds, whose tooltip names them and links to them.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from eventscope.common.world import load_world

SCALE = 2.0  # SVG units per degree: the world is 720 x 360
PAD_DEGREES = 8.0  # room around the events' places
MIN_SPAN_DEGREES = 60.0  # a view never narrower than this, however close the places
MAX_LINKS = 12  # events a tooltip lists before "and N more"


def _xy(lon: float, lat: float) -> tuple[float, float]:
    return (lon + 180) * SCALE, (90 - lat) * SCALE


@functools.cache
def country_paths() -> tuple[tuple[str, str, tuple[float, float, float, float]], ...]:
    """(name, SVG path, (x0, y0, x1, y1) bounds) of every country, projected once."""
    paths = []
    for country in load_world().values():
        rings, xs, ys = [], [], []
        for polygon in country.polygons:
            for ring in polygon:
                points = [_xy(lon, lat) for lon, lat in ring]
                xs += [x for x, _ in points]
                ys += [y for _, y in points]
                rings.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
        paths.append((country.name, "".join(rings), (min(xs), min(ys), max(xs), max(ys))))
    return tuple(paths)


def _countries_in(box: tuple[float, float, float, float]) -> tuple[tuple[str, str], ...]:
    """The countries whose outline reaches into the box (x, y, width, height)."""
    x, y, width, height = box
    return tuple(
        (name, path) for name, path, (x0, y0, x1, y1) in country_paths()
        if x0 <= x + width and x <= x1 and y0 <= y + height and y <= y1
    )


@dataclass
class MapPoint:
    """One place on the map and the events that happened there."""

    name: str
    country: str | None
    precision: str | None
    x: float
    y: float
    events: list[dict[str, Any]] = field(default_factory=list)

    radius: float = 0.0  # in the map's units, set once the map's extent is known


@dataclass
class EventMap:
    view_box: str
    countries: tuple[tuple[str, str], ...]
    points: list[MapPoint]
    unplaced: int  # events without coordinates


def event_map(events: Iterable[dict[str, Any]], link: Callable[[dict[str, Any]], str]) -> EventMap:
    """The map of event records (contract shape); `link` gives each event's URL."""
    points: dict[tuple[float, float], MapPoint] = {}
    unplaced = 0
    for event in events:
        place = event.get("location") or {}
        if place.get("lat") is None or place.get("lon") is None:
            unplaced += 1
            continue
        key = (place["lat"], place["lon"])
        if key not in points:
            x, y = _xy(place["lon"], place["lat"])
            points[key] = MapPoint(place["name"], place.get("country"), place.get("precision"), round(x, 1),
                                   round(y, 1))
        points[key].events.append({**event, "href": link(event)})
    for point in points.values():
        point.events.sort(key=lambda e: (e.get("date") or "", e["id"]))
    box = _view_box(list(points))
    # A dot keeps its size on screen however far the map zooms in.
    zoom = box[2] / (360 * SCALE)
    for point in points.values():
        point.radius = round((2.5 + 1.5 * math.sqrt(len(point.events))) * zoom, 2)
    return EventMap(" ".join(f"{v:.1f}" for v in box), _countries_in(box), list(points.values()), unplaced)


def _view_box(places: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """The part of the world that holds every place, with room around it (the world's
    inhabited latitudes when there is none)."""
    if not places:
        west, east, north, south = -180.0, 180.0, 84.0, -58.0
    else:
        lats, lons = [lat for lat, _ in places], [lon for _, lon in places]
        west, east = min(lons) - PAD_DEGREES, max(lons) + PAD_DEGREES
        south, north = min(lats) - PAD_DEGREES, max(lats) + PAD_DEGREES
        widen = max(0.0, MIN_SPAN_DEGREES - (east - west)) / 2
        west, east = max(-180.0, west - widen), min(180.0, east + widen)
        tall = max(0.0, MIN_SPAN_DEGREES / 2 - (north - south)) / 2
        south, north = max(-90.0, south - tall), min(90.0, north + tall)
    x0, y0 = _xy(west, north)
    x1, y1 = _xy(east, south)
    return x0, y0, x1 - x0, y1 - y0
