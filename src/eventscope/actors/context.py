"""What the words around a name say about it: country and role from its noun phrase
("Iranian Defence Minister"), "of <country>" and an apposition, and the titles before it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from eventscope.actors.kb import FORMER_OFFICE_SECTOR, ActorKB, phrase_key
from eventscope.actors.make import GOVERNMENT, OPPOSITION, cameo_code
from eventscope.actors.spans import AlignedSpans, in_institution_name
from eventscope.records import Actor, Token

MAX_CONTEXT_TOKENS = 10
CLAUSE_PUNCTUATION = frozenset({",", ";", ":", "(", ")", "\u201c", "\u201d", '"', "."})
CLAUSE_POS = frozenset({"VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PRON"})


@dataclass
class Context:
    """What the words around a name say about it, read at the article's date (`day`)."""

    country: str | None = None
    role: str | None = None
    agent: str | None = None  # CAMEO agent code of the role ("GOV", "GOVFRM")
    tokens: set[int] = field(default_factory=set)  # tokens of the spans used, part of the mention
    day: dt.date | None = None
    organisation_roles: frozenset[str] = frozenset()  # roles an organisation beside them settles
    rank_roles: frozenset[str] = frozenset()  # ranks a service's role beside them settles ("Sheriff's Deputy")
    of_organisation: bool = False  # the agent is the organisation's ("Tory leader": OPP)
    former: bool = False  # the role is one held before ("former minister"): the agent is ELI

    @property
    def sector(self) -> str | None:
        return self.agent[:3] if self.agent else None

    def take(self, aligned: AlignedSpans, n: int, override_role: bool = False) -> None:
        span = aligned.spans[n]
        if span.is_role:
            if self.role is None or override_role:
                self.role = span.text.lower()
                if not (self.of_organisation and self.role in self.organisation_roles):
                    self.agent = span.role_code or None
            elif self.role in self.rank_roles | self.organisation_roles and span.role_code and not self.of_organisation:
                self.agent = span.role_code  # "Sheriff's Deputy", "police spokesman": that service's
        elif span.entry is not None and span.entry.country and self.country is None:
            if span.entry.kind == "place":
                return
            self.country = span.entry.country
            # a capital beside a name says where they are from ("Pramila Jayapal of Washington"), not whose official
            if span.entry.kind not in ("country", "person", "capital") and (
                self.agent is None or self.role in self.organisation_roles
            ):
                code = span.entry.code_on(self.day) or ""
                if code[3:]:
                    self.agent, self.of_organisation = code[3:], True


def left_context(aligned: AlignedSpans, first: int, kb: ActorKB) -> list[int]:
    """Token indexes of the noun phrase left of a name, nearest first (titles, roles, countries).

    The walk crosses "of" only between a role and its complement ("deputy commander of
    the army Tariq ...") and stops at verbs, clause punctuation and other prepositions.
    """
    tokens = aligned.parse.tokens
    picked: list[int] = []
    i = first - 1
    while i >= 0 and len(picked) < MAX_CONTEXT_TOKENS:
        token = tokens[i]
        in_span = aligned.span_at(i) is not None
        if token.tag == "PRP$":  # "his Iraqi counterpart"
            picked.append(i)
            i -= 1
            continue
        if token.text.lower() in kb.country_links and i > 0 and aligned.is_role_at(i - 1):
            picked.append(i)
            i -= 1
            continue
        between_adjectives = token.pos == "CCONJ" and i > 0 and tokens[i - 1].pos == "ADJ"
        if not in_span and not between_adjectives and (token.text in CLAUSE_PUNCTUATION or token.pos in CLAUSE_POS):
            break
        modifier = between_adjectives or token.dep in kb.noun_phrase_modifiers or token.pos in (
            "PROPN", "NOUN", "ADJ", "PART", "DET")
        if not (in_span or modifier):
            break
        picked.append(i)
        i -= 1
    return picked


def left_apposition(aligned: AlignedSpans, first: int, last: int, kb: ActorKB) -> list[int]:
    """Token indexes of the noun phrase before a name that the name is in apposition to
    ("The suspect, Andrew Lopez, ..."), nearest first; empty if none."""
    tokens = aligned.parse.tokens
    heads = [t for t in tokens[first : last + 1] if t.dep == "appos" and t.head < first]
    if not heads or tokens[first - 1].text != ",":
        return []
    head = heads[0].head
    return [head, *left_context(aligned, head, kb)]


def right_context(aligned: AlignedSpans, first: int, last: int, kb: ActorKB) -> tuple[list[int], list[int]]:
    """Tokens after a name that describe it: ("of <country>" tokens, apposition tokens)."""
    tokens = aligned.parse.tokens
    name = set(range(first, last + 1))
    link: list[int] = []
    apposition: list[int] = []
    nxt = last + 1
    if nxt + 1 < len(tokens) and tokens[nxt].text.lower() in kb.country_links:
        n = aligned.span_at(nxt + 1)
        if n is not None and not aligned.spans[n].is_role:
            link = [nxt, *range(aligned.span_tokens[n][0], aligned.span_tokens[n][1] + 1)]
    for token in tokens[last + 1 :]:
        if token.dep == "appos" and token.head in name:
            words = [t.i for t in aligned.parse.subtree(token)]
            if aligned.is_role_at(token.i):  # the role it is first: "a gang enforcement officer"
                words = [token.i, *(i for i in words if i != token.i)]
            apposition.extend(words)
    if not apposition and nxt + 1 < len(tokens) and tokens[nxt].text == ",":
        opener = tokens[nxt + 1]
        if opener.pos == "DET" or aligned.span_at(opener.i) is not None:
            for token in tokens[nxt + 1 : nxt + 1 + MAX_CONTEXT_TOKENS]:
                if token.text in (",", ".", ";") or token.pos in ("VERB", "AUX"):
                    break
                apposition.append(token.i)
    return link, apposition


