"""Coverage-guided fuzzing of the HTTP API's paths and parameters.

    .venv/bin/python fuzz/fuzz_api.py -max_total_time=120 -timeout=10

The API tests' small hand-built database (tests/sample_store.py) is written to a temporary folder; each input picks a
route and fills its path and query string. Any answer of 500 or more is a crash.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

with atheris.instrument_imports(include=["eventscope"]):
    from eventscope.interfaces.api import create_app
    from sample_store import write_sample_store

from fastapi.testclient import TestClient

ROUTES = [
    "/api/articles", "/api/articles/{}", "/api/events", "/api/events/{}", "/api/stories",
    "/api/stories/{}", "/api/actors", "/api/actors/{}", "/api/agreements", "/api/agreements/{}",
    "/api/dyads/{}/{}", "/", "/stories/{}", "/actors/{}", "/dyads", "/dyads/{}",
]


def build_client() -> TestClient:
    """A test client over the API tests' small hand-built database, in a temporary folder."""
    db = Path(tempfile.mkdtemp(prefix="eventscope-fuzz-")) / "api.duckdb"
    write_sample_store(db)
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
