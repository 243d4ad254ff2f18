"""Engines: more workers, or a Dask cluster, give exactly the records of one worker."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest

from eventscope.errors import BadInput
from eventscope.extract import read_inputs
from eventscope.interfaces.export import export
from eventscope.pipeline import run
from eventscope.pipeline.engines import LocalEngine, get_engine
from eventscope.settings import Settings
from eventscope.store import open_store
from eventscope.streams import batched

KINDS = ("articles", "events", "actors", "stories", "agreements")
BBC = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "bbc" / "news" / "politics"
BBC_ARTICLES = 6


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seeds_dir) -> Path:
    """The seeds plus a few BBC politics articles: enough for several batches per worker."""
    folder = tmp_path_factory.mktemp("engine-corpus")
    for path in sorted(seeds_dir.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    for path in sorted(BBC.glob("*.txt"))[:BBC_ARTICLES]:
        shutil.copy(path, folder / f"bbc-{path.name}")
    return folder


def exported(corpus: Path, db: Path, settings: Settings) -> dict[str, list[dict]]:
    """Run the pipeline into a new store and export every record of every kind."""
    with open_store(db) as store:
        report = run([corpus], store, settings)
        assert report.ok and report.stored == len(list(corpus.iterdir()))
        records = {}
        for kind in KINDS:
            buffer = io.StringIO()
            export(store, kind, "jsonl", None, buffer)
            records[kind] = [json.loads(line) for line in buffer.getvalue().splitlines()]
    return records


@pytest.fixture(scope="module")
def one_worker(corpus, settings, tmp_path_factory) -> dict[str, list[dict]]:
    db = tmp_path_factory.mktemp("one-worker") / "one.duckdb"
    return exported(corpus, db, settings.with_overrides({"run.engine": "local", "run.workers": 1}))


def test_one_worker_run_codes_events(one_worker):
    assert one_worker["events"]
    assert len(one_worker["articles"]) == len({a["id"] for a in one_worker["articles"]})


def sources_in_engine_order(corpus: Path, settings: Settings) -> tuple[list[str], list[str]]:
    """Sources as read, and as the engine gives results back, over batches of 4 articles."""
    raws = [raw for raw in read_inputs([corpus], settings) if not isinstance(raw, BadInput)]
    results = get_engine(settings).map_batches(batched(raws, 4), settings)
    return [raw.source for raw in raws], [result.article.source for result in results]


@pytest.mark.slow
def test_local_engine_with_two_workers_keeps_order_and_exports_the_same_records(
    corpus, settings, one_worker, tmp_path
):
    two_workers = settings.with_overrides({"run.engine": "local", "run.workers": 2})
    given, returned = sources_in_engine_order(corpus, two_workers)
    assert returned == given
    two = exported(corpus, tmp_path / "two.duckdb", two_workers)
    for kind in KINDS:
        assert two[kind] == one_worker[kind], kind


@pytest.fixture(scope="module")
def local_cluster_address():
    """A two-process LocalCluster shared by the Dask runs of this module."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.mark.slow
def test_dask_engine_on_a_local_cluster_keeps_order_and_exports_the_same_records(
    corpus, settings, one_worker, local_cluster_address, tmp_path
):
    dask_settings = settings.with_overrides(
        {"run.engine": "dask", "run.workers": 2, "run.scheduler": local_cluster_address}
    )
    given, returned = sources_in_engine_order(corpus, dask_settings)
    assert returned == given
    dask = exported(corpus, tmp_path / "dask.duckdb", dask_settings)
    for kind in KINDS:
        assert dask[kind] == one_worker[kind], kind


def test_get_engine_chooses_by_name_and_counts_all_cores_for_zero(settings):
    from eventscope.pipeline.dask import DaskEngine

    local = get_engine(settings.with_overrides({"run.engine": "local", "run.workers": 0}))
    assert isinstance(local, LocalEngine) and local.workers >= 1
    dask = get_engine(settings.with_overrides({"run.engine": "dask", "run.workers": 3, "run.scheduler": "tcp://h:1"}))
    assert isinstance(dask, DaskEngine) and (dask.scheduler, dask.workers) == ("tcp://h:1", 3)


@pytest.mark.slow
def test_quiet_run_on_a_local_dask_cluster_prints_only_its_summary(seeds_dir, tmp_path):
    """Dask's scheduler, nanny and worker log lines and shutdown errors stay out of --quiet."""
    import os
    import subprocess
    import sys

    src = Path(__file__).resolve().parents[1] / "src"
    result = subprocess.run(
        [sys.executable, "-m", "eventscope", "run", str(seeds_dir), "--db", str(tmp_path / "q.duckdb"),
         "--engine", "dask", "--workers", "2", "--quiet"],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONPATH": str(src)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    [summary] = result.stderr.splitlines()
    assert re.fullmatch(r"5 articles stored, 0 already stored, 0 rejected, \d+ events", summary)


def test_dask_logs_follow_eventscopes_level():
    import logging

    from eventscope.pipeline.dask import dask_log_level, dask_logs_at

    root = logging.getLogger()
    before = root.level
    try:
        root.setLevel(logging.ERROR)
        assert dask_log_level() == logging.CRITICAL
        for level in (logging.DEBUG, logging.INFO, logging.WARNING):
            root.setLevel(level)
            assert dask_log_level() == logging.WARNING  # Dask's own chatter is never shown
    finally:
        root.setLevel(before)
    distributed = logging.getLogger("distributed")
    old = distributed.level
    with dask_logs_at(logging.CRITICAL):
        assert distributed.level == logging.CRITICAL
    assert distributed.level == old
