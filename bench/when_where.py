"""Date and place accuracy of the coder on the real-news gold set (dev or test split).

The gold dates and places are `gold/realnews/annotations/when_where.jsonl` (one line per
asserted, non-background event of dev and test; see the gold set's CONVENTIONS.md). The
coder runs on the split's documents as `evaluate_realnews` runs it (with the publication
date the corpus states, if any); in each gold sentence, gold events and the coder's
asserted, non-background events (mirror copies dropped) are paired at root level by
`match_events(..., "root")`, and for each pair the gold date and place are compared with
the coder's. Prints figures only; asserts nothing.

    python bench/when_where.py [--split dev|test] [--pairs]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from eventscope import load_settings
from eventscope.evaluate.realnews import (
    default_shared,
    drop_mirror_copies,
    load_gold,
    match_events,
    run_system,
)

GOLD = REPO / "gold" / "realnews"
ANNOTATIONS = GOLD / "annotations" / "when_where.jsonl"


def load_when_where(path: Path = ANNOTATIONS) -> dict[tuple[str, int], dict]:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return {(row["sentence"], row["event"]): row for row in rows}


def share(n: int, of: int) -> str:
    return f"{n} of {of} ({n / of:.1%})" if of else f"{n} of 0"


def measure(split: str, show: bool = False) -> Counter[str]:
    gold = load_gold(GOLD, default_shared(GOLD))
    when_where = load_when_where()
    sentences = [s for s in gold.sentences if s.split == split and s.events]
    docs = list(dict.fromkeys(s.doc for s in sentences))
    gold.sentences = sentences
    placed, _ = run_system(gold, docs, load_settings())
    counts: Counter[str] = Counter(documents=len(docs))
    for sentence in sentences:
        wanted = [(i, e) for i, e in enumerate(sentence.events or []) if e.modality == "asserted" and not e.background]
        counts["gold_events"] += len(wanted)
        system = [e for e in drop_mirror_copies(placed.get(sentence.id, []))
                  if e.modality == "asserted" and not e.background]
        published = gold.published.get(sentence.doc)
        for g, s in match_events([e.coded for _, e in wanted], [e.coded for e in system], "root"):
            index, event = wanted[g]
            row = when_where[(sentence.id, index)]
            if row["code"] != event.coded.code:
                raise SystemExit(f"{sentence.id} event {index}: code {row['code']} is not the gold {event.coded.code}")
            found = system[s]
            counts["pairs"] += 1
            if show:
                print(f"{sentence.id} #{index} {event.coded.code}: gold {row['date']} {row['place']}; "
                      f"system {found.date} ({found.date_source}) {found.place} {found.place_country}")
            compare_date(counts, row, found.date, published)
            compare_place(counts, row, found.place, found.place_country)
    return counts


def compare_date(counts: Counter[str], row: dict, date: dt.date | None, published: dt.date | None) -> None:
    if published is not None:
        counts["date_published_known"] += 1
        counts["date_after_publication"] += date is not None and date > published
    if row["date"] is None:
        counts["date_gold_null"] += 1
        counts["date_gold_null_system_dated"] += date is not None
        return
    counts["date_gold"] += 1
    counts["date_system_undated"] += date is None
    if date is None:
        return
    if row["date_precision"] == "day":
        counts["date_gold_day"] += 1
        counts["date_exact_day"] += date.isoformat() == row["date"]
    if row["date_precision"] in ("day", "month"):
        counts["date_gold_month"] += 1
        counts["date_same_month"] += date.isoformat()[:7] == row["date"][:7]


def compare_place(counts: Counter[str], row: dict, name: str | None, country: str | None) -> None:
    place = row["place"]
    if place is None:
        counts["place_gold_null"] += 1
        counts["place_gold_null_system_placed"] += name is not None
        return
    counts["place_gold"] += 1
    counts["place_system_unplaced"] += name is None
    if place["country"]:
        counts["place_gold_country"] += 1
        counts["place_country_equal"] += (country or "").upper() == place["country"].upper()
    counts["place_name_equal"] += (name or "").strip().casefold() == place["name"].strip().casefold()


def report(split: str, c: Counter[str]) -> None:
    print(f"command: python bench/when_where.py --split {split}")
    print(f"split {split}: {c['documents']} documents, {c['gold_events']} gold asserted non-background events, "
          f"{c['pairs']} gold-system pairs at root level")
    print(f"dates: gold dated in {share(c['date_gold'], c['pairs'])} pairs, undatable in {c['date_gold_null']}")
    print(f"  exact day: {share(c['date_exact_day'], c['date_gold_day'])} (gold day-precise)")
    print(f"  same month: {share(c['date_same_month'], c['date_gold_month'])} (gold day- or month-precise)")
    print(f"  system undated: {share(c['date_system_undated'], c['date_gold'])} (gold dated)")
    print(f"  system dated where gold is undatable: {share(c['date_gold_null_system_dated'], c['date_gold_null'])}")
    print(f"  system date after publication: {share(c['date_after_publication'], c['date_published_known'])}"
          " (pairs whose document states its publication date)")
    print(f"places: gold placed in {share(c['place_gold'], c['pairs'])} pairs")
    print(f"  country equal: {share(c['place_country_equal'], c['place_gold_country'])} (gold with a country)")
    print(f"  name equal, ignoring case: {share(c['place_name_equal'], c['place_gold'])}")
    print(f"  system unplaced: {share(c['place_system_unplaced'], c['place_gold'])}")
    print(f"  system placed where gold has no place: {share(c['place_gold_null_system_placed'], c['place_gold_null'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    parser.add_argument("--pairs", action="store_true", help="also print each pair's gold and system values")
    args = parser.parse_args()
    report(args.split, measure(args.split, args.pairs))


if __name__ == "__main__":
    main()
