"""Score the coder on the real-news gold set (`gold/realnews`, see its CONVENTIONS.md).

Each gold document goes through the per-article stages like any article. Extraction cleans
the text, so article offsets are not gold offsets: every system sentence is found again in
the document text (whitespace-normalised, searching forward from the previous one) and its
events are given to the gold sentence their span overlaps most. Events of sentences outside
the annotated gold sentences are ignored, not counted as false alarms.

Headline scores count gold events that are `asserted` and not background against system
events with modality `asserted` that the coder did not mark as background. Gold background
events are optional: a system event that matches one is neither a hit nor a false alarm.
Roots 04, 05 and 06 are symmetric (CONVENTIONS.md), so a system event and its mirror copy in
one sentence count once. Actors are also scored on their own, on the events whose root both
found: how often the country part and the sector agree, and how often the coder found none.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventscope.errors import BadInput, EventscopeError
from eventscope.evaluate.realnews_text import document_outlet, document_published, document_text
from eventscope.evaluate.scoring import Tally
from eventscope.events.confidence import article_features, event_features
from eventscope.pipeline import Processed, Stages, process_batch
from eventscope.records import Article, Event, RawInput, Sentence
from eventscope.settings import Settings

log = logging.getLogger(__name__)

SPLITS = ("train", "dev", "test", "all")
MODALITIES = frozenset({"asserted", "proposed", "planned", "denied", "hypothetical"})
SYMMETRIC_ROOTS = frozenset({"04", "05", "06"})
# Actor codes naming an organisation rather than a country: the first six characters
# (IGOUNO, IGOWSTNAT's IGOWST) are its "country part".
MULTINATIONAL_PREFIXES = ("IGO", "IMG")
CORPORATION_PREFIX = "MNC"
UNKNOWN_COUNTRY = "---"
LEVELS = ("root", "root_actors", "code_actors")
BATCH = 16
NONE = "none"


@dataclass(frozen=True, slots=True)
class CodedEvent:
    """What matching compares: a CAMEO code and the actor codes (None: no actor)."""

    code: str
    source: str | None
    target: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True, slots=True)
class GoldEvent:
    coded: CodedEvent
    source_text: str
    target_text: str | None
    trigger: str
    modality: str
    background: bool


@dataclass(slots=True)
class GoldSentence:
    """A gold sentence; `events` is None until an annotation batch has its line."""

    id: str
    doc: str
    split: str
    start: int
    end: int
    text: str
    events: list[GoldEvent] | None = None


@dataclass(slots=True)
class SystemEvent:
    coded: CodedEvent
    modality: str
    trigger: str
    rule: str
    span: tuple[int, int]  # in the document text
    background: bool = False
    features: dict[str, str] = field(default_factory=dict, compare=False)  # the filter's inputs, for training
    date: dt.date | None = None  # when the coder dated the event, and how (precision, source)
    date_precision: str | None = None
    date_source: str | None = None
    place: str | None = None  # where the coder placed it: name and ISO-3 country
    place_country: str | None = None


@dataclass
class GoldSet:
    sentences: list[GoldSentence]
    texts: dict[str, str]  # document -> its text
    published: dict[str, dt.date | None] = field(default_factory=dict)  # as the corpus states
    outlets: dict[str, str | None] = field(default_factory=dict)  # likewise


def default_shared(gold_dir: Path) -> Path:
    """The shared corpora folder: `../shared` beside the repository holding `gold/realnews`."""
    return Path(gold_dir).resolve().parents[1].parent / "shared"


def _json_lines(path: Path) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise BadInput(str(path), f"malformed JSON: {exc}", number) from exc
        if not isinstance(row, dict):
            raise BadInput(str(path), "a line must be a JSON object", number)
        rows.append((number, row))
    return rows


def _actor(value: Any, where: tuple[str, int], what: str) -> tuple[str, str]:
    if not isinstance(value, dict) or not isinstance(value.get("code"), str) or not value["code"]:
        raise BadInput(where[0], f"{what} must be an object with a non-empty code", where[1])
    return value["code"].upper(), str(value.get("text") or "")


def _gold_event(value: Any, where: tuple[str, int]) -> GoldEvent:
    if not isinstance(value, dict):
        raise BadInput(where[0], "an event must be a JSON object", where[1])
    code, root = value.get("code"), value.get("root")
    if not isinstance(code, str) or not code.isdigit() or not 2 <= len(code) <= 4:
        raise BadInput(where[0], f"bad CAMEO code {code!r}", where[1])
    if root != code[:2]:
        raise BadInput(where[0], f"root {root!r} is not the first two digits of {code}", where[1])
    if value.get("modality") not in MODALITIES or not isinstance(value.get("background"), bool):
        raise BadInput(where[0], "modality or background missing or unknown", where[1])
    source, source_text = _actor(value.get("source"), where, "source")
    target = target_text = None
    if value.get("target") is not None:
        target, target_text = _actor(value["target"], where, "target")
    return GoldEvent(
        CodedEvent(code, source, target), source_text, target_text,
        str(value.get("trigger") or ""), value["modality"], value["background"],
    )


def load_gold(gold_dir: Path, shared: Path) -> GoldSet:
    """The sentences (quotes checked against the document texts) with their annotations.

    Raises `BadInput` naming file and line for a malformed line, a quote that does not match,
    an unknown or twice-annotated sentence id.
    """
    path = Path(gold_dir) / "sentences.jsonl"
    try:
        rows = _json_lines(path)
    except OSError as exc:
        raise BadInput(str(path), f"cannot read: {exc}") from exc
    texts: dict[str, str] = {}
    published: dict[str, dt.date | None] = {}
    outlets: dict[str, str | None] = {}
    sentences: dict[str, GoldSentence] = {}
    for number, row in rows:
        doc, start, end, quote = row.get("doc"), row.get("start"), row.get("end"), row.get("quote")
        if not (isinstance(row.get("id"), str) and isinstance(doc, str) and isinstance(quote, str)
                and isinstance(start, int) and isinstance(end, int) and row.get("split") in SPLITS[:3]):
            raise BadInput(str(path), "needs id, doc, split (train/dev/test), start, end, quote", number)
        if doc not in texts:
            try:
                texts[doc] = document_text(Path(shared), doc)
                published[doc] = document_published(Path(shared), doc)
                outlets[doc] = document_outlet(Path(shared), doc)
            except (OSError, KeyError, ValueError) as exc:
                raise BadInput(str(path), f"document {doc} cannot be read: {exc}", number) from exc
        text = texts[doc]
        if not (0 <= start < end <= len(text)) or not quote or text[start:end][: len(quote)] != quote:
            raise BadInput(str(path), f"quote {quote!r} does not match {doc} at {start}", number)
        if row["id"] in sentences:
            raise BadInput(str(path), f"sentence id {row['id']} given twice", number)
        sentences[row["id"]] = GoldSentence(row["id"], doc, row["split"], start, end, text[start:end])
    for batch in sorted((Path(gold_dir) / "annotations").glob("batch_*.jsonl")):
        for number, row in _json_lines(batch):
            sentence = sentences.get(str(row.get("id")))
            if sentence is None or not isinstance(row.get("events"), list):
                raise BadInput(str(batch), f"unknown sentence id {row.get('id')!r} or no events list", number)
            if sentence.events is not None:
                raise BadInput(str(batch), f"sentence {sentence.id} annotated twice", number)
            sentence.events = [_gold_event(e, (str(batch), number)) for e in row["events"]]
    return GoldSet(list(sentences.values()), texts, published, outlets)


def actor_key(code: str | None) -> str | None:
    """The part of an actor code that must agree: its country, or an IGO's organisation."""
    if not code:
        return None
    code = code.upper()
    if code.startswith(CORPORATION_PREFIX) and len(code) >= 6:
        return code[3:6]  # Phoenix's multinational firms: MNC + their home country (MNCJPN)
    return code[:6] if code.startswith(MULTINATIONAL_PREFIXES) else code[:3]


