from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from eventscope.interfaces.export import write_csv, write_jsonl
from eventscope.interfaces.tables import ColumnTypes, flat_event, flatten

EVENT = {
    "id": "e1", "span": [3, 9], "cameo": {"code": "057", "root": "05", "quad_class": 1, "goldstein": 8.0},
    "source_actor": {"id": "a", "name": "Iran", "code": "IRN", "country": "IRN"}, "target_actor": None,
    "plover": {"type": "AGREE", "mode": None, "context": ["military"]}, "attribution": ["IRNA"],
    "date": "2017-07-23", "confidence": 0.5, "background": False,
    "article": {"source": "https://example.org/a", "outlet": "IRNA", "published": "2017-07-24"},
}
README = Path(__file__).resolve().parents[1] / "README.md"


def test_flatten_expands_nested_objects_and_keeps_lists():
    row = flatten(EVENT)
    assert row["cameo_code"] == "057" and row["span_start"] == 3 and row["span_end"] == 9
    assert row["source_actor_country"] == "IRN" and row["target_actor_id"] is None
    assert row["plover_context"] == ["military"] and row["attribution"] == ["IRNA"]
    assert row["article_source"] == "https://example.org/a"


def test_flat_event_puts_the_analysts_columns_first():
    row = flat_event(EVENT)
    assert list(row)[:5] == ["id", "date", "source_actor_code", "source_actor_name", "source_actor_country"]
    assert row["article_outlet"] == "IRNA" and row["span_start"] == 3


def test_csv_quotes_text_writes_lists_as_json_and_learns_the_column_types():
    out = io.StringIO()
    types = ColumnTypes()
    assert write_csv([flatten(EVENT), flatten({**EVENT, "id": "e2", "confidence": None})], out, types) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["id"] for r in rows] == ["e1", "e2"]
    assert rows[0]["cameo_goldstein"] == "8.0" and json.loads(rows[0]["plover_context"]) == ["military"]
    assert re.search(r'"057","05",1,8\.0', out.getvalue())
    fields = {f["name"]: f["type"] for f in types.table_schema()["fields"]}
    assert fields["cameo_code"] == "string" and fields["cameo_quad_class"] == "integer"
    assert fields["confidence"] == "number" and fields["background"] == "boolean"
    assert fields["date"] == "date" and fields["article_published"] == "date"
    assert fields["attribution"] == "array" and fields["target_actor_id"] == "string"


def test_jsonl_writes_one_record_per_line_with_unicode_kept():
    out = io.StringIO()
    write_jsonl([{"name": "کیومرث حیدری"}, {"name": "b"}], out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and "کیومرث" in lines[0]


def readme_pandas_line() -> str:
    lines = [line.strip() for line in README.read_text("utf-8").splitlines()]
    return next(line for line in lines if line.startswith("events = pd.read_csv("))


def test_the_readmes_pandas_line_keeps_cameo_codes_as_text(tmp_path: Path, monkeypatch):
    """The one-line load the README shows, run on a CSV and Table Schema written by export."""
    pd = pytest.importorskip("pandas")
    from eventscope.interfaces.export import schema_path

    types = ColumnTypes()
    records = [EVENT, {**EVENT, "id": "e2", "cameo": {**EVENT["cameo"], "code": "0312", "root": "03"}}]
    with open(tmp_path / "events.csv", "w", encoding="utf-8", newline="") as handle:
        write_csv((flat_event(r) for r in records), handle, types)
    schema_path(tmp_path / "events.csv").write_text(json.dumps(types.table_schema()), "utf-8")
    monkeypatch.chdir(tmp_path)
    scope = {"pd": pd, "json": json}
    exec(readme_pandas_line(), scope)  # noqa: S102 (the README's own line, as a reader runs it)
    events = scope["events"]
    assert events["cameo_code"].tolist() == ["057", "0312"]
    assert events["cameo_root"].tolist() == ["05", "03"]
    assert events["cameo_quad_class"].tolist() == [1, 1]
    assert pd.isna(events.loc[0, "target_actor_code"])


KHARKIV = {"name": "Kharkiv", "country": "UKR", "lat": 49.98177, "lon": 36.25475, "geonames_id": 706483,
           "admin1": "UA.07", "precision": "city", "place_source": "text"}


def test_an_events_location_fills_our_columns_and_gdelts_action_geo():
    row = flat_event({**EVENT, "location": KHARKIV, "date_precision": "day", "date_source": "text"})
    assert (row["location_lat"], row["location_geonames_id"], row["location_place_source"]) == (49.98177, 706483, "text")
    assert row["ActionGeo_FullName"] == "Kharkiv, Ukraine" and row["ActionGeo_CountryCode"] == "UKR"
    assert (row["ActionGeo_Lat"], row["ActionGeo_Long"], row["ActionGeo_FeatureID"]) == (49.98177, 36.25475, 706483)
    assert row["ActionGeo_Type"] == 4 and row["ActionGeo_ADM1Code"] == "UA.07"
    assert (row["date_precision"], row["date_source"]) == ("day", "text")
    unplaced = flatten({**EVENT, "location": None})
    assert unplaced["ActionGeo_Lat"] is None and unplaced["location_name"] is None


def test_parquet_types_a_coordinate_column_that_starts_with_nulls(tmp_path: Path):
    import pyarrow.parquet as pq

    from eventscope.interfaces.export import write_parquet

    records = [{**EVENT, "id": "e1", "location": None}, {**EVENT, "id": "e2", "location": KHARKIV}]
    assert write_parquet(lambda: (flat_event(r) for r in records), tmp_path / "events.parquet", batch_rows=1) == 2
    table = pq.read_table(tmp_path / "events.parquet")
    assert table.column("ActionGeo_Lat").to_pylist() == [None, 49.98177]
