"""A page of records as a CSV or Parquet download: the rows the same query shows as JSON,
as the flat tables the exports write (events as the flat events table)."""

from __future__ import annotations

import io
from typing import Any

from fastapi.responses import Response

from eventscope.interfaces.export import write_csv, write_parquet
from eventscope.interfaces.tables import flat_rows

MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet"}


def table_response(kind: str, records: list[dict[str, Any]], fmt: str) -> Response:
    """The records as a `fmt` (csv or parquet) attachment named after their kind."""
    table = "events_flat" if kind == "events" else kind
    rows = list(flat_rows(table, records))
    if fmt == "csv":
        text = io.StringIO()
        write_csv(rows, text)
        body = text.getvalue().encode("utf-8")
    else:
        data = io.BytesIO()
        write_parquet(lambda: rows, data)
        body = data.getvalue()
    return Response(
        body,
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{kind}.{fmt}"'},
    )