def actors_agree(gold: CodedEvent, system: CodedEvent) -> bool:
    """Source and target agree on their country part; symmetric roots may be mirrored."""
    if actor_key(gold.source) is None:
        return False
    direct = (actor_key(gold.source), actor_key(gold.target))
    if direct == (actor_key(system.source), actor_key(system.target)):
        return True
    mirrored = (actor_key(system.target), actor_key(system.source))
    return gold.root in SYMMETRIC_ROOTS and direct == mirrored


def match_events(gold: Sequence[CodedEvent], system: Sequence[CodedEvent], level: str) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs in one sentence, greedily, exact codes first.

    `level` is `root` (roots equal), `root_actors` (and actors agree) or `code_actors` (full
    codes equal and actors agree).
    """
    if level not in LEVELS:
        raise ValueError(f"unknown matching level {level!r}")
    candidates = []
    for g, gold_event in enumerate(gold):
        for s, system_event in enumerate(system):
            agree = actors_agree(gold_event, system_event)
            if gold_event.root != system_event.root or (level != "root" and not agree):
                continue
            if level == "code_actors" and gold_event.code != system_event.code:
                continue
            exact_actors = (gold_event.source, gold_event.target) == (system_event.source, system_event.target)
            candidates.append(((gold_event.code == system_event.code, agree, exact_actors), g, s))
    candidates.sort(key=lambda c: c[0], reverse=True)  # stable: sentence order among equals
    pairs: list[tuple[int, int]] = []
    used_gold: set[int] = set()
    used_system: set[int] = set()
    for _, g, s in candidates:
        if g not in used_gold and s not in used_system:
            pairs.append((g, s))
            used_gold.add(g)
            used_system.add(s)
    return sorted(pairs)


def drop_mirror_copies(events: Sequence[SystemEvent]) -> list[SystemEvent]:
    """The events without the mirror copy (same code, actors swapped) of a symmetric event."""
    kept: list[SystemEvent] = []
    for event in events:
        c = event.coded
        if c.root in SYMMETRIC_ROOTS and actor_key(c.source) != actor_key(c.target) and any(
            k.coded.code == c.code and k.modality == event.modality
            and (actor_key(k.coded.source), actor_key(k.coded.target)) == (actor_key(c.target), actor_key(c.source))
            for k in kept
        ):
            continue
        kept.append(event)
    return kept


class _Normalised:
    """A text with each whitespace run as one space, and each kept character's offset."""

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        self.offsets: list[int] = []
        for i, ch in enumerate(text):
            if ch.isspace():
                if not chars or chars[-1] == " ":
                    continue
                ch = " "
            chars.append(ch)
            self.offsets.append(i)
        if chars and chars[-1] == " ":
            chars.pop()
            self.offsets.pop()
        self.text = "".join(chars)

    def index(self, offset: int) -> int:
        """The normalised position of original `offset` (the next kept character)."""
        return min(bisect.bisect_left(self.offsets, offset), len(self.offsets) - 1)


