"""One record per agreement across the articles and outlets that report it (`merge_agreements`).

A merged record's id depends only on its parties, kind family and date, so merging the same
reports in any order, in one run or over several, gives the same records.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from eventscope.agreements.cues import STATUS_ORDER, Cues, load_cues
from eventscope.agreements.names import merge_signatories, same_signatory
from eventscope.records import Agreement, content_id, iso_date


def agreement_id(parties: Iterable[str], family: str, date: dt.date | None) -> str:
    """Stable id over what identifies an agreement: its parties, kind family and date."""
    return content_id("agreement", ",".join(sorted(parties)), family, iso_date(date) or "")


def dates_compatible(first: dt.date | None, second: dt.date | None, window: int) -> bool:
    """Two reports' dates agree when either is unknown or they are `window` days apart at most."""
    return first is None or second is None or abs((first - second).days) <= window


@dataclass
class _Cluster:
    """Reports taken for one agreement; a generic family turns specific when a specific report joins."""

    family: str
    members: list[Agreement]

    @property
    def dates(self) -> list[dt.date]:
        return [m.date for m in self.members if m.date]


def _sort_key(agreement: Agreement) -> tuple:
    return (agreement.date is None, agreement.date or dt.date.min, agreement.kind,
            sorted(agreement.article_ids), sorted(agreement.evidence), agreement.id)


def _overlap(agreement: Agreement, cluster: _Cluster) -> int:
    names = [n for m in cluster.members for n in m.signatories]
    shared_people = sum(any(same_signatory(a, b) for b in names) for a in agreement.signatories)
    provisions = {p for m in cluster.members for p in m.provisions}
    return shared_people * 2 + len(provisions & set(agreement.provisions))


def _most_reported(values: Iterable[tuple[Any, int]]) -> Any:
    """The value told by most articles (ties: the smallest), so a merge split over several
    runs chooses as one run would."""
    counts: Counter = Counter()
    for value, weight in values:
        if value is not None:
            counts[value] += weight
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def _combine(cluster: _Cluster, cues: Cues) -> Agreement:
    members = cluster.members
    weights = [(m, len(m.article_ids) or 1) for m in members]
    best_rank = max(cues.kind_rank(m.kind) for m in members)
    kind = _most_reported((m.kind, w) for m, w in weights if cues.kind_rank(m.kind) == best_rank)
    parties = sorted(members[0].parties)
    date = _most_reported((m.date, w) for m, w in weights)
    return Agreement(
        id=agreement_id(parties, cues.family_of(kind), date),
        kind=kind,
        parties=parties,
        signatories=merge_signatories((n for m, w in weights for n in m.signatories for _ in range(w))),
        date=date,
        place=_most_reported((m.place, w) for m, w in weights),
        provisions=sorted({p for m in members for p in m.provisions}),
        status=max((m.status for m in members), key=STATUS_ORDER.index),
        article_ids=sorted({a for m in members for a in m.article_ids}),
        story_id=_most_reported((m.story_id, w) for m, w in weights),
        evidence=sorted({e for m in members for e in m.evidence}),
    )


def merge_agreements(agreements: Iterable[Agreement], existing: Iterable[Agreement] = ()) -> list[Agreement]:
    """One record per agreement across articles, whatever order the reports come in.

    Reports merge when they have the same parties, compatible kind families (a generic
    "agreement" joins a memorandum) and dates within `merge.window_days` or unknown. An
    undated report joins the compatible agreement sharing most signatories and provisions.
    """
    cues = load_cues()
    window = cues.window_days
    by_parties: dict[tuple[str, ...], list[Agreement]] = {}
    for agreement in [*existing, *agreements]:
        by_parties.setdefault(tuple(sorted(set(agreement.parties))), []).append(agreement)
    merged = []
    for group in by_parties.values():
        # Specific kinds first, so generic reports find the family they belong to.
        ordered = sorted(group, key=lambda a: (cues.family_of(a.kind) == cues.generic_family, _sort_key(a)))
        clusters: list[_Cluster] = []
        for agreement in ordered:
            family = cues.family_of(agreement.kind)
            candidates = [
                c for c in clusters
                if cues.families_compatible(family, c.family)
                and all(dates_compatible(agreement.date, d, window) for d in c.dates)
            ]
            if candidates:
                best = max(candidates, key=lambda c: (_overlap(agreement, c), -clusters.index(c)))
                best.members.append(agreement)
                if best.family == cues.generic_family:
                    best.family = family
            else:
                clusters.append(_Cluster(family=family, members=[agreement]))
        merged += [_combine(c, cues) for c in clusters]
    return sorted(merged, key=lambda a: (a.date is None, a.date or dt.date.min, a.id))
