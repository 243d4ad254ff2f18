"""End-to-end speed and memory of `eventscope run` against a bare spaCy parse of the same texts.

Builds the BBC benchmark corpus (bench/corpus.py) and measures, each in a fresh process:

- parse: `nlp.pipe` of the full model (every component the pipeline loads) over the cleaned
  bodies of the same articles: the cost of parsing every sentence once;
- e2e: `eventscope.pipeline.ingest.run` into a new DuckDB file (extract, nlp, actors, events,
  agreements, stories, store, finalize), with the local or dask engine and N workers.

It prints articles/s, sentences/s (sentences as the bare parse counts them), peak RSS of
the whole process tree, the headline ratio e2e/parse, and the 1 -> N worker speed-ups.
Rates leave out model loading on both sides: the bare parse is timed after `spacy.load`,
and e2e is its wall time less the time its stages took to load (measured in the run for one
local worker; for worker processes, which load in parallel, the time a fresh process takes,
measured apart); the wall time is printed too.

    python bench/speed.py [--copies 1 4] [--workers 1 2] [--engines local dask] [--limit N] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build_corpus


class PeakRss:
    """Samples the resident memory of this process and all its descendants."""

    def __init__(self, interval: float = 0.1) -> None:
        import psutil

        self.process = psutil.Process()
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            for proc in [self.process, *self.process.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def article_texts(folders: list[Path]) -> list[str]:
    """The cleaned English bodies the pipeline would analyse, extracted the pipeline's way."""
    from eventscope import extract
    from eventscope.errors import BadInput
    from eventscope.settings import load_settings

    settings = load_settings()
    languages = set(settings.get("extract.languages"))
    texts = []
    for raw in extract.read_inputs(folders, settings):
        if isinstance(raw, BadInput):
            continue
        try:
            article = extract.extract_article(raw, settings)
        except BadInput:
            continue
        if article.language in languages:
            texts.append(article.text)
    return texts


def measure_parse(folders: list[Path], processes: int) -> dict[str, Any]:
    """Bare `nlp.pipe` over every text with the pipeline's model (as `spacy.load` gives it,
    none of eventscope's changes) and batch size."""
    import warnings

    import spacy

    from eventscope.settings import load_settings

    settings = load_settings()
    texts = article_texts(folders)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # 3.8 weights on spaCy 3.7.5
        nlp = spacy.load(settings.get("nlp.model"))
    batch_size = int(settings.get("nlp.batch_size"))
    sentences = tokens = 0
    with PeakRss() as rss:
        start = time.perf_counter()
        for doc in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
            sentences += sum(1 for _ in doc.sents)
            tokens += len(doc)
        elapsed = time.perf_counter() - start
    return {"articles": len(texts), "sentences": sentences, "tokens": tokens,
            "seconds": elapsed, "peak_rss": rss.peak}


