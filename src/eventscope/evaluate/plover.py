"""Score the coder on the PLOVER gold standard records (`PLOVER_GSR_CAMEO.txt`).

The records are the CAMEO manual's example sentences with a PLOVER category, source and
target actors. The category names of that release (PLOVER 0.6: DEMAND, DISAPPROVE,
INVESTIGATE, FIGHT) are mapped to the CAMEO2PLOVER-2021 names the coder emits. Each
record is one happening, so a sentence's predicted categories and actors are compared
as sets; actors match on their country (or IGO-style) code, the gold's granularity.
Actors come from the packaged knowledge base: the gold set has no dictionary of its own.
"""

from __future__ import annotations

import functools
import json
import logging
import time
from importlib import resources
from pathlib import Path

import yaml

from eventscope import actors, events
from eventscope.errors import BadInput
from eventscope.evaluate.scoring import (
    CodingRun,
    Scoreboard,
    coded_event,
    error_list,
    sentence_article,
)
from eventscope.records import ActorRef
from eventscope.settings import Settings

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def plover_renames() -> dict[str, str]:
    text = resources.files("eventscope.data").joinpath("cameo", "plover_v06.yaml").read_text("utf-8")
    return dict(yaml.safe_load(text)["renames"])


def read_records(path: Path) -> list[dict]:
    """Gold records with a sentence (the file's DOCUMENT header has none)."""
    try:
        records = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise BadInput(str(path), f"cannot read PLOVER gold records: {exc}") from exc
    if not isinstance(records, list):
        raise BadInput(str(path), "PLOVER gold records must be a JSON list")
    return [r for r in records if isinstance(r, dict) and r.get("text") and r.get("event") != "DOCUMENT"]


def _gold_actors(value) -> set[str]:
    if not isinstance(value, list):
        return set()
    return {str(a["code"])[:3].upper() for a in value if isinstance(a, dict) and a.get("code")}


def _actor_key(actor: ActorRef | None) -> str | None:
    if actor is None:
        return None
    if actor.country:
        return actor.country.upper()
    return actor.code[:3].upper() if actor.code else None


def evaluate_plover(path: Path, settings: Settings, errors: bool = False) -> dict:
    """Precision/recall/F1 of PLOVER categories and of source/target actors per record.

    `errors` adds every record whose PLOVER type the coder missed or gave wrongly."""
    records = read_records(Path(path))
    renames = plover_renames()
    kb = actors.load_actor_kb(settings)
    coder = events.load_coder(settings)
    board = Scoreboard()
    started = time.perf_counter()
    articles = [sentence_article(r["id"], " ".join(r["text"].split()), None) for r in records]
    predicted_events = 0
    mistakes: list[dict] = []
    run = CodingRun(settings, kb, coder)
    for record, article in zip(records, run.code(articles)):
        predicted_events += len(article.events)
        gold_type = renames.get(record["event"], record["event"])
        types = {e.plover.type for e in article.events if e.plover.type}
        board.add("plover_type", types, {gold_type})
        board.add("source", {k for e in article.events if (k := _actor_key(e.source_actor))}, _gold_actors(record.get("source")))
        board.add("target", {k for e in article.events if (k := _actor_key(e.target_actor))}, _gold_actors(record.get("target")))
        log.debug("%s gold %s predicted %s", record["id"], gold_type, types)
        if errors:
            given = {e.plover.type: e for e in article.events if e.plover.type}
            gold_event = {"code": gold_type, "source": record.get("source"),
                          "target": record.get("target"), "trigger": None}
            mistakes += error_list(
                str(record["id"]), record["text"],
                [(kind, {**coded_event(e), "code": kind}) for kind, e in given.items()],
                [(gold_type, gold_event)],
            )
    seconds = time.perf_counter() - started
    return {
        "gold_set": "plover",
        "records": len(records),
        "predicted_events": predicted_events,
        **board.scores(),
        "seconds": round(seconds, 2),
        "sentences_per_second": round(len(records) / seconds, 1) if seconds else 0.0,
        "coder_sentences_per_second": round(len(records) / run.coding_seconds, 1) if run.coding_seconds else 0.0,
        **({"errors": mistakes} if errors else {}),
    }
