"""The web pages: server-rendered HTML over the same store queries as the JSON routes.

Templates and static files live in `web/`; the pages name CAMEO codes from the code
table alone, so serving them never loads the event coder's verb dictionary.
"""

from __future__ import annotations

import csv
from dataclasses import asdict
from importlib import resources
from typing import Annotated, Any, get_args
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from eventscope.alliance import assess_alliance
from eventscope.dyads.summary import COUNTED_BY_DEFAULT, dyad_summary, quad_classes
from eventscope.interfaces.event_browser import (
    PAGE_SIZES,
    SORTS,
    month_of_events,
    read_event_query,
)
from eventscope.interfaces.page_views import actor_page, article_page, dyad_map, story_page
from eventscope.interfaces.params import DYAD, ISO3, MAX_LIMIT, Offset, StoreDep, upper
from eventscope.records import Modality

# The events stage's CAMEO code table; pages show the name of each code.
CAMEO_CODES_FILE = "cameo/codes.csv"
MODALITIES = get_args(Modality)


def add_templates(app: FastAPI) -> None:
    """Serve `web/static` and render `web/templates`, with the tables every page may show."""
    web = resources.files("eventscope.interfaces") / "web"
    app.mount("/static", StaticFiles(directory=str(web / "static")), name="static")
    app.state.templates = Jinja2Templates(directory=str(web / "templates"))
    env = app.state.templates.env
    env.globals["quad_classes"] = {q.number: q for q in quad_classes()}
    env.globals["quad_list"] = [asdict(q) for q in quad_classes()]
    env.globals["cameo_names"] = _cameo_names()


def _cameo_names() -> dict[str, str]:
    """CAMEO code -> name, read from the code table alone: naming codes needs no verb dictionary."""
    text = resources.files("eventscope.data").joinpath(CAMEO_CODES_FILE).read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    return {row["code"]: row["name"] for row in rows}


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def page_routes() -> APIRouter:
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
        filters = {"title": title or None, "country": upper(country) or None}
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
                "dyads": store.top_dyads(COUNTED_BY_DEFAULT, 12),
            },
        )

    @pages.get("/stories/{story_id}")
    def story(request: Request, store: StoreDep, story_id: str) -> Response:
        return render(request, "story.html", story_page(store, story_id))

    @pages.get("/events")
    def events(request: Request, store: StoreDep) -> Response:
        query = read_event_query(request.query_params)
        found = store.find_records(
            "events", query.filters(), query.limit, query.offset, order=query.sort
        )
        return render(
            request,
            "events.html",
            {
                "query": query,
                "events": found,
                "outlets": store.outlets(),
                "sorts": SORTS,
                "page_sizes": PAGE_SIZES,
                "modalities": MODALITIES,
            },
        )

    @pages.get("/articles/{article_id}")
    def article(
        request: Request, store: StoreDep, article_id: str, event: str | None = None
    ) -> Response:
        return render(request, "article.html", article_page(store, article_id, event))

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
        counted = modality or COUNTED_BY_DEFAULT
        summary = dyad_summary(store, country_a, country_b, latest_stories=10, modalities=counted)
        ways = [(country_a, country_b), (country_b, country_a)]
        return render(
            request,
            "dyad.html",
            {
                "summary": summary,
                "alliance": assess_alliance(store, country_a, country_b),
                "map": dyad_map(store, country_a, country_b, counted),
                "chart": summary.to_record(),
                "modalities": MODALITIES,
                "chosen": set(counted),
                "month_ways": ways,
                "links": {
                    month.month: [month_of_events(*way, month.month, summary.counted) for way in ways]
                    for month in summary.months
                },
            },
        )

    return pages
