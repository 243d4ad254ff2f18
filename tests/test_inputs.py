"""Inputs real users have: wire items, bad files under all cores, syndicated copies, outlets.

Each test runs the public command (or the run function) on real text: BBC articles, the
PLOVER gold sentences as one-sentence wire items, the seeds.
"""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventscope.errors import BadInput, EventscopeError, StoreError
from eventscope.evaluate.plover import read_records
from eventscope.extract.clean import clean_text
from eventscope.interfaces.cli import main
from eventscope.pipeline import run
from eventscope.store import open_for_reading, open_store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BBC_POLITICS = SHARED / "corpora" / "bbc" / "news" / "politics"
PLOVER = SHARED / "gold" / "plover" / "PLOVER_GSR_CAMEO.txt"
WIRE_ITEMS = 78
GOOD_BBC = 11
WIRE_LINE = "The United States fired anti-aircraft batteries at Russia this week."


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def records(db: Path, kind: str) -> list[dict]:
    with open_for_reading(str(db)) as store:
        return list(store.iter_records(kind))


@pytest.mark.parametrize(
    "error",
    [BadInput("in/a.jsonl", "malformed JSON line", line=3), BadInput("b.txt", "empty file"),
     StoreError("database is locked"), EventscopeError("settings: unknown key")],
    ids=repr,
)
def test_every_error_round_trips_through_pickle(error: Exception) -> None:
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error) and str(back) == str(error)
    if isinstance(error, BadInput):
        assert (back.source, back.reason, back.line) == (error.source, error.reason, error.line)


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory) -> Path:
    """11 BBC articles, a one-line wire item, a JSON Lines file with one good and one
    malformed line, an empty file and a binary file: 13 good items, 3 bad."""
    folder = tmp_path_factory.mktemp("mixed")
    for path in sorted(BBC_POLITICS.glob("*.txt"))[:GOOD_BBC]:
        shutil.copy(path, folder / path.name)
    (folder / "wire.txt").write_text(WIRE_LINE + "\n")
    good = json.dumps({"text": (BBC_POLITICS / sorted(p.name for p in BBC_POLITICS.glob("*.txt"))[20]).read_text()})
    (folder / "items.jsonl").write_text(good + "\n{\"text\": \"unterminated\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    return folder


def assert_bad_files_named(stderr: str, folder: Path) -> None:
    problems = [line for line in stderr.splitlines() if line.startswith("eventscope: ")]
    assert len(problems) == 3, stderr
    assert any(f"{folder / 'items.jsonl'}:2: " in line for line in problems)
    assert any(str(folder / "empty.txt") in line for line in problems)
    assert any(str(folder / "binary.txt") in line for line in problems)


@pytest.mark.slow
def test_bad_files_under_all_cores_are_reported_and_the_rest_is_stored(mixed_folder, tmp_path):
    db = tmp_path / "mixed.duckdb"
    result = invoke("run", str(mixed_folder), "--db", str(db), "--workers", "2", "--quiet")
    assert result.exit_code == 2, result.output
    assert_bad_files_named(result.stderr, mixed_folder)
    assert "13 articles stored" in result.stderr
    assert len(records(db, "articles")) == 13
    again = invoke("run", str(mixed_folder), "--db", str(db), "--workers", "2", "--quiet")
    assert "0 articles stored, 13 already stored, 3 rejected" in again.stderr


@pytest.mark.slow
def test_bad_files_on_a_dask_cluster_are_reported_and_the_rest_is_stored(mixed_folder, settings, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        dask = settings.with_overrides(
            {"run.engine": "dask", "run.workers": 2, "run.scheduler": cluster.scheduler_address}
        )
        with open_store(tmp_path / "dask.duckdb") as store:
            report = run([mixed_folder], store, dask)
    assert report.stored == 13
    assert sorted(Path(p.source).name for p in report.rejected) == ["binary.txt", "empty.txt", "items.jsonl"]


def test_a_one_sentence_item_is_its_own_content() -> None:
    assert clean_text(WIRE_LINE).text == WIRE_LINE


@pytest.mark.parametrize("label", ["Share this", "Advertisement", "Read more", "12:04"])
def test_a_one_line_label_is_not_an_article(tmp_path, label) -> None:
    (tmp_path / "label.txt").write_text(label + "\n")
    result = invoke("run", str(tmp_path / "label.txt"), "--db", str(tmp_path / "x.duckdb"), "--quiet")
    assert result.exit_code == 2
    assert "label.txt: no article text" in result.stderr


@pytest.mark.slow
def test_wire_items_are_articles_and_an_empty_one_is_named(tmp_path):
    sentences = list(dict.fromkeys(r["text"] for r in read_records(PLOVER) if r.get("text")))
    lines = [json.dumps({"text": text, "published": "2016-12-12"}) for text in sentences[: WIRE_ITEMS - 1]]
    lines.insert(40, json.dumps({"text": ""}))
    items = tmp_path / "wire.jsonl"
    items.write_text("\n".join(lines) + "\n")
    db = tmp_path / "wire.duckdb"
    result = invoke("run", str(items), "--db", str(db), "--workers", "1", "--quiet")
    assert result.exit_code == 2
    assert "77 articles stored, 0 already stored, 1 rejected" in result.stderr
    assert f"{items}:41: " in result.stderr
    stored = records(db, "articles")
    assert {" ".join(a["text"].split()) for a in stored} == {
        " ".join(text.split()) for text in sentences[: WIRE_ITEMS - 1]}
    assert len(records(db, "events")) > 30


@pytest.fixture(scope="module")
def syndicated(tmp_path_factory, seeds_dir) -> Path:
    """One seed article sent by two wire services, and by the first twice."""
    text = sorted(seeds_dir.glob("*.txt"))[1].read_text()
    lines = [json.dumps({"text": text, "outlet": outlet, "published": "2017-07-23"})
             for outlet in ("Reuters", "AFP", "Reuters")]
    path = tmp_path_factory.mktemp("wire") / "copies.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.slow
def test_syndicated_copies_are_two_articles_and_two_sources(syndicated, tmp_path):
    db = tmp_path / "copies.duckdb"
    first = invoke("run", str(syndicated), "--db", str(db), "--workers", "1", "--quiet")
    assert "2 articles stored, 1 already stored" in first.stderr
    articles = records(db, "articles")
    assert sorted(a["outlet"] for a in articles) == ["AFP", "Reuters"]
    copies = [a for a in articles if a["duplicate_of"]]
    assert len(copies) == 1 and copies[0]["duplicate_of"] in {a["id"] for a in articles}
    (story,) = records(db, "stories")
    assert (story["num_articles"], story["num_sources"], story["outlets"]) == (2, 2, ["AFP", "Reuters"])
    again = invoke("run", str(syndicated), "--db", str(db), "--workers", "1", "--quiet")
    assert "0 articles stored, 3 already stored" in again.stderr


@pytest.fixture(scope="module")
def bbc_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bbc")
    for path in sorted(BBC_POLITICS.glob("*.txt"))[:4]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.mark.slow
def test_no_outlet_is_ever_a_file_name(bbc_folder, tmp_path):
    db = tmp_path / "bbc.duckdb"
    result = invoke("run", str(bbc_folder), "--db", str(db), "--workers", "1")
    assert result.exit_code == 0, result.output
    assert all(a["outlet"] is None for a in records(db, "articles"))
    stories = records(db, "stories")
    assert all(s["outlets"] == [] and s["num_sources"] == 0 for s in stories)
    assert sum(s["articles_without_outlet"] for s in stories) == 4
    assert ".txt" not in result.stdout and "outlet not stated" in result.stdout


@pytest.mark.slow
def test_outlet_and_date_of_a_run_apply_where_the_input_states_none(bbc_folder, syndicated, tmp_path):
    db = tmp_path / "given.duckdb"
    result = invoke("run", str(bbc_folder), str(syndicated), "--db", str(db), "--workers", "1",
                    "--outlet", "BBC News", "--published", "2005-02-01", "--quiet")
    assert result.exit_code == 0, result.output
    articles = records(db, "articles")
    bbc = [a for a in articles if a["source"].endswith(".txt")]
    assert {(a["outlet"], a["published"]) for a in bbc} == {("BBC News", "2005-02-01")}
    wire = [a for a in articles if a["source"].startswith(str(syndicated))]
    assert sorted((a["outlet"], a["published"]) for a in wire) == [
        ("AFP", "2017-07-23"), ("Reuters", "2017-07-23")]


def test_settings_after_the_command_are_read(tmp_path, bbc_folder):
    settings_file = tmp_path / "s.yaml"
    settings_file.write_text("extract:\n  max_file_bytes: 10\n")
    db = tmp_path / "s.duckdb"
    result = invoke("run", str(bbc_folder), "--db", str(db), "--settings", str(settings_file), "--quiet")
    assert result.exit_code == 2
    assert result.stderr.count("file too large") == 4 and "0 articles stored" in result.stderr


def test_a_missing_path_creates_no_database(tmp_path):
    db = tmp_path / "none.duckdb"
    result = invoke("run", str(tmp_path / "nosuchdir"), "--db", str(db))
    assert result.exit_code == 2
    assert "nosuchdir: no such file or folder" in result.stderr
    assert not db.exists()
