"""Actors: mentions resolved against the knowledge base with country, sector and role
(`resolve_mentions`), and the same actor's variants merged across articles (`merge_actors`)."""

from eventscope.actors.make import named_actor
from eventscope.actors.merge import merge_actors, union_by_id
from eventscope.actors.resolve import (
    find_actor_spans,
    load_actor_kb,
    names_a_person,
    resolve_mentions,
)

__all__ = [
    "find_actor_spans",
    "load_actor_kb",
    "merge_actors",
    "named_actor",
    "names_a_person",
    "resolve_mentions",
    "union_by_id",
]
