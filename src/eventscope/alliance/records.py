"""The alliance assessment as typed records: the obligations, the defence cooperation, the
proposals kept apart and the trend, each with the evidence an analyst can check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from eventscope.records import iso_date


@dataclass(frozen=True)
class Evidence:
    """A sentence of a stored article; `span` marks the words that carry the finding and
    `sentence_span` the sentence, both as offsets into the article's text."""

    article_id: str
    story_id: str | None
    sentence: str
    sentence_span: tuple[int, int]
    span: tuple[int, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "story_id": self.story_id,
            "sentence": self.sentence,
            "sentence_span": list(self.sentence_span),
            "span": list(self.span),
        }


@dataclass(frozen=True)
class Obligation:
    """An ATOP obligation (`defence`, `offence`, `neutrality`, `non-aggression`,
    `consultation`) that an agreement's reports state, or deny."""

    type: str
    agreement_id: str
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "agreement_id": self.agreement_id, "evidence": self.evidence.to_dict()}


@dataclass(frozen=True)
class Cooperation:
    """DCAD-style defence cooperation content: a provision label of a signed agreement."""

    provision: str
    agreement_id: str
    evidence: Evidence | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "provision": self.provision,
            "agreement_id": self.agreement_id,
            "evidence": self.evidence.to_dict() if self.evidence else None,
        }


@dataclass(frozen=True)
class Proposal:
    """A step proposed or planned, never a commitment: a proposed agreement, an obligation a
    report only proposes, or a proposed or planned event between the parties.

    `what` names its content: obligation types, provision labels, or the agreement's kind."""

    source: str  # agreement | obligation | event
    modality: str
    date: dt.date | None
    what: tuple[str, ...]
    agreement_id: str | None = None
    event_id: str | None = None
    evidence: Evidence | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "modality": self.modality,
            "date": iso_date(self.date),
            "what": list(self.what),
            "agreement_id": self.agreement_id,
            "event_id": self.event_id,
            "evidence": self.evidence.to_dict() if self.evidence else None,
        }


@dataclass(frozen=True)
class Quarter:
    """Distinct asserted events of one quarter: CAMEO quad classes 1-2 cooperate, 3-4 conflict."""

    quarter: str  # YYYY-Qn
    cooperation: int
    conflict: int

    def to_dict(self) -> dict[str, Any]:
        return {"quarter": self.quarter, "cooperation": self.cooperation, "conflict": self.conflict}


@dataclass
class AllianceAssessment:
    """Whether two parties amount to an alliance, and why.

    `agreements` are the ids of the signed agreements the verdict rests on, `since` the date
    of the earliest of them; `considered` holds every agreement between the parties."""

    parties: tuple[str, str]
    verdict: str
    since: dt.date | None
    agreements: list[str]
    obligations: list[Obligation]
    denied: list[Obligation] = field(default_factory=list)
    cooperation: list[Cooperation] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    trend: list[Quarter] = field(default_factory=list)
    considered: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "parties": list(self.parties),
            "verdict": self.verdict,
            "since": iso_date(self.since),
            "agreements": list(self.agreements),
            "obligations": [o.to_dict() for o in self.obligations],
            "denied_obligations": [o.to_dict() for o in self.denied],
            "defence_cooperation": [c.to_dict() for c in self.cooperation],
            "proposals": [p.to_dict() for p in self.proposals],
            "trend": [q.to_dict() for q in self.trend],
            "considered_agreements": [
                {key: a[key] for key in ("id", "kind", "parties", "date", "place", "status", "provisions")}
                for a in self.considered
            ],
        }
