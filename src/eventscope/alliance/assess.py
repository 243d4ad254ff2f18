"""Does a pair of parties amount to an alliance? (`assess_alliance`)

The obligations come from the stored agreements between the two parties, read in the
articles that report them; the verdict is the strongest obligation of a signed agreement
that no report of it denies, else a defence cooperation agreement when a signed agreement
has DCAD-style content, else no formal tie. A proposed agreement, or an obligation a report
only proposes, never sets the verdict: it is listed among the proposals, with the proposed
and planned events between the parties. The trend counts the dyad's asserted events per
quarter as the dyad summary counts them.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from eventscope.agreements import load_cues
from eventscope.agreements.cues import SIGNED
from eventscope.alliance.cues import AllianceCues, load_alliance_cues
from eventscope.alliance.records import (
    AllianceAssessment,
    Cooperation,
    Evidence,
    Obligation,
    Proposal,
    Quarter,
)
from eventscope.alliance.statements import Statement, read_statements
from eventscope.dyads import dyad_summary
from eventscope.errors import BadInput
from eventscope.store import Store

log = logging.getLogger(__name__)

COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")
COOPERATION_CLASSES = (1, 2)
CONFLICT_CLASSES = (3, 4)


def _organisations() -> frozenset[str]:
    """The organisations agreements may name as parties (NATO, EU), from the agreements' cues."""
    return frozenset(load_cues().organisation_parties.values())


def check_party(code: str) -> str:
    """The code upper-cased: an ISO-3 country or an organisation agreements name (NATO, EU);
    `BadInput` otherwise."""
    upper = code.strip().upper()
    if COUNTRY_CODE.match(upper) or upper in _organisations():
        return upper
    raise BadInput(code, "not an ISO 3166-1 alpha-3 country code (e.g. IRN) or an organisation "
                         f"code ({', '.join(sorted(_organisations()))})")


def _is_country(party: str) -> bool:
    return party not in _organisations()


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass
class _Article:
    """A stored article and the agreements (of any parties) that cite its sentences."""

    record: dict[str, Any]
    cited: list[dict[str, Any]]

    def evidence(self, sentence: tuple[int, int], span: tuple[int, int]) -> Evidence:
        text = self.record["text"]
        return Evidence(self.record["id"], self.record["story_id"], text[sentence[0]:sentence[1]],
                        sentence, span)

    def owner(self, sentence: tuple[int, int], dyad_ids: set[str]) -> str | None:
        """The agreement of the dyad a sentence speaks of: the one whose reported passage holds
        it, else the nearest before it (then after it); None when it belongs to an agreement of
        other parties."""
        spans = [(s, e, a["id"]) for a in self.cited
                 for article_id, s, e in a["evidence"] if article_id == self.record["id"]]
        holding = [i for s, e, i in spans if s <= sentence[0] < e or sentence[0] <= s < sentence[1]]
        if holding:
            return next((i for i in holding if i in dyad_ids), None)
        ours = [(s, i) for s, _, i in spans if i in dyad_ids]
        if not ours:
            return None
        before = [(s, i) for s, i in ours if s <= sentence[0]]
        if before:
            return max(before)[1]
        return min(ours)[1]


def _articles(store: Store, agreements: list[dict[str, Any]]) -> dict[str, _Article]:
    ids = sorted({a for agreement in agreements for a in agreement["article_ids"]})
    articles = {}
    for article_id in ids:
        record = store.get_record("articles", article_id)
        if record is not None:
            cited = store.find_records("agreements", {"article_id": article_id}, limit=None).items
            articles[article_id] = _Article(record, cited)
    return articles


def _statements(articles: dict[str, _Article], dyad_ids: set[str],
                cues: AllianceCues) -> list[tuple[str, _Article, Statement]]:
    """(agreement id, article, statement) for every obligation phrase in the reporting articles."""
    found = []
    for article in articles.values():
        for statement in read_statements(article.record["text"], cues):
            owner = article.owner(statement.sentence, dyad_ids)
            if owner is not None:
                found.append((owner, article, statement))
    return found


def _cooperation(agreement: dict[str, Any], articles: dict[str, _Article],
                 cues: AllianceCues) -> list[Cooperation]:
    """The agreement's DCAD-style provisions, each with the first reported sentence naming it."""
    patterns = dict(load_cues().provisions)
    found = []
    for label in (p for p in agreement["provisions"] if p in cues.defence_cooperation):
        evidence = None
        for article_id, start, end in agreement["evidence"]:
            article = articles.get(article_id)
            if article is None:
                continue
            match = patterns[label].search(article.record["text"], start, end) if label in patterns else None
            if match:
                evidence = article.evidence((start, end), match.span())
                break
        found.append(Cooperation(label, agreement["id"], evidence))
    return found


def _locate(text: str, sentence: str, inside: int) -> tuple[int, int]:
    """Where an event's sentence lies in its article's text: the occurrence holding the
    event's span (the span's start alone when the text no longer holds it)."""
    start = text.find(sentence)
    while start != -1 and start + len(sentence) < inside:
        start = text.find(sentence, start + 1)
    if start == -1 or start > inside:
        return inside, inside
    return start, start + len(sentence)


