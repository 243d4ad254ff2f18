"""The filters and the order of the read-only record queries (`Store.find_records`).

Each filter is a SQL clause with `?` placeholders (or a function of the value giving
one, for a list of values) and a function turning the filter's value into the clause's
parameters; the API and the web pages filter only through
these, so no request ever builds SQL of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eventscope.errors import StoreError
from eventscope.store.rows import to_json

# An event's date; when the text gave none, its article's publication date, else its story's date.
EVENT_DATE = (
    "COALESCE(date, (SELECT a.published FROM articles a WHERE a.id = events.article_id),"
    " (SELECT s.date FROM stories s WHERE s.id = events.story_id))"
)
_COUNTRY_ACTORS = "(SELECT id FROM actors WHERE country = ?)"
# One happening, however many outlets and sentences report it: the events of one story (or
# of one article outside stories) with one CAMEO code going one way between countries. Every
# count of events between countries (index, dyad and actor pages, `eventscope dyad`) counts
# these.
HAPPENING_KEY = (
    "COALESCE(events.story_id, events.article_id) || '|' || events.cameo_code || '|' ||"
    " COALESCE((SELECT a.country FROM actors a WHERE a.id = events.source_id), '')"
)
# The actors a user means by `IRN`, `IRNMIL`, an actor id or a name: the actor with that id;
# those whose code starts with the text (upper-cased) or whose country it is; and, only when
# no code or country matches, those whose name or an alias contains it, in any case.
_MATCHING_ACTORS = (
    "(SELECT id FROM actors WHERE id = ? OR starts_with(code, ?) OR country = ?"
    " OR (NOT EXISTS (SELECT 1 FROM actors c WHERE starts_with(c.code, ?) OR c.country = ?)"
    " AND (lower(name) LIKE ? ESCAPE '\\' OR lower(aliases) LIKE ? ESCAPE '\\')))"
)
# The columns of an event row, with the publication details of its article.
EVENT_COLUMNS = (
    "*, (SELECT a.source FROM articles a WHERE a.id = events.article_id) AS article_source,"
    " (SELECT a.outlet FROM articles a WHERE a.id = events.article_id) AS article_outlet,"
    " (SELECT a.published FROM articles a WHERE a.id = events.article_id) AS article_published"
)


def _contains(value: str) -> str:
    """A LIKE pattern (with `\\` as escape) for text containing `value`, in lower case."""
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _actor_params(value: str) -> list[str]:
    text = value.strip()
    code = text.upper()
    return [text, code, code, code, code, _contains(text), _contains(text)]


def _listed(value: Any) -> list[Any]:
    return [value] if isinstance(value, str) else list(value)


def _one_of(column: str) -> Any:
    """A clause for a column holding the value given, or one of a list of them."""

    def clause(value: Any) -> str:
        values = _listed(value)
        return f"{column} IN ({', '.join('?' for _ in values)})" if values else "FALSE"

    return clause


def _json_item_pattern(value: str) -> list[str]:
    """A LIKE pattern matching one item of a JSON list stored as text."""
    return [f"%{to_json(value)}%"]


RECORD_FILTERS: dict[str, dict[str, tuple[str, Any]]] = {
    "events": {
        "article_id": ("article_id = ?", lambda v: [v]),
        "story_id": ("story_id = ?", lambda v: [v]),
        "actor_id": ("(source_id = ? OR target_id = ?)", lambda v: [v, v]),
        "actor": (
            f"(source_id IN {_MATCHING_ACTORS} OR target_id IN {_MATCHING_ACTORS})",
            lambda v: _actor_params(v) * 2,
        ),
        "between": (
            (
                f"((source_id IN {_MATCHING_ACTORS} AND target_id IN {_MATCHING_ACTORS})"
                f" OR (source_id IN {_MATCHING_ACTORS} AND target_id IN {_MATCHING_ACTORS}))"
            ),
            lambda v: _actor_params(v[0]) + _actor_params(v[1]) * 2 + _actor_params(v[0]),
        ),
        "source": (f"source_id IN {_MATCHING_ACTORS}", _actor_params),
        "target": (f"target_id IN {_MATCHING_ACTORS}", _actor_params),
        "q": ("lower(sentence) LIKE ? ESCAPE '\\'", lambda v: [_contains(v)]),
        "outlet": ("article_id IN (SELECT id FROM articles WHERE outlet = ?)", lambda v: [v]),
        "min_confidence": ("confidence >= ?", lambda v: [v]),
        "country": (
            f"(source_id IN {_COUNTRY_ACTORS} OR target_id IN {_COUNTRY_ACTORS})",
            lambda v: [v, v],
        ),
        "dyad": (
            (
                f"((source_id IN {_COUNTRY_ACTORS} AND target_id IN {_COUNTRY_ACTORS})"
                f" OR (source_id IN {_COUNTRY_ACTORS} AND target_id IN {_COUNTRY_ACTORS}))"
            ),
            lambda v: [v[0], v[1], v[1], v[0]],
        ),
        "cameo_code": ("cameo_code = ?", lambda v: [v]),
        "cameo_root": ("cameo_root = ?", lambda v: [v]),
        "quad_class": ("quad_class = ?", lambda v: [v]),
        "plover_type": ("upper(plover_type) = upper(?)", lambda v: [v]),
        "modality": (_one_of("modality"), _listed),
        # The event's own date: an undated event is never in a date range...
        "date_from": ("date >= ?", lambda v: [v]),
        "date_to": ("date <= ?", lambda v: [v]),
        # ...unless asked for: then it counts on the day it was reported.
        "reported_from": (f"{EVENT_DATE} >= ?", lambda v: [v]),
        "reported_to": (f"{EVENT_DATE} <= ?", lambda v: [v]),
        "date_source": ("date_source = ?", lambda v: [v]),
        "date_precision": ("date_precision = ?", lambda v: [v]),
    },
    "articles": {
        "story_id": ("story_id = ?", lambda v: [v]),
        "outlet": ("outlet = ?", lambda v: [v]),
        "language": ("language = ?", lambda v: [v]),
        "actor": ("id IN (SELECT article_id FROM mentions WHERE actor_id = ?)", lambda v: [v]),
        "date_from": ("published >= ?", lambda v: [v]),
        "date_to": ("published <= ?", lambda v: [v]),
    },
    "stories": {
        "title": ("lower(title) LIKE ?", lambda v: [f"%{v.lower()}%"]),
        "outlet": ("outlets LIKE ?", _json_item_pattern),
        "actor": (
            "id IN (SELECT story_id FROM events WHERE source_id = ? OR target_id = ?)",
            lambda v: [v, v],
        ),
        "country": (
            (
                "id IN (SELECT story_id FROM events WHERE source_id IN"
                f" {_COUNTRY_ACTORS} OR target_id IN {_COUNTRY_ACTORS})"
            ),
            lambda v: [v, v],
        ),
        "dyad": (
            (
                "id IN (SELECT story_id FROM events WHERE"
                f" (source_id IN {_COUNTRY_ACTORS} AND target_id IN {_COUNTRY_ACTORS})"
                f" OR (source_id IN {_COUNTRY_ACTORS} AND target_id IN {_COUNTRY_ACTORS}))"
            ),
            lambda v: [v[0], v[1], v[1], v[0]],
        ),
        "date_from": ("date >= ?", lambda v: [v]),
        "date_to": ("date <= ?", lambda v: [v]),
    },
    "actors": {
        "country": ("country = ?", lambda v: [v]),
        "sector": ("sector = ?", lambda v: [v]),
        "code": ("code = ?", lambda v: [v]),
        "kind": ("kind = ?", lambda v: [v]),
        "name": (
            "(lower(name) LIKE ? OR lower(aliases) LIKE ?)",
            lambda v: [f"%{v.lower()}%"] * 2,
        ),
    },
    "agreements": {
        "party": ("parties LIKE ?", _json_item_pattern),
        "article_id": ("article_ids LIKE ?", _json_item_pattern),
        "dyad": (
            "(parties LIKE ? AND parties LIKE ?)",
            lambda v: _json_item_pattern(v[0]) + _json_item_pattern(v[1]),
        ),
        "status": ("status = ?", lambda v: [v]),
        "kind": ("lower(kind) = lower(?)", lambda v: [v]),
        "story_id": ("story_id = ?", lambda v: [v]),
        "date_from": ("date >= ?", lambda v: [v]),
        "date_to": ("date <= ?", lambda v: [v]),
    },
}

_EVENT_TIES = "article_id, span_start, id"
# The orders an events listing can take, by name; ties fixed so pages never overlap.
EVENT_ORDERS = {
    "newest": f"{EVENT_DATE} DESC NULLS LAST, {_EVENT_TIES}",
    "oldest": f"{EVENT_DATE} ASC NULLS LAST, {_EVENT_TIES}",
    "most_confident": f"confidence DESC NULLS LAST, {EVENT_DATE} DESC NULLS LAST, {_EVENT_TIES}",
    "least_confident": f"confidence ASC NULLS LAST, {EVENT_DATE} DESC NULLS LAST, {_EVENT_TIES}",
    "most_conflictual": f"goldstein ASC, {EVENT_DATE} DESC NULLS LAST, {_EVENT_TIES}",
    "most_cooperative": f"goldstein DESC, {EVENT_DATE} DESC NULLS LAST, {_EVENT_TIES}",
    "cameo": f"cameo_code, {EVENT_DATE} DESC NULLS LAST, {_EVENT_TIES}",
}

# Each kind's listing order: newest first (actors by name), ties fixed so pages never overlap.
NEWEST_FIRST = {
    "events": EVENT_ORDERS["newest"],
    "articles": "published DESC NULLS LAST, id",
    "stories": "date DESC NULLS LAST, id",
    "agreements": "date DESC NULLS LAST, id",
    "actors": "name, id",
}


def where_clause(kind: str, filters: Mapping[str, Any] | None) -> tuple[str, list[Any]]:
    """The WHERE clause and its parameters for every filter given; a None value is not applied."""
    clauses, params = ["TRUE"], []
    for name, value in (filters or {}).items():
        if value is None:
            continue
        if name not in RECORD_FILTERS[kind]:
            raise StoreError(f"{kind} cannot be filtered by {name!r}")
        clause, to_params = RECORD_FILTERS[kind][name]
        clauses.append(clause(value) if callable(clause) else clause)
        params.extend(to_params(value))
    return " AND ".join(clauses), params
