"""Where the time of a one-worker run goes: wall time per stage, in ms per article.

Wraps each stage's public function with a timer (in this process only) and runs
`eventscope.pipeline.ingest.run` once into a scratch DuckDB file, after loading the stages.

    python bench/stages.py FOLDER...      e.g. a corpus built by bench/corpus.py --limit 200
"""

from __future__ import annotations

import argparse
import functools
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from eventscope import actors, agreements, events, extract, nlp, stories
from eventscope.pipeline import Stages
from eventscope.pipeline import ingest as pipeline
from eventscope.settings import load_settings
from eventscope.store import Store, open_store


def timed(spent: dict[str, float], name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - start

    return wrapper


def timed_stream(spent: dict[str, float], name: str, function: Callable[..., Iterator[Any]]):
    """A generator's time is spent while it is advanced, not when it is called."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        stream = function(*args, **kwargs)
        while True:
            start = time.perf_counter()
            try:
                item = next(stream)
            except StopIteration:
                return
            finally:
                spent[name] += time.perf_counter() - start
            yield item

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args()

    spent: dict[str, float] = defaultdict(float)
    for module, attribute, name in (
        (extract, "extract_article", "extract"),
        (actors, "resolve_mentions", "actors"),
        (events, "code_events", "events"),
        (agreements, "find_agreements", "agreements"),
        (stories, "story_item", "stories (item)"),
        (Store, "write_articles", "store (write_articles)"),
        (pipeline, "finalize", "finalize"),
    ):
        setattr(module, attribute, timed(spent, name, getattr(module, attribute)))
    nlp.analyse = timed_stream(spent, "nlp", nlp.analyse)

    settings = load_settings().with_overrides({"run.engine": "local", "run.workers": 1})
    Stages.load(settings)
    with (
        tempfile.TemporaryDirectory(prefix="eventscope-bench-") as scratch,
        open_store(str(Path(scratch) / "bench.duckdb")) as store,
    ):
        start = time.perf_counter()
        report = pipeline.run(args.folders, store, settings)
        total = time.perf_counter() - start
    articles = max(1, report.stored)
    print(f"{report.stored} articles, {report.events} events, {total:.1f} s after loading the stages "
          f"({1000 * total / articles:.0f} ms/article)")
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {name:<22} {seconds:7.1f} s  {100 * seconds / total:3.0f}%  {1000 * seconds / articles:7.1f} ms/article")


if __name__ == "__main__":
    main()