def _event_proposals(store: Store, a: str, b: str, signed: list[dict[str, Any]],
                     cues: AllianceCues) -> list[Proposal]:
    """Proposed and planned cooperative events between the parties whose sentence names
    defence cooperation or an obligation, one per sentence; a sentence that reports a signed
    agreement is that agreement, not a proposal."""
    provisions = [(label, pattern) for label, pattern in load_cues().provisions
                  if label in cues.defence_cooperation]
    reported = {(article_id, s, e) for agreement in signed for article_id, s, e in agreement["evidence"]}
    texts: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    proposals = []
    for row in store.dyad_events(a, b):
        if row["modality"] not in cues.proposal_modalities or int(row["quad_class"]) not in cues.proposal_quad_classes:
            continue
        event = store.get_record("events", row["id"])
        if event is None or (event["article_id"], event["sentence"]) in seen:
            continue
        seen.add((event["article_id"], event["sentence"]))
        start, end = event["span"]
        if any(i == event["article_id"] and s < end and start < e for i, s, e in reported):
            continue
        sentence = event["sentence"]
        what = [label for label, pattern in provisions if pattern.search(sentence)]
        what += [o.name for o in cues.obligations if any(c.search(sentence) for c in o.cues)]
        if what:
            texts.setdefault(event["article_id"], (store.get_record("articles", event["article_id"]) or {}).get("text", ""))
            located = _locate(texts[event["article_id"]], sentence, start)
            evidence = Evidence(event["article_id"], event["story_id"], sentence, located, (start, end))
            proposals.append(Proposal("event", row["modality"], row["date"], tuple(what),
                                      event_id=event["id"], evidence=evidence))
    return proposals


def _trend(store: Store, a: str, b: str) -> list[Quarter]:
    """Asserted events per quarter, cooperation against conflict, counted as the dyad summary does."""
    if not (_is_country(a) and _is_country(b)):
        return []
    quarters: dict[str, list[int]] = {}
    for month in dyad_summary(store, a, b, latest_stories=0, modalities={"asserted"}).months:
        year, number = month.month.split("-")
        counts = quarters.setdefault(f"{year}-Q{(int(number) - 1) // 3 + 1}", [0, 0])
        counts[0] += sum(month.counts.get(q, 0) for q in COOPERATION_CLASSES)
        counts[1] += sum(month.counts.get(q, 0) for q in CONFLICT_CLASSES)
    return [Quarter(quarter, *counts) for quarter, counts in quarters.items()]


def _verdict(signed: list[dict[str, Any]], obligations: list[Obligation], cooperation: list[Cooperation],
             cues: AllianceCues) -> tuple[str, list[dict[str, Any]]]:
    """The strongest verdict the signed agreements support, and the agreements that set it."""
    for obligation_type in cues.obligations:
        ids = {o.agreement_id for o in obligations if o.type == obligation_type.name}
        if ids:
            return obligation_type.verdict, [a for a in signed if a["id"] in ids]
    ids = {c.agreement_id for c in cooperation}
    if ids:
        return cues.cooperation_verdict, [a for a in signed if a["id"] in ids]
    return cues.no_tie_verdict, []


def _unique(items: Iterable[Obligation]) -> list[Obligation]:
    """One finding per agreement, type and sentence."""
    seen, kept = set(), []
    for item in items:
        key = (item.type, item.agreement_id, item.evidence.article_id, item.evidence.sentence_span)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def assess_alliance(store: Store, party_a: str, party_b: str) -> AllianceAssessment:
    """The alliance assessment of two parties (ISO-3 countries or organisations such as NATO)."""
    a, b = check_party(party_a), check_party(party_b)
    if a == b:
        raise BadInput(party_b, "an alliance needs two different parties")
    cues = load_alliance_cues()
    agreements = sorted(store.find_records("agreements", {"dyad": (a, b)}, limit=None).items,
                        key=lambda r: (r["date"] is None, r["date"] or "", r["id"]))
    by_id = {agreement["id"]: agreement for agreement in agreements}
    signed = [agreement for agreement in agreements if agreement["status"] in SIGNED]
    articles = _articles(store, agreements)
    statements = _statements(articles, set(by_id), cues)
    denied_types = {(owner, s.type) for owner, _, s in statements if s.stance == "denied"}
    obligations, denied, proposals = [], [], []
    for owner, article, statement in statements:
        found = Obligation(statement.type, owner, article.evidence(statement.sentence, statement.span))
        if statement.stance == "denied":
            denied.append(found)
        elif by_id[owner]["status"] not in SIGNED or statement.stance == "proposed":
            proposals.append(Proposal("obligation", "proposed", _date(by_id[owner]["date"]),
                                      (statement.type,), agreement_id=owner, evidence=found.evidence))
        elif (owner, statement.type) not in denied_types:
            obligations.append(found)
    cooperation = [c for agreement in signed for c in _cooperation(agreement, articles, cues)]
    for agreement in agreements:
        if agreement["status"] not in SIGNED:
            proposals.append(Proposal("agreement", agreement["status"], _date(agreement["date"]),
                                      (agreement["kind"], *agreement["provisions"]),
                                      agreement_id=agreement["id"]))
    if _is_country(a) and _is_country(b):
        proposals += _event_proposals(store, a, b, signed, cues)
    verdict, setting = _verdict(signed, obligations, cooperation, cues)
    dates = [d for d in (_date(agreement["date"]) for agreement in setting) if d]
    log.debug("alliance %s-%s: %s from %d agreements", a, b, verdict, len(agreements))
    return AllianceAssessment(
        parties=(a, b),
        verdict=verdict,
        since=min(dates, default=None),
        agreements=[agreement["id"] for agreement in setting],
        obligations=_unique(obligations),
        denied=_unique(denied),
        cooperation=cooperation,
        proposals=sorted(proposals, key=lambda p: (p.date is None, p.date or dt.date.min, p.source)),
        trend=_trend(store, a, b),
        considered=agreements,
    )
