"""The OpenAPI document: FastAPI's own, with the public contract's record schemas as its
components, so `/openapi.json` describes the records exactly as `schema.json` does."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from importlib import resources
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from eventscope.interfaces.params import RECORD_NAMES

# The public contract's schema.json, shipped in the package for the OpenAPI document.
RECORD_SCHEMA_FILE = "record_schema.json"
# Where the Swagger UI files (from the swagger-ui-bundle-v2 package) are served.
DOCS_ASSETS = "/docs-assets"

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


def record_response(kind: str) -> dict[int | str, dict[str, Any]]:
    schema = {"$ref": f"#/components/schemas/{RECORD_NAMES[kind]}"}
    return _json_response(f"the {RECORD_NAMES[kind]}", schema)


def add_docs(app: FastAPI) -> None:
    """Interactive documentation at `/docs`, its scripts served from the package, not a CDN."""
    from swagger_ui_bundle import swagger_ui_path

    app.mount(DOCS_ASSETS, StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title=f"{app.title} API",
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png",
        )


def page_response(kind: str) -> dict[int | str, dict[str, Any]]:
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
    response = _json_response(f"one page of {kind}", schema)
    response[200]["content"]["text/csv"] = {
        "schema": {"type": "string", "description": "with format=csv: the page as a flat table"}
    }
    response[200]["content"]["application/vnd.apache.parquet"] = {
        "schema": {"type": "string", "format": "binary", "description": "with format=parquet"}
    }
    return response


_EVIDENCE = {
    "type": ["object", "null"],
    "description": "the sentence of a stored article that shows it; offsets index the article's text",
    "properties": {
        "article_id": {"type": "string"},
        "story_id": {"type": ["string", "null"]},
        "sentence": {"type": "string"},
        "sentence_span": {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2},
        "span": {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2,
                 "description": "the words that carry the finding"},
    },
}
_OBLIGATION = {
    "type": "object",
    "required": ["type", "agreement_id", "evidence"],
    "properties": {
        "type": {"enum": ["defence", "offence", "neutrality", "non-aggression", "consultation"]},
        "agreement_id": {"type": "string"},
        "evidence": _EVIDENCE,
    },
}
ALLIANCE_SCHEMA = {
    "type": "object",
    "required": ["parties", "verdict", "obligations", "agreements", "since", "trend"],
    "properties": {
        "parties": {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2},
        "verdict": {"enum": ["defence pact", "offence pact", "neutrality pact", "non-aggression pact",
                             "consultation pact", "defence cooperation agreement", "no formal tie"]},
        "since": {"type": ["string", "null"], "format": "date",
                  "description": "date of the signed agreement that sets the verdict"},
        "agreements": {"type": "array", "items": {"type": "string"},
                       "description": "ids of the signed agreements the verdict rests on"},
        "obligations": {"type": "array", "items": _OBLIGATION},
        "denied_obligations": {"type": "array", "items": _OBLIGATION,
                               "description": "obligations a report of the agreement explicitly denies"},
        "defence_cooperation": {
            "type": "array",
            "items": {"type": "object", "properties": {
                "provision": {"type": "string"}, "agreement_id": {"type": "string"}, "evidence": _EVIDENCE}},
        },
        "proposals": {
            "type": "array",
            "description": "proposed or planned steps; never set the verdict",
            "items": {"type": "object", "properties": {
                "source": {"enum": ["agreement", "obligation", "event"]},
                "modality": {"type": "string"},
                "date": {"type": ["string", "null"], "format": "date"},
                "what": {"type": "array", "items": {"type": "string"}},
                "agreement_id": {"type": ["string", "null"]},
                "event_id": {"type": ["string", "null"]},
                "evidence": _EVIDENCE}},
        },
        "trend": {
            "type": "array",
            "description": "asserted events per quarter: quad classes 1-2 cooperation, 3-4 conflict",
            "items": {"type": "object", "properties": {
                "quarter": {"type": "string"}, "cooperation": {"type": "integer"},
                "conflict": {"type": "integer"}}},
        },
        "considered_agreements": {"type": "array", "items": {"type": "object"}},
    },
}


def alliance_response() -> dict[int | str, dict[str, Any]]:
    return _json_response("the alliance assessment", {"$ref": "#/components/schemas/alliance"})


def openapi_with_records(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """FastAPI's OpenAPI document, with the contract's record schemas as components."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title, version=app.version, summary=app.summary, routes=app.routes
            )
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            for name, schema in record_schemas().items():
                schemas.setdefault(name, schema)
            schemas.setdefault("alliance", ALLIANCE_SCHEMA)
            # Bad parameters are answered with one plain message (see api._add_error_handlers).
            schemas["HTTPValidationError"] = PLAIN_ERROR
            schemas.pop("ValidationError", None)
            app.openapi_schema = document
        return app.openapi_schema

    return openapi
