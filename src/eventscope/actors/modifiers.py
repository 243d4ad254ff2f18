"""A country named alone, with no role word of its own beside it: what it names depends on
the words around it. Listed before another country's role word it shares that role
("Indian and Chinese troops"); before a craft, site or firm it is the country acting
through it ("Chinese vessels fired ...", "a drone attack on a Saudi oil facility"); before
other nouns it only describes them ("Iranian hardware"); a plural demonym standing for
people is the country's civilians; else it is the country itself."""

from __future__ import annotations

from dataclasses import dataclass

from eventscope.actors.civilians import CIVILIAN
from eventscope.actors.composites import ARGUMENT_DEPS, country_with_role, names_people
from eventscope.actors.kb import ActorKB
from eventscope.actors.spans import AlignedSpans, in_institution_name

LIST_SEPARATORS = frozenset({",", "and", "or"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
DESCRIBING_DEPS = frozenset({"amod", "compound", "npadvmod"})


@dataclass(frozen=True)
class CountryReading:
    """What a country span alone stands for: the characters and last token it covers, the
    sector and role word it takes, and the rule that read it."""

    start: int
    end: int
    last: int
    agent: str | None
    role: str | None
    rule: str


def country_reading(aligned: AlignedSpans, n: int, kb: ActorKB) -> CountryReading | None:
    """The actor a country span with no role word of its own names; None when it only
    describes the noun after it."""
    span = aligned.spans[n]
    last = aligned.span_tokens[n][1]
    tokens = aligned.parse.tokens
    if in_institution_name(aligned, n, kb):
        return None  # "the Indonesian Hospital": part of a name
    shared = shared_role(aligned, n, kb)
    if shared is not None:  # "Indian and Chinese troops"
        role = aligned.spans[shared].text.lower()
        return CountryReading(span.start, span.end, last, aligned.spans[shared].role_code, role,
                              "country-role-conjunct")
    if span.demonym and tokens[last].dep in DESCRIBING_DEPS and tokens[last].pos == "ADJ":
        owned = owned_noun(aligned, last, kb)
        if owned is None:
            return None  # "Iranian hardware", "Iranian-backed": context, not an actor
        head = tokens[owned]
        return CountryReading(span.start, head.end, owned, kb.owned_nouns[head.lemma.lower()] or None, None,
                              "country-owned")
    if span.demonym and names_people(aligned, last):  # "more than 40 Palestinians"
        return CountryReading(span.start, span.end, last, CIVILIAN, "people", "demonym-people")
    return CountryReading(span.start, span.end, last, None, None, "country")


def owned_noun(aligned: AlignedSpans, modifier: int, kb: ActorKB) -> int | None:
    """The craft, site or firm (`ActorKB.owned_nouns`) token `modifier` modifies as a party
    to the clause: "Chinese vessels fired", "an attack on a Saudi oil facility", "shot down
    a government helicopter"; None for any other noun."""
    tokens = aligned.parse.tokens
    head = tokens[modifier].head
    if not 0 <= head < len(tokens) or head <= modifier:
        return None
    noun = tokens[head]
    if noun.pos != "NOUN" or noun.dep not in ARGUMENT_DEPS or noun.lemma.lower() not in kb.owned_nouns:
        return None
    return head


def shared_role(aligned: AlignedSpans, n: int, kb: ActorKB) -> int | None:
    """The role span that country span `n` shares with the countries listed after it before
    one head noun: "Indian and Chinese troops" are India's troops and China's, so "Indian"
    forms an actor with "troops" as "Chinese" does beside it ("US and Chinese officials",
    "Russian, Turkish and Iranian diplomats")."""
    tokens = aligned.parse.tokens
    if not _modifies(aligned, n):
        return None
    i, listed = aligned.span_tokens[n][1] + 1, False
    while i < len(tokens):
        if tokens[i].text in LIST_SEPARATORS:
            listed, i = True, i + 1
            continue
        other = aligned.span_at(i)
        entry = aligned.spans[other].entry if other is not None else None
        if not listed or entry is None or entry.kind != "country" or not _modifies(aligned, other):
            return None
        role = country_with_role(aligned, other, kb)
        if role is not None:
            return role
        i, listed = aligned.span_tokens[other][1] + 1, False
    return None


def _modifies(aligned: AlignedSpans, n: int) -> bool:
    """A country span written as a modifier ("Indian", "US" in "US and Chinese officials")."""
    token = aligned.parse.tokens[aligned.span_tokens[n][1]]
    return aligned.spans[n].demonym or token.dep in MODIFIER_DEPS
