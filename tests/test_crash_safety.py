"""Crash safety and concurrency of `eventscope run`, checked on real processes.

A run is killed with SIGKILL (no cleanup of any kind) at two points, then resumed;
the database must never hold half an article and must end with exactly the ids of
an uninterrupted run. Two runs on one database must not corrupt it either: on DuckDB
the second stops with a one-line error, on PostgreSQL both finish and each article is
stored once. A worker process killed mid-run must end the run with a one-line error.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from eventscope.pipeline import run as run_pipeline
from eventscope.settings import Settings
from eventscope.store import RECORD_KINDS, open_for_reading, open_store
from pg_schema import NEEDS_PG, postgres_schema

pytestmark = pytest.mark.slow

BBC_POLITICS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "bbc" / "news" / "politics"
BATCH = 64  # pipeline.run stores articles a group (one transaction) at a time; the corpus spans two
CORPUS_SIZE = BATCH + 8
FEW = 12
KEPT_PARAGRAPHS = 2  # short articles keep each run to seconds
RUN_TIMEOUT = 240
PROGRESS = re.compile(r"articles:\s+\d+%\|[^|]*\|\s*(\d+)/\d+")


class Run:
    """`eventscope run` in its own process group, its progress bar read through a terminal.

    The CLI draws its progress bar only on a terminal, so stderr is a pseudo-terminal.
    """

    def __init__(self, corpus: Path, db: str, settings_file: Path | None = None) -> None:
        terminal, self._terminal_end = pty.openpty()
        # A zero-width terminal would make the bar draw nothing.
        fcntl.ioctl(self._terminal_end, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
        options = ["--settings", str(settings_file)] if settings_file else []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "eventscope", *options, "run", str(corpus), "--db", db, "--workers", "1"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._terminal_end,
            start_new_session=True,
        )
        os.close(self._terminal_end)
        self._terminal = terminal
        self.stderr: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        with contextlib.suppress(OSError):  # EIO once the process and its children are gone
            while chunk := os.read(self._terminal, 4096):
                self.stderr.append(chunk.decode("utf-8", "replace"))
        os.close(self._terminal)

    @property
    def progress(self) -> int:
        counts = PROGRESS.findall("".join(self.stderr))
        return int(counts[-1]) if counts else 0

    def wait_for_progress(self, articles: int) -> None:
        deadline = time.monotonic() + RUN_TIMEOUT
        while self.progress < articles:
            if self.process.poll() is not None:
                pytest.fail(f"run ended before {articles} articles: {self.output()}")
            if time.monotonic() > deadline:
                self.kill()
                pytest.fail(f"no progress to {articles} articles in {RUN_TIMEOUT}s: {self.output()}")
            time.sleep(0.02)

    def kill(self) -> None:
        """SIGKILL the whole process group, as a power cut or the OOM killer would."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self._reader.join(timeout=5)

    def finish(self) -> int:
        try:
            code = self.process.wait(timeout=RUN_TIMEOUT)
        finally:
            self.kill()
        return code

    def output(self) -> str:
        return "".join(self.stderr)[-2000:]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real BBC politics articles (headline and first paragraphs), more than one batch of them."""
    folder = tmp_path_factory.mktemp("bbc")
    written = 0
    for file in sorted(BBC_POLITICS.glob("*.txt")):
        paragraphs = [p for p in file.read_text("utf-8").split("\n\n") if p.strip()]
        text = "\n\n".join(paragraphs[: 1 + KEPT_PARAGRAPHS]) + "\n"
        if len(text) >= 400:  # well above extract.min_text_chars, so no article is rejected
            (folder / file.name).write_text(text, "utf-8")
            written += 1
        if written == CORPUS_SIZE:
            return folder
    pytest.skip(f"fewer than {CORPUS_SIZE} BBC articles found at {BBC_POLITICS}")


@pytest.fixture(scope="module")
def few_articles(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first articles of the corpus, for the PostgreSQL runs."""
    folder = tmp_path_factory.mktemp("few")
    for file in sorted(corpus.iterdir())[:FEW]:
        (folder / file.name).write_bytes(file.read_bytes())
    return folder


@dataclass(frozen=True)
class Reference:
    """What one uninterrupted run stored: ids of every kind, and each article's event ids."""

    ids: dict[str, list[str]]
    events: dict[str, list[str]]


