"""What one sentence says about an agreement: its kind, parties, status, signatories, date,
place and provisions (`read_sentence`).

Parties are the countries in the clause that signs or proposes (subjects, "with"/"between"
partners, the agreement's own modifiers), never the reporting agency, the dateline, the
venue or a country the agreement is about. Only a sentence about a signed agreement tells
its signatories, place and date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from eventscope.agreements.clauses import (
    agreement_phrase,
    clause_verbs,
    excluded_tokens,
    in_clause,
    place_preposition,
    sentence_status,
)
from eventscope.agreements.cues import SIGNED, Cues
from eventscope.agreements.dates import dates_the_reporting, explicit_date, relative_date
from eventscope.agreements.names import clean_person_name
from eventscope.common.parse import VERB_POS, DependencyParse
from eventscope.records import AgreementStatus, Article, Mention, Sentence


@dataclass
class SentenceReport:
    """What one sentence says about an agreement; `parties` are ISO-3 codes or organisation codes (NATO)."""

    sentence: Sentence
    kind: str
    plural: bool
    definite: bool
    distinct: bool
    reference: bool
    parties: frozenset[str]
    status: AgreementStatus | None
    signatories: list[str] = field(default_factory=list)
    explicit_date: dt.date | None = None
    relative_date: dt.date | None = None
    event_date: dt.date | None = None
    place: str | None = None
    provisions: list[str] = field(default_factory=list)

    @property
    def is_anchor(self) -> bool:
        """A sentence that on its own establishes an agreement between identified parties."""
        return (not self.plural and not self.reference and len(self.parties) >= 2
                and self.status is not None)


def kind_in_sentence(text: str, cues: Cues) -> tuple[str, bool, tuple[int, int]] | None:
    """The most specific agreement kind the sentence names: (kind, plural, span).

    Overlapping matches keep the longest ("memorandum of agreement" over "agreement").
    """
    if cues.any_kind.search(text) is None:
        return None
    found = [
        (match.start(), match.end(), name, plural)
        for pattern, name, plural in cues.kind_patterns
        for match in pattern.finditer(text)
    ]
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    kept: list[tuple[int, int, str, bool]] = []
    for candidate in found:
        if not kept or candidate[0] >= kept[-1][1]:
            kept.append(candidate)
    if not kept:
        return None
    best = max(kept, key=lambda m: (cues.kinds[m[2]].rank, not m[3]))
    plural = all(m[3] for m in kept if not cues.kinds[m[2]].reference)
    return best[2], plural, (best[0], best[1])


def sentence_parties(parse: DependencyParse, mentions: list[Mention], excluded: set[int],
                     scope: tuple[set[int], set[int]], cues: Cues) -> frozenset[str]:
    """Countries and organisations of the actors the sentence names as taking part."""
    parties = set()
    for mention in mentions:
        actor = mention.actor
        party = cues.party_of(actor)
        if not party or (actor.sector or "") in cues.non_party_sectors:
            continue
        tokens = parse.tokens_in(mention.start, mention.end)
        if not tokens or any(t.i in excluded for t in tokens):
            continue
        # A place ("signed in Baghdad") is where it happened, not who took part.
        if place_preposition(parse, tokens, cues) is not None or not in_clause(parse, tokens, *scope, cues.party_prepositions):
            continue
        parties.add(party)
    return frozenset(parties)


def sentence_signatories(parse: DependencyParse, mentions: list[Mention], excluded: set[int],
                         scope: tuple[set[int], set[int]], cues: Cues) -> list[str]:
    """Persons named in a signing sentence as its subjects, agents or partners, not those in
    reporting or side clauses or merely present ("in the presence of").

    A resolved person keeps its actor's name unless the entity around it names more of it
    ("Liu He" for an actor named "Liu")."""
    people = [e for e in parse.sentence.entities if e.label == "PERSON"]
    spans: list[tuple[int, int, str]] = []
    for mention in (m for m in mentions if m.actor.kind == "person"):
        name = mention.actor.name
        around = [e.text for e in people if e.start <= mention.start and mention.end <= e.end]
        if around and name in around[0] and len(around[0]) > len(name):
            name = around[0]
        spans.append((mention.start, mention.end, name))
    for entity in people:
        if not any(s < entity.end and entity.start < e for s, e, _ in spans):
            spans.append((entity.start, entity.end, entity.text))
    names = []
    for start, end, name in sorted(spans):
        tokens = parse.tokens_in(start, end)
        if not tokens or any(t.i in excluded for t in tokens):
            continue
        # "met his counterpart in Tehran, General X": the parser hangs the name on the place.
        root = parse.root_of(tokens)
        place_head = parse.tokens[root.head]
        preposition = place_preposition(parse, [place_head], cues) if root.dep in {"appos", "conj"} else None
        walk_from = parse.tokens[preposition.head] if preposition is not None else root
        if in_clause(parse, tokens, *scope, cues.party_prepositions, start=walk_from):
            cleaned = clean_person_name(name, cues)
            if cleaned and cleaned not in names:
                names.append(cleaned)
    return names


def sentence_place(parse: DependencyParse, excluded: set[int], cues: Cues) -> str | None:
    """The first "in <place>" of the sentence outside the reporting and side clauses."""
    for entity in parse.sentence.entities:
        if entity.label not in {"GPE", "LOC", "FAC"}:
            continue
        tokens = parse.tokens_in(entity.start, entity.end)
        preposition = place_preposition(parse, tokens, cues) if tokens else None
        if preposition is not None and not {t.i for t in tokens} & excluded and preposition.head not in excluded:
            return entity.text
    return None


def sentence_provisions(text: str, cues: Cues) -> list[str]:
    """The provision labels whose words the text uses ("trade", "energy")."""
    return [label for label, pattern in cues.provisions if pattern.search(text)]


def _pair_named_before(article: Article, index: int, cues: Cues) -> frozenset[str]:
    """The two parties a sentence's "the two countries" refers to: those of the nearest of
    the previous sentences that names exactly two."""
    for previous in range(index - 1, max(index - 1 - cues.pair_lookback, -1), -1):
        countries = frozenset(
            party for m in article.mentions
            if m.sentence == previous and (party := cues.party_of(m.actor))
            and (m.actor.sector or "") not in cues.non_party_sectors
        )
        if len(countries) == 2:
            return countries
    return frozenset()


def read_sentence(article: Article, sentence: Sentence, cues: Cues) -> SentenceReport | None:
    """What the sentence says about an agreement, or None when it names none."""
    found = kind_in_sentence(sentence.text, cues)
    if found is None or not sentence.parsed:
        return None
    kind, plural, (start, end) = found
    parse = DependencyParse(sentence)
    noun = parse.tokens_in(sentence.start + start, sentence.start + end)
    if not noun or any(t.pos in VERB_POS for t in noun):
        return None
    modifiers = [c for c in parse.children[parse.root_of(noun).i] if c.dep in {"det", "poss", "amod"}]
    definite = any(c.dep == "poss" or c.text.lower() in cues.definite_words for c in modifiers)
    if cues.kinds[kind].reference and not definite:
        return None
    mentions = [m for m in article.mentions if m.sentence == sentence.index]
    excluded = excluded_tokens(parse, cues)
    status, cue_tokens = sentence_status(parse, noun, cues)
    scope = (clause_verbs(parse, cue_tokens, cues), agreement_phrase(parse, noun))
    parties = sentence_parties(parse, mentions, excluded, scope, cues)
    if not parties and cues.pair_references.search(sentence.text):
        parties = _pair_named_before(article, sentence.index, cues)
    report = SentenceReport(
        sentence=sentence,
        kind=kind,
        plural=plural,
        definite=definite,
        distinct=any(c.text.lower() in cues.distinct_words for c in modifiers),
        reference=cues.kinds[kind].reference,
        parties=parties,
        status=status,
        provisions=sentence_provisions(sentence.text, cues),
    )
    if status in SIGNED:
        report.signatories = sentence_signatories(parse, mentions, excluded, scope, cues)
        on_noun = set() if cues.kinds[kind].places_on_noun else {t.i for t in noun}
        report.place = sentence_place(parse, excluded | on_noun, cues)
        report.explicit_date = explicit_date(parse, article.published, cues.reporting_verbs)
        report.relative_date = relative_date(parse, article.published, cues.reporting_verbs)
        # The events stage dates an untimed past-tense report to its publication day, which
        # says nothing of the signing and would split it from other outlets' reports; and it
        # may take the day of the reporting ("said on Wednesday") for the day of the event.
        event_dates = sorted(e.date for e in article.events
                             if e.sentence_index == sentence.index and e.date is not None
                             and e.date != article.published)
        if event_dates and not dates_the_reporting(parse, cues.reporting_verbs):
            report.event_date = event_dates[0]
    return report
