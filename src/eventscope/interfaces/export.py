"""Write stored records as JSON Lines, CSV or Parquet.

JSON Lines keeps the contract's nested shape. CSV and Parquet are flat tables, in the
GDELT spirit, that load unchanged in pandas and R: nested objects become prefixed
columns (`cameo_code`, `source_actor_country`) and lists become JSON text.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from eventscope.errors import SettingsError
from eventscope.store import Store
from eventscope.streams import batched

FORMATS = ("jsonl", "csv", "parquet")

# Nested objects and the keys each becomes a `<object>_<key>` column for, in column order.
NESTED = {
    "source_actor": ("id", "name", "code", "country"),
    "target_actor": ("id", "name", "code", "country"),
    "cameo": ("code", "root", "quad_class", "goldstein"),
    "plover": ("type", "mode", "context"),
    "location": ("name", "country"),
}


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """One flat row: nested objects as prefixed columns, lists as JSON text."""
    row: dict[str, Any] = {}
    for key, value in record.items():
        if key in NESTED:
            for sub in NESTED[key]:
                item = value.get(sub) if isinstance(value, dict) else None
                row[f"{key}_{sub}"] = json.dumps(item, ensure_ascii=False) if isinstance(item, list) else item
        elif key == "span":
            row["span_start"], row["span_end"] = value
        elif isinstance(value, (list, dict)):
            row[key] = json.dumps(value, ensure_ascii=False)
        else:
            row[key] = value
    return row


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer: csv.DictWriter | None = None
    count = 0
    for record in records:
        row = flatten(record)
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
            writer.writeheader()
        writer.writerow(row)
        count += 1
    return count


def write_parquet(records: Iterable[dict[str, Any]], path: Path, batch_rows: int = 5000) -> int:
    """Stream flat rows into a Parquet file in row groups, keeping memory flat."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer = None
    schema = None
    count = 0
    try:
        for chunk in batched((flatten(r) for r in records), batch_rows):
            table = pa.Table.from_pylist(chunk, schema=schema)
            if writer is None:
                schema = table.schema
                writer = pq.ParquetWriter(str(path), schema)
            writer.write_table(table)
            count += len(chunk)
        if writer is None:
            pq.write_table(pa.table({}), str(path))
    finally:
        if writer is not None:
            writer.close()
    return count


def export(store: Store, kind: str, fmt: str, out: Path | None, stdout: IO[str]) -> int:
    """Export every record of `kind`; returns how many were written."""
    if fmt not in FORMATS:
        raise SettingsError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    records = store.iter_records(kind)
    if fmt == "parquet":
        if out is None:
            raise SettingsError("--format parquet needs --out FILE")
        return write_parquet(records, out)
    write = write_jsonl if fmt == "jsonl" else write_csv
    if out is None:
        return write(records, stdout)
    with open(out, "w", encoding="utf-8", newline="") as handle:
        return write(records, handle)

