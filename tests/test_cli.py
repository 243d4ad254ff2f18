"""The public commands, run as a user runs them, against the contract."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from eventscope.interfaces.cli import main

CONTRACT = Path(__file__).resolve().parents[1].parent / "shared" / "contract" / "schema.json"
KINDS = ("articles", "events", "actors", "stories", "agreements")
KIND_TO_DEF = {"articles": "article", "events": "event", "actors": "actor", "stories": "story",
               "agreements": "agreement"}


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def export(db: Path, kind: str) -> list[dict]:
    result = invoke("export", kind, "--db", str(db))
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory, seeds_dir) -> Path:
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    result = invoke("run", str(seeds_dir), "--db", str(db), "--workers", "1", "--quiet")
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def schema() -> dict:
    if not CONTRACT.exists():
        pytest.skip("contract schema not found")
    return json.loads(CONTRACT.read_text())


@pytest.mark.parametrize("kind", KINDS)
def test_exported_records_validate_against_contract(seeds_db, schema, kind):
    records = export(seeds_db, kind)
    validator = jsonschema.Draft202012Validator({**schema, "$ref": f"#/$defs/{KIND_TO_DEF[kind]}"})
    for record in records:
        validator.validate(record)
    if kind in ("articles", "events", "actors", "stories"):
        assert records, f"no {kind} from the seeds"


def test_run_twice_adds_nothing(seeds_db, seeds_dir):
    before = {kind: export(seeds_db, kind) for kind in KINDS}
    result = invoke("run", str(seeds_dir), "--db", str(seeds_db), "--workers", "1", "--quiet")
    assert result.exit_code == 0
    assert "0 articles stored, 5 already stored" in result.stderr
    assert {kind: export(seeds_db, kind) for kind in KINDS} == before


def test_article_source_is_path_as_given_joined_with_file_name(seeds_db, seeds_dir):
    sources = sorted(a["source"] for a in export(seeds_db, "articles"))
    assert sources == sorted(str(seeds_dir / name) for name in sorted(p.name for p in seeds_dir.iterdir()))


def test_event_spans_index_the_article_text(seeds_db):
    texts = {a["id"]: a["text"] for a in export(seeds_db, "articles")}
    for event in export(seeds_db, "events"):
        start, end = event["span"]
        assert 0 <= start < end <= len(texts[event["article_id"]])
        assert texts[event["article_id"]][start:end] in event["sentence"]


def test_bad_inputs_are_reported_and_good_ones_stored(tmp_path, seeds_dir):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(next(iter(sorted(seeds_dir.iterdir()))), inputs / "good.txt")
    (inputs / "empty.txt").write_text("")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (inputs / "lines.jsonl").write_text('{"text": "not closed\n')
    db = tmp_path / "db.duckdb"
    result = invoke("run", str(inputs), "--db", str(db), "--workers", "1", "--quiet")
    assert result.exit_code == 2
    problems = [line for line in result.stderr.splitlines() if line.startswith("eventscope: ")]
    named = " ".join(problems)
    for name in ("empty.txt", "binary.txt", "lines.jsonl:1"):
        assert name in named
    assert len(export(db, "articles")) == 1


def test_export_csv_has_flat_columns(seeds_db):
    result = invoke("export", "events", "--db", str(seeds_db), "--format", "csv")
    assert result.exit_code == 0
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert {"cameo_code", "cameo_root", "source_actor_country", "span_start", "plover_type"} <= set(header)


def test_flat_events_csv_keeps_codes_as_text_and_names_each_events_article(seeds_db, tmp_path):
    pd = pytest.importorskip("pandas")
    out = tmp_path / "events.csv"
    result = invoke("export", "events_flat", "--db", str(seeds_db), "--format", "csv", "--out", str(out))
    assert result.exit_code == 0
    assert f"column types written to {tmp_path / 'events.schema.json'}" in result.stderr
    fields = json.loads((tmp_path / "events.schema.json").read_text())["fields"]
    assert {"name": "cameo_code", "type": "string"} == {k: v for k, v in fields[8].items() if k != "description"}
    text_columns = {f["name"]: str for f in fields if f["type"] == "string"}
    events = pd.read_csv(out, dtype=text_columns)
    assert len(events) == len(export(seeds_db, "events"))
    assert "057" in set(events["cameo_code"]) and "05" in set(events["cameo_root"])
    assert events["article_source"].notna().all()
    assert "SOFREP" in set(events["article_outlet"])
    assert "057" not in set(pd.read_csv(out)["cameo_code"].astype(str))  # what the types prevent


def test_export_parquet_needs_out_and_round_trips(seeds_db, tmp_path):
    import pyarrow.parquet as pq

    assert invoke("export", "stories", "--db", str(seeds_db), "--format", "parquet").exit_code == 2
    out = tmp_path / "stories.parquet"
    assert invoke("export", "stories", "--db", str(seeds_db), "--format", "parquet", "--out", str(out)).exit_code == 0
    table = pq.read_table(out)
    assert table.num_rows == len(export(seeds_db, "stories"))
    assert "num_sources" in table.column_names


def test_missing_database_for_export_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["export", "events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "none.duckdb: no such database" in result.stderr


def test_exported_events_say_if_they_are_background_and_how_confident_the_filter_is(seeds_db):
    events = export(seeds_db, "events")
    assert all(isinstance(e["background"], bool) for e in events)
    assert all(e["confidence"] is not None and 0.0 <= e["confidence"] <= 1.0 for e in events)
