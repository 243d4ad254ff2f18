"""PostgreSQL as the eventscope store, chosen by a `postgresql://` URL in `--db`.

The schema, the SQL and the record shapes are those of the DuckDB store (`base.py`);
only the connection differs. Unlike DuckDB, PostgreSQL lets several processes write
at once, so every write transaction first takes one transaction-scoped advisory
lock: concurrent runs on the same database wait for each other article by
article instead of racing on the same content-hashed ids.

PostgreSQL text cannot hold NUL characters, which DuckDB stores as they are. Rather
than let one such article abort a whole run, NUL is written as U+FFFD (the
replacement character): one character for one, so spans still index the text.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from eventscope.errors import StoreError
from eventscope.store.base import PARAMETERS_PER_STATEMENT, Store
from eventscope.store.schema import MIGRATIONS
from eventscope.streams import batched

log = logging.getLogger(__name__)

# Any fixed 64-bit number works; this one is "evntscop" read as ASCII bytes.
WRITER_LOCK_KEY = int.from_bytes(b"evntscop", "big") & 0x7FFF_FFFF_FFFF_FFFF
CONNECT_TIMEOUT_SECONDS = 10
NUL_REPLACEMENT = "\ufffd"


def redact(url: str) -> str:
    """The URL without its password (in the authority or as `?password=`), fit for messages.

    Raises `StoreError` for text that is not URL-shaped, without repeating it.
    """
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if parts.password is not None:
            user, _, host = netloc.rpartition("@")
            netloc = f"{user.partition(':')[0]}:***@{host}"
        query = [(k, "***" if k == "password" else v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
        return urlunsplit(parts._replace(netloc=netloc, query=urlencode(query, safe="*")))
    except ValueError as exc:
        raise StoreError("postgresql://…: not a valid PostgreSQL URL") from exc


def _secrets(url: str) -> list[str]:
    parts = urlsplit(url)
    found = [v for k, v in parse_qsl(parts.query) if k == "password" and v]
    return found + ([parts.password] if parts.password else [])


@functools.cache
def _nul_safe_str_dumper() -> type:
    """A psycopg text dumper that writes NUL as U+FFFD, keeping every offset."""
    from psycopg.types.string import StrDumperUnknown

    class NulSafeStrDumper(StrDumperUnknown):
        def dump(self, obj: str) -> Any:
            return super().dump(obj.replace("\x00", NUL_REPLACEMENT))

    return NulSafeStrDumper


class PostgresStore(Store):
    """A `Store` over a psycopg 3 connection in autocommit mode.

    Autocommit lets `Store.transaction` issue BEGIN/COMMIT itself, exactly as on DuckDB.
    """

    engine = "postgres"
    placeholder = "%s"

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside happen, or none do; one writer at a time per database."""
        if self._in_transaction:
            yield
            return
        with super().transaction():
            self.execute("SELECT pg_advisory_xact_lock(?)", [WRITER_LOCK_KEY])
            yield

    def _insert_rows(self, table: str, rows: list[list[Any]]) -> None:
        """Many rows in few statements of VALUES lists (a statement per row is far slower)."""
        if not rows:
            return
        marks = "(" + ", ".join(["?"] * len(rows[0])) + ")"
        for chunk in batched(rows, max(1, PARAMETERS_PER_STATEMENT // len(rows[0]))):
            self.execute(
                f"INSERT INTO {table} VALUES " + ", ".join([marks] * len(chunk)),
                [value for row in chunk for value in row],
            )

    def migrate(self) -> None:
        """Create or upgrade the schema under the writer lock, so two first runs cannot race.

        An up-to-date database is left alone without waiting for the lock, so readers
        (the API opens the store per request) never queue behind a run's writes.
        """
        if self._up_to_date():
            return
        with self.transaction():
            super().migrate()

    def _up_to_date(self) -> bool:
        if self.query("SELECT to_regclass('schema_migrations')")[0][0] is None:
            return False
        return self.schema_version >= MIGRATIONS[-1][0]


def open_postgres(url: str) -> Store:
    """Connect to the PostgreSQL database at `url`; the caller migrates it."""
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError(
            "a postgresql:// database needs psycopg: pip install 'eventscope[postgres]'"
        ) from exc
    location = redact(url)
    try:
        connection: Any = psycopg.connect(
            url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS,
            application_name="eventscope",
        )
    except psycopg.Error as exc:
        reason = _first_line(exc)
        for secret in _secrets(url):
            reason = reason.replace(secret, "***")
        raise StoreError(f"{location}: cannot connect: {reason}") from exc
    connection.adapters.register_dumper(str, _nul_safe_str_dumper())
    log.debug("connected to %s", location)
    return PostgresStore(connection, location)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