@dataclass
class _Alignment:
    """Where the article's sentences are in the document: index -> (normalised start, sentence)."""

    found: dict[int, tuple[int, _Normalised]] = field(default_factory=dict)
    unaligned: int = 0
    sentences: int = 0


def align_sentences(article: Article, document: _Normalised) -> _Alignment:
    """Find each sentence in the document, after the previous one (else the nearest before)."""
    alignment = _Alignment()
    cursor = 0
    for sentence in article.sentences:
        normal = _Normalised(sentence.text)
        if not normal.text:
            continue
        alignment.sentences += 1
        at = document.text.find(normal.text, cursor)
        if at < 0:
            at = document.text.rfind(normal.text, 0, cursor + len(normal.text))
        if at < 0:
            alignment.unaligned += 1
            log.debug("%s: sentence %d not found: %r", article.source, sentence.index, sentence.text[:60])
            continue
        alignment.found[sentence.index] = (at, normal)
        cursor = max(cursor, at + len(normal.text))
    return alignment


def _document_span(sentence: Sentence, event: Event, at: int, normal: _Normalised, document: _Normalised) -> tuple[int, int]:
    """The event's span as document offsets, clamped to its sentence."""
    first = normal.index(event.span[0] - sentence.start)
    last = max(first, normal.index(event.span[1] - sentence.start - 1))
    return document.offsets[at + first], document.offsets[at + last] + 1


