"""What the sentence triage saves and what it loses, against parsing every sentence.

Runs the per-article stages twice over the same articles, once with `nlp.parse: all` and
once with the configured triage, and prints the share of sentences and tokens parsed,
the time of each run, and the events and agreements the triage keeps (events compared by
article, span, trigger, code, modality, date, actors, location and attribution; then by
span, trigger and code alone, since a sentence parsed apart from its neighbours can
resolve an actor differently, e.g. "Mr Kerry" without the unparsed sentence naming him).

    python bench/triage.py FOLDER...      e.g. a corpus built by bench/corpus.py --limit 400
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from eventscope.errors import BadInput
from eventscope.extract import read_inputs
from eventscope.pipeline import Processed, Stages, process_batch
from eventscope.settings import load_settings
from eventscope.streams import batched


def event_key(event) -> tuple:
    return (
        event.article_id, event.span, event.trigger, event.cameo.code, event.modality, str(event.date),
        event.source_actor.id if event.source_actor else "", event.target_actor.id if event.target_actor else "",
        event.location.name if event.location else "", tuple(event.attribution),
    )


def run(raws, stages: Stages) -> tuple[list[Processed], Counter, float]:
    """Process `raws`, counting sentences and tokens parsed (the sentences are kept for counting)."""
    counts: Counter = Counter()
    done: list[Processed] = []
    start = time.perf_counter()
    for batch in batched(raws, 64):
        for result in process_batch(batch, stages, keep_sentences=True):
            if isinstance(result, Processed):
                for sentence in result.article.sentences:
                    counts["sentences"] += 1
                    counts["chars"] += len(sentence.text)
                    if sentence.parsed:
                        counts["parsed sentences"] += 1
                        counts["parsed chars"] += len(sentence.text)
                result.article.sentences = []
                done.append(result)
    return done, counts, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args()
    settings = load_settings()
    raws = [raw for raw in read_inputs(args.folders, settings) if not isinstance(raw, BadInput)]
    everything = Stages.load(settings.with_overrides({"nlp.parse": "all"}))
    triaged = Stages.load(settings)
    process_batch(raws[:8], triaged)  # warm both (lazy tables, first-call costs)
    all_results, all_counts, all_seconds = run(raws, everything)
    some_results, some_counts, some_seconds = run(raws, triaged)

    print(f"{len(all_results)} articles, {all_counts['sentences']} sentences (parse all) / "
          f"{some_counts['sentences']} (triage)")
    print(f"parsed: {some_counts['parsed sentences'] / some_counts['sentences']:.0%} of sentences, "
          f"{some_counts['parsed chars'] / some_counts['chars']:.0%} of characters")
    print(f"time: parse all {all_seconds:.1f} s, triage {some_seconds:.1f} s ({some_seconds / all_seconds:.0%})")
    for name, key, records in (
        ("events", event_key, lambda r: r.article.events),
        ("events by span, trigger and code only", lambda e: event_key(e)[:4], lambda r: r.article.events),
        ("agreements", lambda a: (a.kind, tuple(a.parties), a.status, str(a.date)), lambda r: r.article.agreements),
    ):
        full = Counter(key(x) for r in all_results for x in records(r))
        kept = Counter(key(x) for r in some_results for x in records(r))
        same = sum((full & kept).values())
        print(f"{name}: parse all {sum(full.values())}, triage {sum(kept.values())}, in both {same} "
              f"(recall {same / max(1, sum(full.values())):.1%}, precision {same / max(1, sum(kept.values())):.1%})")


if __name__ == "__main__":
    main()
