"""Opening a store: a DuckDB file by default, PostgreSQL for a `postgresql://` URL."""

from __future__ import annotations

from pathlib import Path

from eventscope.errors import StoreError
from eventscope.store.base import Store
from eventscope.store.postgres import open_postgres

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(location: str | Path) -> bool:
    return str(location).startswith(POSTGRES_SCHEMES)


def open_for_reading(location: str | Path) -> Store:
    """Open a database to read beside a running job or server.

    A DuckDB file opens read-only (a writer may hold it); a PostgreSQL database has no
    such mode and is brought up to date like any other connection.
    """
    return open_store(location, read_only=not is_postgres_url(location))


def open_store(location: str | Path, read_only: bool = False) -> Store:
    """Open (creating and migrating if needed) the database at a path or `postgresql://` URL."""
    location = str(location)
    if is_postgres_url(location):
        store = open_postgres(location)
    else:
        store = _open_duckdb(location, read_only)
    if not read_only:
        store.migrate()
    return store


def _open_duckdb(path: str, read_only: bool) -> Store:
    import duckdb

    if read_only and not Path(path).exists():
        raise StoreError(f"{path}: no such database")
    if Path(path).is_dir():
        raise StoreError(f"{path}: is a directory, not a database file")
    try:
        connection = duckdb.connect(path, read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreError(f"{path}: database is in use by another eventscope process") from exc
        raise StoreError(f"{path}: cannot open database: {exc}") from exc
    except duckdb.Error as exc:
        raise StoreError(f"{path}: not an eventscope database ({exc})") from exc
    return Store(connection, path)