def _actor_code(ref: Any) -> str | None:
    return (ref.code or ref.country) if ref is not None else None


def system_events(article: Article, text: str, gold: list[GoldSentence], political: frozenset[str]
                  ) -> tuple[dict[str, list[SystemEvent]], dict[str, int]]:
    """The article's events by the gold sentence (id) they fall in, and alignment counts."""
    document = _Normalised(text)
    alignment = align_sentences(article, document)
    by_index = {s.index: s for s in article.sentences}
    covered: set[str] = set()
    for at, normal in alignment.found.values():
        start, end = document.offsets[at], document.offsets[at + len(normal.text) - 1] + 1
        covered.update(g.id for g in gold if g.start < end and start < g.end)
    placed: dict[str, list[SystemEvent]] = {}
    counts = Counter(system_sentences=alignment.sentences, system_sentences_unaligned=alignment.unaligned,
                     gold_sentences_outside_system_text=sum(g.id not in covered for g in gold))
    crowd = Counter(event.sentence_index for event in article.events)
    context = article_features(article, political)
    for event in article.events:
        if event.sentence_index not in alignment.found or event.sentence_index not in by_index:
            counts["system_events_unaligned"] += 1
            continue
        at, normal = alignment.found[event.sentence_index]
        span = _document_span(by_index[event.sentence_index], event, at, normal, document)
        overlaps = [(min(span[1], g.end) - max(span[0], g.start), g.id) for g in gold]
        best = max(overlaps, default=(0, ""))
        if best[0] <= 0:
            continue
        coded = CodedEvent(event.cameo.code, _actor_code(event.source_actor), _actor_code(event.target_actor))
        features = event_features(event, by_index[event.sentence_index], crowd[event.sentence_index], context,
                                  article.text)
        where = event.location
        placed.setdefault(best[1], []).append(SystemEvent(coded, event.modality, event.trigger, event.rule, span,
                                                               event.background, features, event.date,
                                                               event.date_precision, event.date_source,
                                                               where.name if where else None,
                                                               where.country if where else None))
    return placed, dict(counts)


def run_system(gold: GoldSet, docs: list[str], settings: Settings) -> tuple[dict[str, list[SystemEvent]], Counter[str]]:
    """Run the per-article stages on each document; events by gold sentence id, and counts."""
    stages = Stages.load(settings)
    by_doc: dict[str, list[GoldSentence]] = {}
    for sentence in gold.sentences:
        by_doc.setdefault(sentence.doc, []).append(sentence)
    placed: dict[str, list[SystemEvent]] = {}
    counts: Counter[str] = Counter()
    for first in range(0, len(docs), BATCH):
        batch = docs[first : first + BATCH]
        raws = [RawInput(source=doc, content=gold.texts[doc], kind="text", meta=_meta(gold, doc)) for doc in batch]
        for doc, result in zip(batch, process_batch(raws, stages, keep_sentences=True)):
            if not isinstance(result, Processed):
                log.warning("gold document rejected: %s", result)
                counts["documents_rejected"] += 1
                continue
            found, doc_counts = system_events(result.article, gold.texts[doc], by_doc[doc],
                                              stages.coder.political_sectors)
            placed.update(found)
            counts.update(doc_counts)
    return placed, counts


def _meta(gold: GoldSet, doc: str) -> dict[str, str]:
    """What a user would pass with the document: the publication date and outlet its corpus states."""
    published, outlet = gold.published.get(doc), gold.outlets.get(doc)
    return {**({"published": published.isoformat()} if published else {}), **({"outlet": outlet} if outlet else {})}


def _scores(hits: int, predicted: int, gold: int) -> dict[str, float | int]:
    return Tally(hits=hits, predicted=predicted, gold=gold).scores()


def _describe(event: GoldEvent | SystemEvent, text: str) -> dict[str, Any]:
    described: dict[str, Any] = {"code": event.coded.code, "source": event.coded.source,
                                 "target": event.coded.target, "trigger": event.trigger,
                                 "modality": event.modality}
    if isinstance(event, SystemEvent):
        described.update(rule=event.rule, span=list(event.span), span_text=text[event.span[0] : event.span[1]])
    return described


