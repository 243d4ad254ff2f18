"""Rows to records and back: how each record is laid out in its table.

Records leave the store as the public contract's dicts (`ROW_TO_RECORD`), the shape
every export and API answer has; lists and nested values are stored as JSON text.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from eventscope.records import Actor, Agreement, Article, Event, Location, Mention, Story

# The kinds of record the store lists, exports and serves, each a table of its own.
RECORD_KINDS = ("articles", "events", "actors", "stories", "agreements")


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def as_date(value: Any) -> dt.date | None:
    """A date read back from either engine (a `date`, or ISO text)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _iso(value: Any) -> str | None:
    value = as_date(value)
    return value.isoformat() if value else None


# -- records to rows, in each table's column order ------------------------------


def article_row(article: Article, story_item: dict[str, Any] | None, ingested_at: dt.datetime) -> list[Any]:
    """A new article, pending the corpus-level step; its story and duplicate come from that step."""
    return [
        article.id, article.source, article.title, article.outlet, article.author,
        article.published, article.text, article.language, None, None,
        to_json(story_item) if story_item is not None else None, True, ingested_at,
    ]


def mention_row(article: Article, mention: Mention) -> list[Any]:
    return [
        article.id, mention.sentence, mention.start, mention.end, mention.text, mention.actor.id,
        mention.role, mention.rule,
    ]


def actor_row(actor: Actor) -> list[Any]:
    return [
        actor.id, actor.name, actor.code, actor.country, actor.sector, actor.kind,
        to_json(sorted(set(actor.aliases))), to_json(sorted(set(actor.roles))),
    ]


def event_row(event: Event) -> list[Any]:
    return [
        event.id, event.article_id, event.story_id, event.sentence_index, event.sentence,
        event.span[0], event.span[1], event.date,
        event.source_actor.id if event.source_actor else None,
        event.target_actor.id if event.target_actor else None,
        event.cameo.code, event.cameo.root, event.cameo.quad_class, event.cameo.goldstein,
        event.plover.type, event.plover.mode, to_json(event.plover.context),
        event.modality, to_json(event.attribution),
        event.location.name if event.location else None,
        event.location.country if event.location else None,
        event.rule, event.trigger, event.background, event.confidence,
        event.date_precision, event.date_source, *location_row(event.location)[2:],
    ]


# The events table's location columns, in the order of `location_row`.
LOCATION_COLUMNS = (
    "location_name", "location_country", "location_lat", "location_lon", "location_geonames_id",
    "location_admin1", "location_precision", "location_place_source",
)


def location_row(place: Location | None) -> list[Any]:
    if place is None:
        return [None] * len(LOCATION_COLUMNS)
    return [place.name, place.country, place.lat, place.lon, place.geonames_id, place.admin1, place.precision,
            place.place_source]


def location_from_row(values: list[Any]) -> Location | None:
    """The location of `location_row`'s values, None without a name."""
    if not values[0]:
        return None
    geonames_id = values[4]
    return Location(values[0], values[1], values[2], values[3], int(geonames_id) if geonames_id is not None else None,
                    values[5], values[6], values[7])


def agreement_row(agreement: Agreement) -> list[Any]:
    return [
        agreement.id, agreement.kind, to_json(agreement.parties),
        to_json(agreement.signatories), agreement.date, agreement.place,
        to_json(agreement.provisions), agreement.status, to_json(agreement.article_ids),
        agreement.story_id, to_json([list(e) for e in agreement.evidence]),
    ]


def story_row(story: Story) -> list[Any]:
    return [
        story.id, story.title, story.date, to_json(story.article_ids), to_json(story.outlets),
        to_json(story.event_ids), story.articles_without_outlet,
    ]


# -- rows to the contract's records ---------------------------------------------


def _article_record(row: dict[str, Any], _refs: dict) -> dict[str, Any]:
    return {
        "id": row["id"], "source": row["source"], "title": row["title"], "outlet": row["outlet"],
        "author": row["author"], "published": _iso(row["published"]), "text": row["text"],
        "language": row["language"], "story_id": row["story_id"],
        "duplicate_of": row["duplicate_of"],
    }


