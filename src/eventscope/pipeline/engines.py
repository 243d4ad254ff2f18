"""Engines run the per-article stages over batches: `local` (all cores) or `dask`.

Each engine yields results in input order, so output does not depend on the number
of workers. Workers load the stages' resources (spaCy model, dictionaries) once.
"""

from __future__ import annotations

import gc
import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from eventscope.errors import EventscopeError, SettingsError
from eventscope.pipeline.stages import Stages, process_batch
from eventscope.records import RawInput
from eventscope.settings import Settings
from eventscope.streams import split_evenly

log = logging.getLogger(__name__)


class Engine(Protocol):
    def map_batches(
        self, batches: Iterable[list[RawInput]], settings: Settings
    ) -> Iterator[object]: ...


def worker_count(settings: Settings) -> int:
    workers = int(settings.get("run.workers") or 0)
    return workers if workers > 0 else (os.cpu_count() or 1)


_worker_stages: Stages | None = None  # per worker process: the loaded stages (set by the pool initializer)


def freeze_loaded() -> None:
    """Everything alive now (the loaded stages) lives as long as the run: the garbage
    collector stops rescanning it (`gc.freeze`). Millions of model, vocabulary and
    dictionary objects otherwise cost every full collection. A process that goes on
    (or finalises at exit) calls `gc.unfreeze` after the run, so they can be freed."""
    gc.collect()  # garbage left by loading is freed, not kept
    gc.freeze()


def _init_worker(settings: Settings) -> None:
    global _worker_stages

    _worker_stages = Stages.load(settings)
    freeze_loaded()  # a pool worker ends with os._exit: no finalisation to unfreeze for


def _run_batch(raws: list[RawInput]) -> list[Any]:
    assert _worker_stages is not None, "the pool initializer loads the stages"
    return process_batch(raws, _worker_stages)


class LocalEngine:
    """One process for one worker, a process pool otherwise; at most 2 batches in flight per worker."""

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def map_batches(self, batches: Iterable[list[RawInput]], settings: Settings) -> Iterator[object]:
        if self.workers <= 1:
            stages = Stages.load(settings)
            freeze_loaded()
            try:
                for batch in batches:
                    yield from process_batch(batch, stages)
            finally:
                gc.unfreeze()
            return
        try:
            with ProcessPoolExecutor(
                max_workers=self.workers, initializer=_init_worker, initargs=(settings,)
            ) as pool:
                in_flight: deque[Future] = deque()
                for batch in batches:
                    for part in split_evenly(batch, self.workers):
                        in_flight.append(pool.submit(_run_batch, part))
                    while len(in_flight) > 2 * self.workers:
                        yield from in_flight.popleft().result()
                while in_flight:
                    yield from in_flight.popleft().result()
        except BrokenProcessPool as exc:
            # Everything already yielded is stored; a rerun skips it and resumes.
            raise EventscopeError("a worker process died (killed or out of memory); rerun to resume") from exc


def get_engine(settings: Settings) -> Engine:
    """The engine named by `run.engine`."""
    name = settings.get("run.engine")
    if name == "local":
        return LocalEngine(worker_count(settings))
    if name == "dask":
        from eventscope.pipeline.dask import DaskEngine

        return DaskEngine(settings.get("run.scheduler"), worker_count(settings))
    raise SettingsError(f"unknown engine {name!r}; expected 'local' or 'dask'")