@dataclass
class _Board:
    """Counts over the scored sentences, filled one sentence at a time."""

    tallies: dict[str, Counter[str]] = field(default_factory=lambda: {n: Counter() for n in (*LEVELS, "sentence")})
    per_root: dict[str, Counter[str]] = field(default_factory=dict)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    modality: Counter[tuple[str, str]] = field(default_factory=Counter)
    on_background: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    actors: Counter[str] = field(default_factory=Counter)

    def add(self, sentence: GoldSentence, system: list[SystemEvent], text: str) -> None:
        events = sentence.events or []
        required = [e for e in events if e.modality == "asserted" and not e.background]
        optional = [e.coded for e in events if e.modality == "asserted" and e.background]
        asserted = [e for e in system if e.modality == "asserted" and not e.background]
        for level in LEVELS:
            pairs = match_events([e.coded for e in required], [e.coded for e in asserted], level)
            matched = {s for _, s in pairs}
            rest = [s for s in range(len(asserted)) if s not in matched]
            neutral = {rest[s] for _, s in match_events(optional, [asserted[s].coded for s in rest], level)}
            alarms = [s for s in rest if s not in neutral]
            self.tallies[level].update(hits=len(pairs), predicted=len(pairs) + len(alarms), gold=len(required))
            if level == "root":
                self.on_background += len(neutral)
                self._roots(required, asserted, pairs, alarms)
                found = bool(pairs or alarms)
                self.tallies["sentence"].update(hits=int(found and bool(required)), predicted=int(found), gold=int(bool(required)))
                root_hits = {g for g, _ in pairs}
                for g, s in pairs:
                    self._actors(required[g].coded, asserted[s].coded)
            if level == "root_actors":
                missed = [g for g in range(len(required)) if g not in {g for g, _ in pairs}]
                for g in missed:
                    self.errors.append({"kind": "miss", "sentence": sentence.id, "text": sentence.text,
                                        "root_found": g in root_hits, "event": _describe(required[g], text)})
                for s in alarms:
                    self.errors.append({"kind": "false_alarm", "sentence": sentence.id, "text": sentence.text,
                                        "event": _describe(asserted[s], text)})
        scorable = [e for e in events if not e.background]
        for g, s in match_events([e.coded for e in scorable], [e.coded for e in system], "root_actors"):
            self.modality[(scorable[g].modality, system[s].modality)] += 1

    def _actors(self, gold: CodedEvent, system: CodedEvent) -> None:
        """Actor agreement on an event whose root both found: country part and sector."""
        for wanted, found in ((gold.source, system.source), (gold.target, system.target)):
            if wanted is None:
                continue
            self.actors["compared"] += 1
            if found is None:
                self.actors["missing"] += 1
                continue
            if found.startswith(UNKNOWN_COUNTRY):
                self.actors["without_country"] += 1
            self.actors["country"] += actor_key(wanted) == actor_key(found)
            sector = _sector(wanted)
            if sector:
                self.actors["sector_compared"] += 1
                self.actors["sector"] += _sector(found) == sector

    def _roots(self, required: list[GoldEvent], asserted: list[SystemEvent], pairs: list[tuple[int, int]], alarms: list[int]) -> None:
        for event in required:
            self.per_root.setdefault(event.coded.root, Counter())["gold"] += 1
        for s in [s for _, s in pairs] + alarms:
            self.per_root.setdefault(asserted[s].coded.root, Counter())["predicted"] += 1
        for g, _ in pairs:
            self.per_root[required[g].coded.root]["hits"] += 1
            self.confusion[(required[g].coded.root, required[g].coded.root)] += 1
        missed = [required[g].coded.root for g in range(len(required)) if g not in {g for g, _ in pairs}]
        wrong = [asserted[s].coded.root for s in alarms]
        for g_root, s_root in zip(missed, wrong):  # a miss and a false alarm in one sentence: confused
            self.confusion[(g_root, s_root)] += 1
        for g_root in missed[len(wrong) :]:
            self.confusion[(g_root, NONE)] += 1
        for s_root in wrong[len(missed) :]:
            self.confusion[(NONE, s_root)] += 1


