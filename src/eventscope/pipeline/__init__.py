"""The run: inputs read, each article through the per-article stages on an engine (all cores
locally, or a Dask cluster), whole articles stored, then the corpus-level stages."""

from eventscope.pipeline.engines import get_engine
from eventscope.pipeline.ingest import RunReport, finalize, run
from eventscope.pipeline.stages import Processed, Stages, process_batch

__all__ = ["Processed", "RunReport", "Stages", "finalize", "get_engine", "process_batch", "run"]
