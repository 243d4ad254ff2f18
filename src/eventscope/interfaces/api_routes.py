"""The JSON routes under `/api/`: each parses its parameters and asks the store for one
page of records, one record, or a dyad summary."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel

from eventscope.alliance import assess_alliance
from eventscope.dyads.summary import COUNTED_BY_DEFAULT, dyad_summary
from eventscope.interfaces.downloads import table_response
from eventscope.interfaces.openapi import alliance_response, page_response, record_response
from eventscope.interfaces.params import (
    CAMEO_CODE,
    CAMEO_ROOT,
    DYAD,
    ISO3,
    PARTY,
    ActorText,
    Country,
    DateFrom,
    DatePrecision,
    DateSource,
    DateTo,
    EventOrder,
    Format,
    Limit,
    Offset,
    StoreDep,
    actor_filters,
    check_dates,
    dyad_pair,
    one_record,
    upper,
)
from eventscope.records import AgreementStatus, Modality
from eventscope.store import RecordPage


class Page(BaseModel):
    """One page of a listing: `total` counts every match, `items` holds this page's records."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


def _page(kind: str, page: RecordPage, limit: int, fmt: str = "json") -> Page | Response:
    """The page as JSON, or its records as a CSV or Parquet table."""
    if fmt != "json":
        return table_response(kind, page.items, fmt)
    return Page(total=page.total, limit=limit, offset=page.offset, items=page.items)