def _actor_record(row: dict[str, Any], _refs: dict) -> dict[str, Any]:
    return {
        "id": row["id"], "name": row["name"], "code": row["code"], "country": row["country"],
        "sector": row["sector"], "aliases": json.loads(row["aliases"]),
        "kind": row["kind"], "roles": json.loads(row["roles"]),
    }


def _event_record(row: dict[str, Any], refs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    def ref(actor_id: str | None) -> dict[str, Any] | None:
        if actor_id is None:
            return None
        return refs.get(actor_id, {"id": actor_id, "name": actor_id, "code": None, "country": None})

    return {
        "id": row["id"], "article_id": row["article_id"], "story_id": row["story_id"],
        "sentence": row["sentence"], "span": [row["span_start"], row["span_end"]],
        "date": _iso(row["date"]),
        "source_actor": ref(row["source_id"]), "target_actor": ref(row["target_id"]),
        "cameo": {
            "code": row["cameo_code"], "root": row["cameo_root"],
            "quad_class": int(row["quad_class"]), "goldstein": float(row["goldstein"]),
        },
        "plover": {
            "type": row["plover_type"], "mode": row["plover_mode"],
            "context": json.loads(row["plover_context"]),
        },
        "modality": row["modality"], "attribution": json.loads(row["attribution"]),
        "location": _location_record(row),
        "sentence_index": row["sentence_index"], "rule": row["rule"], "trigger": row["trigger_text"],
        "background": bool(row["background"]), "confidence": row["confidence"],
        "article": {
            "source": row.get("article_source"), "outlet": row.get("article_outlet"),
            "published": _iso(row.get("article_published")),
        },
        "date_precision": row["date_precision"], "date_source": row["date_source"],
    }


def _location_record(row: dict[str, Any]) -> dict[str, Any] | None:
    place = location_from_row([row[column] for column in LOCATION_COLUMNS])
    return place.to_record() if place else None


def _story_record(row: dict[str, Any], _refs: dict) -> dict[str, Any]:
    article_ids = json.loads(row["article_ids"])
    outlets = json.loads(row["outlets"])
    return {
        "id": row["id"], "title": row["title"], "date": _iso(row["date"]),
        "article_ids": article_ids, "outlets": outlets, "num_articles": len(article_ids),
        "num_sources": len(outlets), "event_ids": json.loads(row["event_ids"]),
        "articles_without_outlet": row["articles_without_outlet"] or 0,
    }


def _agreement_record(row: dict[str, Any], _refs: dict) -> dict[str, Any]:
    return {
        "id": row["id"], "kind": row["kind"], "parties": json.loads(row["parties"]),
        "signatories": json.loads(row["signatories"]), "date": _iso(row["date"]),
        "place": row["place"], "provisions": json.loads(row["provisions"]),
        "status": row["status"], "article_ids": json.loads(row["article_ids"]),
        "story_id": row["story_id"], "evidence": json.loads(row["evidence"]),
    }


# Each kind's row as its contract record; events also take the refs of their actors by id.
ROW_TO_RECORD = {
    "articles": _article_record,
    "actors": _actor_record,
    "events": _event_record,
    "stories": _story_record,
    "agreements": _agreement_record,
}


# -- records back to the pipeline's types -----------------------------------------


def actor_from_row(row: dict[str, Any]) -> Actor:
    return Actor(
        id=row["id"], name=row["name"], code=row["code"], country=row["country"],
        sector=row["sector"], kind=row["kind"] or "organisation",
        aliases=json.loads(row["aliases"]), roles=json.loads(row["roles"]),
    )


def agreement_from_record(record: dict[str, Any]) -> Agreement:
    return Agreement(
        id=record["id"], kind=record["kind"], parties=list(record["parties"]),
        signatories=list(record["signatories"]), date=as_date(record["date"]),
        place=record["place"], provisions=list(record["provisions"]), status=record["status"],
        article_ids=list(record["article_ids"]), story_id=record.get("story_id"),
        evidence=[tuple(e) for e in record.get("evidence", [])],
    )


def story_from_record(record: dict[str, Any]) -> Story:
    return Story(
        id=record["id"], title=record["title"], date=as_date(record["date"]),
        article_ids=list(record["article_ids"]), outlets=list(record["outlets"]),
        event_ids=list(record["event_ids"]),
        articles_without_outlet=int(record.get("articles_without_outlet") or 0),
    )
