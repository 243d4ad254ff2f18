"""Actors stage: find who is acting in each sentence, and merge the same actor across articles.

`resolve_mentions` fills `Article.mentions` from the dictionary matches of the actor
knowledge base (`actor_kb`) and the parse: a person takes country and sector from the
words around the name ("Iranian Defence Minister Hossein Dehghan", "Dehqan of Iran",
"Iran's land forces commander Koumars Heydari"); "Iraqi military" is a country+sector
actor; a capital that is not a place ("Tehran said") is that country's government.

`merge_actors` joins spelling variants across articles with a transliteration-aware name
key (rules in `data/actors/transliteration.yaml`) and rapidfuzz, keeping people apart who
only share a surname or belong to different countries. Ids come from normalised keys, so
the same input gives the same ids however a run is split.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from eventscope.actors.kb import (
    ActorKB,
    ActorSpan,
    KBEntry,
    ascii_fold,
    cached_actor_kb,
    phrase_key,
)
from eventscope.records import Actor, Article, Mention, Sentence, Token, content_id
from eventscope.settings import Settings

log = logging.getLogger(__name__)

PERSON_LABELS = frozenset({"PERSON"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
ORG_LABELS = frozenset({"ORG"})
# A parenthesis right after a name that introduces its short form: "(PMUs)", "(ISNA)".
ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Z.&-]{1,9}s?)\s*\)")
# A parenthesis holding the name in another script: "(کیومرث حیدری)".
OTHER_SCRIPT_AFTER = re.compile(r"\s*\(\s*([^\x00-\u024f()][^()]{0,60}?)\s*\)")
NAME_SUFFIX_WINDOW = 40
MAX_CONTEXT_TOKENS = 10
UNKNOWN_COUNTRY = "---"
CLAUSE_PUNCTUATION = frozenset({",", ";", ":", "(", ")", "\u201c", "\u201d", '"', "."})
CLAUSE_POS = frozenset({"VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PRON"})


def load_actor_kb(settings: Settings, dictionary: Path | None = None) -> ActorKB:
    """The actor knowledge base for these settings, built once per process.

    `dictionary` (or `actors.dictionary` in settings) is a PETRARCH-format actor file
    whose entries take precedence; `actors.builtin: false` uses that file alone.
    """
    chosen = dictionary or settings.get("actors.dictionary")
    builtin = bool(settings.get("actors.builtin", True))
    return cached_actor_kb(str(Path(chosen).resolve()) if chosen else None, builtin)


def find_actor_spans(text: str, kb: ActorKB, offset: int = 0) -> list[ActorSpan]:
    """Dictionary matches (actors and role words) in raw text; no parse needed."""
    return kb.find_spans(text, offset)


# -- name keys ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Transliteration:
    substitutions: tuple[tuple[re.Pattern[str], str], ...]
    min_ratio: float
    max_dropped_letters: int


@functools.lru_cache(maxsize=1)
def transliteration() -> Transliteration:
    text = resources.files("eventscope.data").joinpath("actors", "transliteration.yaml").read_text("utf-8")
    config = yaml.safe_load(text)
    rules = tuple((re.compile(pattern), replacement) for pattern, replacement in config["substitutions"])
    return Transliteration(rules, float(config["min_ratio"]), int(config["max_dropped_letters"]))


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """A spelling-tolerant key: Dehghan and Dehqan, Suleimani and Soleimani give the same key."""
    text = ascii_fold(name).lower()
    for pattern, replacement in transliteration().substitutions:
        text = pattern.sub(replacement, text)
    return text.strip()


def is_latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ord(ch) < 0x250 for ch in letters)


def acronym_key(text: str) -> str:
    """`PMUs` -> `PMU`, `U.N.` -> `UN`: the comparable form of a short upper-case name."""
    compact = re.sub(r"[^A-Za-z]", "", text)
    if len(compact) > 2 and compact.endswith("s") and compact[:-1].isupper():
        compact = compact[:-1]
    return compact.upper() if compact.isupper() else ""


def abbreviates(short: str, text_before: str) -> bool:
    """Whether `short` ("PMUs") fits the words just before it ("Popular Mobilization Units")."""
    letters = acronym_key(short)
    if not letters:
        return False
    words = re.findall(r"[A-Za-z]+", text_before)[-len(letters) - 3 :]
    capitals = [w[0].upper() for w in words if w[0].isupper()]
    return "".join(capitals).endswith(letters) or letters in initials(" ".join(words))


def initials(name: str) -> str:
    """`Islamic Revolutionary Guard Corps` -> `IRGC` (function words skipped)."""
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in {"of", "the", "and", "for", "al"}]
    return "".join(w[0] for w in words).upper() if len(words) >= 2 else ""


# -- actors from entries ------------------------------------------------------------------------


def name_id(kind: str, country: str | None, name: str) -> str:
    """Id of a named person or organisation: spelling variants of one name share it."""
    return content_id("actor", kind, country or "", name_key(name))


def actor_from_entry(entry: KBEntry, kb: ActorKB, day: dt.date | None, surface: str) -> Actor:
    """The actor a dictionary entry stands for on `day` (codes may be date-bounded).

    A known person gets the same id as that name found by context would, so the
    dictionary and the context rules never split one person in two.
    """
    code = entry.code_on(day)
    known = kb.country_names
    country = code[:3] if code and code[:3] in known else entry.country
    sector = None
    if code:
        sector = (code[3:6] or None) if code[:3] in known else code[:3]
    kind = {"capital": "organisation", "place": "country"}.get(entry.kind, entry.kind)
    return Actor(
        id=name_id(kind, country, entry.name) if kind == "person" else content_id("actor", entry.key),
        name=entry.name,
        code=code,
        country=country,
        sector=sector,
        aliases=[surface],
        kind=kind,
    )


def generic_actor(kb: ActorKB, country: str, agent: str | None, surface: str, role: str | None) -> Actor:
    """A country, or a country's sector ("Iraqi military" -> IRQMIL), identified by its code.

    `agent` is the role word's CAMEO agent code; its first three letters are the sector.
    """
    code = country + (agent or "")
    sector = agent[:3] if agent else None
    country_name = kb.country_name(country) or country
    label = kb.sector_labels.get(sector or "", sector or "")
    return Actor(
        id=content_id("actor", f"country:{country}" if not agent else f"code:{code}"),
        name=f"{country_name} {label}".strip(),
        code=code,
        country=country,
        sector=sector,
        aliases=[surface],
        kind="country" if not sector else "organisation",
        roles=[role] if role else [],
    )


def cameo_code(country: str | None, agent: str | None) -> str | None:
    """Country + agent code; an unknown country is written `---` as in PETRARCH (`---GOV`)."""
    if not agent:
        return country
    return (country or UNKNOWN_COUNTRY) + agent


def named_actor(kind: str, name: str, country: str | None, agent: str | None, role: str | None) -> Actor:
    """A person or organisation not in the knowledge base, identified by its name key."""
    return Actor(
        id=name_id(kind, country, name),
        name=name,
        code=cameo_code(country, agent),
        country=country,
        sector=agent[:3] if agent else None,
        aliases=[name],
        kind=kind,
        roles=[role] if role else [],
    )


# -- resolution ---------------------------------------------------------------------------------


@dataclass
class SentenceView:
    """A parsed sentence with its dictionary spans aligned to token indices."""

    sentence: Sentence
    spans: list[ActorSpan]
    span_tokens: list[tuple[int, int]]  # token range [first, last] of each span
    children: dict[int, list[int]]
    starts: list[int]  # each token's character offset

    @classmethod
    def build(cls, sentence: Sentence, kb: ActorKB) -> SentenceView:
        children: dict[int, list[int]] = defaultdict(list)
        for token in sentence.tokens:
            if token.head != token.i:
                children[token.head].append(token.i)
        view = cls(sentence, kb.find_spans(sentence.text, sentence.start), [], children,
                   [token.start for token in sentence.tokens])
        view.span_tokens = [view.token_range(span.start, span.end) for span in view.spans]
        return view

    @property
    def tokens(self) -> list[Token]:
        return self.sentence.tokens

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """[first, last] indices of the tokens overlapping characters [start, end), (-1, -1) if none."""
        first = max(bisect.bisect_right(self.starts, start) - 1, 0)
        if first < len(self.starts) and self.tokens[first].end <= start:
            first += 1
        last = bisect.bisect_left(self.starts, end) - 1
        return (first, last) if first <= last else (-1, -1)

    def span_at(self, index: int) -> int | None:
        for n, (first, last) in enumerate(self.span_tokens):
            if first <= index <= last:
                return n
        return None

    def subtree(self, index: int) -> set[int]:
        found, stack = set(), [index]
        while stack:
            node = stack.pop()
            if node not in found:
                found.add(node)
                stack.extend(self.children.get(node, []))
        return found


@dataclass
class Context:
    """What the words around a name say about it."""

    country: str | None = None
    role: str | None = None
    agent: str | None = None  # CAMEO agent code of the role ("GOV", "GOVFRM")
    tokens: set[int] = field(default_factory=set)  # tokens of the spans used, part of the mention

    @property
    def sector(self) -> str | None:
        return self.agent[:3] if self.agent else None

    def take(self, view: SentenceView, n: int, override_role: bool = False) -> None:
        span = view.spans[n]
        if span.is_role:
            if self.role is None or override_role:
                self.role = span.text.lower()
                self.agent = span.role_code or None
        elif span.entry is not None and span.entry.country and self.country is None:
            if span.entry.kind == "place":
                return
            self.country = span.entry.country
            if span.entry.kind not in ("country", "person") and self.agent is None:
                code = span.entry.code_on(None) or ""
                self.agent = code[3:] or None


def left_context(view: SentenceView, first: int, kb: ActorKB) -> list[int]:
    """Token indexes of the noun phrase left of a name, nearest first (titles, roles, countries).

    The walk crosses "of" only between a role and its complement ("deputy commander of
    the army Tariq ...") and stops at verbs, clause punctuation and other prepositions.
    """
    picked: list[int] = []
    i = first - 1
    while i >= 0 and len(picked) < MAX_CONTEXT_TOKENS:
        token = view.tokens[i]
        in_span = view.span_at(i) is not None
        if token.tag == "PRP$":  # "his Iraqi counterpart"
            picked.append(i)
            i -= 1
            continue
        if token.text.lower() in kb.country_links and i > 0 and _is_role_at(view, i - 1):
            picked.append(i)
            i -= 1
            continue
        between_adjectives = token.pos == "CCONJ" and i > 0 and view.tokens[i - 1].pos == "ADJ"
        if not in_span and not between_adjectives and (token.text in CLAUSE_PUNCTUATION or token.pos in CLAUSE_POS):
            break
        modifier = between_adjectives or token.dep in kb.noun_phrase_modifiers or token.pos in (
            "PROPN", "NOUN", "ADJ", "PART", "DET")
        if not (in_span or modifier):
            break
        picked.append(i)
        i -= 1
    return picked


def _is_role_at(view: SentenceView, index: int) -> bool:
    n = view.span_at(index)
    return n is not None and view.spans[n].is_role


def right_context(view: SentenceView, first: int, last: int, kb: ActorKB) -> tuple[list[int], list[int]]:
    """Tokens after a name that describe it: ("of <country>" tokens, apposition tokens)."""
    tokens = view.tokens
    name = set(range(first, last + 1))
    link: list[int] = []
    apposition: list[int] = []
    nxt = last + 1
    if nxt + 1 < len(tokens) and tokens[nxt].text.lower() in kb.country_links:
        n = view.span_at(nxt + 1)
        if n is not None and not view.spans[n].is_role:
            link = [nxt, *range(view.span_tokens[n][0], view.span_tokens[n][1] + 1)]
    for token in tokens[last + 1 :]:
        if token.dep == "appos" and token.head in name:
            apposition.extend(sorted(view.subtree(token.i)))
    if not apposition and nxt + 1 < len(tokens) and tokens[nxt].text == ",":
        opener = tokens[nxt + 1]
        if opener.pos == "DET" or view.span_at(opener.i) is not None:
            for token in tokens[nxt + 1 : nxt + 1 + MAX_CONTEXT_TOKENS]:
                if token.text in (",", ".", ";") or token.pos in ("VERB", "AUX"):
                    break
                apposition.append(token.i)
    return link, apposition


def context_for(view: SentenceView, kb: ActorKB, first: int, last: int) -> Context:
    """Country and role of a name from its noun phrase, "of <country>" and an apposition."""
    context = Context()
    own = {n for n, (a, b) in enumerate(view.span_tokens) if a <= last and b >= first}
    seen: set[int] = set(own)  # the name's own dictionary entry ("President Bush") is not context
    crossed_of = False
    for i in left_context(view, first, kb):
        if view.tokens[i].text.lower() in kb.country_links:
            crossed_of = True
            continue
        n = view.span_at(i)
        if n is not None and n not in seen:
            seen.add(n)
            context.take(view, n, override_role=crossed_of and view.spans[n].is_role)
            context.tokens.update(range(view.span_tokens[n][0], view.span_tokens[n][1] + 1))
    link, apposition = right_context(view, first, last, kb)
    for i in link:
        n = view.span_at(i)
        if n is not None and n not in seen:
            seen.add(n)
            context.take(view, n)
            context.tokens.update(range(view.span_tokens[n][0], view.span_tokens[n][1] + 1))
    for i in apposition:
        n = view.span_at(i)
        if n is not None and n not in seen:
            seen.add(n)
            had_role = context.role
            context.take(view, n)
            if context.role is not had_role:  # "an Iranian officer": the role word describes the name
                context.tokens.update(range(view.span_tokens[n][0], view.span_tokens[n][1] + 1))
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
                    titles.append(words.lower().rstrip("."))
                first += size
                break
        else:
            break
    return first, titles


@dataclass(frozen=True)
class NameSpan:
    """A name in a sentence: token range, character offsets, text and the titles before it."""

    first: int
    last: int
    start: int
    end: int
    text: str
    titles: list[str]
    entry: KBEntry | None = None  # the dictionary person whose alias covers the name


@dataclass
class ArticleResolver:
    """Resolves one article's sentences; remembers names and short forms seen so far."""

    kb: ActorKB
    article: Article
    surnames: dict[str, Actor] = field(default_factory=dict)
    short_forms: dict[str, Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def day(self) -> dt.date | None:
        return self.article.published

    def add(self, view: SentenceView, start: int, end: int, actor: Actor, role: str | None, rule: str,
            place: bool = False) -> None:
        text = self.article.text[start:end]
        self.mentions.append(Mention(view.sentence.index, start, end, text, actor, role, rule, place))
        self.note_short_forms(end, actor)

    def note_short_forms(self, end: int, actor: Actor) -> None:
        """Keep "(PMUs)" or "(کیومرث حیدری)" written right after a name as aliases."""
        after = self.article.text[end : end + NAME_SUFFIX_WINDOW]
        for pattern in (ACRONYM_AFTER, OTHER_SCRIPT_AFTER):
            match = pattern.match(after)
            if match and (pattern is OTHER_SCRIPT_AFTER or abbreviates(match.group(1), self.article.text[:end])):
                alias = match.group(1).strip()
                if alias not in actor.aliases:
                    actor.aliases.append(alias)
                if pattern is ACRONYM_AFTER and abbreviates(alias, self.article.text[:end]):
                    self.short_forms[acronym_key(alias)] = actor

    def resolve(self, sentence: Sentence) -> None:
        view = SentenceView.build(sentence, self.kb)
        used: set[int] = set()  # token indexes already inside a mention
        self.resolve_people(view, used)
        self.resolve_surnames(view, used)
        self.resolve_organisations(view, used)
        self.resolve_dictionary_spans(view, used)
        self.resolve_short_forms(view, used)

    # people ---------------------------------------------------------------------------------

    def person_candidates(self, view: SentenceView) -> list[tuple[int, int, bool]]:
        """Token ranges that may name a person, with a flag for weak (untagged) ones."""
        tokens = view.tokens
        candidates: list[tuple[int, int, bool]] = []
        for entity in view.sentence.entities:
            first, last = view.token_range(entity.start, entity.end)
            if first < 0:
                continue
            role_span = view.span_at(first)
            if role_span is not None and view.spans[role_span].is_role and view.span_tokens[role_span][1] >= last:
                continue  # part of a role phrase ("Minister of Silly Walks")
            if entity.label in PERSON_LABELS and not self.names_known_actor(view, first, last):
                candidates.append((first, last, False))
            elif entity.label in NAME_LABELS and first > 0 and _is_role_at(view, first - 1):
                inside = view.span_at(first)
                entry = view.spans[inside].entry if inside is not None else None
                if entry is None or entry.kind == "person":
                    candidates.append((first, last, False))
        # upper-case or untagged names after a role word or before an apposition
        covered = {i for first, last, _ in candidates for i in range(first, last + 1)}
        i = 0
        while i < len(tokens):
            start = i
            while i < len(tokens) and tokens[i].pos == "PROPN" and view.span_at(i) is None and i not in covered:
                i += 1
            if i - start >= 2:
                titled = start > 0 and _is_role_at(view, start - 1)
                if titled or (i < len(tokens) and tokens[i].text == ","):
                    candidates.append((start, i - 1, True))
            i = max(i, start + 1)
        return sorted(set(candidates))

    @staticmethod
    def names_known_actor(view: SentenceView, first: int, last: int) -> bool:
        """Whether tokens first..last are a dictionary actor (not a person) plus other words,
        as in "Evil Mordor"; a name that is exactly a dictionary entry may still be a person."""
        for n, (a, b) in enumerate(view.span_tokens):
            entry = view.spans[n].entry
            if entry is not None and entry.kind != "person" and first <= a and b <= last and (a, b) != (first, last):
                return True
        return False

    def resolve_surnames(self, view: SentenceView, used: set[int]) -> None:
        """A lone surname ("Heydari said") is the person named in full earlier in the article."""
        for token in view.tokens:
            if token.i in used or token.pos != "PROPN" or not token.text[:1].isupper():
                continue
            actor = self.surnames.get(name_key(token.text))
            span = view.span_at(token.i)
            if actor is None or (span is not None and view.span_tokens[span] != (token.i, token.i)):
                continue
            self.add(view, token.start, token.end, actor, None, "surname")
            used.add(token.i)

    def resolve_people(self, view: SentenceView, used: set[int]) -> None:
        tokens = view.tokens
        for first, last, weak in self.person_candidates(view):
            named = self.name_span(view, first, last)
            if named is None or any(i in used for i in range(named.first, named.last + 1)):
                continue
            if named.first == named.last and name_key(named.text) in self.surnames:
                continue  # a surname: resolve_surnames links it
            context = context_for(view, self.kb, named.first, named.last)
            found = self.person_actor(view, named, context, weak)
            if found is None:
                continue
            actor, role, rule = found
            self.add(view, named.start, named.end, actor, role, rule)
            used.update(range(named.first, named.last + 1))
            used.update(context.tokens)
            if actor.kind == "person" and (named.first < named.last or rule == "dictionary-person"):
                self.surnames.setdefault(name_key(tokens[named.last].text), actor)

    def name_span(self, view: SentenceView, first: int, last: int) -> NameSpan | None:
        """The bare name in a candidate: titles, demonyms, possessive and quotes trimmed."""
        tokens = view.tokens
        known_span = view.span_at(first)
        entry = None
        if known_span is not None and view.spans[known_span].entry is not None:
            entry = view.spans[known_span].entry
            first = min(first, view.span_tokens[known_span][0])  # "President Vladimir Putin" is one entry
        first, titles = strip_titles(tokens, first, last, self.kb)
        for i in range(first + 1, last + 1):  # a name ends before a lower-case word ("HMS Chatham - have")
            word = tokens[i].text
            if word[:1].islower() and word.lower() not in self.kb.name_particles:
                last = i - 1
                break
        while last > first and (tokens[last].pos == "PART" or not tokens[last].text[-1:].isalnum()):
            last -= 1
        if any(t.text.lower() in self.kb.organisation_words for t in tokens[first : last + 1]):
            return None
        start, end = tokens[first].start, tokens[last].end
        text = self.article.text[start:end]
        trimmed = text.lstrip("-\u2013\u2014'\"\u201c\u2018 ")  # "-Alireza Sabahifard" after a quote
        if not trimmed[:1].isalpha():
            return None
        person = entry if entry is not None and entry.kind == "person" else None
        return NameSpan(first, last, start + len(text) - len(trimmed), end, trimmed, titles, person)

    def names_organisation(self, tokens: list[Token], named: NameSpan, role: str | None) -> bool:
        """ "oil firm Lukoil", "BAA": a role word for a body right before the name, or an acronym."""
        if named.first == named.last and named.text.isupper():
            return True
        if not role or named.first == 0:
            return False
        head = role.split(" of ")[0].split()[-1]  # "secretary of state" -> secretary
        return head in self.kb.organisation_words and tokens[named.first - 1].text.lower() == head

    def person_actor(
        self, view: SentenceView, named: NameSpan, context: Context, weak: bool
    ) -> tuple[Actor, str | None, str] | None:
        """(actor, role, rule) for a name: from the dictionary, or from what its context says."""
        title_role = named.titles[-1] if named.titles else None
        role = context.role or title_role
        agent = context.agent or (self.kb.role_code(title_role) if title_role else None)
        known = self.kb.person(named.text) or named.entry
        if known is not None:
            actor = actor_from_entry(known, self.kb, self.day, named.text)
            actor.kind = "person"
            if is_latin(named.text) and not named.text.isupper():
                actor.name = named.text
            if agent and actor.country:
                actor.sector, actor.code = agent[:3], actor.country + agent
            rule = "dictionary-person"
        else:
            described = context.country or role
            if not described or (weak and context.role is None):
                return None
            if named.first == named.last and not titled_name(view.tokens, named.first):
                return None
            kind = "organisation" if self.names_organisation(view.tokens, named, role) else "person"
            actor = named_actor(kind, display_person(named.text), context.country, agent, role)
            rule = f"{kind}-context"
        if role and role not in actor.roles:
            actor.roles.append(role)
        return actor, role, rule

    # organisations named in text but not in the dictionary ----------------------------------

    def resolve_organisations(self, view: SentenceView, used: set[int]) -> None:
        tokens = view.tokens
        for entity in view.sentence.entities:
            if entity.label not in ORG_LABELS:
                continue
            first, last = view.token_range(entity.start, entity.end)
            if first < 0 or any(i in used for i in range(first, last + 1)):
                continue
            inside = [n for n, (a, b) in enumerate(view.span_tokens) if a >= first and b <= last]
            if any((entry := view.spans[n].entry) is not None and entry.kind != "country" for n in inside):
                continue  # a known actor inside: the dictionary pass resolves it
            while first < last and tokens[first].pos == "DET":
                first += 1
            if "\n" in entity.text or all(view.span_at(i) is not None for i in range(first, last + 1)):
                continue  # a bare role word ("the Army") or a run across paragraphs
            context = Context()
            for n in inside:
                context.take(view, n)
            if context.country is None:
                outer = context_for(view, self.kb, first, last)
                context.country = outer.country
            if not (context.country and context.sector):
                continue
            start, end = tokens[first].start, tokens[last].end
            name = self.article.text[start:end]
            actor = named_actor("organisation", name, context.country, context.agent, context.role)
            self.add(view, start, end, actor, None, "organisation-context")
            used.update(range(first, last + 1))

    # dictionary spans: countries, capitals, groups, composites -------------------------------

    def resolve_dictionary_spans(self, view: SentenceView, used: set[int]) -> None:
        tokens = view.tokens
        skip: set[int] = set()
        shared_roles: dict[int, int] = {}  # country token -> role span it formed an actor with
        shared_countries: dict[int, str] = {}  # role token -> the country it belongs to
        for n, span in enumerate(view.spans):
            first, last = view.span_tokens[n]
            if n in skip or first < 0 or span.entry is None or any(i in used for i in range(first, last + 1)):
                continue
            entry = span.entry
            if entry.kind == "place" or self.inside_other_person(view, span):
                continue
            if entry.kind in ("country", "capital"):
                composite = self.country_with_role(view, n)
                if composite is not None and used.intersection(range(view.span_tokens[composite][0],
                                                                      view.span_tokens[composite][1] + 1)):
                    composite = None  # the role word already describes a person ("an Iranian officer")
                # "in Tehran", "arms to Pakistan": still the country, but named as a place.
                place = composite is None and self.is_location(view, first, last)
                if composite is not None:
                    role_n = composite
                    role_span = view.spans[role_n]
                    start, end = min(span.start, role_span.start), max(span.end, role_span.end)
                    actor = generic_actor(self.kb, entry.country or "", role_span.role_code, self.article.text[start:end],
                                          role_span.text.lower())
                    self.add(view, start, end, actor, role_span.text.lower(), "country-role")
                    skip.add(role_n)
                    role_first, role_last = view.span_tokens[role_n]
                    used.update(range(min(first, role_first), max(last, role_last) + 1))
                    if role_span.start < span.start:
                        shared_roles[last] = role_n  # "the ambassadors of Arnor, Osgiliath and Gondor"
                    else:
                        shared_countries[role_last] = entry.country or ""  # "Danish media and government"
                    continue
                shared = shared_roles.get(conj_root(view, last))
                if shared is not None:
                    role_span = view.spans[shared]
                    actor = generic_actor(self.kb, entry.country or "", role_span.role_code, span.text,
                                          role_span.text.lower())
                    self.add(view, span.start, span.end, actor, role_span.text.lower(), "country-role-conjunct")
                    used.update(range(first, last + 1))
                    continue
                if entry.kind == "capital":
                    if self.is_name_part(view, first, last):
                        continue  # "the London Stock Exchange", "Paris-based"
                    actor = generic_actor(self.kb, entry.country or "", "GOV", span.text, None)
                    self.add(view, span.start, span.end, actor, None, "capital", place)
                elif span.demonym and tokens[last].dep in ("amod", "compound", "npadvmod") and tokens[last].pos == "ADJ":
                    continue  # "Iranian hardware", "Iranian-backed": context, not an actor
                else:
                    actor = generic_actor(self.kb, entry.country or "", None, span.text, None)
                    self.add(view, span.start, span.end, actor, None, "country", place)
                used.update(range(first, last + 1))
                continue
            actor = actor_from_entry(entry, self.kb, self.day, span.text)
            self.add(view, span.start, span.end, actor, None, "dictionary")
            used.update(range(first, last + 1))
        for n, span in enumerate(view.spans):
            first, last = view.span_tokens[n]
            country = shared_countries.get(conj_root(view, last))
            if not span.is_role or n in skip or country is None or used.intersection(range(first, last + 1)):
                continue
            actor = generic_actor(self.kb, country, span.role_code, span.text, span.text.lower())
            self.add(view, span.start, span.end, actor, span.text.lower(), "country-role-conjunct")
            used.update(range(first, last + 1))

    @staticmethod
    def inside_other_person(view: SentenceView, span: ActorSpan) -> bool:
        """A dictionary name that is only part of someone else's name: "Chris Brown" is not
        Gordon Brown, "Jordan Henderson" not Jordan, "Paris Hilton" not the French government."""
        for entity in view.sentence.entities:
            if entity.label not in PERSON_LABELS or not (entity.start <= span.start and span.end <= entity.end):
                continue
            others = [t for t in view.tokens if entity.start <= t.start < entity.end
                      and not span.start <= t.start < span.end and t.pos not in ("PART", "PUNCT")]
            if not others or any(t.pos != "PROPN" for t in others):
                return False
            return (span.entry is not None and span.entry.kind == "person") or span.start == entity.start
        return False

    @staticmethod
    def is_name_part(view: SentenceView, first: int, last: int) -> bool:
        """A name that only modifies another: a compound, or inside a longer named entity."""
        token = view.tokens[last]
        while token.dep == "conj" and token.head != token.i:  # "the Paris, Amsterdam and Lisbon exchanges"
            token = view.tokens[token.head]
        if token.dep in ("compound", "amod", "npadvmod", "nmod"):
            return True
        start, end = view.tokens[first].start, view.tokens[last].end
        return any(
            e.start <= start and end <= e.end and (e.start, e.end) != (start, end) and e.label in ORG_LABELS | {"FAC", "EVENT"}
            for e in view.sentence.entities
        )

    def is_location(self, view: SentenceView, first: int, last: int) -> bool:
        """True for "in Tehran", "to Iraq" or "to Iraq and Syria": the name says where (or
        whither) something happens."""
        token = view.tokens[conj_root(view, last)]
        if token.dep != "pobj" or token.head < 0:
            return False
        return view.tokens[token.head].text.lower() in self.kb.locative_prepositions

    def country_with_role(self, view: SentenceView, n: int) -> int | None:
        """The role span forming one actor with country span `n`: "Iraqi military", "Iran's army",
        or, failing that, one before it: "soldiers from Gondor", "the government of Iraq",
        "lawmakers in Kenya" (for sectors whose members live there)."""
        first, last = view.span_tokens[n]
        tokens = view.tokens
        i, gap = last + 1, 0
        while i < len(tokens) and gap <= 2:
            m = view.span_at(i)
            if m is not None:
                if not view.spans[m].is_role:
                    break
                role_last = view.span_tokens[m][1]
                followed_by_name = role_last + 1 < len(tokens) and tokens[role_last + 1].pos == "PROPN"
                return None if followed_by_name else m
            if tokens[i].pos not in ("PART", "ADJ") and tokens[i].text not in ("'s", "\u2019s", "'", "\u2019"):
                break
            gap += 1
            i += 1
        link = tokens[first - 1].text.lower() if first >= 2 else ""
        m = view.span_at(first - 2) if first >= 2 else None
        if m is None or not view.spans[m].is_role or view.span_tokens[m][1] != first - 2:
            return None
        if link in self.kb.country_links:
            return m
        if link == "in" and (view.spans[m].role_code or "")[:3] in self.kb.resident_sectors:
            return m  # "lawmakers in Kenya"
        return None

    def resolve_short_forms(self, view: SentenceView, used: set[int]) -> None:
        """Acronyms introduced earlier in the article ("... Units (PMUs)") resolve later uses."""
        if not self.short_forms:
            return
        for token in view.tokens:
            if token.i in used:
                continue
            actor = self.short_forms.get(acronym_key(token.text))
            if actor is not None and acronym_key(token.text):
                self.add(view, token.start, token.end, actor, None, "acronym")
                used.add(token.i)


def conj_root(view: SentenceView, index: int) -> int:
    """The first conjunct of a coordination ("Gondor" in "Arnor, Osgiliath and Gondor" -> "Arnor")."""
    seen = set()
    while 0 <= index < len(view.tokens) and view.tokens[index].dep == "conj" and index not in seen:
        seen.add(index)
        index = view.tokens[index].head
    return index


def titled_name(tokens: list[Token], index: int) -> bool:
    """A one-word name counts as a person only right after a title or role ("President Umbardacil")."""
    return index > 0 and tokens[index - 1].pos in ("PROPN", "NOUN") and tokens[index].pos == "PROPN"


def display_person(name: str) -> str:
    """ALIREZA SABAHIFAR -> Alireza Sabahifar; mixed-case names are kept as written."""
    if name.isupper():
        return " ".join(part.capitalize() if part.isalpha() else part.title() for part in name.split())
    return name


def resolve_mentions(article: Article, kb: ActorKB) -> Article:
    """Fill `article.mentions` from its parsed sentences, in text order; returns the article."""
    resolver = ArticleResolver(kb, article)
    for sentence in article.sentences:
        if sentence.parsed:
            resolver.resolve(sentence)
    mentions = sorted(resolver.mentions, key=lambda m: (m.start, m.end))
    # one Actor object per id in the article, carrying every surface form and role seen
    shared = _merge_same_id(mention.actor for mention in mentions)
    for mention in mentions:
        actor = shared[mention.actor.id]
        actor.aliases = sorted(set(actor.aliases) | {mention.text})
        mention.actor = actor
    article.mentions = mentions
    return article


# -- merging across articles ----------------------------------------------------------------------


class _Clusters:
    """Union-find over actor ids; the smaller id becomes the root, so results do not depend on order."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = sorted((self.find(a), self.find(b)))
        if ra != rb:
            self.parent[rb] = ra


def _merge_same_id(actors: Iterable[Actor]) -> dict[str, Actor]:
    """One fresh Actor per id, with the aliases and roles of every copy united."""
    merged: dict[str, Actor] = {}
    for actor in actors:
        seen = merged.get(actor.id)
        if seen is None:
            merged[actor.id] = Actor(actor.id, actor.name, actor.code, actor.country, actor.sector,
                                     sorted(set(actor.aliases)), actor.kind, list(actor.roles))
        else:
            seen.aliases = sorted(set(seen.aliases) | set(actor.aliases))
            seen.roles = sorted(set(seen.roles) | set(actor.roles))
            seen.code = seen.code or actor.code
            seen.sector = seen.sector or actor.sector
            seen.country = seen.country or actor.country
    return merged


def surname_compatible(a: str, b: str, rules: Transliteration) -> bool:
    """Same surname up to spelling: close keys, or one extends the other by a letter or so."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if long.startswith(short) and len(long) - len(short) <= rules.max_dropped_letters and len(short) >= 4:
        return True
    return fuzz.ratio(a, b) >= rules.min_ratio and a[0] == b[0]


def person_names(actor: Actor) -> tuple[tuple[str, ...], ...]:
    """Each Latin-script alias as a tuple of name-key tokens."""
    return _name_forms((actor.name, *actor.aliases))


@functools.lru_cache(maxsize=1 << 16)
def _name_forms(names: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    forms = (tuple(name_key(name).split()) for name in dict.fromkeys(names) if is_latin(name))
    return tuple(form for form in forms if form)


def same_person(a: Actor, b: Actor, rules: Transliteration) -> bool:
    """Full names that agree up to spelling: first and last names both compatible, or one
    name is the end of the other ("Abbas Ibrahim" in "Tariq Abbas Ibrahim")."""
    for x in person_names(a):
        for y in person_names(b):
            if len(x) < 2 or len(y) < 2:
                continue
            if surname_compatible(x[-1], y[-1], rules) and surname_compatible(x[0], y[0], rules):
                return True
            short, long = sorted((x, y), key=len)
            if len(short) < len(long) and all(
                surname_compatible(p, q, rules) for p, q in zip(short, long[len(long) - len(short) :])
            ):
                return True
    return False


def surnames_of(actor: Actor) -> set[str]:
    return {tokens[-1] for tokens in person_names(actor)}


def surname_block(surname: str) -> str:
    """Blocking key for comparing surnames: first letter and next consonants ("dihkan" -> "dhkn").

    Spellings that `surname_compatible` accepts almost always share it, and it keeps the
    pairwise comparisons to small groups on large corpora.
    """
    return (surname[:1] + re.sub(r"[aeiou]", "", surname[1:]))[:4]


def full_name_blocks(actor: Actor) -> set[tuple[str, str]]:
    """Blocking keys of a full name: surname block with the initial of each earlier name, so
    "Tariq Abbas Ibrahim" meets both "Tariq Ibrahim" and "Abbas Ibrahim"."""
    return {
        (surname_block(form[-1]), word[0])
        for form in person_names(actor)
        if len(form) > 1
        for word in form[:-1]
    }


def candidate_pairs(block: list[Actor]) -> Iterable[tuple[Actor, Actor]]:
    """Pairs within a block that may be one person: same country, or one without a country."""
    by_country: dict[str | None, list[Actor]] = defaultdict(list)
    for actor in block:
        by_country[actor.country].append(actor)
    countryless = by_country.pop(None, [])
    for group in by_country.values():
        for n, a in enumerate(group):
            for b in group[n + 1 :]:
                yield a, b
    for n, a in enumerate(countryless):
        for b in [*countryless[n + 1 :], *(x for group in by_country.values() for x in group)]:
            yield a, b


def countries_compatible(a: Actor, b: Actor) -> bool:
    return a.country is None or b.country is None or a.country == b.country


def org_keys(actor: Actor) -> set[str]:
    keys = set()
    for alias in [actor.name, *actor.aliases]:
        short = acronym_key(alias)
        keys.add(short or phrase_key(alias))
        if initials(alias) and len(initials(alias)) >= 3:
            keys.add(initials(alias))
    keys.discard("")
    return keys


def canonical_order(actor: Actor) -> tuple:
    """Deterministic choice of a cluster's representative, independent of input order."""
    return (
        actor.country is None,
        not is_latin(actor.name),
        -len(actor.name.split()) if actor.kind == "person" else 0,
        actor.name.isupper(),
        actor.id,
    )


def person_display_name(aliases: Iterable[str]) -> str | None:
    """The fullest Latin-script form among a person's aliases: most words, mixed case, then
    the longest spelling (a dropped final letter is the likelier slip)."""
    latin = [alias for alias in aliases if is_latin(alias)]
    if not latin:
        return None
    best = min(latin, key=lambda alias: (-len(alias.split()), alias.isupper(), -len(alias), alias))
    return display_person(best)


def merge_actors(actors: Iterable[Actor], existing: Iterable[Actor] = ()) -> dict[str, Actor]:
    """Map every input (and existing) actor id to its canonical actor, aliases united.

    A cluster's id is derived from its content (a person's fullest name and country, or
    the key of its most complete member), not from the order actors arrive in, so a run
    split in parts ends with the ids of a single run; an existing actor whose cluster grew
    may therefore be mapped to a new id.
    """
    pool = _merge_same_id([*existing, *actors])
    ids = sorted(pool)
    clusters_of = _Clusters(ids)
    find, union = clusters_of.find, clusters_of.union
    rules = transliteration()

    people = [pool[i] for i in ids if pool[i].kind == "person"]
    by_surname: dict[str, list[Actor]] = defaultdict(list)
    by_full_name: dict[tuple[str, str], list[Actor]] = defaultdict(list)
    for person in people:
        for block_key in {surname_block(surname) for surname in surnames_of(person)}:
            by_surname[block_key].append(person)
        for full_key in full_name_blocks(person):
            by_full_name[full_key].append(person)
    # full names agreeing up to spelling
    for block in by_full_name.values():
        for a, b in candidate_pairs(block):
            if a.id == b.id or find(a.id) == find(b.id) or not same_person(a, b, rules):
                continue
            countryless = a if a.country is None else b if b.country is None else None
            if countryless is None or _unique_match(countryless, block, rules):
                union(a.id, b.id)
    # surname-only mentions join the single full-name person with that surname
    for person in people:
        forms = person_names(person)
        if not forms or any(len(f) > 1 for f in forms):
            continue
        surname = forms[0][0]
        namesakes = {
            find(other.id)
            for other in by_surname.get(surname_block(surname), [])
            if other.id != person.id
            and countries_compatible(person, other)
            and any(len(f) > 1 and surname_compatible(f[-1], surname, rules) for f in person_names(other))
        }
        if len(namesakes) == 1:
            union(person.id, namesakes.pop())

    # organisations and groups sharing a name, a short form or initials
    key_owner: dict[str, list[Actor]] = defaultdict(list)
    for actor in (pool[i] for i in ids if pool[i].kind not in ("person", "country")):
        for key in org_keys(actor):
            key_owner[key].append(actor)
    for owners in key_owner.values():
        for a in owners[1:]:
            if countries_compatible(owners[0], a) and _same_sector(owners[0], a):
                union(owners[0].id, a.id)

    clusters: dict[str, list[Actor]] = defaultdict(list)
    for actor_id in ids:
        clusters[find(actor_id)].append(pool[actor_id])
    mapping: dict[str, Actor] = {}
    for members in clusters.values():
        canonical = _canonical(members)
        for member in members:
            mapping[member.id] = canonical
    return mapping


def _same_sector(a: Actor, b: Actor) -> bool:
    return a.sector is None or b.sector is None or a.sector == b.sector


def _unique_match(person: Actor, people: list[Actor], rules: Transliteration) -> bool:
    """A country-less name merges only when it fits people of a single country."""
    countries = {other.country for other in people if other.id != person.id and same_person(person, other, rules)}
    countries.discard(None)
    return len(countries) <= 1


def _canonical(members: list[Actor]) -> Actor:
    """One actor for a cluster, computed from its content only, so that a run split in
    parts (where earlier parts come back as `existing`) ends with the same ids."""
    best = min(members, key=canonical_order)
    aliases = sorted({alias for actor in members for alias in actor.aliases})  # surface forms seen
    roles = sorted({role for actor in members for role in actor.roles})
    countries = Counter(actor.country for actor in members if actor.country)
    country = best.country or (min(countries, key=lambda c: (-countries[c], c)) if countries else None)
    sectors = Counter(actor.sector for actor in members if actor.sector and actor.country in (None, country))
    sector = min(sectors, key=lambda s: (-sectors[s], s != best.sector, s)) if sectors else None
    code = best.code if best.sector == sector and best.country == country else cameo_code(country, sector)
    actor_id, name = best.id, best.name
    if best.kind == "person":
        name = person_display_name([best.name, *aliases]) or best.name
        actor_id = name_id("person", country, name)
    return Actor(actor_id, name, code, country, sector, aliases, best.kind, roles)
