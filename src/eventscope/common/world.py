"""World outlines: Natural Earth's 1:110m country boundaries, as the `world-atlas` npm
package (2.0.2, ISC; the data are public domain) ships them in TopoJSON, vendored in
`data/world/`. They give the web page's map its countries and the gazetteer a point for
a place known only by its country (the centroid of the country's largest polygon).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise

Ring = list[tuple[float, float]]  # (lon, lat) pairs, closed


@dataclass(frozen=True, slots=True)
class Country:
    """One country's outline: `numeric` is its ISO 3166 numeric code ("364" for Iran)."""

    numeric: str
    name: str
    polygons: tuple[tuple[Ring, ...], ...]  # each polygon: its outer ring, then its holes

    def centroid(self) -> tuple[float, float]:
        """(lat, lon) of the centroid of the largest polygon's outer ring."""
        ring = max((polygon[0] for polygon in self.polygons), key=lambda r: abs(_area(r)))
        if max(x for x, _ in ring) - min(x for x, _ in ring) > 180:
            # Natural Earth cuts a ring at the antimeridian (Russia, Fiji): join it back up.
            ring = [(x + 360 if x < 0 else x, y) for x, y in ring]
        area = _area(ring)
        if area == 0:
            lon, lat = ring[0]
            return lat, lon
        cx = cy = 0.0
        for (x0, y0), (x1, y1) in pairwise(ring):
            cross = x0 * y1 - x1 * y0
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        lon = cx / (6 * area)
        return cy / (6 * area), lon - 360 if lon > 180 else lon


def _area(ring: Ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring)) / 2


@functools.cache
def load_world() -> Mapping[str, Country]:
    """The countries of the vendored TopoJSON by ISO numeric code (loaded once)."""
    topology = json.loads(resources.files("eventscope.data").joinpath("world/countries-110m.json").read_text("utf-8"))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indices: list[int]) -> Ring:
        points: Ring = []
        for index in indices:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)
        return points

    countries = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        if "id" not in geometry:
            continue
        shapes = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        polygons = tuple(tuple(ring(r) for r in shape) for shape in shapes)
        countries[geometry["id"]] = Country(geometry["id"], geometry["properties"]["name"], polygons)
    return countries
