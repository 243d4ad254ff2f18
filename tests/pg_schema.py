"""A private, throwaway PostgreSQL schema per test, on the server EVENTSCOPE_TEST_PG names.

`.ci/run` (and `make test-postgres`) start a server with scripts/pg_test_server.sh and set it.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator

import pytest

PG_URL = os.environ.get("EVENTSCOPE_TEST_PG")
NEEDS_PG = pytest.mark.skipif(
    not PG_URL, reason="EVENTSCOPE_TEST_PG is not set (scripts/pg_test_server.sh start gives one)"
)


@contextlib.contextmanager
def postgres_schema(prefix: str = "test") -> Iterator[str]:
    """A URL whose connections see only a fresh schema, dropped afterwards."""
    import psycopg

    assert PG_URL
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            joiner = "&" if "?" in PG_URL else "?"
            yield f"{PG_URL}{joiner}options=-csearch_path%3D{schema}"
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")
