"""The typed records that flow through the pipeline.

`Article` is the central object: extraction creates it, and each later stage
annotates it in turn (sentences, mentions, events, agreements), the way spaCy's
stages annotate a `Doc`. Corpus-level records (`Actor`, `Story`, `Agreement`)
are produced by the stages that look across articles.

All offsets are character offsets into `Article.text`, the cleaned body.
Records are plain dataclasses so that they pickle cheaply between worker
processes and serialise to the contract's JSON shapes (`to_record`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlparse

Modality = Literal["asserted", "proposed", "planned", "denied", "hypothetical"]
AgreementStatus = Literal["proposed", "signed", "implemented"]


def content_id(*parts: str, length: int = 16) -> str:
    """A stable id from content: the same parts always give the same id."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


def url_host(url: Any) -> str | None:
    """The host of an http(s) URL without "www." ("reuters.com"), None for anything else."""
    if not isinstance(url, str):
        return None
    parsed = urlparse(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        return None
    return parsed.hostname.removeprefix("www.")


def iso_date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(slots=True)
class RawInput:
    """One article as read from disk, before extraction.

    `kind` is "text" or "html"; `meta` carries the optional JSON Lines fields
    (`url`, `title`, `outlet`, `published`). `line` is set for JSON Lines input.
    """

    source: str
    content: str
    kind: Literal["text", "html"]
    meta: dict[str, Any] = field(default_factory=dict)
    line: int | None = None

    @property
    def id(self) -> str:
        """Content-hashed id of the text and its publisher: the same text read twice is one
        article, the same text from two outlets (a syndicated copy) is two."""
        publisher = self.publisher
        if publisher is None:
            return content_id(self.kind, self.content)
        return content_id(self.kind, self.content, publisher.casefold())

    @property
    def publisher(self) -> str | None:
        """Who published it, as the input states: its outlet, else its URL's host."""
        outlet = self.meta.get("outlet")
        if isinstance(outlet, str) and outlet.strip():
            return outlet.strip()
        return url_host(self.meta.get("url"))


@dataclass(slots=True)
class Token:
    """A parsed token; `i` and `head` are indices within the sentence's tokens."""

    i: int
    text: str
    start: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_type: str = ""

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(slots=True)
class Entity:
    text: str
    label: str
    start: int
    end: int


@dataclass(slots=True)
class Sentence:
    """A sentence of the article; tokens are empty when it was not parsed."""

    index: int
    start: int
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)

    @property
    def parsed(self) -> bool:
        return bool(self.tokens)


@dataclass(slots=True)
class Actor:
    """A resolved actor, CAMEO-style: `code` is country + sector (e.g. `IRNMIL`)."""

    id: str
    name: str
    code: str | None
    country: str | None
    sector: str | None
    aliases: list[str] = field(default_factory=list)
    kind: str = "organisation"  # country | person | organisation | group | igo
    roles: list[str] = field(default_factory=list)

    def ref(self) -> ActorRef:
        return ActorRef(id=self.id, name=self.name, code=self.code, country=self.country)

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "aliases": list(self.aliases),
            "kind": self.kind,
            "roles": list(self.roles),
        }


@dataclass(slots=True)
class ActorRef:
    id: str
    name: str
    code: str | None
    country: str | None

    def to_record(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "code": self.code, "country": self.country}


@dataclass(slots=True)
class Mention:
    """A span of text resolved to an actor; `role` keeps e.g. "defence minister".

    `place` marks a country or capital named as where or whither ("in Tehran", "sent arms
    to Pakistan"): an event may take it as its target or location, never as its source."""

    sentence: int
    start: int
    end: int
    text: str
    actor: Actor
    role: str | None = None
    rule: str = ""
    place: bool = False


@dataclass(slots=True)
class Cameo:
    code: str
    root: str
    quad_class: int
    goldstein: float


@dataclass(slots=True)
class Plover:
    type: str
    mode: str | None = None
    context: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Location:
    """Where an event happened: the place its clause names (or the article's dateline,
    `place_source` "dateline"), with the gazetteer's coordinates when it knows the place;
    `precision` is "city", "admin1" or "country"."""

    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    admin1: str | None = None
    precision: str | None = None
    place_source: str | None = None

    def to_record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "geonames_id": self.geonames_id,
            "admin1": self.admin1,
            "precision": self.precision,
            "place_source": self.place_source,
        }


