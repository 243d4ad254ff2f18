"""Actors stage, per article: find who is acting in each sentence.

`resolve_mentions` fills `Article.mentions` from the dictionary matches of the actor
knowledge base (`actor_kb`) and the parse: a person takes country and sector from the
words around the name ("Iranian Defence Minister Hossein Dehghan", "Dehqan of Iran",
"Iran's land forces commander Koumars Heydari"); "Iraqi military" is a country+sector
actor; a capital that is not a place ("Tehran said") is that country's government.
Across articles, `actors.merge` joins the same actor's variants.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from eventscope.actors.accused import CRIMINAL, accused_civilians, accused_people, as_accused
from eventscope.actors.build import cached_actor_kb
from eventscope.actors.civilians import as_civilian, private_people
from eventscope.actors.composites import (
    ARGUMENT_DEPS,
    LEGISLATURE,
    country_with_role,
    is_location,
    names_member,
    party_members,
)
from eventscope.actors.context import (
    Context,
    context_for,
    described_again,
    lone_name,
    person_tag,
    strip_titles,
    titled_name,
)
from eventscope.actors.descriptions import OFFICER_RULE, describe_people
from eventscope.actors.home import home_country, settle_home_country
from eventscope.actors.kb import ActorKB, ActorSpan, KBEntry, phrase_key
from eventscope.actors.make import (
    GOVERNMENT,
    actor_from_entry,
    display_person,
    generic_actor,
    named_actor,
)
from eventscope.actors.merge import union_by_id
from eventscope.actors.modifiers import country_reading, owned_noun
from eventscope.actors.pronouns import (
    DEFINITE_COUNT,
    GROUP_PRONOUNS,
    PERSONAL_PRONOUNS,
    PLURAL_TAGS,
    PRONOUN_REACH,
    KnownPeople,
    counted_group,
    group_antecedent,
    person_antecedent,
)
from eventscope.actors.spans import (
    ORG_LABELS,
    PERSON_LABELS,
    AlignedSpans,
    in_institution_name,
    inside_other_person,
    is_name_part,
    names_another_countrys_party,
)
from eventscope.common.names import abbreviates, acronym_key, is_latin, name_key
from eventscope.records import Actor, Article, Mention, Sentence, Token
from eventscope.settings import Settings

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
# A parenthesis right after a name that introduces its short form: "(PMUs)", "(ISNA)".
ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Z.&-]{1,9}s?)\s*\)")
# A parenthesis holding the name in another script: "(کیومرث حیدری)".
OTHER_SCRIPT_AFTER = re.compile(r"\s*\(\s*([^\x00-\u024f()][^()]{0,60}?)\s*\)")
NAME_SUFFIX_WINDOW = 40
# "he" and "she" stand for the last person named within this many sentences.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def load_actor_kb(settings: Settings, dictionary: Path | None = None) -> ActorKB:
    """The actor knowledge base for these settings, built once per process.

    `dictionary` (or `actors.dictionary` in settings) is a PETRARCH-format actor file
    whose entries take precedence; `actors.builtin: false` uses that file alone.
    """
    chosen = dictionary or settings.get("actors.dictionary")
    builtin = bool(settings.get("actors.builtin"))
    return cached_actor_kb(str(Path(chosen).resolve()) if chosen else None, builtin)


def find_actor_spans(text: str, kb: ActorKB, offset: int = 0) -> list[ActorSpan]:
    """Dictionary matches (actors and role words) in raw text; no parse needed."""
    return kb.find_spans(text, offset)


def names_a_person(text: str, kb: ActorKB) -> bool:
    """Whether raw text marks someone by an abbreviated title or a tag after a name ("Sen.
    Dianne Feinstein (D-Calif.)"), which the dictionary may not know; no parse needed."""
    return any(cue.search(text) for cue in kb.title_cues) or any(
        pattern.search(text) for pattern, _, _ in kb.person_tags
    )


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
    leading_names: dict[str, Actor | None] = field(default_factory=dict)  # first word of a full name (None: several)
    short_forms: dict[str, Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    bare_roles: list[Mention] = field(default_factory=list)  # "Police", "the government": country to settle
    subjects: set[int] = field(default_factory=set)  # ids of the mentions that are a main clause's subject
    clause_subjects: set[int] = field(default_factory=set)  # ids of those that are any clause's subject
    plural_subjects: set[int] = field(default_factory=set)  # those of them a plural noun heads
    plurals: set[int] = field(default_factory=set)  # ids of the mentions a plural noun heads
    known_people: KnownPeople = field(init=False)  # the dictionary's people of each sentence's raw text
    home: str | None = field(init=False)  # the country the article is about, if one

    def __post_init__(self) -> None:
        self.known_people = KnownPeople(self.kb, self.article)
        self.home = home_country(self.article, self.kb)

    @property
    def day(self) -> dt.date | None:
        return self.article.published

    def add(self, aligned: AlignedSpans, start: int, end: int, actor: Actor, role: str | None, rule: str,
            place: bool = False) -> None:
        text = self.article.text[start:end]
        mention = Mention(aligned.parse.sentence.index, start, end, text, actor, role, rule, place)
        self.mentions.append(mention)
        tokens = aligned.parse.tokens
        subjects = [t for t in tokens if start <= t.start < end and t.dep in SUBJECT_DEPS]
        if subjects:
            self.clause_subjects.add(id(mention))  # "as Cardinal X backed ...": a clause's subject
        heads = [t for t in subjects if tokens[t.head].dep == "ROOT"]
        if heads:
            self.subjects.add(id(mention))  # the main clause's subject: whom the sentence is about
            if heads[-1].tag in PLURAL_TAGS:
                self.plural_subjects.add(id(mention))
        nouns = [t for t in tokens if start <= t.start < end and t.pos in ("NOUN", "PROPN")]
        if nouns and nouns[-1].tag in PLURAL_TAGS:
            self.plurals.add(id(mention))
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
        aligned = AlignedSpans.build(sentence, self.kb)
        foreign = {n for n, span in enumerate(aligned.spans) if names_another_countrys_party(span, self.kb, self.home)}
        aligned = aligned.without(foreign) if foreign else aligned
        used: set[int] = set()  # token indexes already inside a mention
        self.resolve_people(aligned, used)
        self.resolve_surnames(aligned, used)
        self.resolve_organisations(aligned, used)
        self.resolve_dictionary_spans(aligned, used)
        self.resolve_short_forms(aligned, used)
        self.resolve_bare_roles(aligned, used)
        self.resolve_pronouns(aligned, used)

    # people ---------------------------------------------------------------------------------

    def person_candidates(self, aligned: AlignedSpans) -> list[tuple[int, int, bool]]:
        """Token ranges that may name a person, with a flag for weak (untagged) ones."""
        tokens = aligned.parse.tokens
        candidates: list[tuple[int, int, bool]] = []
        for entity in aligned.parse.sentence.entities:
            first, last = aligned.parse.token_range(entity.start, entity.end)
            if first < 0:
                continue
            role_span = aligned.span_at(first)
            if role_span is not None and aligned.spans[role_span].is_role and aligned.span_tokens[role_span][1] >= last:
                continue  # part of a role phrase ("Minister of Silly Walks")
            if entity.label in PERSON_LABELS and not self.names_known_actor(aligned, first, last):
                candidates.append((first, last, False))
            elif entity.label in NAME_LABELS and first > 0 and aligned.is_role_at(first - 1):
                inside = aligned.span_at(first)
                entry = aligned.spans[inside].entry if inside is not None else None
                if entry is None or entry.kind == "person":
                    candidates.append((first, last, False))
        # upper-case or untagged names after a role word or before an apposition
        covered = {i for first, last, _ in candidates for i in range(first, last + 1)}
        i = 0
        while i < len(tokens):
            start = i
            while i < len(tokens) and tokens[i].pos == "PROPN" and aligned.span_at(i) is None and i not in covered:
                i += 1
            titled = start > 0 and aligned.is_role_at(start - 1)
            acronym = i - start == 1 and len(tokens[start].text) > 1 and tokens[start].text.isupper()
            if (i - start >= 2 and (titled or (i < len(tokens) and tokens[i].text == ","))) or (acronym and titled):
                candidates.append((start, i - 1, True))  # "regulator AMF": an acronym after its role
            i = max(i, start + 1)
        return sorted(set(candidates))

    @staticmethod
    def names_known_actor(aligned: AlignedSpans, first: int, last: int) -> bool:
        """Whether tokens first..last are a dictionary actor (not a person) plus other words,
        as in "Evil Mordor"; a name that is exactly a dictionary entry may still be a person."""
        for n, (a, b) in enumerate(aligned.span_tokens):
            entry = aligned.spans[n].entry
            if entry is not None and entry.kind != "person" and first <= a and b <= last and (a, b) != (first, last):
                return True
        return False

    def resolve_surnames(self, aligned: AlignedSpans, used: set[int]) -> None:
        """A lone surname ("Heydari said") is the person named in full earlier in the article;
        failing that, a word that begins exactly one full name is that person's family name
        written first ("President Yoon Suk Yeol ... Yoon apologized")."""
        for token in aligned.parse.tokens:
            if token.i in used or token.pos != "PROPN" or not token.text[:1].isupper():
                continue
            span = aligned.span_at(token.i)
            actor = self.surnames.get(name_key(token.text)) or (
                self.leading_names.get(name_key(token.text)) if span is None and lone_name(aligned, token.i, self.kb)
                else None)
            if actor is None or (span is not None and aligned.span_tokens[span] != (token.i, token.i)):
                continue
            context = context_for(aligned, self.kb, token.i, token.i, self.day)
            self.add(aligned, token.start, token.end, described_again(actor, context), context.role, "surname")
            used.update({token.i, *context.tokens})

    def resolve_people(self, aligned: AlignedSpans, used: set[int]) -> None:
        tokens = aligned.parse.tokens
        for first, last, weak in self.person_candidates(aligned):
            named = self.name_span(aligned, first, last)
            if named is None or any(i in used for i in range(named.first, named.last + 1)):
                continue
            if named.first == named.last and name_key(named.text) in self.surnames:
                continue  # a surname: resolve_surnames links it
            context = context_for(aligned, self.kb, named.first, named.last, self.day)
            found = self.person_actor(aligned, named, context, weak)
            if found is None:
                continue
            actor, role, rule = found
            titled = self.surnames.get(name_key(tokens[named.last].text))
            if rule == "person-name" and titled is not None and name_key(titled.name) == name_key(tokens[named.last].text):
                actor, rule = titled, "surname"  # "Lord Sainsbury ... David Sainsbury": one person
            self.add(aligned, named.start, named.end, actor, role, rule)
            used.update(range(named.first, named.last + 1))
            used.update(context.tokens)
            # A full name, or a one-word name the dictionary knows or a title marks ("Lord
            # Sainsbury"), lends its surname to later text.
            if actor.kind == "person" and (named.first < named.last or rule == "dictionary-person" or named.titles):
                self.surnames.setdefault(name_key(tokens[named.last].text), actor)
            if actor.kind == "person" and named.first < named.last:
                leading = name_key(tokens[named.first].text)
                known = self.leading_names.get(leading, actor)
                self.leading_names[leading] = actor if known is not None and known.id == actor.id else None

    def name_span(self, aligned: AlignedSpans, first: int, last: int) -> NameSpan | None:
        """The bare name in a candidate: titles, demonyms, possessive and quotes trimmed."""
        tokens = aligned.parse.tokens
        known_span = aligned.span_at(first)
        entry = None
        if known_span is not None and aligned.spans[known_span].entry is not None:
            entry = aligned.spans[known_span].entry
            first = min(first, aligned.span_tokens[known_span][0])  # "President Vladimir Putin" is one entry
        first, titles = strip_titles(tokens, first, last, self.kb)
        for i in range(first + 1, last + 1):  # a name ends before a lower-case word ("HMS Chatham - have")
            word = tokens[i].text
            hyphenated = tokens[i - 1].text == "-" and tokens[i - 1].end == tokens[i].start  # "Han Dong-hoon"
            if word[:1].islower() and word.lower() not in self.kb.name_particles and not hyphenated:
                last = i - 1
                break
        while last > first and (tokens[last].pos == "PART" or not tokens[last].text[-1:].isalnum()):
            last -= 1
        if last > first + 1 and tokens[last].text in self.kb.post_nominals:  # "Ian MacDonald QC"
            titles = [*titles, self.kb.post_nominals[tokens[last].text]]
            last -= 1
        if any(t.text.lower() in self.kb.organisation_words for t in tokens[first : last + 1]):
            return None
        if self.names_document(tokens, last):
            return None
        start, end = tokens[first].start, tokens[last].end
        text = self.article.text[start:end]
        trimmed = text.lstrip("-\u2013\u2014'\"\u201c\u2018 ")  # "-Alireza Sabahifard" after a quote
        if not trimmed[:1].isalpha():
            return None
        person = entry if entry is not None and entry.kind == "person" else None
        return NameSpan(first, last, start + len(text) - len(trimmed), end, trimmed, titles, person)

    def names_document(self, tokens: list[Token], last: int) -> bool:
        """ "the DREAM Act", "the Marshall Plan": a law, bill or plan is no actor."""
        return tokens[last].text.lower() in self.kb.document_words

    def names_organisation(self, tokens: list[Token], named: NameSpan, role: str | None) -> bool:
        """ "oil firm Lukoil", "BAA": a role word for a body right before the name, or an acronym."""
        if named.first == named.last and named.text.isupper():
            return True
        if not role or named.first == 0:
            return False
        head = role.split(" of ")[0].split()[-1]  # "secretary of state" -> secretary
        return head in self.kb.organisation_words and tokens[named.first - 1].text.lower() == head

    def person_actor(
        self, aligned: AlignedSpans, named: NameSpan, context: Context, weak: bool
    ) -> tuple[Actor, str | None, str] | None:
        """(actor, role, rule) for a name: from the dictionary, or from what its context says."""
        before = aligned.parse.tokens[named.first - 1].text.lower().rstrip(".") if named.first else ""
        title_role = named.titles[-1] if named.titles else self.kb.abbreviated_titles.get(before)
        role = context.role or title_role
        agent = context.agent or (self.kb.role_code(title_role) if title_role else None)
        known = self.kb.person(named.text) or named.entry
        if known is None and role and agent and named.first == named.last:
            known = self.kb.titled_person(named.text, agent[:3], self.day)
        if known is not None:
            actor = actor_from_entry(known, self.kb, self.day, named.text)
            actor.kind = "person"
            if is_latin(named.text) and not named.text.isupper():
                actor.name = display_person(named.text)  # as written, less an editor's brackets
            # "former minister X", "the group's leaders, X": a dated dictionary role at the article's date still holds
            generic = context.role in self.kb.organisation_roles and not context.of_organisation
            if agent and actor.country and not ((context.former or generic) and actor.sector and self.day):
                actor.sector, actor.code = agent[:3], actor.country + agent
            rule = "dictionary-person"
        else:
            tagged = person_tag(self.article.text, named.end, self.kb)
            if tagged is not None:  # "Sen. Dianne Feinstein (D-Calif.)"
                context.country = context.country or tagged[0]
                agent = agent or tagged[1]
                role = role or "member of congress"
            described = context.country or role
            if weak and context.role is None and tagged is None:
                return None
            if named.first == named.last and (not described or not titled_name(aligned.parse.tokens, named.first)):
                return None
            if not described and any(aligned.span_at(i) is not None for i in range(named.first, named.last + 1)):
                return None  # the dictionary knows a part of it: let it speak
            kind = "organisation" if self.names_organisation(aligned.parse.tokens, named, role) else "person"
            name = display_person(named.text) if kind == "person" else named.text
            actor = named_actor(kind, name, context.country, agent, role)
            # A full name the text does not describe is someone of the country the article is
            # about (settled once it is read), else of no known country.
            rule = f"{kind}-context" if described else "person-name"
        if role and role not in actor.roles:
            actor.roles.append(role)
        return actor, role, rule

    # organisations named in text but not in the dictionary ----------------------------------

    def resolve_organisations(self, aligned: AlignedSpans, used: set[int]) -> None:
        tokens = aligned.parse.tokens
        for entity in aligned.parse.sentence.entities:
            if entity.label not in ORG_LABELS:
                continue
            first, last = aligned.parse.token_range(entity.start, entity.end)
            if first < 0 or any(i in used for i in range(first, last + 1)):
                continue
            inside = [n for n, (a, b) in enumerate(aligned.span_tokens) if a >= first and b <= last]
            if any((entry := aligned.spans[n].entry) is not None and entry.kind != "country" for n in inside):
                continue  # a known actor inside: the dictionary pass resolves it
            while first < last and tokens[first].pos == "DET":
                first += 1
            if "\n" in entity.text or all(aligned.span_at(i) is not None for i in range(first, last + 1)):
                continue  # a bare role word ("the Army") or a run across paragraphs
            if self.names_document(tokens, last):
                continue
            context = Context(day=self.day, organisation_roles=self.kb.organisation_roles,
                              rank_roles=self.kb.rank_roles)
            for n in inside:
                if not in_institution_name(aligned, n, self.kb):  # "the Turkish Friendship Hospital" in Gaza
                    context.take(aligned, n)
            # "the Hansard Society": the name's head noun says what body it is
            heads = [self.kb.organisation_heads.get(t.text.lower()) for t in reversed(tokens[first : last + 1])]
            own = context.agent or next((sector for sector in heads if sector), None)
            if context.country is None:
                # "French stock market regulator AMF": the phrase before the name says who it is.
                outer = context_for(aligned, self.kb, first, last, self.day)
                context.country = outer.country
                context.agent, context.role = context.agent or outer.agent, context.role or outer.role
            # with no country stated, only what the name says (its country is the article's,
            # `settle_home_country`); "leader of the Democratic Party" says nothing of the party
            context.agent = (context.agent or own) if context.country else own
            if not context.sector:
                continue
            start, end = tokens[first].start, tokens[last].end
            name = self.article.text[start:end]
            actor = named_actor("organisation", name, context.country, context.agent, context.role)
            self.add(aligned, start, end, actor, None, "organisation-context")
            used.update(range(first, last + 1))

    # dictionary spans: countries, capitals, groups, composites -------------------------------

    def resolve_dictionary_spans(self, aligned: AlignedSpans, used: set[int]) -> None:
        tokens = aligned.parse.tokens
        skip: set[int] = set()
        shared_roles: dict[int, int] = {}  # country token -> role span it formed an actor with
        shared_countries: dict[int, str] = {}  # role token -> the country it belongs to
        for n, span in enumerate(aligned.spans):
            first, last = aligned.span_tokens[n]
            if n in skip or first < 0 or span.entry is None or any(i in used for i in range(first, last + 1)):
                continue
            entry = span.entry
            if entry.kind == "place" or inside_other_person(aligned, span):
                continue
            if phrase_key(span.text) in self.kb.member_words and not names_member(aligned, last):
                continue  # "Conservative estimates": an adjective, no party
            if entry.kind in ("country", "capital"):
                composite = country_with_role(aligned, n, self.kb)
                if composite is not None and used.intersection(range(aligned.span_tokens[composite][0],
                                                                      aligned.span_tokens[composite][1] + 1)):
                    composite = None  # the role word already describes a person ("an Iranian officer")
                # "in Tehran", "arms to Pakistan": still the country, but named as a place.
                place = composite is None and is_location(aligned, first, last, self.kb)
                if composite is not None:
                    role_n = composite
                    role_span = aligned.spans[role_n]
                    start, end = min(span.start, role_span.start), max(span.end, role_span.end)
                    actor = generic_actor(self.kb, entry.country or "", role_span.role_code, self.article.text[start:end],
                                          role_span.text.lower())
                    self.add(aligned, start, end, actor, role_span.text.lower(), "country-role")
                    skip.add(role_n)
                    role_first, role_last = aligned.span_tokens[role_n]
                    used.update(range(min(first, role_first), max(last, role_last) + 1))
                    if role_span.start < span.start:
                        shared_roles[last] = role_n  # "the ambassadors of Arnor, Osgiliath and Gondor"
                    else:
                        shared_countries[role_last] = entry.country or ""  # "Danish media and government"
                    continue
                shared = shared_roles.get(aligned.parse.first_conjunct(tokens[last]).i)
                if shared is not None:
                    role_span = aligned.spans[shared]
                    actor = generic_actor(self.kb, entry.country or "", role_span.role_code, span.text,
                                          role_span.text.lower())
                    self.add(aligned, span.start, span.end, actor, role_span.text.lower(), "country-role-conjunct")
                    used.update(range(first, last + 1))
                    continue
                if entry.kind == "capital":
                    if is_name_part(aligned, first, last):
                        continue  # "the London Stock Exchange", "Paris-based"
                    actor = generic_actor(self.kb, entry.country or "", "GOV", span.text, None)
                    self.add(aligned, span.start, span.end, actor, None, "capital", place)
                else:
                    reading = country_reading(aligned, n, self.kb)
                    if reading is None:
                        continue
                    actor = generic_actor(self.kb, entry.country or "", reading.agent,
                                          self.article.text[reading.start : reading.end], reading.role)
                    self.add(aligned, reading.start, reading.end, actor, reading.role, reading.rule,
                             place and reading.rule == "country")
                    last = reading.last
                used.update(range(first, last + 1))
                continue
            actor = actor_from_entry(entry, self.kb, self.day, span.text)
            members = party_members(aligned, n, self.kb)
            if members is not None:  # "Labour MPs": the governing party's MPs are legislators
                last, end = aligned.span_tokens[members][1], aligned.spans[members].end
                legislators = (aligned.spans[members].role_code or "")[:3] == LEGISLATURE
                actor = generic_actor(self.kb, actor.country or "", LEGISLATURE, self.article.text[span.start : end],
                                      aligned.spans[members].text.lower()) if legislators and actor.sector == GOVERNMENT else actor
                skip.add(members)
            if members is None:
                self.add(aligned, span.start, span.end, actor, None, "dictionary")
            else:  # one officer ("the Tory leader") may describe a person named before
                officer = tokens[last].tag == "NN" and aligned.spans[members].text.lower() in self.kb.organisation_roles
                self.add(aligned, span.start, end, actor, aligned.spans[members].text.lower(),
                         OFFICER_RULE if officer else "dictionary")
            used.update(range(first, last + 1))
        for n, span in enumerate(aligned.spans):
            first, last = aligned.span_tokens[n]
            if not span.is_role or n in skip or first < 0 or used.intersection(range(first, last + 1)):
                continue
            country = shared_countries.get(aligned.parse.first_conjunct(tokens[last]).i)
            if country is None:
                continue
            actor = generic_actor(self.kb, country, span.role_code, span.text, span.text.lower())
            self.add(aligned, span.start, span.end, actor, span.text.lower(), "country-role-conjunct")
            used.update(range(first, last + 1))

    def resolve_short_forms(self, aligned: AlignedSpans, used: set[int]) -> None:
        """Acronyms introduced earlier in the article ("... Units (PMUs)") resolve later uses."""
        if not self.short_forms:
            return
        for token in aligned.parse.tokens:
            if token.i in used:
                continue
            actor = self.short_forms.get(acronym_key(token.text))
            if actor is not None and acronym_key(token.text):
                self.add(aligned, token.start, token.end, actor, None, "acronym")
                used.add(token.i)

    def resolve_bare_roles(self, aligned: AlignedSpans, used: set[int]) -> None:
        """A role word with no country or name beside it ("Police arrested ...", "criticised
        the government", "MPs voted", "the president's address") names that sector of the
        country the article is about; which country is settled once the whole article is read
        (`settle_home_country`)."""
        for n, span in enumerate(aligned.spans):
            first, last = aligned.span_tokens[n]
            if not span.is_role or not span.role_code or first < 0 or used.intersection(range(first, last + 1)):
                continue
            head = aligned.parse.tokens[last]
            owner = head.dep == "compound" and owned_noun(aligned, last, self.kb) is not None  # "a government helicopter"
            if head.pos not in ("NOUN", "PROPN") or (head.dep not in ARGUMENT_DEPS | {"poss"} and not owner):
                continue
            role = span.text.lower()
            if role in self.kb.armament_roles:
                continue  # "drones struck a convoy": whose drones, the text does not say
            actor = named_actor("organisation", role, None, span.role_code, role)
            self.add(aligned, span.start, span.end, actor, role, "role")
            self.bare_roles.append(self.mentions[-1])
            used.update(range(first, last + 1))

    def resolve_pronouns(self, aligned: AlignedSpans, used: set[int]) -> None:
        """"He" or "she" as a party to a clause (or "his" claims, as their owner) is a person
        named in this sentence or the one or two before ("Tony Blair ... He accused the
        Tories"); a subject "they" is the plural group that was a subject there (`pronouns`).

        A person's antecedents are the people resolved in parsed sentences and the
        dictionary's people in the raw text of every sentence, so a sentence the triage
        leaves unparsed still lends its known people."""
        tokens = aligned.parse.tokens
        here = aligned.parse.sentence.index
        for token in tokens:
            word = token.text.lower()
            if token.i in used:
                continue
            if word in self.kb.group_counts and token.dep in ARGUMENT_DEPS and token.i and (
                    tokens[token.i - 1].text.lower() in DEFINITE_COUNT):  # "release the four"
                group = counted_group(self.article.text, self.mentions, self.kb.group_counts, word, token.start)
                if group is not None:
                    self.add(aligned, tokens[token.i - 1].start, token.end, group, None, "counted-group")
                    used.update({token.i - 1, token.i})
                continue
            if word in GROUP_PRONOUNS and token.dep in SUBJECT_DEPS and tokens[token.head].dep == "ROOT":
                group = group_antecedent(self.mentions, self.plural_subjects, self.plurals, here, token.start)
                if group is not None:
                    self.add(aligned, token.start, token.end, group, None, "pronoun")
                    used.add(token.i)
                continue
            if word not in PERSONAL_PRONOUNS or not (
                token.dep in ARGUMENT_DEPS or (token.dep == "poss" and tokens[token.head].dep in SUBJECT_DEPS)
            ):
                continue  # "His claims were denied": the owner of the subject (not "expressed his hope")
            earlier: list[tuple[int, int, Actor]] = [
                ((id(m) in self.subjects) + (id(m) in self.clause_subjects), m.start, m.actor) for m in self.mentions
                if m.actor.kind == "person" and 0 <= here - m.sentence <= PRONOUN_REACH and m.end <= token.start
            ]
            named = {start for _, start, _ in earlier}
            earlier += [(0, span.start, actor) for span, actor in self.known_people.before(here, token.start)
                        if span.start not in named]
            actor = person_antecedent(earlier)
            if actor is not None:
                self.add(aligned, token.start, token.end, actor, None, "pronoun")
                used.add(token.i)


def resolve_mentions(article: Article, kb: ActorKB) -> Article:
    """Fill `article.mentions` from its parsed sentences, in text order; returns the article."""
    resolver = ArticleResolver(kb, article)
    for sentence in article.sentences:
        if sentence.parsed:
            resolver.resolve(sentence)
    resolver.mentions = settle_home_country(article, kb, resolver.mentions, resolver.bare_roles)
    mentions = sorted(resolver.mentions, key=lambda m: (m.start, m.end))
    for mention in accused_civilians(article, mentions, kb):
        mention.actor = generic_actor(kb, mention.actor.country or "", CRIMINAL, mention.text, mention.role)
    # one Actor object per id in the article, carrying every surface form and role seen
    shared = union_by_id(mention.actor for mention in mentions)
    for actor_id in private_people(article.text, mentions, kb):
        as_civilian(shared[actor_id])
    for actor_id in accused_people(article, mentions, kb):
        as_accused(shared[actor_id])
    describe_people(article.text, mentions, shared)
    for mention in mentions:
        actor = shared[mention.actor.id]
        actor.aliases = sorted(set(actor.aliases) | {mention.text})
        mention.actor = actor
    article.mentions = mentions
    return article