@pytest.fixture(scope="module")
def reference(corpus: Path, settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Reference:
    db = str(tmp_path_factory.mktemp("reference") / "reference.duckdb")
    with open_store(db) as store:
        report = run_pipeline([str(corpus)], store, settings.with_overrides({"run.workers": 1}))
    assert report.ok and report.stored == CORPUS_SIZE
    ids = exported_ids(db)
    assert ids["events"] and ids["stories"]
    return Reference(ids, events_by_article(db))


def exported_ids(db: str) -> dict[str, list[str]]:
    with open_for_reading(db) as store:
        return {kind: sorted(r["id"] for r in store.iter_records(kind)) for kind in RECORD_KINDS}


def assert_no_partial_article(db: str, reference: Reference) -> None:
    """Every stored article has all its events; nothing points at a missing article or actor."""
    with open_for_reading(db) as store:
        orphans = {
            table: store.query(
                f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
            )[0][0]
            for table in ("events", "mentions", "article_agreements")
        }
        assert orphans == {"events": 0, "mentions": 0, "article_agreements": 0}
        stored = {row[0] for row in store.query("SELECT id FROM articles")}
        assert stored <= set(reference.ids["articles"])
        stories = {story["id"]: story for story in store.iter_records("stories")}
        for story in stories.values():
            assert set(story["article_ids"]) <= stored, "a story names an article that is not stored"
        for table in ("articles", "events"):
            linked = {row[0] for row in store.query(f"SELECT story_id FROM {table} WHERE story_id IS NOT NULL")}
            assert linked <= set(stories), f"{table} point at a story that is not stored"
        for agreement in store.iter_records("agreements"):
            assert set(agreement["article_ids"]) <= stored, "an agreement cites an article that is not stored"
        dangling = store.query(
            "SELECT count(*) FROM mentions WHERE actor_id NOT IN (SELECT id FROM actors)"
        )[0][0]
        assert dangling == 0
    coded = events_by_article(db)
    for article_id in stored:
        assert coded.get(article_id, []) == reference.events.get(article_id, []), (
            f"article {article_id} is half-written"
        )


def events_by_article(db: str) -> dict[str, list[str]]:
    with open_for_reading(db) as store:
        grouped: dict[str, list[str]] = {}
        for article_id, event_id in store.query("SELECT article_id, id FROM events ORDER BY id"):
            grouped.setdefault(article_id, []).append(event_id)
        return grouped


def test_killed_runs_leave_whole_articles_and_resume_to_the_same_ids(
    corpus: Path, reference: Reference, tmp_path: Path
) -> None:
    db = str(tmp_path / "events.duckdb")
    # Killed once the first articles went through the stages: groups are stored whole or not at all.
    first = Run(corpus, db)
    first.wait_for_progress(2)
    first.kill()
    assert_no_partial_article(db, reference)
    stored_after_first_kill = len(exported_ids(db)["articles"])
    assert stored_after_first_kill in (0, BATCH, CORPUS_SIZE)

    # Killed again once every article went through the stages: mid-write or mid-finalize.
    second = Run(corpus, db)
    second.wait_for_progress(CORPUS_SIZE)
    second.kill()
    assert_no_partial_article(db, reference)
    assert len(exported_ids(db)["articles"]) >= stored_after_first_kill

    last = Run(corpus, db)
    assert last.finish() == 0, last.output()
    assert "already stored" in last.output()
    assert_resumed_to_reference(db, reference)


@pytest.mark.postgres
@NEEDS_PG
def test_killed_run_on_postgres_leaves_whole_articles_and_resumes_to_the_same_ids(
    few_articles: Path, reference: Reference, tmp_path: Path
) -> None:
    import psycopg

    one_per_transaction = tmp_path / "settings.yaml"
    one_per_transaction.write_text("run:\n  write_group: 1\n")
    with postgres_schema("crash") as db, psycopg.connect(db, autocommit=True) as watcher:
        first = Run(few_articles, db, one_per_transaction)
        # PostgreSQL can be read while a run writes: kill as soon as the first article is in.
        deadline = time.monotonic() + RUN_TIMEOUT
        while stored_count(watcher) == 0 and time.monotonic() < deadline:
            assert first.process.poll() is None, first.output()
            time.sleep(0.01)
        first.kill()
        assert_no_partial_article(db, reference)
        assert 0 < len(exported_ids(db)["articles"]) < FEW
        last = Run(few_articles, db)
        assert last.finish() == 0, last.output()
        ids = exported_ids(db)
        assert sorted(set(ids["articles"])) == ids["articles"] and len(ids["articles"]) == FEW
        assert_no_partial_article(db, reference)


def stored_count(connection) -> int:
    """Articles committed so far (0 while the schema is not there yet)."""
    import psycopg

    try:
        return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except psycopg.errors.UndefinedTable:
        return 0


def assert_resumed_to_reference(db: str, reference: Reference) -> None:
    resumed = exported_ids(db)
    for kind in RECORD_KINDS:
        assert len(resumed[kind]) == len(set(resumed[kind])), f"duplicate {kind}"
    assert resumed == reference.ids
    assert events_by_article(db) == reference.events


def test_second_run_on_a_busy_duckdb_file_stops_with_a_clear_error(
    corpus: Path, reference: Reference, tmp_path: Path
) -> None:
    db = tmp_path / "busy.duckdb"
    first = Run(corpus, str(db))
    try:
        deadline = time.monotonic() + RUN_TIMEOUT
        while not db.exists() and time.monotonic() < deadline and first.process.poll() is None:
            time.sleep(0.02)  # the file appears once the first run holds it
        second = subprocess.run(
            [sys.executable, "-m", "eventscope", "run", str(corpus), "--db", str(db), "--quiet"],
            capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False,
        )
        still_running = first.process.poll() is None
    finally:
        first.kill()
    assert still_running, "the first run ended before the second tried; the test proves nothing"
    assert second.returncode == 1, second.stderr
    assert "database is in use by another eventscope process" in second.stderr
    assert second.stderr.count("\n") == 1, "one clear line, no traceback"
    assert_no_partial_article(str(db), reference)


def is_pool_worker(child, parent) -> bool:
    """A process-pool worker: forked from the run (same command line) or started by
    multiprocessing, not a short-lived helper some library runs, nor the resource tracker."""
    import psutil

    try:
        command = child.cmdline()
    except psutil.NoSuchProcess:
        return False
    text = " ".join(command)
    return "resource_tracker" not in text and (command == parent.cmdline() or "multiprocessing" in text)


def test_killed_worker_process_ends_the_run_with_a_one_line_error(
    corpus: Path, reference: Reference, tmp_path: Path
) -> None:
    """The whole corpus, so that work is still pending when the worker dies even on a slow,
    busy machine (a worker killed after the last result changes nothing)."""
    import psutil

    db = str(tmp_path / "worker.duckdb")
    command = [sys.executable, "-m", "eventscope", "run", str(corpus), "--db", db, "--workers", "2", "--quiet"]
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + RUN_TIMEOUT
        killed = False
        while not killed and time.monotonic() < deadline:
            assert run.poll() is None, "the run ended before a worker could be killed"
            with contextlib.suppress(psutil.NoSuchProcess):
                parent = psutil.Process(run.pid)
                candidates = [child for child in parent.children() if is_pool_worker(child, parent)]
                # A helper some library forks (to exec another program) carries the run's command
                # line for a moment too; a pool worker still does a moment later.
                time.sleep(0.2)
                for child in candidates:
                    if child.is_running() and is_pool_worker(child, parent):
                        child.kill()  # as the OOM killer would
                        killed = True
                        break
            time.sleep(0.02)
        _, stderr = run.communicate(timeout=RUN_TIMEOUT)
    finally:
        with contextlib.suppress(ProcessLookupError):
            run.kill()
    if Path(db).exists():
        assert_no_partial_article(db, reference)
    assert run.returncode != 0
    assert "Traceback" not in stderr and stderr.startswith("eventscope: "), stderr[-1500:]


@pytest.mark.postgres
@NEEDS_PG
def test_concurrent_runs_on_postgres_store_each_article_once(
    few_articles: Path, reference: Reference
) -> None:
    with postgres_schema("crash") as db:
        runs = [Run(few_articles, db), Run(few_articles, db)]
        codes = [run.finish() for run in runs]
        assert codes == [0, 0], [run.output() for run in runs]
        ids = exported_ids(db)
        assert len(ids["articles"]) == FEW == len(set(ids["articles"]))
        assert set(ids["articles"]) <= set(reference.ids["articles"])
        assert_no_partial_article(db, reference)