def api_routes() -> APIRouter:
    api = APIRouter(prefix="/api")

    @api.get(
        "/articles", response_model=None, responses=page_response("articles"), tags=["articles"]
    )
    def list_articles(
        store: StoreDep,
        limit: Limit = 100,
        offset: Offset = 0,
        fmt: Format = "json",
        story_id: str | None = None,
        outlet: str | None = None,
        language: str | None = None,
        actor: Annotated[str | None, Query(description="an actor id the article mentions")] = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
    ) -> Page | Response:
        """Articles, newest first (text included)."""
        check_dates(date_from, date_to)
        filters = {
            "story_id": story_id,
            "outlet": outlet,
            "language": language,
            "actor": actor,
            "date_from": date_from,
            "date_to": date_to,
        }
        page = store.find_records("articles", filters, limit, offset)
        return _page("articles", page, limit, fmt)

    @api.get(
        "/articles/{article_id}",
        response_model=None,
        responses=record_response("articles"),
        tags=["articles"],
    )
    def get_article(store: StoreDep, article_id: str) -> dict[str, Any]:
        return one_record(store, "articles", article_id)

    @api.get("/events", response_model=None, responses=page_response("events"), tags=["events"])
    def list_events(
        store: StoreDep,
        limit: Limit = 100,
        offset: Offset = 0,
        fmt: Format = "json",
        source: Annotated[
            ActorText | None,
            Query(description="source actor: code prefix (IRN, IRNMIL), country, id or name"),
        ] = None,
        target: Annotated[
            ActorText | None,
            Query(description="target actor: code prefix (IRQ, IRQGOV), country, id or name"),
        ] = None,
        actor: Annotated[
            ActorText | None,
            Query(description="source or target actor: code prefix, country, id or name"),
        ] = None,
        counterpart: Annotated[
            ActorText | None,
            Query(description="with actor: the actor on the other side, either direction"),
        ] = None,
        q: Annotated[
            str | None, Query(min_length=1, max_length=200, description="text in the sentence, any case")
        ] = None,
        country: Annotated[
            str | None, Query(pattern=ISO3, description="either actor's country (ISO-3)")
        ] = None,
        dyad: Annotated[
            str | None,
            Query(pattern=DYAD, description="two countries, either direction, e.g. IRN-IRQ"),
        ] = None,
        cameo_code: Annotated[
            str | None, Query(pattern=CAMEO_CODE, description="exact CAMEO code, e.g. 057")
        ] = None,
        cameo_root: Annotated[
            str | None, Query(pattern=CAMEO_ROOT, description="two-digit CAMEO root, e.g. 05")
        ] = None,
        quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
        plover_type: Annotated[
            str | None, Query(description="PLOVER event type, e.g. AGREE")
        ] = None,
        modality: Annotated[
            list[Modality] | None, Query(description="one of these modalities (repeatable)")
        ] = None,
        min_confidence: Annotated[
            float | None, Query(ge=0, le=1, description="the learned filter's confidence at least")
        ] = None,
        outlet: Annotated[str | None, Query(description="the article's outlet, exactly")] = None,
        story_id: str | None = None,
        article_id: str | None = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        sort: Annotated[EventOrder, Query(description="order of the listing")] = "newest",
        undated_by_report: Annotated[bool, Query(
            description="date_from/date_to also take an event without a date of its own, on its"
                        " article's publication day (else its story's)")] = False,
        date_source: Annotated[DateSource | None, Query(description="where the event's date came from")] = None,
        date_precision: Annotated[DatePrecision | None, Query(description="how precise the date is")] = None,
    ) -> Page | Response:
        """Coded events, newest first; every filter given must hold. The date range applies
        to the event's own date (`undated_by_report` widens it to undated events).

        `format=csv` or `format=parquet` gives the same page as the flat events table
        (one row per event, with the article's URL, outlet and publication date).
        """
        check_dates(date_from, date_to)
        by = "reported" if undated_by_report else "date"
        filters = {
            "source": source,
            "target": target,
            **actor_filters(actor, counterpart),
            "q": q,
            "min_confidence": min_confidence,
            "outlet": outlet,
            "country": upper(country),
            "dyad": dyad_pair(dyad),
            "cameo_code": cameo_code,
            "cameo_root": cameo_root,
            "quad_class": quad_class,
            "plover_type": plover_type,
            "modality": modality,
            "story_id": story_id,
            "article_id": article_id,
            f"{by}_from": date_from,
            f"{by}_to": date_to,
            "date_source": date_source,
            "date_precision": date_precision,
        }
        page = store.find_records("events", filters, limit, offset, order=sort)
        return _page("events", page, limit, fmt)

    @api.get(
        "/events/{event_id}",
        response_model=None,
        responses=record_response("events"),
        tags=["events"],
    )
    def get_event(store: StoreDep, event_id: str) -> dict[str, Any]:
        return one_record(store, "events", event_id)

    @api.get("/stories", response_model=None, responses=page_response("stories"), tags=["stories"])
    def list_stories(
        store: StoreDep,
        limit: Limit = 100,
        offset: Offset = 0,
        fmt: Format = "json",
        title: Annotated[str | None, Query(description="part of the title, any case")] = None,
        outlet: str | None = None,
        actor: Annotated[
            str | None, Query(description="an actor id in one of the story's events")
        ] = None,
        country: Country = None,
        dyad: Annotated[
            str | None,
            Query(pattern=DYAD, description="has an event between two countries, e.g. IRN-IRQ"),
        ] = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
    ) -> Page | Response:
        """Stories (one happening, many outlets), newest first."""
        check_dates(date_from, date_to)
        filters = {
            "title": title,
            "dyad": dyad_pair(dyad),
            "outlet": outlet,
            "actor": actor,
            "country": upper(country),
            "date_from": date_from,
            "date_to": date_to,
        }
        page = store.find_records("stories", filters, limit, offset)
        return _page("stories", page, limit, fmt)

    @api.get(
        "/stories/{story_id}",
        response_model=None,
        responses=record_response("stories"),
        tags=["stories"],
    )
    def get_story(store: StoreDep, story_id: str) -> dict[str, Any]:
        return one_record(store, "stories", story_id)

    @api.get("/actors", response_model=None, responses=page_response("actors"), tags=["actors"])
    def list_actors(
        store: StoreDep,
        limit: Limit = 100,
        offset: Offset = 0,
        fmt: Format = "json",
        country: Country = None,
        sector: str | None = None,
        code: str | None = None,
        kind: str | None = None,
        name: Annotated[
            str | None, Query(min_length=2, description="part of the name or an alias")
        ] = None,
    ) -> Page | Response:
        """Actors by name."""
        filters = {
            "country": upper(country),
            "sector": upper(sector),
            "code": upper(code),
            "kind": kind,
            "name": name,
        }
        page = store.find_records("actors", filters, limit, offset)
        return _page("actors", page, limit, fmt)

    @api.get(
        "/actors/{actor_id}",
        response_model=None,
        responses=record_response("actors"),
        tags=["actors"],
    )
    def get_actor(store: StoreDep, actor_id: str) -> dict[str, Any]:
        return one_record(store, "actors", actor_id)

    @api.get(
        "/agreements",
        response_model=None,
        responses=page_response("agreements"),
        tags=["agreements"],
    )
    def list_agreements(
        store: StoreDep,
        limit: Limit = 100,
        offset: Offset = 0,
        fmt: Format = "json",
        party: Country = None,
        dyad: Annotated[
            str | None, Query(pattern=DYAD, description="both countries are parties, e.g. IRN-IRQ")
        ] = None,
        status: AgreementStatus | None = None,
        kind: str | None = None,
        story_id: str | None = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
    ) -> Page | Response:
        """Agreements, newest first."""
        check_dates(date_from, date_to)
        filters = {
            "party": upper(party),
            "dyad": dyad_pair(dyad),
            "status": status,
            "kind": kind,
            "story_id": story_id,
            "date_from": date_from,
            "date_to": date_to,
        }
        page = store.find_records("agreements", filters, limit, offset)
        return _page("agreements", page, limit, fmt)

    @api.get(
        "/agreements/{agreement_id}",
        response_model=None,
        responses=record_response("agreements"),
        tags=["agreements"],
    )
    def get_agreement(store: StoreDep, agreement_id: str) -> dict[str, Any]:
        return one_record(store, "agreements", agreement_id)

    @api.get("/dyads/{country_a}/{country_b}", tags=["dyads"])
    def get_dyad(
        store: StoreDep,
        country_a: Annotated[str, Path(pattern=ISO3)],
        country_b: Annotated[str, Path(pattern=ISO3)],
        stories: Annotated[int, Query(ge=0, le=100, description="how many latest stories")] = 5,
        modality: Annotated[
            list[Modality] | None,
            Query(description="count these (repeatable); by default only asserted events"),
        ] = None,
    ) -> dict[str, Any]:
        """Events between two countries by month, quad class and direction, agreements, latest
        stories. One happening counts once however many outlets report it."""
        counted = modality or COUNTED_BY_DEFAULT
        return dyad_summary(store, country_a, country_b, stories, counted).to_record()

    @api.get("/alliances/{party_a}/{party_b}", response_model=None,
             responses=alliance_response(), tags=["alliances"])
    def get_alliance(
        store: StoreDep,
        party_a: Annotated[str, Path(pattern=PARTY, description="ISO-3 country or organisation, e.g. IRN, NATO")],
        party_b: Annotated[str, Path(pattern=PARTY, description="ISO-3 country or organisation, e.g. IRQ, EU")],
    ) -> dict[str, Any]:
        """Whether two parties amount to an alliance: ATOP-style obligations and DCAD-style
        defence cooperation from their agreements, with the sentences that show them."""
        return assess_alliance(store, party_a, party_b).to_dict()

    return api