def measure_e2e(folders: list[Path], engine: str, workers: int) -> dict[str, Any]:
    """`eventscope run` in-process into a fresh DuckDB file. When the stages load in this
    process (one local worker), the time they take is measured here too."""
    from eventscope.pipeline import Stages, run
    from eventscope.settings import load_settings
    from eventscope.store import open_store

    loads: list[float] = []
    load = Stages.load.__func__  # type: ignore[attr-defined]

    def timed_load(cls: type[Stages], settings: Any) -> Stages:
        start = time.perf_counter()
        try:
            return load(cls, settings)
        finally:
            loads.append(time.perf_counter() - start)

    Stages.load = classmethod(timed_load)  # type: ignore[method-assign, assignment]
    settings = load_settings().with_overrides({"run.engine": engine, "run.workers": workers})
    with (
        tempfile.TemporaryDirectory(prefix="eventscope-bench-") as scratch,
        PeakRss() as rss,
        open_store(str(Path(scratch) / "bench.duckdb")) as store,
    ):
        start = time.perf_counter()
        report = run(folders, store, settings)
        elapsed = time.perf_counter() - start
    return {"articles": report.stored, "events": report.events, "rejected": len(report.rejected),
            "wall_seconds": elapsed, "load_seconds": sum(loads) if loads else None, "peak_rss": rss.peak,
            "parent_max_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}


def measure_startup() -> dict[str, Any]:
    """Loading the per-article stages (model, splitter, actor dictionary, verb patterns) once."""
    from eventscope.pipeline import Stages
    from eventscope.settings import load_settings

    start = time.perf_counter()
    Stages.load(load_settings())
    return {"seconds": time.perf_counter() - start}


def in_child(kind: str, folders: list[Path], engine: str = "local", workers: int = 1) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter, so each starts cold and memory is its own."""
    command = [sys.executable, __file__, *map(str, folders), "--measure", kind, "--engine", engine,
               "--workers", str(workers)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def steady_seconds(result: dict[str, Any], startup: float) -> float:
    """An e2e run's time less its start-up: as measured in the run when the stages loaded
    in its process, else as measured apart (the whole wall time when a tiny run ends
    before a cold start-up would have)."""
    wall = result["wall_seconds"]
    if result.get("load_seconds") is not None:
        return wall - result["load_seconds"]
    return wall - startup if wall > startup else wall


def mib(value: float) -> str:
    return f"{value / 2**20:,.0f} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--measure", choices=["parse", "e2e", "startup"], help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="local", help=argparse.SUPPRESS)
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 4], help="corpus sizes, in copies of BBC")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to compare")
    parser.add_argument("--engines", nargs="+", default=["local", "dask"], choices=["local", "dask"])
    parser.add_argument("--limit", type=int, default=None, help="only N BBC articles per copy (quick runs)")
    parser.add_argument("--corpus-dir", type=Path, default=None, help="where to build the corpus (default: a temp dir)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of (start-up, bare parse, e2e) measured back to back for the headline ratio")
    args = parser.parse_args()

    if args.measure:
        workers = args.workers[0]
        if args.measure == "parse":
            result = measure_parse(args.folders, workers)
        elif args.measure == "startup":
            result = measure_startup()
        else:
            result = measure_e2e(args.folders, args.engine, workers)
        print(json.dumps(result))
        return

    with tempfile.TemporaryDirectory(prefix="eventscope-corpus-") as scratch:
        root = args.corpus_dir or Path(scratch)
        build_corpus(root, max(args.copies), args.limit)
        rows = []

        def report(label: str, copies: int, result: dict[str, Any], sentences: int) -> None:
            seconds = result["seconds"]
            rows.append((label, copies, result))
            wall = f"  (wall {result['wall_seconds']:.1f} s incl. start-up)" if "wall_seconds" in result else ""
            print(f"{label:<22} {copies}x  {result['articles']:>6} art  {seconds:8.1f} s  "
                  f"{result['articles'] / seconds:7.1f} art/s  {sentences / seconds:8.1f} sent/s  "
                  f"peak RSS {mib(result['peak_rss'])}{wall}", flush=True)

        base = [root / "copy00"]
        # The machine is shared and its speed drifts: the headline compares a bare parse and
        # an e2e run measured back to back, over a few rounds, and takes the median ratio.
        rounds = []
        for round_number in range(1, max(1, args.rounds) + 1):
            startup = in_child("startup", base)["seconds"]
            parse = in_child("parse", base, workers=1)
            run = in_child("e2e", base, "local", 1)
            if run["wall_seconds"] < 2 * startup:
                print("warning: start-up is most of this run; rates mean little, use a larger --limit", flush=True)
            rounds.append((parse["seconds"] / steady_seconds(run, startup), startup, parse, run))
            print(f"round {round_number}: start-up {startup:.1f} s apart, {run['load_seconds']:.1f} s in the run; "
                  f"bare parse {parse['seconds']:.1f} s, e2e {steady_seconds(run, startup):.1f} s "
                  f"(wall {run['wall_seconds']:.1f} s): ratio {rounds[-1][0]:.2f}", flush=True)
        ratios = [ratio for ratio, *_ in rounds]
        _, startup, parse, run = sorted(rounds, key=lambda measured: measured[0])[len(rounds) // 2]
        print("the rows below for one process are the median round's", flush=True)
        print(f"start-up (loading the stages in a fresh process): {startup:.1f} s; e2e rates below leave "
              "out start-up (as measured in the run for one local worker), like the bare parse's model load",
              flush=True)

        def steady(result: dict[str, Any]) -> dict[str, Any]:
            return {**result, "seconds": steady_seconds(result, startup)}

        parse1 = parse
        report("bare parse, 1 proc", 1, parse1, parse1["sentences"])
        parse_n = in_child("parse", base, workers=max(args.workers)) if max(args.workers) > 1 else parse1
        if max(args.workers) > 1:
            report(f"bare parse, {max(args.workers)} proc", 1, parse_n, parse_n["sentences"])
        e2e: dict[tuple[str, int], dict[str, Any]] = {}
        for engine in args.engines:
            for workers in args.workers:
                measured = run if (engine, workers) == ("local", 1) else in_child("e2e", base, engine, workers)
                e2e[engine, workers] = steady(measured)
                report(f"e2e {engine}, {workers} worker(s)", 1, e2e[engine, workers], parse1["sentences"])
        for copies in sorted(set(args.copies) - {1}):
            folders = [root / f"copy{k:02d}" for k in range(copies)]
            result = steady(in_child("e2e", folders, "local", max(args.workers)))
            report(f"e2e local, {max(args.workers)} worker(s)", copies, result, parse1["sentences"] * copies)

        rate = {key: value["articles"] / value["seconds"] for key, value in e2e.items()}
        parse_rate_n = parse_n["articles"] / parse_n["seconds"]
        low, high = min(args.workers), max(args.workers)
        print()
        print(f"headline: e2e / bare parse, 1 process each = {statistics.median(ratios):.2f} "
              f"(median of {len(ratios)} rounds: {', '.join(f'{r:.2f}' for r in ratios)})")
        if ("local", high) in rate:
            print(f"e2e ({high} workers) / bare parse ({high} processes) = {rate['local', high] / parse_rate_n:.2f}")
        for engine in args.engines:
            if (engine, low) in rate and (engine, high) in rate and high != low:
                print(f"{engine}: speed-up {low} -> {high} workers = {rate[engine, high] / rate[engine, low]:.2f}x")


if __name__ == "__main__":
    main()
