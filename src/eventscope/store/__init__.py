"""The store: articles, mentions, events, actors, stories and agreements in DuckDB (a file, by
default) or PostgreSQL (a URL), written a group of whole articles per transaction."""

from eventscope.store.base import Store
from eventscope.store.connect import is_postgres_url, open_for_reading, open_store
from eventscope.store.reads import RecordPage
from eventscope.store.rows import RECORD_KINDS

__all__ = ["RECORD_KINDS", "RecordPage", "Store", "is_postgres_url", "open_for_reading", "open_store"]
