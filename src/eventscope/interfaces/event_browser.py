"""The events browser (`/events`): the form's query read into store filters, and the API
query that downloads exactly the rows the page shows.

A form sends every field, the empty ones as empty text; those are simply not applied.
The browser asks the store through the same filters as `/api/events`, so its download
links are the page's own query sent to the API with `format=csv` or `format=parquet`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, get_args
from urllib.parse import urlencode

from fastapi import HTTPException

from eventscope.interfaces.params import (
    CAMEO_CODE,
    CAMEO_ROOT,
    MAX_LIMIT,
    EventOrder,
    actor_filters,
)
from eventscope.records import Modality

DIRECTIONS = ("either", "source", "target")
PAGE_SIZES = (25, 50, 100, 250, MAX_LIMIT)
SORTS = {
    "newest": "newest first",
    "oldest": "oldest first",
    "most_confident": "most confident first",
    "least_confident": "least confident first",
    "most_conflictual": "most conflictual first (Goldstein)",
    "most_cooperative": "most cooperative first (Goldstein)",
    "cameo": "CAMEO code",
}


@dataclass(frozen=True)
class EventQuery:
    """What the browser's form asks for; None (or the default) where a field was left empty."""

    actor: str | None = None
    direction: str = "either"
    counterpart: str | None = None
    cameo_code: str | None = None
    cameo_root: str | None = None
    quad_class: int | None = None
    modality: tuple[str, ...] = ()
    min_confidence: float | None = None
    outlet: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str | None = None
    sort: str = "newest"
    limit: int = 50
    offset: int = 0

    def _actors(self) -> dict[str, Any]:
        """The actor filters of `/api/events` the actor, direction and counterpart give."""
        if self.direction == "source":
            return {"source": self.actor, "target": self.counterpart}
        if self.direction == "target":
            return {"target": self.actor, "source": self.counterpart}
        return {"actor": self.actor, "counterpart": self.counterpart}

    def api_params(self) -> dict[str, Any]:
        """The `/api/events` parameters this query sends (None where not applied)."""
        return {
            **self._actors(),
            "cameo_code": self.cameo_code,
            "cameo_root": self.cameo_root,
            "quad_class": self.quad_class,
            "modality": list(self.modality) or None,
            "min_confidence": self.min_confidence,
            "outlet": self.outlet,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "q": self.q,
        }

    def filters(self) -> dict[str, Any]:
        """The store filters this query applies (those `/api/events` applies)."""
        params = self.api_params()
        actor, counterpart = params.pop("actor", None), params.pop("counterpart", None)
        return {**params, **actor_filters(actor, counterpart)}

    def api_query(self, **changes: Any) -> str:
        """The `/api/events` query string giving this page's rows (with `changes` applied)."""
        params = {**self.api_params(), "sort": self.sort, "limit": self.limit, "offset": self.offset}
        params.update(changes)
        return urlencode(
            {k: v for k, v in params.items() if v is not None and v != "newest"}, doseq=True
        )

    def page_query(self, **changes: Any) -> str:
        """This page's own query string (with `changes` applied), defaults left out."""
        defaults = EventQuery()
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        return urlencode(
            {k: v for k, v in values.items() if v is not None and v != getattr(defaults, k)},
            doseq=True,
        )

    @property
    def is_filtered(self) -> bool:
        return any(value is not None for value in self.api_params().values())


def month_of_events(source: str, target: str, month: str, modalities: tuple[str, ...]) -> str:
    """The browser's query for the reports of one month (YYYY-MM) going one way."""
    year, number = (int(part) for part in month.split("-"))
    last = calendar.monthrange(year, number)[1]
    query = EventQuery(
        actor=source, direction="source", counterpart=target, modality=modalities,
        date_from=dt.date(year, number, 1), date_to=dt.date(year, number, last),
    )
    return query.page_query()


def _text(params: Mapping[str, str], name: str, max_length: int = 200) -> str | None:
    value = params.get(name, "").strip()
    if len(value) > max_length:
        raise HTTPException(422, f"query parameter '{name}': at most {max_length} characters")
    return value or None


def _matching(params: Mapping[str, str], name: str, pattern: str) -> str | None:
    value = _text(params, name)
    if value is not None and not re.match(pattern, value):
        raise HTTPException(422, f"query parameter '{name}': {value!r} is not valid here")
    return value


def _one_of(params: Mapping[str, str], name: str, choices: Any, default: str | None) -> Any:
    value = _text(params, name) or default
    if value is not None and value not in choices:
        raise HTTPException(
            422, f"query parameter '{name}': expected one of {', '.join(map(str, choices))}"
        )
    return value


def _modalities(params: Any) -> tuple[str, ...]:
    chosen = tuple(value for value in params.getlist("modality") if value)
    for value in chosen:
        if value not in get_args(Modality):
            expected = ", ".join(get_args(Modality))
            raise HTTPException(422, f"query parameter 'modality': expected one of {expected}")
    return chosen


def _number(params: Mapping[str, str], name: str, kind: type, low: float, high: float) -> Any:
    value = _text(params, name)
    if value is None:
        return None
    try:
        number = kind(value)
    except ValueError:
        raise HTTPException(422, f"query parameter '{name}': {value!r} is not a number") from None
    if not low <= number <= high:
        raise HTTPException(422, f"query parameter '{name}': must be from {low} to {high}")
    return number


def _day(params: Mapping[str, str], name: str) -> dt.date | None:
    value = _text(params, name)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"query parameter '{name}': {value!r} is not YYYY-MM-DD") from None


def read_event_query(params: Any) -> EventQuery:
    """The browser's query from the request's parameters; a bad value is a 422 naming it.
    The API's `source=` and `target=` read as an actor in that role ("/events?source=IRN&target=IRQ")."""
    source, target = _text(params, "source"), _text(params, "target")
    actor, direction = _text(params, "actor"), _one_of(params, "direction", DIRECTIONS, "either")
    counterpart = _text(params, "counterpart")
    if actor is None and (source or target):
        actor, direction = (source, "source") if source else (target, "target")
        counterpart = counterpart or (target if source else None)
    query = EventQuery(
        actor=actor,
        direction=direction,
        counterpart=counterpart,
        cameo_code=_matching(params, "cameo_code", CAMEO_CODE),
        cameo_root=_matching(params, "cameo_root", CAMEO_ROOT),
        quad_class=_number(params, "quad_class", int, 1, 4),
        modality=_modalities(params),
        min_confidence=_number(params, "min_confidence", float, 0, 1),
        outlet=_text(params, "outlet"),
        date_from=_day(params, "date_from"),
        date_to=_day(params, "date_to"),
        q=_text(params, "q"),
        sort=_one_of(params, "sort", get_args(EventOrder), "newest"),
        limit=_number(params, "limit", int, 1, MAX_LIMIT) or 50,
        offset=_number(params, "offset", int, 0, 10**9) or 0,
    )
    if query.date_from and query.date_to and query.date_from > query.date_to:
        raise HTTPException(422, f"date_from ({query.date_from}) is after date_to ({query.date_to})")
    return query
