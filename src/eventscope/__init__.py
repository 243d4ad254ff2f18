"""eventscope: news articles in, a deduplicated, source-attributed database of political events out.

The public API, for scripts and notebooks::

    import eventscope

    settings = eventscope.load_settings()              # or load_settings("mine.yaml")
    with eventscope.open_store("news.duckdb") as store:
        report = eventscope.run(["articles/"], store, settings)
        events = list(store.iter_records("events"))

`run` loads spaCy and the stages, so it is imported when first used, not with the package.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

from eventscope.errors import BadInput, EventscopeError, SettingsError, StoreError
from eventscope.records import (
    Actor,
    ActorRef,
    Agreement,
    Article,
    Event,
    Mention,
    RawInput,
    Sentence,
    Story,
)
from eventscope.settings import Settings, load_settings
from eventscope.store import Store, open_for_reading, open_store

try:
    __version__ = version("eventscope")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"

_HEAVY = {"run": "eventscope.pipeline", "RunReport": "eventscope.pipeline", "Stages": "eventscope.pipeline"}

__all__ = [
    "Actor", "ActorRef", "Agreement", "Article", "BadInput", "Event", "EventscopeError", "Mention",
    "RawInput", "RunReport", "Sentence", "Settings", "SettingsError", "Stages", "Store", "StoreError",
    "Story", "load_settings", "open_for_reading", "open_store", "run",
]


def __getattr__(name: str) -> Any:
    if name in _HEAVY:
        import importlib

        return getattr(importlib.import_module(_HEAVY[name]), name)
    raise AttributeError(f"module 'eventscope' has no attribute {name!r}")
