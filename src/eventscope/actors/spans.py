"""The actor dictionary's matches in one parsed sentence, aligned to its tokens: what the
actors stage adds to the parse (`common.parse.DependencyParse`) it reads."""

from __future__ import annotations

from dataclasses import dataclass

from eventscope.actors.kb import ActorKB, ActorSpan, phrase_key
from eventscope.common.parse import DependencyParse
from eventscope.records import Sentence

PERSON_LABELS = frozenset({"PERSON"})
ORG_LABELS = frozenset({"ORG"})
INSTITUTION_NAME_WORDS = 4  # capitalised words from a country's adjective to the institution's kind


@dataclass
class AlignedSpans:
    """A sentence's parse and its dictionary spans, each with the token range it covers."""

    parse: DependencyParse
    spans: list[ActorSpan]
    span_tokens: list[tuple[int, int]]  # token range [first, last] of each span, (-1, -1) if none
    covering: list[int | None]  # for each token, the first span covering it

    @classmethod
    def build(cls, sentence: Sentence, kb: ActorKB) -> AlignedSpans:
        parse = DependencyParse(sentence)
        spans = kb.find_spans(sentence.text, sentence.start)
        span_tokens = [parse.token_range(span.start, span.end) for span in spans]
        covering: list[int | None] = [None] * len(parse.tokens)
        for n, (first, last) in reversed(list(enumerate(span_tokens))):
            if first >= 0:
                covering[first : last + 1] = [n] * (last + 1 - first)
        return cls(parse, spans, span_tokens, covering)

    def without(self, dropped: set[int]) -> AlignedSpans:
        """The same sentence with spans `dropped` (indexes into `spans`) left out."""
        kept = [n for n in range(len(self.spans)) if n not in dropped]
        covering: list[int | None] = [None] * len(self.parse.tokens)
        for new, n in reversed(list(enumerate(kept))):
            first, last = self.span_tokens[n]
            if first >= 0:
                covering[first : last + 1] = [new] * (last + 1 - first)
        return AlignedSpans(self.parse, [self.spans[n] for n in kept], [self.span_tokens[n] for n in kept], covering)

    def span_at(self, index: int) -> int | None:
        """The first span covering token `index` (None outside the sentence)."""
        return self.covering[index] if 0 <= index < len(self.covering) else None

    def is_role_at(self, index: int) -> bool:
        n = self.span_at(index)
        return n is not None and self.spans[n].is_role


def inside_other_person(aligned: AlignedSpans, span: ActorSpan) -> bool:
    """A dictionary name that is only part of someone else's name: "Chris Brown" is not
    Gordon Brown, "Jordan Henderson" not Jordan, "Paris Hilton" not the French government.
    A role word is no part of a name: the tagger's person "Lib Dem MPs" is the party's MPs."""
    for entity in aligned.parse.sentence.entities:
        if entity.label not in PERSON_LABELS or not (entity.start <= span.start and span.end <= entity.end):
            continue
        others = [t for t in aligned.parse.tokens_in(entity.start, entity.end)
                  if not span.start <= t.start < span.end and t.pos not in ("PART", "PUNCT")]
        if not others or any(t.pos != "PROPN" or aligned.is_role_at(t.i) for t in others):
            return False
        return (span.entry is not None and span.entry.kind == "person") or span.start == entity.start
    return False


def is_name_part(aligned: AlignedSpans, first: int, last: int) -> bool:
    """A name that only modifies another: a compound, or inside a longer named entity."""
    tokens = aligned.parse.tokens
    token = aligned.parse.first_conjunct(tokens[last])  # "the Paris, Amsterdam and Lisbon exchanges"
    if token.dep in ("compound", "amod", "npadvmod", "nmod"):
        return True
    start, end = tokens[first].start, tokens[last].end
    return any(
        e.start <= start and end <= e.end and (e.start, e.end) != (start, end) and e.label in ORG_LABELS | {"FAC", "EVENT"}
        for e in aligned.parse.sentence.entities
    )


def names_another_countrys_party(span: ActorSpan, kb: ActorKB, home: str | None) -> bool:
    """"the Democratic Party" in a story about South Korea is not the American one: a name
    that parties of several countries bear names the dictionary's party only in an article
    about its country (or about no one country)."""
    if span.entry is None or phrase_key(span.text) not in kb.shared_party_names:
        return False
    return home is not None and span.entry.country != home


def in_institution_name(aligned: AlignedSpans, n: int, kb: ActorKB) -> bool:
    """A country span that opens the proper name of a hospital, school or place of worship
    ("the Indonesian Hospital" in Gaza, "the Turkish Friendship Hospital", "the American
    University of Beirut"): the country founded or funds it, which says nothing of where it
    stands nor of whom it employs."""
    entry = aligned.spans[n].entry
    if entry is None or entry.kind != "country":
        return False
    tokens = aligned.parse.tokens
    for token in tokens[aligned.span_tokens[n][1] + 1 : aligned.span_tokens[n][1] + 1 + INSTITUTION_NAME_WORDS]:
        if not token.text[:1].isupper():
            return False
        if token.text.lower() in kb.institution_words:
            return True
    return False
