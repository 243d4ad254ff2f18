"""The agreements one article reports (`find_agreements`).

A sentence that names a single agreement, at least two party countries (from the resolved
actor mentions) and a status cue ("signed", "proposed", "entered into force") anchors a
record; other sentences of the article that speak of the agreement ("the memorandum",
"multiple agreements signed on July 23") add its date, place and provisions. A plural like
"signed 22 agreements" names a batch of unidentified instruments, so it never makes a record
on its own. The date is a written date first, then a weekday or "today" counted back from
the publication date, then the events stage's date for the sentence.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from eventscope.agreements.cues import SIGNED, STATUS_ORDER, Cues, load_cues, status_rank
from eventscope.agreements.merge import agreement_id, dates_compatible, merge_agreements
from eventscope.agreements.sentences import SentenceReport, read_sentence, sentence_provisions
from eventscope.records import Agreement, Article, Sentence

log = logging.getLogger(__name__)


@dataclass
class Draft:
    """One agreement of an article: the sentences that establish it and those that describe it."""

    anchors: list[SentenceReport]
    attached: list[SentenceReport] = field(default_factory=list)
    extra: list[Sentence] = field(default_factory=list)

    @property
    def parties(self) -> frozenset[str]:
        return self.anchors[0].parties

    def family(self, cues: Cues) -> str:
        families = {cues.family_of(a.kind) for a in self.anchors} - {cues.generic_family}
        return min(families) if families else cues.generic_family

    def accepts(self, report: SentenceReport, cues: Cues) -> bool:
        if not cues.families_compatible(cues.family_of(report.kind), self.family(cues)):
            return False
        if report.is_anchor:
            dates = [a.explicit_date for a in self.anchors]
            # "signed the memorandum" refers back even when it names one party more or less.
            related = report.parties <= self.parties or report.parties >= self.parties
            same_parties = report.parties == self.parties or report.definite and related
            return same_parties and all(dates_compatible(report.explicit_date, d, cues.window_days) for d in dates)
        return report.parties <= self.parties

    @property
    def status_rank(self) -> int:
        return max(status_rank(a.status) for a in self.anchors)

    def distance(self, index: int) -> tuple[bool, int]:
        """Nearest anchor, preferring one before the sentence (a reference looks back)."""
        return min((a.sentence.index > index, abs(a.sentence.index - index)) for a in self.anchors)


def _continuation(article: Article, report: SentenceReport) -> Sentence | None:
    """The sentence a describing sentence introduces ("the memorandum includes," + quote)."""
    if not report.sentence.text.rstrip().endswith((":", ",")):
        return None
    return next((s for s in article.sentences if s.index == report.sentence.index + 1), None)


def _first_date(reports: list[SentenceReport]) -> dt.date | None:
    """Written dates first, then weekdays and "today", then the events stage's dates."""
    signing = [r for r in reports if r.status in SIGNED]
    for attribute in ("explicit_date", "relative_date", "event_date"):
        dates = [getattr(r, attribute) for r in signing if getattr(r, attribute)]
        if dates:
            return dates[0]
    return None


def _build(article: Article, draft: Draft, cues: Cues) -> Agreement:
    """One per-article record from a draft's sentences."""
    members = sorted([*draft.anchors, *draft.attached], key=lambda r: (not r.is_anchor, r.sentence.index))
    kind = min(members, key=lambda r: -cues.kinds[r.kind].rank).kind
    status = max((r.status for r in members if r.status), key=STATUS_ORDER.index)
    signatories: list[str] = []
    for report in members:
        if report.status in SIGNED:
            signatories += [n for n in report.signatories if n not in signatories]
    provisions = {p for r in members for p in r.provisions}
    provisions |= {p for s in draft.extra for p in sentence_provisions(s.text, cues)}
    by_index = {r.sentence.index: r.sentence for r in members}
    by_index.update({s.index: s for s in draft.extra})
    date = _first_date(members)
    parties = sorted(draft.parties)
    return Agreement(
        id=agreement_id(parties, cues.family_of(kind), date),
        kind=kind,
        parties=parties,
        signatories=signatories,
        date=date,
        place=next((r.place for r in members if r.place), None),
        provisions=sorted(provisions),
        status=status,
        article_ids=[article.id],
        story_id=article.story_id,
        evidence=[(article.id, s.start, s.end) for _, s in sorted(by_index.items())],
    )


def find_agreements(article: Article) -> Article:
    """Fill `article.agreements` with the agreements the article reports.

    Needs the sentences (nlp) and the actor mentions (actors); event dates are used when the
    events stage ran. Agreements without at least two identified party countries are not kept.
    """
    cues = load_cues()
    reports = [r for r in (read_sentence(article, s, cues) for s in article.sentences) if r]
    drafts: list[Draft] = []
    for report in (r for r in reports if r.is_anchor):
        draft = next((d for d in drafts if d.accepts(report, cues)), None)
        if draft is None:
            drafts.append(Draft(anchors=[report]))
        else:
            draft.anchors.append(report)
    for report in reports:
        if report.is_anchor or report.distinct or not (report.status or report.definite or report.parties):
            continue
        candidates = [d for d in drafts if d.accepts(report, cues)]
        if not report.definite:
            # An indefinite report claiming more than the anchors ("signed an agreement" near a
            # proposal) is about another agreement.
            candidates = [d for d in candidates if status_rank(report.status) <= d.status_rank]
        if candidates:
            min(candidates, key=lambda d: d.distance(report.sentence.index)).attached.append(report)
    for draft in drafts:
        for report in [*draft.anchors, *draft.attached]:
            continuation = _continuation(article, report)
            if continuation is not None:
                draft.extra.append(continuation)
    article.agreements = merge_agreements(_build(article, d, cues) for d in drafts)
    log.debug("article %s: %d agreements", article.id, len(article.agreements))
    return article
