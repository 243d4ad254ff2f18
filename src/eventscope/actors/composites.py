"""Where a dictionary match stands in its sentence: a country named as a place ("in
Tehran"), a country forming one actor with a role word beside it ("Iraqi military", "the
government of Iraq"), a party member's word standing for someone ("the Georgia Republican")."""

from __future__ import annotations

from eventscope.actors.kb import PARTY_KEY, ActorKB
from eventscope.actors.spans import AlignedSpans, in_institution_name

# A role word heading one of these is a party to the clause ("Police arrested ...",
# "... criticised the government", "... by MPs"), not a description.
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr"})
LEGISLATURE = "LEG"
IGO_KIND = "igo"
GROUP_KIND = "group"  # armed and militant groups (Phoenix REB, IMG, UAF)
PLURAL_NOUNS = frozenset({"NNS", "NNPS"})



def is_location(aligned: AlignedSpans, first: int, last: int, kb: ActorKB) -> bool:
    """True for "in Tehran", "to Iraq" or "to Iraq and Syria": the name says where (or
    whither) something happens."""
    tokens = aligned.parse.tokens
    token = aligned.parse.first_conjunct(tokens[last])
    if token.dep != "pobj" or token.head < 0:
        return False
    return tokens[token.head].text.lower() in kb.locative_prepositions


def country_with_role(aligned: AlignedSpans, n: int, kb: ActorKB) -> int | None:
    """The role span forming one actor with country span `n`: "Iraqi military", "Iran's army",
    "an American female defence official" (up to three modifiers between), or, failing that, one before it: "soldiers from Gondor", "the government of Iraq",
    "lawmakers in Kenya" (for sectors whose members live there)."""
    first, last = aligned.span_tokens[n]
    tokens = aligned.parse.tokens
    if in_institution_name(aligned, n, kb):
        return None  # "the Indonesian Hospital" in Gaza: a name, not Indonesia's hospital
    i, gap = last + 1, 0
    while i < len(tokens) and gap <= 2:
        m = aligned.span_at(i)
        if m is not None:
            if not aligned.spans[m].is_role:
                break
            role_last = aligned.span_tokens[m][1]
            followed_by_name = role_last + 1 < len(tokens) and tokens[role_last + 1].pos == "PROPN"
            return None if followed_by_name else m
        modifier = tokens[i].pos == "NOUN" and tokens[i].dep == "compound"  # "American defence official"
        if tokens[i].pos not in ("PART", "ADJ") and not modifier and tokens[i].text not in ("'s", "\u2019s", "'", "\u2019"):
            break
        gap += 1
        i += 1
    link = tokens[first - 1].text.lower() if first >= 2 else ""
    m = aligned.span_at(first - 2) if first >= 2 else None
    if m is None or not aligned.spans[m].is_role or aligned.span_tokens[m][1] != first - 2:
        return None
    if link in kb.country_links:
        return m
    if link == "in" and (aligned.spans[m].role_code or "")[:3] in kb.resident_sectors:
        return m  # "lawmakers in Kenya"
    return None


def names_member(aligned: AlignedSpans, last: int) -> bool:
    """A party member's word stands for someone ("the Georgia Republican said"), describes
    a role or a name ("Tory leader", "Republican Sen. Isakson"), or is capitalised inside
    the sentence, where only a name is ("backed Tory demands"; a sentence's first word,
    "Conservative estimates", may be any adjective)."""
    token = aligned.parse.tokens[last]
    head = aligned.parse.head(token)
    return token.dep in ARGUMENT_DEPS or token.i > 0 or (
        head is not None and (head.pos == "PROPN" or aligned.is_role_at(head.i)))


def party_members(aligned: AlignedSpans, n: int, kb: ActorKB) -> int | None:
    """The role span right after party span `n` that forms one actor with it: its legislators
    ("Labour MPs", "Republican senators") or its officers ("the Tory leader", "a Labour
    spokesman"); or after an international organisation's, its officials, forces and
    envoys ("European Union finance ministers", "NATO troops": that organisation, not the
    article's country); after an armed group's, any of its members ("a senior Islamic State
    commander", "Taliban fighters", "a Hamas spokesman": the group, whatever sector the bare
    word implies); None otherwise."""
    entry = aligned.spans[n].entry
    igo = entry is not None and entry.kind == IGO_KIND
    if entry is None or not (entry.key.startswith(PARTY_KEY) or igo or entry.kind == GROUP_KIND):
        return None
    m = country_with_role(aligned, n, kb)
    if m is None or aligned.span_tokens[m][0] < aligned.span_tokens[n][1]:
        return None
    if entry.kind == GROUP_KIND:
        return m
    role = aligned.spans[m]
    sectors = kb.igo_member_sectors if igo else frozenset({LEGISLATURE})
    return m if (role.role_code or "")[:3] in sectors or role.text.lower() in kb.organisation_roles else None


def names_people(aligned: AlignedSpans, last: int) -> bool:
    """A plural demonym standing for people ("more than 40 Palestinians", "the four Britons",
    "Palestinians seeking shelter"): the country's civilians. "The Israelis" alone may be
    their state, and is left to the country."""
    tokens = aligned.parse.tokens
    token = tokens[last]
    if token.tag not in PLURAL_NOUNS:
        return False
    children = [t for t in tokens if t.head == token.i and t.i != token.i]
    counted = any(t.dep in ("nummod", "amod", "quantmod") or t.pos == "NUM" for t in children)
    definite = any(t.dep == "det" and t.text.lower() == "the" for t in children)
    return counted or not definite