@dataclass(slots=True)
class Event:
    """A coded event with its evidence: sentence, span and the rule that fired."""

    id: str
    article_id: str
    sentence_index: int
    sentence: str
    span: tuple[int, int]
    date: dt.date | None
    source_actor: ActorRef | None
    target_actor: ActorRef | None
    cameo: Cameo
    plover: Plover
    modality: Modality = "asserted"
    attribution: list[str] = field(default_factory=list)
    location: Location | None = None
    rule: str = ""
    trigger: str = ""
    story_id: str | None = None
    background: bool = False  # history told as background, well before publication
    confidence: float | None = None  # the learned filter's score (None: no model)
    date_precision: str | None = None  # "day", "month" or "year"
    date_source: str | None = None  # "text", "publication" or "story"

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "story_id": self.story_id,
            "sentence": self.sentence,
            "span": [self.span[0], self.span[1]],
            "date": iso_date(self.date),
            "date_precision": self.date_precision,
            "date_source": self.date_source,
            "source_actor": self.source_actor.to_record() if self.source_actor else None,
            "target_actor": self.target_actor.to_record() if self.target_actor else None,
            "cameo": {
                "code": self.cameo.code,
                "root": self.cameo.root,
                "quad_class": self.cameo.quad_class,
                "goldstein": self.cameo.goldstein,
            },
            "plover": {
                "type": self.plover.type,
                "mode": self.plover.mode,
                "context": list(self.plover.context),
            },
            "modality": self.modality,
            "attribution": list(self.attribution),
            "location": self.location.to_record() if self.location else None,
            "sentence_index": self.sentence_index,
            "rule": self.rule,
            "trigger": self.trigger,
            "background": self.background,
            "confidence": self.confidence,
        }


@dataclass(slots=True)
class Agreement:
    """A treaty, memorandum or deal as one record, merged across reporting articles."""

    id: str
    kind: str
    parties: list[str]
    signatories: list[str]
    date: dt.date | None
    place: str | None
    provisions: list[str]
    status: AgreementStatus
    article_ids: list[str] = field(default_factory=list)
    story_id: str | None = None
    evidence: list[tuple[str, int, int]] = field(default_factory=list)  # (article_id, start, end)

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "parties": list(self.parties),
            "signatories": list(self.signatories),
            "date": iso_date(self.date),
            "place": self.place,
            "provisions": list(self.provisions),
            "status": self.status,
            "article_ids": list(self.article_ids),
            "story_id": self.story_id,
            "evidence": [list(e) for e in self.evidence],
        }


@dataclass(slots=True)
class Article:
    """The central record: extraction fills the metadata and `text`, later stages annotate."""

    id: str
    source: str
    title: str | None
    outlet: str | None
    author: str | None
    published: dt.date | None
    text: str
    language: str | None
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    story_id: str | None = None
    duplicate_of: str | None = None
    dateline: str | None = None  # the place its dateline names; events' fallback place, not stored
    country: str | None = None  # the country the article is about (actors stage); not stored

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "outlet": self.outlet,
            "author": self.author,
            "published": iso_date(self.published),
            "text": self.text,
            "language": self.language,
            "story_id": self.story_id,
            "duplicate_of": self.duplicate_of,
        }


@dataclass(slots=True)
class Story:
    """One real-world happening, as reported by one or more outlets."""

    id: str
    title: str | None
    date: dt.date | None
    article_ids: list[str]
    outlets: list[str]
    event_ids: list[str] = field(default_factory=list)
    articles_without_outlet: int = 0  # articles whose outlet no input or page states

    @property
    def num_articles(self) -> int:
        return len(self.article_ids)

    @property
    def num_sources(self) -> int:
        return len(self.outlets)

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "date": iso_date(self.date),
            "article_ids": list(self.article_ids),
            "outlets": list(self.outlets),
            "num_articles": self.num_articles,
            "num_sources": self.num_sources,
            "event_ids": list(self.event_ids),
            "articles_without_outlet": self.articles_without_outlet,
        }
