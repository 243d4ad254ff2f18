"""When and where events are dated and placed, on BBC articles and on the real-news gold
set's train and dev documents (never its test split, whose documents are also left out
of the BBC run).

The gold set annotates no dates or places, so this prints coverage and consistency, not
accuracy: of the events whose sentence names a weekday, how many carry a date and how
many a date not after publication (the target is 90%), for all of them and for those
asserted (a planned act is rightly dated after publication, or not at all when its own
clause gives no time); by modality, those dated after publication or not at all; where
dates and places came from and how precise they are. The BBC files state no publication date: they are given one, as
`eventscope run --published` does for a folder of one outlet's files, so weekdays resolve.

    python bench/dates_places.py [--limit 600] [--published 2005-03-16]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from corpus import BBC, bbc_articles

from eventscope import load_settings
from eventscope.evaluate.realnews_text import document_published, document_text
from eventscope.pipeline.stages import Processed, Stages, process_batch
from eventscope.records import Event, RawInput

SHARED = REPO.parent / "shared"
GOLD = REPO / "gold" / "realnews" / "sentences.jsonl"
WEEKDAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
BATCH = 32


def gold_docs() -> dict[str, str]:
    """Each gold document's split, read from the sentence list alone (no annotation is read)."""
    splits = {}
    for line in GOLD.read_text("utf-8").splitlines():
        row = json.loads(line)
        splits[row["doc"]] = row["split"]
    return splits


def measure(inputs: list[tuple[str, str, dt.date | None]], stages: Stages) -> Counter[str]:
    """Counts over the events of (name, text, published) inputs."""
    counts: Counter[str] = Counter()
    for first in range(0, len(inputs), BATCH):
        batch = inputs[first : first + BATCH]
        raws = [RawInput(name, text, "text", {"published": published.isoformat()} if published else {})
                for name, text, published in batch]
        for (_, _, published), result in zip(batch, process_batch(raws, stages)):
            if isinstance(result, Processed):
                counts["articles"] += 1
                for event in result.article.events:
                    tally(counts, event, published)
    return counts


def tally(counts: Counter[str], event: Event, published: dt.date | None) -> None:
    counts["events"] += 1
    counts[f"date_source {event.date_source}"] += 1
    counts[f"date_precision {event.date_precision}"] += 1
    place = event.location
    counts[f"place_source {place.place_source if place else None}"] += 1
    if place is not None:
        counts[f"place_precision {place.precision}"] += 1
        counts["placed with coordinates"] += place.lat is not None
    if WEEKDAY.search(event.sentence) and published is not None:
        for group in ("weekday", f"weekday {event.modality}") if event.modality == "asserted" else ("weekday",):
            counts[f"{group} events"] += 1
            if event.date is None:
                counts[f"{group} undated"] += 1
            elif event.date <= published:
                counts[f"{group} dated not after publication"] += 1
            else:
                counts[f"{group} dated after publication"] += 1
        if event.date is None or event.date > published:
            counts[f"weekday {'undated' if event.date is None else 'dated after publication'}, {event.modality}"] += 1


def report(title: str, counts: Counter[str]) -> None:
    print(f"\n## {title}: {counts['articles']} articles, {counts['events']} events")
    for group, label in (("weekday", "events whose sentence names a weekday"),
                         ("weekday asserted", "of them asserted (told as done or doing)")):
        total = counts[f"{group} events"]
        if total:
            ok = counts[f"{group} dated not after publication"]
            print(f"{label}: {total}; dated not after publication {ok} ({ok / total:.1%}); "
                  f"after {counts[f'{group} dated after publication']}; undated {counts[f'{group} undated']}")
    for prefix in ("weekday dated after publication, ", "weekday undated, ", "date_source", "date_precision",
                   "place_source", "place_precision"):
        shown = {k[len(prefix):].strip(): v for k, v in sorted(counts.items()) if k.startswith(prefix)}
        if shown:
            print(f"{prefix.strip(', ')}: " + ", ".join(f"{k} {v} ({v / counts['events']:.1%})" for k, v in shown.items()))
    print(f"placed with coordinates: {counts['placed with coordinates']} ({counts['placed with coordinates'] / max(1, counts['events']):.1%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=600, help="BBC articles, spread over the sections")
    parser.add_argument("--published", type=dt.date.fromisoformat, default=dt.date(2005, 3, 16),
                        help="the publication date given to the BBC files (they state none)")
    args = parser.parse_args()
    splits = gold_docs()
    held_out = {doc for doc, split in splits.items() if split == "test"}
    stages = Stages.load(load_settings())
    bbc = [path for path in bbc_articles(BBC) if f"bbc/{path.parent.name}/{path.name}" not in held_out]
    bbc = bbc[:: max(1, len(bbc) // args.limit)][: args.limit]
    bbc_inputs = [(path.name, path.read_text("utf-8", errors="replace"), args.published) for path in bbc]
    report(f"BBC (published {args.published}, gold test documents left out)", measure(bbc_inputs, stages))
    for split in ("train", "dev"):
        docs = sorted(doc for doc, s in splits.items() if s == split)
        inputs = [(doc, document_text(SHARED, doc), document_published(SHARED, doc) or
                   (args.published if doc.startswith("bbc/") else None)) for doc in docs]
        report(f"real-news gold, {split} documents", measure(inputs, stages))


if __name__ == "__main__":
    main()
