"""The HTTP API and the web page, served from one process over one eventscope database.

Only read routes: JSON under `/api/` (OpenAPI at `/openapi.json`) and server-rendered
pages (story list, story, actor, dyad). Each request opens the database read-only and
closes it again, so `eventscope run` can add articles while the server is up. Errors
reach the client with a plain message (4xx for a bad request, 503 when the database
cannot answer); database paths and stack traces only go to the log.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from importlib import resources
from itertools import pairwise
from typing import Annotated, Any, get_args
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventscope.dyads.summary import dyad_summary, quad_classes
from eventscope.errors import BadInput, EventscopeError, StoreError
from eventscope.records import AgreementStatus, Modality
from eventscope.store import RecordPage, Store, open_for_reading

log = logging.getLogger(__name__)

MAX_LIMIT = 500
# The public contract's schema.json, shipped in the package for the OpenAPI document.
RECORD_SCHEMA_FILE = "record_schema.json"
# The events stage's CAMEO code table; pages show the name of each code.
CAMEO_CODES_FILE = "cameo/codes.csv"
ISO3 = r"^[A-Za-z]{3}$"
DYAD = r"^[A-Za-z]{3}-[A-Za-z]{3}$"
CAMEO_CODE = r"^[0-9]{2,4}$"
CAMEO_ROOT = r"^[0-9]{2}$"
RECORD_NAMES = {
    "articles": "article",
    "events": "event",
    "stories": "story",
    "actors": "actor",
    "agreements": "agreement",
}
MODALITIES = get_args(Modality)

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, description="how many matches to skip")]
DateFrom = Annotated[dt.date | None, Query(description="on or after this day (YYYY-MM-DD)")]
DateTo = Annotated[dt.date | None, Query(description="on or before this day (YYYY-MM-DD)")]
Country = Annotated[str | None, Query(pattern=ISO3, description="ISO 3166-1 alpha-3, e.g. IRN")]


class Page(BaseModel):
    """One page of a listing: `total` counts every match, `items` holds this page's records."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


@dataclass(frozen=True)
class Site:
    """What every request needs: where the database is, opened read-only per request."""

    location: str

    def open(self) -> Store:
        return open_for_reading(self.location)


def create_app(location: str) -> FastAPI:
    """The API and web app over the database at `location` (a DuckDB file or a PostgreSQL URL).

    Raises `StoreError` now, not at the first request, when the database cannot be opened.
    """
    site = Site(location)
    with site.open():
        pass
    app = FastAPI(
        title="eventscope",
        summary="Political events, agreements and stories coded from news articles.",
        version=_package_version(),
        docs_url=None,  # the interactive docs load scripts from a CDN; /openapi.json is enough
        redoc_url=None,
    )
    app.state.site = site
    web = resources.files("eventscope.interfaces") / "web"
    app.mount("/static", StaticFiles(directory=str(web / "static")), name="static")
    app.state.templates = Jinja2Templates(directory=str(web / "templates"))
    env = app.state.templates.env
    env.globals["quad_classes"] = {q.number: q for q in quad_classes()}
    env.globals["quad_list"] = [asdict(q) for q in quad_classes()]
    env.globals["cameo_names"] = _cameo_names()
    _add_error_handlers(app)
    app.include_router(_api_routes())
    app.include_router(_page_routes())
    app.openapi = _openapi_with_records(app)  # type: ignore[method-assign]
    return app


