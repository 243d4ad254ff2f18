"""The `dask` engine: per-article stages on a Dask cluster, results in input order.

With no scheduler address it starts a local cluster of `workers` single-threaded
processes and closes it afterwards; with an address it only connects, so several
machines can share one run. Each worker loads the stages once (a worker plugin),
and at most two batches per worker are in flight, so memory stays flat however
large the input is. The parent keeps being the only writer to the store.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager

from eventscope.errors import SettingsError
from eventscope.pipeline.stages import Stages, process_batch
from eventscope.records import RawInput
from eventscope.settings import Settings
from eventscope.streams import split_evenly

try:
    from distributed import Client, LocalCluster, WorkerPlugin, get_worker
except ImportError as exc:  # the optional [dask] extra
    raise SettingsError("the dask engine needs the [dask] extra: pip install 'eventscope[dask]'") from exc

log = logging.getLogger(__name__)

PLUGIN_NAME = "eventscope-stages"
# Dask's loggers: its scheduler, nanny and worker chatter (INFO by Dask's own configuration),
# and the connection errors it logs while a cluster shuts down.
DASK_LOGGERS = ("distributed", "tornado", "asyncio")


def dask_log_level() -> int:
    """How much Dask may log: warnings by default, nothing when eventscope logs errors only
    (`--quiet`): what goes wrong with an input comes back as data, not as a log line."""
    level = logging.getLogger().getEffectiveLevel()
    return logging.CRITICAL if level >= logging.ERROR else max(level, logging.WARNING)


@contextmanager
def dask_logs_at(level: int) -> Iterator[None]:
    """Dask's loggers at `level` in this process for the run, as they were afterwards."""
    loggers = [logging.getLogger(name) for name in DASK_LOGGERS]
    before = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(level)
    try:
        yield
    finally:
        for logger, old in zip(loggers, before):
            logger.setLevel(old)


class StagesPlugin(WorkerPlugin):
    """Holds the per-article stages of one Dask worker, loaded by its first task.

    Loading in the task (not in `setup`) keeps the worker's event loop responsive
    while the spaCy model loads.
    """

    name = PLUGIN_NAME

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._stages: Stages | None = None

    def stages(self) -> Stages:
        if self._stages is None:
            self._stages = Stages.load(self.settings)
        return self._stages

    def teardown(self, worker) -> None:
        self._stages = None


def _run_batch(raws: list[RawInput]) -> list:
    plugin: StagesPlugin = get_worker().plugins[PLUGIN_NAME]  # type: ignore[assignment]
    return process_batch(raws, plugin.stages())


class DaskEngine:
    """Run batches on a Dask cluster: `scheduler` is an address, or None for a local cluster."""

    def __init__(self, scheduler: str | None, workers: int) -> None:
        self.scheduler = scheduler
        self.workers = max(1, workers)

    def map_batches(self, batches: Iterable[list[RawInput]], settings: Settings) -> Iterator[object]:
        level = dask_log_level()
        with ExitStack() as stack:
            stack.enter_context(dask_logs_at(level))
            if self.scheduler:
                client = stack.enter_context(Client(self.scheduler))
            else:
                cluster = stack.enter_context(
                    LocalCluster(
                        n_workers=self.workers,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        # The scheduler's HTTP routes on a free port: 8787 may be taken.
                        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                        silence_logs=level,
                    )
                )
                client = stack.enter_context(Client(cluster))
            client.register_plugin(StagesPlugin(settings), name=PLUGIN_NAME)
            slots = max(1, sum(client.nthreads().values()))
            log.info("dask engine: %d worker threads at %s", slots, client.scheduler.address)
            in_flight: deque = deque()
            for batch in batches:
                for part in split_evenly(batch, slots):
                    in_flight.append(client.submit(_run_batch, part, pure=False))
                while len(in_flight) > 2 * slots:
                    yield from in_flight.popleft().result()
            while in_flight:
                yield from in_flight.popleft().result()

