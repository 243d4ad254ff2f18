from __future__ import annotations

import csv
import io
import json

from eventscope.interfaces.export import flatten, write_csv, write_jsonl

EVENT = {
    "id": "e1", "span": [3, 9], "cameo": {"code": "057", "root": "05", "quad_class": 1, "goldstein": 8.0},
    "source_actor": {"id": "a", "name": "Iran", "code": "IRN", "country": "IRN"}, "target_actor": None,
    "plover": {"type": "AGREE", "mode": None, "context": ["military"]}, "attribution": ["IRNA"],
}


def test_flatten_expands_nested_objects_and_encodes_lists():
    row = flatten(EVENT)
    assert row["cameo_code"] == "057" and row["span_start"] == 3 and row["span_end"] == 9
    assert row["source_actor_country"] == "IRN" and row["target_actor_id"] is None
    assert json.loads(row["plover_context"]) == ["military"]
    assert json.loads(row["attribution"]) == ["IRNA"]


def test_csv_round_trips_through_the_csv_reader():
    out = io.StringIO()
    assert write_csv([EVENT, {**EVENT, "id": "e2"}], out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["id"] for r in rows] == ["e1", "e2"]
    assert rows[0]["cameo_goldstein"] == "8.0"


def test_jsonl_writes_one_record_per_line_with_unicode_kept():
    out = io.StringIO()
    write_jsonl([{"name": "کیومرث حیدری"}, {"name": "b"}], out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and "کیومرث" in lines[0]
