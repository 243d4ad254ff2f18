"""The OpenAPI document: FastAPI's own, with the public contract's record schemas as its
components, so `/openapi.json` describes the records exactly as `schema.json` does."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from importlib import resources
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from eventscope.interfaces.params import RECORD_NAMES

# The public contract's schema.json, shipped in the package for the OpenAPI document.
RECORD_SCHEMA_FILE = "record_schema.json"

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
    return _json_response(f"one page of {kind}", schema)


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
            # Bad parameters are answered with one plain message (see api._add_error_handlers).
            schemas["HTTPValidationError"] = PLAIN_ERROR
            schemas.pop("ValidationError", None)
            app.openapi_schema = document
        return app.openapi_schema

    return openapi