def serve(
    location: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Run the API and web page until interrupted.

    `on_ready` gets the URL once the database has opened, before requests are served.
    """
    import uvicorn

    app = create_app(location)
    url = f"http://{host}:{port}/"
    log.info("serving %s on %s", location, url)
    if on_ready:
        on_ready(url)
    uvicorn.run(app, host=host, port=port, log_level="warning")


PLAIN_ERROR = {
    "type": "object",
    "required": ["detail"],
    "properties": {"detail": {"type": "string", "description": "what was wrong, in words"}},
}


@functools.lru_cache(maxsize=1)
def record_schemas() -> dict[str, Any]:
    """The contract's record schemas, with references rewritten to OpenAPI components."""
    text = resources.files("eventscope.data").joinpath(RECORD_SCHEMA_FILE).read_text("utf-8")
    return json.loads(text.replace("#/$defs/", "#/components/schemas/"))["$defs"]


def _json_response(description: str, schema: dict[str, Any]) -> dict[int | str, dict[str, Any]]:
    return {200: {"description": description, "content": {"application/json": {"schema": schema}}}}


def _record_response(kind: str) -> dict[int | str, dict[str, Any]]:
    schema = {"$ref": f"#/components/schemas/{RECORD_NAMES[kind]}"}
    return _json_response(f"the {RECORD_NAMES[kind]}", schema)


def _page_response(kind: str) -> dict[int | str, dict[str, Any]]:
    schema = {
        "type": "object",
        "required": ["total", "limit", "offset", "items"],
        "properties": {
            "total": {"type": "integer", "description": "every match, not only this page"},
            "limit": {"type": "integer"},
            "offset": {"type": "integer"},
            "items": {
                "type": "array",
                "items": {"$ref": f"#/components/schemas/{RECORD_NAMES[kind]}"},
            },
        },
    }
    return _json_response(f"one page of {kind}", schema)


def _openapi_with_records(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """FastAPI's OpenAPI document, with the contract's record schemas as components."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title, version=app.version, summary=app.summary, routes=app.routes
            )
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            for name, schema in record_schemas().items():
                schemas.setdefault(name, schema)
            # Bad parameters are answered with one plain message (see _add_error_handlers).
            schemas["HTTPValidationError"] = PLAIN_ERROR
            schemas.pop("ValidationError", None)
            app.openapi_schema = document
        return app.openapi_schema

    return openapi


def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("eventscope")
    except PackageNotFoundError:
        return "0"


def _cameo_names() -> dict[str, str]:
    """CAMEO code -> name, read from the code table alone: naming codes needs no verb dictionary."""
    text = resources.files("eventscope.data").joinpath(CAMEO_CODES_FILE).read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    return {row["code"]: row["name"] for row in rows}


def _store(request: Request) -> Iterator[Store]:
    """One read-only connection per request, closed when the response is sent."""
    with request.app.state.site.open() as store:
        yield store


StoreDep = Annotated[Store, Depends(_store)]


def _check_dates(date_from: dt.date | None, date_to: dt.date | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, f"date_from ({date_from}) is after date_to ({date_to})")


def _dyad(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    first, second = value.upper().split("-")
    return first, second


def _upper(value: str | None) -> str | None:
    return value.upper() if value else value


def _page(page: RecordPage, limit: int) -> Page:
    return Page(total=page.total, limit=limit, offset=page.offset, items=page.items)


def _one(store: Store, kind: str, record_id: str) -> dict[str, Any]:
    record = store.get_record(kind, record_id)
    if record is None:
        raise HTTPException(404, f"no {RECORD_NAMES[kind]} with id {record_id!r}")
    return record


# -- JSON routes -----------------------------------------------------------------


def _api_routes() -> APIRouter:
    api = APIRouter(prefix="/api")

    @api.get(
        "/articles", response_model=None, responses=_page_response("articles"), tags=["articles"]
    )
    def list_articles(
        store: StoreDep,
        limit: Limit = 100,
        offset: Offset = 0,
        story_id: str | None = None,
        outlet: str | None = None,
        language: str | None = None,
        actor: Annotated[str | None, Query(description="an actor id the article mentions")] = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
    ) -> Page:
        """Articles, newest first (text included)."""
        _check_dates(date_from, date_to)
        filters = {
            "story_id": story_id,
            "outlet": outlet,
            "language": language,
            "actor": actor,
            "date_from": date_from,
            "date_to": date_to,
        }
        return _page(store.find_records("articles", filters, limit, offset), limit)

    @api.get(
        "/articles/{article_id}",
        response_model=None,
        responses=_record_response("articles"),
        tags=["articles"],
    )
    def get_article(store: StoreDep, article_id: str) -> dict[str, Any]:
        return _one(store, "articles", article_id)

    @api.get("/events", response_model=None, responses=_page_response("events"), tags=["events"])
    def list_events(
        store: StoreDep,
        limit: Limit = 100,
        offset: Offset = 0,
        actor: Annotated[str | None, Query(description="actor id, as source or target")] = None,
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
        modality: Modality | None = None,
        story_id: str | None = None,
        article_id: str | None = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
    ) -> Page:
        """Coded events, newest first; every filter given must hold."""
        _check_dates(date_from, date_to)
        filters = {
            "actor": actor,
            "country": _upper(country),
            "dyad": _dyad(dyad),
            "cameo_code": cameo_code,
            "cameo_root": cameo_root,
            "quad_class": quad_class,
            "plover_type": plover_type,
            "modality": modality,
            "story_id": story_id,
            "article_id": article_id,
            "date_from": date_from,
            "date_to": date_to,
        }
        return _page(store.find_records("events", filters, limit, offset), limit)

    @api.get(
        "/events/{event_id}",
        response_model=None,
        responses=_record_response("events"),
        tags=["events"],
    )
    def get_event(store: StoreDep, event_id: str) -> dict[str, Any]:
        return _one(store, "events", event_id)

    @api.get("/stories", response_model=None, responses=_page_response("stories"), tags=["stories"])
    def list_stories(
        store: StoreDep,
        limit: Limit = 100,
        offset: Offset = 0,
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
    ) -> Page:
        """Stories (one happening, many outlets), newest first."""
        _check_dates(date_from, date_to)
        filters = {
            "title": title,
            "dyad": _dyad(dyad),
            "outlet": outlet,
            "actor": actor,
            "country": _upper(country),
            "date_from": date_from,
            "date_to": date_to,
        }
        return _page(store.find_records("stories", filters, limit, offset), limit)

    @api.get(
        "/stories/{story_id}",
        response_model=None,
        responses=_record_response("stories"),
        tags=["stories"],
    )
    def get_story(store: StoreDep, story_id: str) -> dict[str, Any]:
        return _one(store, "stories", story_id)

    @api.get("/actors", response_model=None, responses=_page_response("actors"), tags=["actors"])
    def list_actors(
        store: StoreDep,
        limit: Limit = 100,
        offset: Offset = 0,
        country: Country = None,
        sector: str | None = None,
        code: str | None = None,
        kind: str | None = None,
        name: Annotated[
            str | None, Query(min_length=2, description="part of the name or an alias")
        ] = None,
    ) -> Page:
        """Actors by name."""
        filters = {
            "country": _upper(country),
            "sector": _upper(sector),
            "code": _upper(code),
            "kind": kind,
            "name": name,
        }
        return _page(store.find_records("actors", filters, limit, offset), limit)

    @api.get(
        "/actors/{actor_id}",
        response_model=None,
        responses=_record_response("actors"),
        tags=["actors"],
    )
    def get_actor(store: StoreDep, actor_id: str) -> dict[str, Any]:
        return _one(store, "actors", actor_id)

    @api.get(
        "/agreements",
        response_model=None,
        responses=_page_response("agreements"),
        tags=["agreements"],
    )
    def list_agreements(
        store: StoreDep,
        limit: Limit = 100,
        offset: Offset = 0,
        party: Country = None,
        dyad: Annotated[
            str | None, Query(pattern=DYAD, description="both countries are parties, e.g. IRN-IRQ")
        ] = None,
        status: AgreementStatus | None = None,
        kind: str | None = None,
        story_id: str | None = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
    ) -> Page:
        """Agreements, newest first."""
        _check_dates(date_from, date_to)
        filters = {
            "party": _upper(party),
            "dyad": _dyad(dyad),
            "status": status,
            "kind": kind,
            "story_id": story_id,
            "date_from": date_from,
            "date_to": date_to,
        }
        return _page(store.find_records("agreements", filters, limit, offset), limit)

    @api.get(
        "/agreements/{agreement_id}",
        response_model=None,
        responses=_record_response("agreements"),
        tags=["agreements"],
    )
    def get_agreement(store: StoreDep, agreement_id: str) -> dict[str, Any]:
        return _one(store, "agreements", agreement_id)

    @api.get("/dyads/{country_a}/{country_b}", tags=["dyads"])
    def get_dyad(
        store: StoreDep,
        country_a: Annotated[str, Path(pattern=ISO3)],
        country_b: Annotated[str, Path(pattern=ISO3)],
        stories: Annotated[int, Query(ge=0, le=100, description="how many latest stories")] = 5,
        modality: Annotated[
            list[Modality] | None, Query(description="count only these (repeatable)")
        ] = None,
    ) -> dict[str, Any]:
        """Events between two countries by month and quad class, agreements, latest stories."""
        return dyad_summary(store, country_a, country_b, stories, modality).to_record()

    return api


# -- web pages -------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A run of article text and the ids of the spans (events, agreements) covering it.

    `starts` and `ends` name the spans that begin or finish with this run, so a page can
    anchor a span once and number it once, however many runs it was cut into.
    """

    text: str
    marks: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()
    ends: tuple[str, ...] = ()


def highlight(text: str, spans: list[tuple[int, int, str]]) -> list[Segment]:
    """Cut `text` into runs so that every (start, end, id) span is made of whole runs.

    Overlapping spans are split where they overlap, so no character is shown twice and
    every span stays marked in full. Spans are clipped to the text; empty ones vanish.
    """
    size = len(text)
    clipped = [(max(0, min(s, size)), max(0, min(e, size)), mark) for s, e, mark in spans]
    clipped = [(s, e, mark) for s, e, mark in clipped if s < e]
    cuts = {0, size} | {s for s, _, _ in clipped} | {e for _, e, _ in clipped}
    segments = []
    for start, end in pairwise(sorted(cuts)):
        segments.append(
            Segment(
                text[start:end],
                marks=tuple(mark for s, e, mark in clipped if s <= start and end <= e),
                starts=tuple(mark for s, _, mark in clipped if s == start),
                ends=tuple(mark for _, e, mark in clipped if e == end),
            )
        )
    return segments


def story_page(store: Store, story_id: str) -> dict[str, Any]:
    """The story with its articles side by side and its events and agreements.

    In each article the sentences that carry an event are marked, and so are the
    passages an agreement was read from (its evidence).
    """
    story = _one(store, "stories", story_id)
    order = {article_id: i for i, article_id in enumerate(story["article_ids"])}
    events = store.find_records("events", {"story_id": story_id}, limit=None).items
    events.sort(key=lambda e: (order.get(e["article_id"], len(order)), e["span"][0]))
    agreements = {
        agreement["id"]: agreement
        for article_id in story["article_ids"]
        for agreement in store.find_records(
            "agreements", {"article_id": article_id}, limit=None
        ).items
    }
    articles = []
    for article_id in story["article_ids"]:
        article = store.get_record("articles", article_id)
        if article is None:
            continue
        event_spans = [(*e["span"], e["id"]) for e in events if e["article_id"] == article_id]
        evidence = [
            (start, end, agreement["id"])
            for agreement in agreements.values()
            for evidence_article, start, end in agreement["evidence"]
            if evidence_article == article_id
        ]
        articles.append(
            {
                **article,
                "segments": highlight(article["text"], event_spans + evidence),
                "events": len(event_spans),
            }
        )
    outlets = {a["id"]: a["outlet"] for a in articles}
    for number, event in enumerate(events, start=1):
        event["number"] = number
        event["outlet"] = outlets.get(event["article_id"])
    return {
        "story": story,
        "articles": articles,
        "events": events,
        "agreements": list(agreements.values()),
        "event_numbers": {e["id"]: e["number"] for e in events},
    }


def actor_page(store: Store, actor_id: str, latest: int = 100) -> dict[str, Any]:
    """The actor, its latest events and the countries it dealt with."""
    actor = _one(store, "actors", actor_id)
    events = store.find_records("events", {"actor": actor_id}, limit=latest)
    stories = store.find_records("stories", {"actor": actor_id}, limit=20)
    return {
        "actor": actor,
        "events": events,
        "counterparts": store.actor_counterparts(actor_id),
        "stories": stories,
    }


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def _page_routes() -> APIRouter:
    pages = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    @pages.get("/")
    def index(
        request: Request,
        store: StoreDep,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
        offset: Offset = 0,
        title: Annotated[str | None, Query(max_length=200)] = None,
        country: Annotated[str | None, Query(pattern=r"^([A-Za-z]{3})?$")] = None,
    ) -> Response:
        filters = {"title": title or None, "country": _upper(country) or None}
        stories = store.find_records("stories", filters, limit, offset)
        query = urlencode({name: value for name, value in filters.items() if value})
        return render(
            request,
            "index.html",
            {
                "stories": stories,
                "limit": limit,
                "filters": filters,
                "query": f"&{query}" if query else "",
                "dyads": store.top_dyads(12),
            },
        )

    @pages.get("/stories/{story_id}")
    def story(request: Request, store: StoreDep, story_id: str) -> Response:
        return render(request, "story.html", story_page(store, story_id))

    @pages.get("/actors/{actor_id}")
    def actor(request: Request, store: StoreDep, actor_id: str) -> Response:
        return render(request, "actor.html", actor_page(store, actor_id))

    @pages.get("/dyads")
    def dyad_form(
        a: Annotated[str, Query(pattern=ISO3)], b: Annotated[str, Query(pattern=ISO3)]
    ) -> Response:
        return RedirectResponse(f"/dyads/{a.upper()}-{b.upper()}", status_code=303)

    @pages.get("/dyads/{pair}")
    def dyad(
        request: Request,
        store: StoreDep,
        pair: Annotated[str, Path(pattern=DYAD)],
        modality: Annotated[list[Modality] | None, Query()] = None,
    ) -> Response:
        country_a, country_b = pair.upper().split("-")
        summary = dyad_summary(store, country_a, country_b, latest_stories=10, modalities=modality)
        return render(
            request,
            "dyad.html",
            {
                "summary": summary,
                "chart": summary.to_record(),
                "modalities": MODALITIES,
                "chosen": set(modality or MODALITIES),
            },
        )

    return pages


# -- errors ------------------------------------------------------------------------


def _wants_html(request: Request) -> bool:
    """Pages answer errors with a page, the JSON API with JSON."""
    return not request.url.path.startswith(("/api/", "/openapi"))


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_html(request):
        return render(request, "error.html", {"status": status, "message": message}, status)
    return JSONResponse({"detail": message}, status_code=status)


def _describe(error: dict[str, Any]) -> str:
    where = error.get("loc", ())
    place = (
        {"query": "query parameter", "path": "path parameter"}.get(str(where[0]), "parameter")
        if where
        else "parameter"
    )
    name = ".".join(str(part) for part in where[1:]) or "value"
    return f"{place} '{name}': {error.get('msg', 'invalid value')}"


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    def bad_parameters(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 422, "; ".join(_describe(e) for e in exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(BadInput)
    def bad_input(request: Request, exc: BadInput) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(StoreError)
    def store_error(request: Request, exc: StoreError) -> Response:
        log.error("database error on %s: %s", request.url.path, exc)
        return _error(request, 503, "the database could not answer this request; try again later")

    @app.exception_handler(EventscopeError)
    def other_error(request: Request, exc: EventscopeError) -> Response:
        log.error("error on %s: %s", request.url.path, exc)
        return _error(request, 500, "the request failed")
