"""The real-news gold set's date and place annotations line up with its events."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from eventscope.evaluate.realnews import load_gold

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "gold" / "realnews"
SHARED = REPO.parent / "shared"
ISO = {"day": re.compile(r"\d{4}-\d{2}-\d{2}"), "month": re.compile(r"\d{4}-\d{2}"), "year": re.compile(r"\d{4}")}


def test_when_where_lines_name_asserted_gold_events_with_their_codes_and_valid_dates():
    gold = load_gold(GOLD, SHARED)
    sentences = {s.id: s for s in gold.sentences}
    lines = (GOLD / "annotations" / "when_where.jsonl").read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    assert len(rows) >= 200
    seen = set()
    for row in rows:
        sentence = sentences[row["sentence"]]
        assert sentence.split in ("dev", "test") and sentence.events
        event = sentence.events[row["event"]]
        assert row["code"] == event.coded.code, row
        assert event.modality == "asserted" and not event.background, row
        assert (row["sentence"], row["event"]) not in seen
        seen.add((row["sentence"], row["event"]))
        if row["date"] is None:
            assert row["date_precision"] is None and row["date_basis"] is None, row
        else:
            assert ISO[row["date_precision"]].fullmatch(row["date"]), row
            dt.date.fromisoformat((row["date"] + "-01-01")[:10])
            assert row["date_basis"] in ("text", "publication"), row
        if row["place"] is None:
            assert row["place_basis"] is None, row
        else:
            assert row["place"]["name"] and row["place_basis"] in ("clause", "dateline"), row
            assert row["place"]["country"] is None or re.fullmatch(r"[A-Z]{3}", row["place"]["country"]), row
    wanted = {(s.id, i) for s in gold.sentences if s.split in ("dev", "test")
              for i, e in enumerate(s.events or []) if e.modality == "asserted" and not e.background}
    assert seen == wanted