def context_for(aligned: AlignedSpans, kb: ActorKB, first: int, last: int, day: dt.date | None = None) -> Context:
    """Country and role of a name from its noun phrase, "of <country>" and an apposition."""
    context = Context(day=day, organisation_roles=kb.organisation_roles, rank_roles=kb.rank_roles)
    own = {n for n, (a, b) in enumerate(aligned.span_tokens) if a <= last and b >= first}
    # the name's own dictionary entry ("President Bush") is not context, nor a country in an
    # institution's name ("the director of the Indonesian Hospital")
    seen: set[int] = own | {n for n in range(len(aligned.spans)) if in_institution_name(aligned, n, kb)}
    crossed_of = False
    left = left_context(aligned, first, kb)
    if not left:  # "The priest, Fidelis Mukonori,": the noun phrase the name stands in apposition to
        left = left_apposition(aligned, first, last, kb)
    for i in left:
        if aligned.parse.tokens[i].text.lower() in kb.country_links:
            crossed_of = True
            continue
        n = aligned.span_at(i)
        if n is not None and n not in seen:
            seen.add(n)
            context.take(aligned, n, override_role=crossed_of and aligned.spans[n].is_role)
            context.tokens.update(range(aligned.span_tokens[n][0], aligned.span_tokens[n][1] + 1))
    link, apposition = right_context(aligned, first, last, kb)
    for i in link:
        n = aligned.span_at(i)
        if n is not None and n not in seen:
            seen.add(n)
            context.take(aligned, n)
            context.tokens.update(range(aligned.span_tokens[n][0], aligned.span_tokens[n][1] + 1))
    for i in apposition:
        n = aligned.span_at(i)
        if n is not None and n not in seen:
            seen.add(n)
            had_role = context.role
            context.take(aligned, n)
            if context.role is not had_role:  # "an Iranian officer": the role word describes the name
                context.tokens.update(range(aligned.span_tokens[n][0], aligned.span_tokens[n][1] + 1))
    # "former Cabinet minister": an elite now; "former Tory leader": still of the party;
    # "his former boss": still a businessman (only a public office is left for the elites)
    words = {aligned.parse.tokens[i].text.lower() for i in [*left, *apposition]}
    if context.role and words & kb.former_words and not context.of_organisation and (
            context.sector is None or context.sector in kb.office_sectors):
        context.agent, context.former = FORMER_OFFICE_SECTOR, True
    elif context.sector == GOVERNMENT and words & kb.shadow_words:  # "shadow culture secretary"
        context.agent = OPPOSITION
    return context


def strip_titles(tokens: list[Token], first: int, last: int, kb: ActorKB) -> tuple[int, list[str]]:
    """Move `first` past leading titles, ranks and demonyms ("Russian President", "Brigadier
    General"); return the titles as roles."""
    titles: list[str] = []
    while first < last:
        for size in (3, 2, 1):
            if first + size > last:
                continue
            words = " ".join(t.text for t in tokens[first : first + size])
            entry = kb.lookup(words) if size == 1 else None
            if phrase_key(words) in kb.titles or (entry is not None and entry.kind == "country"):
                if entry is None:
                    title = words.lower().rstrip(".")
                    titles.append(kb.abbreviated_titles.get(title, title))
                first += size
                break
        else:
            break
    return first, titles


def titled_name(tokens: list[Token], index: int) -> bool:
    """A one-word name counts as a person only right after a title or role ("President Umbardacil")."""
    return index > 0 and tokens[index - 1].pos in ("PROPN", "NOUN") and tokens[index].pos == "PROPN"


def lone_name(aligned: AlignedSpans, index: int, kb: ActorKB) -> bool:
    """A capitalised word that stands alone as someone's name: not part of a longer name
    ("Whole Foods", "Lord Sainsbury") unless after a title ("Sir Nicholas"), not a noun's
    modifier ("Powys people") and not a place ("in Swansea"). The tagger's entity label is no
    guide: it calls a Korean family name a place as often as a person."""
    tokens = aligned.parse.tokens
    token = tokens[index]
    if index + 1 < len(tokens) and tokens[index + 1].pos == "PROPN":
        return False
    if index > 0 and tokens[index - 1].pos == "PROPN" and phrase_key(tokens[index - 1].text) not in kb.titles:
        return False
    if token.dep == "compound":
        return False
    return not (token.dep == "pobj" and tokens[token.head].text.lower() in kb.locative_prepositions)


def described_again(actor: Actor, context: Context) -> Actor:
    """A person named again with a role beside them ("Ortiz, a gang enforcement officer")
    when the first mention gave none: the same person (same id), now with that sector."""
    if actor.kind != "person" or actor.sector or not context.agent or context.country not in (None, actor.country):
        return actor
    roles = sorted({*actor.roles, context.role}) if context.role else actor.roles
    return dataclasses.replace(actor, code=cameo_code(actor.country, context.agent), sector=context.agent[:3],
                               roles=roles)


def person_tag(text: str, end: int, kb: ActorKB) -> tuple[str, str] | None:
    """(country, sector) a tag right after the name ending at `end` gives, if any."""
    for pattern, country, sector in kb.person_tags:
        if pattern.match(text, end):
            return country, sector
    return None
