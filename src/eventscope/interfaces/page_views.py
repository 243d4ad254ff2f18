"""What the story and actor pages show, built from the store's records: articles cut into
runs of text so that every event sentence and agreement passage can be marked."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from itertools import pairwise
from typing import Any
from urllib.parse import quote

from eventscope.dyads.summary import COUNTED_BY_DEFAULT
from eventscope.interfaces.event_map import EventMap, event_map
from eventscope.interfaces.params import one_record
from eventscope.store import Store


@dataclass(frozen=True)
class Segment:
    """A run of article text and the ids of the spans (events, agreements) covering it.

    `starts` and `ends` name the spans that begin or finish with this run, so a page can
    anchor a span once and number it once, however many runs it was cut into.
    """

    text: str
    marks: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()
    ends: tuple[str, ...] = ()


def highlight(text: str, spans: list[tuple[int, int, str]]) -> list[Segment]:
    """Cut `text` into runs so that every (start, end, id) span is made of whole runs.

    Overlapping spans are split where they overlap, so no character is shown twice and
    every span stays marked in full. Spans are clipped to the text; empty ones vanish.
    """
    size = len(text)
    clipped = [(max(0, min(s, size)), max(0, min(e, size)), mark) for s, e, mark in spans]
    clipped = [(s, e, mark) for s, e, mark in clipped if s < e]
    cuts = {0, size} | {s for s, _, _ in clipped} | {e for _, e, _ in clipped}
    segments = []
    for start, end in pairwise(sorted(cuts)):
        segments.append(
            Segment(
                text[start:end],
                marks=tuple(mark for s, e, mark in clipped if s <= start and end <= e),
                starts=tuple(mark for s, _, mark in clipped if s == start),
                ends=tuple(mark for _, e, mark in clipped if e == end),
            )
        )
    return segments


def story_page(store: Store, story_id: str) -> dict[str, Any]:
    """The story with its articles side by side and its events and agreements.

    In each article the sentences that carry an event are marked, and so are the
    passages an agreement was read from (its evidence).
    """
    story = one_record(store, "stories", story_id)
    order = {article_id: i for i, article_id in enumerate(story["article_ids"])}
    events = store.find_records("events", {"story_id": story_id}, limit=None).items
    events.sort(key=lambda e: (order.get(e["article_id"], len(order)), e["span"][0]))
    agreements = {
        agreement["id"]: agreement
        for article_id in story["article_ids"]
        for agreement in store.find_records(
            "agreements", {"article_id": article_id}, limit=None
        ).items
    }
    articles = []
    for article_id in story["article_ids"]:
        article = store.get_record("articles", article_id)
        if article is None:
            continue
        event_spans = [(*e["span"], e["id"]) for e in events if e["article_id"] == article_id]
        evidence = [
            (start, end, agreement["id"])
            for agreement in agreements.values()
            for evidence_article, start, end in agreement["evidence"]
            if evidence_article == article_id
        ]
        articles.append(
            {
                **article,
                "segments": highlight(article["text"], event_spans + evidence),
                "events": len(event_spans),
            }
        )
    outlets = {a["id"]: a["outlet"] for a in articles}
    for number, event in enumerate(events, start=1):
        event["number"] = number
        event["outlet"] = outlets.get(event["article_id"])
    return {
        "story": story,
        "articles": articles,
        "map": event_map(events, lambda event: f"#event-{event['id']}"),
        "events": events,
        "agreements": list(agreements.values()),
        "event_numbers": {e["id"]: e["number"] for e in events},
    }


def actor_page(store: Store, actor_id: str, latest: int = 100) -> dict[str, Any]:
    """The actor, its latest events and the countries it dealt with.

    A country's page counts the dealings of every actor of that country (its government,
    army, people...), as the dyad pages do; any other actor's page counts its own.
    """
    actor = one_record(store, "actors", actor_id)
    events = store.find_records("events", {"actor_id": actor_id}, limit=latest)
    stories = store.find_records("stories", {"actor": actor_id}, limit=20)
    whole_country = actor["kind"] == "country" and actor["country"] is not None
    counterparts = (
        store.counterpart_countries(COUNTED_BY_DEFAULT, country=actor["country"])
        if whole_country
        else store.counterpart_countries(COUNTED_BY_DEFAULT, actor_id=actor_id)
    )
    return {
        "actor": actor,
        "events": events,
        "counterparts": counterparts,
        "whole_country": whole_country,
        "stories": stories,
    }


def article_page(store: Store, article_id: str, chosen: str | None = None) -> dict[str, Any]:
    """The article with its event sentences marked; the `chosen` event's span stands out."""
    article = one_record(store, "articles", article_id)
    events = store.find_records("events", {"article_id": article_id}, limit=None).items
    events.sort(key=lambda e: (e["span"][0], e["id"]))
    numbers = {event["id"]: number for number, event in enumerate(events, start=1)}
    return {
        "article": article,
        "segments": highlight(article["text"], [(*e["span"], e["id"]) for e in events]),
        "events": events,
        "event_numbers": numbers,
        "chosen": next((e for e in events if e["id"] == chosen), None),
    }


def dyad_map(store: Store, country_a: str, country_b: str, modalities: Collection[str] | None) -> EventMap:
    """The map of the events between two countries (of the chosen modalities), each
    linked to its place in its story's page."""
    events = store.find_records("events", {"dyad": (country_a, country_b)}, limit=None).items
    chosen = [e for e in events if modalities is None or e["modality"] in modalities]

    def link(event: dict[str, Any]) -> str:
        if event.get("story_id"):
            return f"/stories/{quote(event['story_id'])}#event-{quote(event['id'])}"
        return f"/api/events/{quote(event['id'])}"

    return event_map(chosen, link)
