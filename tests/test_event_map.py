"""The events map on the story and dyad pages: inline SVG, no script, no CDN."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventscope.interfaces.api import create_app
from eventscope.interfaces.event_map import event_map
from sample_store import write_sample_store

TEHRAN = {"name": "Tehran", "country": "IRN", "lat": 35.69439, "lon": 51.42151, "geonames_id": 112931,
          "admin1": "IR.26", "precision": "city", "place_source": "text"}
KHARKIV = {**TEHRAN, "name": "Kharkiv", "country": "UKR", "lat": 49.98177, "lon": 36.25475, "geonames_id": 706483}


def event(event_id: str, place: dict | None) -> dict:
    return {"id": event_id, "date": "2017-07-23", "location": place, "cameo": {"code": "057"}}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path: Path = tmp_path_factory.mktemp("map") / "sample.duckdb"
    write_sample_store(path)
    return TestClient(create_app(str(path)))


def test_events_at_one_place_are_one_dot_and_the_view_holds_every_place():
    drawn = event_map([event("a", TEHRAN), event("b", TEHRAN), event("c", KHARKIV), event("d", None)],
                      lambda e: f"#event-{e['id']}")
    assert drawn.unplaced == 1
    by_name = {p.name: p for p in drawn.points}
    assert [e["href"] for e in by_name["Tehran"].events] == ["#event-a", "#event-b"]
    assert by_name["Tehran"].radius > by_name["Kharkiv"].radius
    x, y, width, height = (float(v) for v in drawn.view_box.split())
    for point in drawn.points:
        assert x < point.x < x + width and y < point.y < y + height
    names = {name for name, _ in drawn.countries}
    assert {"Iran", "Ukraine"} <= names and "Brazil" not in names  # only what the view shows


def test_story_page_maps_its_events_linking_to_them(client: TestClient):
    story = client.get("/api/stories?title=memorandum").json()["items"][0]
    page = client.get(f"/stories/{story['id']}").text
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert "<script" not in svg and "http" not in svg.replace("http://www.w3.org", "")
    links = re.findall(r'<a href="#event-([0-9a-f]+)"><circle', svg)
    assert links and set(links) <= set(story["event_ids"])
    assert "<title>Tehran (IRN): " in svg


def test_dyad_page_maps_its_events_linking_to_their_story(client: TestClient):
    page = client.get("/dyads/IRN-IRQ").text
    assert 'aria-label="Map of where the events between IRN and IRQ happened"' in page
    assert re.search(r'<a href="/stories/[0-9a-f]+#event-[0-9a-f]+"><circle', page)
    assert "No event of these has a place" in client.get("/dyads/IRN-USA").text