def evaluate_realnews(gold_dir: Path, settings: Settings, shared: Path | None = None,
                      split: str = "dev", errors: bool = False) -> dict[str, Any]:
    """Precision/recall/F1 of the coder on one split of the real-news gold set.

    `shared` is the shared corpora folder (default: `default_shared(gold_dir)`); the test split
    is scored only when asked for. `errors` adds every miss and false alarm.
    """
    if split not in SPLITS:
        raise EventscopeError(f"unknown split {split!r}: one of {', '.join(SPLITS)}")
    gold = load_gold(Path(gold_dir), Path(shared) if shared else default_shared(Path(gold_dir)))
    chosen = [s for s in gold.sentences if split in ("all", s.split)]
    annotated = [s for s in chosen if s.events is not None]
    docs = list(dict.fromkeys(s.doc for s in annotated))
    gold.sentences = annotated
    placed, counts = run_system(gold, docs, settings)
    board = _Board()
    mirror_copies = 0
    for sentence in annotated:
        found = placed.get(sentence.id, [])
        kept = drop_mirror_copies(found)
        mirror_copies += len(found) - len(kept)
        board.add(sentence, kept, gold.texts[sentence.doc])
    tallies = {name: _scores(t["hits"], t["predicted"], t["gold"]) for name, t in board.tallies.items()}
    all_events = [e for s in annotated for e in s.events or []]
    modality_pairs = sum(board.modality.values())
    result: dict[str, Any] = {
        "gold_set": "realnews",
        "split": split,
        "documents": len(docs),
        "sentences": len(annotated),
        "sentences_not_annotated": len(chosen) - len(annotated),
        "gold_events": tallies["root"]["gold"],
        "gold_events_not_scored": len(all_events) - tallies["root"]["gold"],
        "system_events": tallies["root"]["predicted"],
        "system_events_on_background": board.on_background,
        "system_mirror_copies": mirror_copies,
        **{key: counts.get(key, 0) for key in ("documents_rejected", "system_sentences", "system_sentences_unaligned",
                                               "system_events_unaligned", "gold_sentences_outside_system_text")},
        "root_source_target": tallies["root_actors"],
        "root": tallies["root"],
        "code_source_target": tallies["code_actors"],
        "sentence_has_event": tallies["sentence"],
        "modality_accuracy": round(sum(n for (g, s), n in board.modality.items() if g == s) / modality_pairs, 4)
        if modality_pairs else 0.0,
        "modality_pairs": modality_pairs,
        "modality_confusion": _table(board.modality),
        "per_root": {root: {**_scores(c["hits"], c["predicted"], c["gold"]), "support": c["gold"]}
                     for root, c in sorted(board.per_root.items())},
        "root_confusion": _table(board.confusion),
        "actors_on_root_matches": _actor_scores(board.actors),
    }
    if errors:
        result["errors"] = board.errors
    return result


def _sector(code: str) -> str | None:
    """The sector part of a country actor's code (GBRGOV -> GOV); None for a bare country or
    an organisation code."""
    code = code.upper()
    if code.startswith((*MULTINATIONAL_PREFIXES, CORPORATION_PREFIX)) or len(code) < 6:
        return None
    return code[3:6]


def _actor_scores(counts: Counter[str]) -> dict[str, float | int]:
    compared, sectors = counts["compared"], counts["sector_compared"]
    return {
        "compared": compared,
        "country_accuracy": round(counts["country"] / compared, 4) if compared else 0.0,
        "sector_compared": sectors,
        "sector_accuracy": round(counts["sector"] / sectors, 4) if sectors else 0.0,
        "system_actor_missing": counts["missing"],
        "system_actor_without_country": counts["without_country"],
    }


def _table(counts: Counter[tuple[str, str]]) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {}
    for (row, column), n in sorted(counts.items()):
        table.setdefault(row, {})[column] = n
    return table
