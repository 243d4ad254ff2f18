"""What the JSON routes and the pages share: their parameters, the per-request store, and
a record by id or a 404."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import Depends, HTTPException, Query, Request

from eventscope.store import Store

MAX_LIMIT = 500
ISO3 = r"^[A-Za-z]{3}$"
DYAD = r"^[A-Za-z]{3}-[A-Za-z]{3}$"
PARTY = r"^[A-Za-z]{2,5}$"  # an ISO-3 country or an organisation (EU, NATO, ASEAN)
CAMEO_CODE = r"^[0-9]{2,4}$"
CAMEO_ROOT = r"^[0-9]{2}$"
RECORD_NAMES = {
    "articles": "article",
    "events": "event",
    "stories": "story",
    "actors": "actor",
    "agreements": "agreement",
}

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, description="how many matches to skip")]
DateFrom = Annotated[dt.date | None, Query(description="on or after this day (YYYY-MM-DD)")]
DateTo = Annotated[dt.date | None, Query(description="on or before this day (YYYY-MM-DD)")]
DateSource = Literal["text", "publication", "story"]
DatePrecision = Literal["day", "month", "year"]
Country = Annotated[str | None, Query(pattern=ISO3, description="ISO 3166-1 alpha-3, e.g. IRN")]
TableFormat = Literal["json", "csv", "parquet"]
Format = Annotated[
    TableFormat,
    Query(
        alias="format",
        description="json (a page object), or the same page as a csv or parquet table",
    ),
]
EventOrder = Literal[
    "newest", "oldest", "most_confident", "least_confident", "most_conflictual",
    "most_cooperative", "cameo",
]
ActorText = Annotated[str, Query(min_length=1, max_length=200)]


def _store(request: Request) -> Iterator[Store]:
    """One read-only connection per request, closed when the response is sent."""
    with request.app.state.site.open() as store:
        yield store


StoreDep = Annotated[Store, Depends(_store)]


def check_dates(date_from: dt.date | None, date_to: dt.date | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, f"date_from ({date_from}) is after date_to ({date_to})")


def dyad_pair(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    first, second = value.upper().split("-")
    return first, second


def actor_filters(actor: str | None, counterpart: str | None) -> dict[str, Any]:
    """Store filters for an actor on either side and, if given, a counterpart on the other."""
    if actor and counterpart:
        return {"between": (actor, counterpart)}
    return {"actor": actor or counterpart}


def upper(value: str | None) -> str | None:
    return value.upper() if value else value


def one_record(store: Store, kind: str, record_id: str) -> dict[str, Any]:
    record = store.get_record(kind, record_id)
    if record is None:
        raise HTTPException(404, f"no {RECORD_NAMES[kind]} with id {record_id!r}")
    return record
