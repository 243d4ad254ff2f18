"""Coverage-guided fuzzing of the HTTP API's paths and parameters.

    .venv/bin/python fuzz/fuzz_api.py -max_total_time=120 -timeout=10

A small database with one article is built in a temporary folder; each input picks a
route and fills its path and query string. Any answer of 500 or more is a crash.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import atheris

with atheris.instrument_imports(include=["eventscope"]):
    from eventscope.api import create_app
    from eventscope.records import Actor, Article, Cameo, Event, Mention, Plover
    from eventscope.store import open_store

from fastapi.testclient import TestClient

TEXT = (
    "Iran's defence minister met his Iraqi counterpart in Tehran on Sunday, and the two "
    "signed a memorandum of understanding on military cooperation, state media reported. "
) * 3
ROUTES = [
    "/api/articles", "/api/articles/{}", "/api/events", "/api/events/{}", "/api/stories",
    "/api/stories/{}", "/api/actors", "/api/actors/{}", "/api/agreements", "/api/agreements/{}",
    "/api/dyads/{}/{}", "/", "/stories/{}", "/actors/{}", "/dyads", "/dyads/{}",
]


def build_client() -> TestClient:
    db = Path(tempfile.mkdtemp(prefix="eventscope-fuzz-")) / "api.duckdb"
    article = Article("a1", "fuzz.txt", "Title", "Outlet", None, dt.date(2019, 6, 30), TEXT, "en")
    iran = Actor("IRN", "Iran", "IRN", "IRN", None, ["Iran"], "country")
    article.mentions.append(Mention(0, 0, 4, "Iran", iran))
    article.events.append(Event(
        "e1", "a1", 0, TEXT[:100], (0, 100), dt.date(2019, 6, 30), iran.ref(), None,
        Cameo("057", "05", 1, 8.0), Plover("AGREE"),
    ))
    with open_store(db) as store:
        store.write_article(article)
    return TestClient(create_app(str(db)), raise_server_exceptions=False)


CLIENT = build_client()


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    route = ROUTES[provider.ConsumeIntInRange(0, len(ROUTES) - 1)]
    while "{}" in route:
        route = route.replace("{}", quote(provider.ConsumeUnicodeNoSurrogates(40) or "x", safe=""), 1)
    query = provider.ConsumeUnicodeNoSurrogates(provider.remaining_bytes())
    response = CLIENT.get(f"{route}?{quote(query, safe='=&')}")
    if response.status_code >= 500:
        raise AssertionError(f"{response.status_code} for {route}?{query!r}: {response.text[:300]}")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
