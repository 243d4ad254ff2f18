"""Write stored records as JSON Lines, CSV or Parquet.

JSON Lines keeps the contract's nested shape. CSV and Parquet are flat tables, in the
GDELT spirit (`tables.py`): nested objects become prefixed columns (`cameo_code`,
`source_actor_country`). Parquet keeps lists as list columns and days as dates; CSV
quotes every text value, writes lists as JSON text and gets a Table Schema file beside
it (`events.csv` -> `events.schema.json`) saying which columns are text, so that pandas
and R keep `057` as a code.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from eventscope.errors import SettingsError
from eventscope.interfaces.tables import ColumnTypes, flat_rows
from eventscope.store import RECORD_KINDS, Store
from eventscope.streams import batched

FORMATS = ("jsonl", "csv", "parquet")
# What can be exported: every record kind, and the flat events table (one row per event).
EXPORT_KINDS = (*RECORD_KINDS, "events_flat")


def schema_path(csv_path: Path) -> Path:
    """Where the Table Schema of a CSV file goes: `events.csv` -> `events.schema.json`."""
    return csv_path.with_name(csv_path.stem + ".schema.json")


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def _csv_value(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def write_csv(rows: Iterable[dict[str, Any]], out: IO[str], types: ColumnTypes | None = None) -> int:
    """Flat rows as CSV, every text value quoted and lists as JSON text; `types` learns the columns."""
    writer: csv.DictWriter | None = None
    count = 0
    for row in rows:
        if types is not None:
            types.see(row)
        if writer is None:
            writer = csv.DictWriter(
                out, fieldnames=list(row), lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC
            )
            writer.writeheader()
        writer.writerow({column: _csv_value(value) for column, value in row.items()})
        count += 1
    return count


def _arrow_type(kind: str) -> Any:
    import pyarrow as pa

    return {
        "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(),
        "date": pa.date32(), "array": pa.list_(pa.string()),
    }.get(kind, pa.string())


def _arrow_value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "date":
        return dt.date.fromisoformat(str(value))
    if kind in ("string", "json") and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_parquet(
    rows: Callable[[], Iterable[dict[str, Any]]], where: Path | IO[bytes], batch_rows: int = 5000
) -> int:
    """Flat rows into a Parquet file in row groups, keeping memory flat.

    `rows` is called twice: once to learn each column's type, once to write.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = ColumnTypes()
    for row in rows():
        types.see(row)
    kinds = {column: types.type_of(column) for column in types.kinds}
    schema = pa.schema([(column, _arrow_type(kind)) for column, kind in kinds.items()])
    target = str(where) if isinstance(where, Path) else where
    count = 0
    with pq.ParquetWriter(target, schema) as writer:
        for chunk in batched(rows(), batch_rows):
            typed = [
                {column: _arrow_value(row.get(column), kind) for column, kind in kinds.items()}
                for row in chunk
            ]
            writer.write_table(pa.Table.from_pylist(typed, schema=schema))
            count += len(chunk)
    return count


def export(store: Store, kind: str, fmt: str, out: Path | None, stdout: IO[str]) -> int:
    """Export every record of `kind` (or the flat events table); returns how many were written.

    A CSV written to a file gets its Table Schema beside it (see `schema_path`).
    """
    if fmt not in FORMATS:
        raise SettingsError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if kind not in EXPORT_KINDS:
        raise SettingsError(f"unknown kind {kind!r}; expected one of {', '.join(EXPORT_KINDS)}")
    stored = "events" if kind == "events_flat" else kind

    def rows() -> Iterable[dict[str, Any]]:
        return flat_rows(kind, store.iter_records(stored))

    if fmt == "parquet":
        if out is None:
            raise SettingsError("--format parquet needs --out FILE")
        return write_parquet(rows, out)
    if fmt == "jsonl":
        records = rows() if kind == "events_flat" else store.iter_records(kind)
        if out is None:
            return write_jsonl(records, stdout)
        with open(out, "w", encoding="utf-8") as handle:
            return write_jsonl(records, handle)
    if out is None:
        return write_csv(rows(), stdout)
    types = ColumnTypes()
    with open(out, "w", encoding="utf-8", newline="") as handle:
        count = write_csv(rows(), handle, types)
    schema_path(out).write_text(json.dumps(types.table_schema(), indent=2) + "\n", "utf-8")
    return count
