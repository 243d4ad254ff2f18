"""The HTTP API and the web page, served from one process over one eventscope database.

Only read routes: JSON under `/api/` (OpenAPI at `/openapi.json`) and server-rendered
pages (story list, story, actor, dyad). Each request opens the database read-only and
closes it again, so `eventscope run` can add articles while the server is up. Errors
reach the client with a plain message (4xx for a bad request, 503 when the database
cannot answer); database paths and stack traces only go to the log.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventscope.errors import BadInput, EventscopeError, StoreError
from eventscope.interfaces.api_routes import api_routes
from eventscope.interfaces.openapi import add_docs, openapi_with_records
from eventscope.interfaces.page_routes import add_templates, page_routes, render
from eventscope.store import Store, open_for_reading

log = logging.getLogger(__name__)


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
        docs_url=None,  # FastAPI's own /docs loads its scripts from a CDN; add_docs serves them
        redoc_url=None,
    )
    app.state.site = site
    add_templates(app)
    add_docs(app)
    _add_error_handlers(app)
    app.include_router(api_routes())
    app.include_router(page_routes())
    app.openapi = openapi_with_records(app)  # type: ignore[method-assign]
    return app


def serve(
    location: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Run the API and web page until interrupted.

    The address is taken before anything is announced: a port in use is an
    `EventscopeError`, and `on_ready` gets the URL only once the database has opened and
    the socket is listening.
    """
    import uvicorn

    app = create_app(location)
    sock = listen(host, port)
    url = f"http://{host}:{port}/"
    log.info("serving %s on %s", location, url)
    if on_ready:
        on_ready(url)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    server.run(sockets=[sock])


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to host:port, or `EventscopeError` saying why it cannot be."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise EventscopeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise EventscopeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    return sock


def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("eventscope")
    except PackageNotFoundError:
        return "0"


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
    # A repeatable parameter's position in the list ('modality.0') is left out of its name.
    name = ".".join(str(part) for part in where[1:] if not isinstance(part, int)) or "value"
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
