"""The tables, and the migrations that create and upgrade them.

Each migration is applied once, in order, in its own transaction, and recorded in
`schema_migrations`, so any older database is brought up to date on opening. Lists
and nested values are stored as JSON text, which keeps one schema for both engines.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eventscope.store.base import Store

log = logging.getLogger(__name__)

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (
        1,
        "initial schema",
        [
            """CREATE TABLE articles (
                id TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT, outlet TEXT, author TEXT,
                published DATE, text TEXT NOT NULL, language TEXT, story_id TEXT,
                duplicate_of TEXT, story_item TEXT, pending BOOLEAN NOT NULL,
                ingested_at TIMESTAMP NOT NULL)""",
            """CREATE TABLE actors (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, code TEXT, country TEXT, sector TEXT,
                kind TEXT, aliases TEXT NOT NULL, roles TEXT NOT NULL)""",
            """CREATE TABLE mentions (
                article_id TEXT NOT NULL, sentence INTEGER NOT NULL, span_start INTEGER NOT NULL,
                span_end INTEGER NOT NULL, text TEXT NOT NULL, actor_id TEXT NOT NULL,
                role TEXT, rule TEXT, PRIMARY KEY (article_id, span_start, span_end))""",
            """CREATE TABLE events (
                id TEXT PRIMARY KEY, article_id TEXT NOT NULL, story_id TEXT,
                sentence_index INTEGER NOT NULL, sentence TEXT NOT NULL,
                span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, date DATE,
                source_id TEXT, target_id TEXT, cameo_code TEXT NOT NULL, cameo_root TEXT NOT NULL,
                quad_class INTEGER NOT NULL, goldstein DOUBLE PRECISION NOT NULL,
                plover_type TEXT NOT NULL, plover_mode TEXT, plover_context TEXT NOT NULL,
                modality TEXT NOT NULL, attribution TEXT NOT NULL, location_name TEXT,
                location_country TEXT, rule TEXT, trigger_text TEXT)""",
            """CREATE TABLE article_agreements (
                article_id TEXT NOT NULL, position INTEGER NOT NULL, record TEXT NOT NULL,
                PRIMARY KEY (article_id, position))""",
            """CREATE TABLE agreements (
                id TEXT PRIMARY KEY, kind TEXT NOT NULL, parties TEXT NOT NULL,
                signatories TEXT NOT NULL, date DATE, place TEXT, provisions TEXT NOT NULL,
                status TEXT NOT NULL, article_ids TEXT NOT NULL, story_id TEXT,
                evidence TEXT NOT NULL)""",
            """CREATE TABLE stories (
                id TEXT PRIMARY KEY, title TEXT, date DATE, article_ids TEXT NOT NULL,
                outlets TEXT NOT NULL, event_ids TEXT NOT NULL)""",
            "CREATE INDEX events_article ON events (article_id)",
            "CREATE INDEX events_date ON events (date)",
            "CREATE INDEX mentions_actor ON mentions (actor_id)",
        ],
    ),
    (
        2,
        "stories count their articles without a stated outlet",
        ["ALTER TABLE stories ADD COLUMN articles_without_outlet INTEGER DEFAULT 0"],
    ),
    (
        3,
        "events say whether they are background and how confident the learned filter is",
        [
            "ALTER TABLE events ADD COLUMN background BOOLEAN DEFAULT FALSE",
            "ALTER TABLE events ADD COLUMN confidence DOUBLE PRECISION",
        ],
    ),
    (
        4,
        "events say how precise their date is and where it came from, and where they happened",
        [
            "ALTER TABLE events ADD COLUMN date_precision TEXT",
            "ALTER TABLE events ADD COLUMN date_source TEXT",
            "ALTER TABLE events ADD COLUMN location_lat DOUBLE PRECISION",
            "ALTER TABLE events ADD COLUMN location_lon DOUBLE PRECISION",
            "ALTER TABLE events ADD COLUMN location_geonames_id BIGINT",
            "ALTER TABLE events ADD COLUMN location_admin1 TEXT",
            "ALTER TABLE events ADD COLUMN location_precision TEXT",
            "ALTER TABLE events ADD COLUMN location_place_source TEXT",
        ],
    ),
]


def migrate(store: Store) -> None:
    """Create the schema, or bring an older database up to date."""
    store.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    applied = {row[0] for row in store.query("SELECT version FROM schema_migrations")}
    for version, name, statements in MIGRATIONS:
        if version in applied:
            continue
        with store.transaction():
            for statement in statements:
                store.execute(statement)
            store.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                [version, name, dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)],
            )
        log.info("applied migration %d: %s", version, name)


def schema_version(store: Store) -> int:
    """The last migration applied (0 for an empty database)."""
    rows = store.query("SELECT max(version) FROM schema_migrations")
    return int(rows[0][0] or 0)
