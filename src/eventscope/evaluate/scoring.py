"""Precision, recall and F1 over per-sentence multisets, shared by the gold-set evaluations.

Each gold sentence contributes its gold items (codes, actor codes, ...) and the coder's
items for the same sentence; matches are the multiset intersection, so a code found
twice where the gold has it once counts one hit and one false alarm.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from eventscope import actors, events, nlp
from eventscope.records import Article
from eventscope.settings import Settings


@dataclass
class Tally:
    """Running counts for one scored field."""

    hits: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, predicted: Iterable[Hashable], gold: Iterable[Hashable]) -> None:
        p, g = Counter(predicted), Counter(gold)
        self.hits += sum((p & g).values())
        self.predicted += sum(p.values())
        self.gold += sum(g.values())

    def scores(self) -> dict[str, float | int]:
        precision = self.hits / self.predicted if self.predicted else 0.0
        recall = self.hits / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "hits": self.hits,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass
class Scoreboard:
    """One `Tally` per field name, reported in the order fields were first added."""

    tallies: dict[str, Tally] = field(default_factory=dict)

    def add(self, name: str, predicted: Iterable[Hashable], gold: Iterable[Hashable]) -> None:
        self.tallies.setdefault(name, Tally()).add(predicted, gold)

    def scores(self) -> dict[str, dict[str, float | int]]:
        return {name: tally.scores() for name, tally in self.tallies.items()}


def error_list(
    record_id: str, text: str, predicted: list[tuple[Hashable, dict[str, Any]]],
    gold: list[tuple[Hashable, dict[str, Any]]],
) -> list[dict[str, Any]]:
    """The misses (gold items the coder did not give) and false alarms (items it gave that
    the gold has not) of one record, as multisets: each with the record, its text and what
    the event was (`code`, `source`, `target`, and for the coder's own its `trigger` and `rule`)."""
    missing = Counter(item for item, _ in gold) - Counter(item for item, _ in predicted)
    extra = Counter(item for item, _ in predicted) - Counter(item for item, _ in gold)
    errors = []
    for kind, wanted, items in (("miss", missing, gold), ("false_alarm", extra, predicted)):
        for item, event in items:
            if wanted[item] > 0:
                wanted[item] -= 1
                errors.append({"kind": kind, "sentence": record_id, "text": text, "event": event})
    return errors


def coded_event(event: Any) -> dict[str, Any]:
    """What an error list says about one of the coder's events."""
    return {
        "code": event.cameo.code,
        "source": event.source_actor.code if event.source_actor else None,
        "target": event.target_actor.code if event.target_actor else None,
        "trigger": event.trigger, "rule": event.rule, "plover": event.plover.type,
    }


def sentence_article(record_id: str, text: str, published: dt.date | None) -> Article:
    """A one-sentence gold record as an article the pipeline stages accept."""
    return Article(
        id=record_id,
        source=record_id,
        title=None,
        outlet=None,
        author=None,
        published=published,
        text=text,
        language="en",
    )


@dataclass
class CodingRun:
    """The stages a gold sentence goes through, timing the event coder on its own."""

    settings: Settings
    actor_kb: Any
    coder: Any
    coding_seconds: float = 0.0

    def code(self, articles: list[Article]) -> Iterator[Article]:
        for article in nlp.analyse(articles, self.settings):
            actors.resolve_mentions(article, self.actor_kb)
            tick = time.perf_counter()
            events.code_events(article, self.coder)
            self.coding_seconds += time.perf_counter() - tick
            yield article
