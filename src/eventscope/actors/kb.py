"""The actor knowledge base: countries, groups, people and role words, as data.

`ActorKB.find_spans` is a dictionary matcher over raw text that needs no parse, so it
can also decide cheaply which sentences are worth parsing. `actors.build` assembles the
base from `data/actors/` and the user's PETRARCH dictionaries (`actors.petrarch`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

MAX_PHRASE_TOKENS = 10
FOUND_LIMIT = 100_000  # sentences whose matches are remembered before starting afresh
# Single-word aliases this short are acronyms ("UN", "ISIS"): matched only in upper case.
ACRONYM_MAX_LETTERS = 5
FORMER_OFFICE_SECTOR = "ELI"  # Phoenix codes former office holders as elites
PARTY_KEY = "party:"  # key prefix of the political parties' entries
CITY_KEY = "city:"  # key prefix of cities named like another country ("Spanish Town"), matched only capitalised
TOKEN_PATTERN = re.compile(r"[^\W_]+")


def phrase_tokens(text: str) -> list[str]:
    """Lower-case word tokens: the unit the dictionary matcher compares."""
    return [match.group().lower() for match in TOKEN_PATTERN.finditer(text)]


def phrase_key(text: str) -> str:
    return " ".join(phrase_tokens(text))


@dataclass(frozen=True, slots=True)
class CodeSpell:
    """A CAMEO code valid between two dates (either open)."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class KBEntry:
    """One known actor: a country, capital, group, organisation, person or place.

    `key` is stable across runs (ids are derived from it); `codes` may be date-bounded,
    as in the Phoenix dictionaries.
    """

    key: str
    name: str
    kind: str
    codes: tuple[CodeSpell, ...]
    country: str | None = None

    def code_on(self, day: dt.date | None) -> str | None:
        """The code valid on `day`, else the undated fallback (Phoenix's `[ELI]` for former
        office holders), else for a person only their country: a role outside its dates is
        not theirs then (Clare Short in 2005 is no longer a minister). Without a date, the
        latest open-ended role ("current"), else the last office held."""
        if not self.codes:
            return None
        undated = [spell for spell in self.codes if spell.start is None and spell.end is None]
        if day is not None:
            for spell in self.codes:
                if (spell.start or spell.end) and spell.covers(day):
                    return spell.code
            if undated or self.kind != "person":
                return (undated or list(self.codes))[-1].code
            return self.country or self.codes[-1].code[:3]
        current = [(spell.start, spell.code) for spell in self.codes if spell.end is None and spell.start]
        if current:
            return max(current)[1]
        # Undated text about a former office holder is far likelier about the office (Tony
        # Blair as prime minister) than about the years after it (Phoenix's undated [ELI]).
        offices = [(spell.end, spell.code) for spell in self.codes
                   if spell.end is not None and not spell.code.endswith(FORMER_OFFICE_SECTOR)]
        if offices:
            return max(offices)[1]
        return (undated or [spell for spell in self.codes if spell.end is None] or list(self.codes))[-1].code


@dataclass(frozen=True, slots=True)
class ActorSpan:
    """A dictionary match in text: an actor entry, or a role word (`role_code`) when entry is None."""

    start: int
    end: int
    text: str
    entry: KBEntry | None = None
    role_code: str | None = None
    demonym: bool = False

    @property
    def is_role(self) -> bool:
        return self.entry is None


@dataclass(slots=True)
class _Target:
    entry: KBEntry | None
    role_code: str | None
    acronym: str | None  # exact upper-case form required in text
    demonym: bool = False


@dataclass
class ActorKB:
    """Phrase indexes over every known actor and role word, plus the tables resolution needs."""

    countries: dict[str, KBEntry] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)  # ISO-3 -> display name
    titles: frozenset[str] = frozenset()
    locative_prepositions: frozenset[str] = frozenset()
    country_links: frozenset[str] = frozenset()
    noun_phrase_modifiers: frozenset[str] = frozenset()
    organisation_words: frozenset[str] = frozenset()
    organisation_roles: frozenset[str] = frozenset()  # "leader", "spokesman": of whatever organisation
    former_words: frozenset[str] = frozenset()  # "former", "ex-": the role beside them is past
    shadow_words: frozenset[str] = frozenset()  # "shadow": the office beside them is the opposition's
    office_sectors: frozenset[str] = frozenset()  # GOV, LEG ...: a former holder of their offices is ELI
    rank_roles: frozenset[str] = frozenset()  # "deputy", "captain": of whatever service a role beside names
    armament_roles: frozenset[str] = frozenset()  # "missiles", "air strikes": an armed force only when its country is said
    abbreviated_titles: dict[str, str] = field(default_factory=dict)  # "sen" -> "senator"
    member_words: set[str] = field(default_factory=set)  # "tory", "republican": a party's member
    shared_party_names: set[str] = field(default_factory=set)  # "democratic party": also other countries' parties
    document_words: frozenset[str] = frozenset()
    # (pattern, country, sector) of tags after a name ("(D-Calif.)"), and title cues
    person_tags: tuple[tuple[re.Pattern[str], str, str], ...] = ()
    title_cues: tuple[re.Pattern[str], ...] = ()
    private_before: tuple[re.Pattern[str], ...] = ()  # an age right before a name: a private person
    private_after: tuple[re.Pattern[str], ...] = ()  # an age or home town right after it
    accused_cues: dict[str, frozenset[str]] = field(default_factory=dict)  # "charged": a suspect (CRM)
    # country -> lower-cased names of its first-level divisions (US states, provinces ...)
    divisions: dict[str, frozenset[str]] = field(default_factory=dict)
    home_divisions: dict[str, str] = field(default_factory=dict)  # "texas" -> USA: names a home country
    division_owners: dict[str, str] = field(default_factory=dict)  # "anambra" -> NGA: any country's, if unique
    resident_sectors: frozenset[str] = frozenset()
    foreign_words: frozenset[str] = frozenset()  # "foreign tourists": of no country the article gives
    name_particles: frozenset[str] = frozenset()
    group_counts: dict[str, int] = field(default_factory=dict)  # "the pair": 2, "the four": 4
    post_nominals: dict[str, str] = field(default_factory=dict)  # "QC" after a name -> "barrister"
    igo_member_sectors: frozenset[str] = frozenset()  # "NATO troops": the organisation's own
    institution_words: frozenset[str] = frozenset()  # "hospital": capitalised, a named institution's
    owned_nouns: dict[str, str] = field(default_factory=dict)  # "vessel" -> "", "firm" -> BUS: what an owner acts through
    organisation_heads: dict[str, str] = field(default_factory=dict)  # "society" -> NGO: a body's sector by its name
    sector_labels: dict[str, str] = field(default_factory=dict)
    _phrases: dict[str, _Target] = field(default_factory=dict)
    _first_tokens: dict[str, int] = field(default_factory=dict)  # first token -> longest phrase
    _people: dict[str, KBEntry] = field(default_factory=dict)  # name key -> person
    _surnames: dict[str, dict[str, KBEntry]] = field(default_factory=dict)  # family name -> entry key -> person
    # Matches by sentence text (stripped): the triage reads every sentence, the actors stage the parsed ones again.
    _found: dict[str, tuple[ActorSpan, ...]] = field(default_factory=dict, repr=False, compare=False)

    # -- building -------------------------------------------------------------------------

    def add_phrase(
        self,
        phrase: str,
        entry: KBEntry | None = None,
        role_code: str | None = None,
        demonym: bool = False,
        cased: bool = False,
    ) -> None:
        """Register a surface form; an existing claim on the same phrase wins.

        `cased` says the phrase is written in its real case (curated data, not the
        all-capitals PETRARCH files), so a short upper-case name is an acronym that must
        match in upper case ("IS", "WHO").
        """
        tokens = phrase_tokens(phrase)
        if len(tokens) > 1 and tokens[0] == "the":  # "THE_UNITED_NATIONS": the article is not the name
            tokens = tokens[1:]
        if not tokens or len(tokens) > MAX_PHRASE_TOKENS:
            return
        key = " ".join(tokens)
        if key in self._phrases:
            return
        compact = re.sub(r"[^\w]", "", phrase)
        acronym = None
        if cased and entry is not None and len(tokens) == 1 and len(compact) <= ACRONYM_MAX_LETTERS:
            acronym = compact if compact.isupper() else None
        self._phrases[key] = _Target(entry, role_code, acronym, demonym)
        self._found.clear()
        first = tokens[0]
        self._first_tokens[first] = max(self._first_tokens.get(first, 0), len(tokens))
        if entry is not None and entry.kind == "person":
            self._people.setdefault(key, entry)
            if len(tokens) > 1:  # the family name is last, or first ("Xi Jinping", "Yoon Suk Yeol")
                for family in {tokens[0], tokens[-1]}:
                    self._surnames.setdefault(family, {}).setdefault(entry.key, entry)

    def add_entry(self, entry: KBEntry, aliases: Iterable[str], cased: bool = False) -> None:
        for alias in aliases:
            self.add_phrase(alias, entry, cased=cased)

    # -- lookup ---------------------------------------------------------------------------

    def lookup(self, phrase: str) -> KBEntry | None:
        target = self._phrases.get(phrase_key(phrase))
        return target.entry if target else None

    def demonym_country(self, word: str) -> str | None:
        """The country whose adjective `word` is ("Spanish" -> ESP), else None."""
        target = self._phrases.get(phrase_key(word))
        return target.entry.country if target is not None and target.demonym and target.entry is not None else None

    def role_code(self, phrase: str) -> str | None:
        target = self._phrases.get(phrase_key(phrase))
        return target.role_code if target else None

    def person(self, name: str) -> KBEntry | None:
        return self._people.get(phrase_key(name))

    def titled_person(self, surname: str, sector: str, day: dt.date | None) -> KBEntry | None:
        """The one known person of `surname` whose dated office of `sector` covers `day`:
        "President Biden" in 2024, "Prime Minister Modi", when no full name is given. (An
        undated dictionary role says nothing of when it was held.)"""
        if day is None:
            return None
        holders = {phrase_key(entry.name): entry for entry in self._surnames.get(phrase_key(surname), {}).values()
                   if any((spell.start or spell.end) and spell.covers(day) and spell.code[3:6] == sector
                          for spell in entry.codes)}  # a dated office; one person may have several entries
        return next(iter(holders.values())) if len(holders) == 1 else None

    def country_name(self, iso3: str | None) -> str | None:
        return self.country_names.get(iso3 or "")

    def find_spans(self, text: str, offset: int = 0) -> list[ActorSpan]:
        """Longest dictionary matches, left to right, with offsets shifted by `offset`.

        Actor names must start with a capital letter (or digit) in the text, so common
        words that are also place names are not matched; role words match in any case.
        """
        key = text.strip()  # the parser and the triage's splitter place whitespace differently
        offset += len(text) - len(text.lstrip())
        found = self._found.get(key)
        if found is None:
            if len(self._found) >= FOUND_LIMIT:
                self._found.clear()  # bounded memory on any corpus
            found = self._found[key] = tuple(self._match(key))
        if not offset:
            return list(found)
        return [replace(span, start=span.start + offset, end=span.end + offset) for span in found]

    def _match(self, text: str) -> list[ActorSpan]:
        tokens = list(TOKEN_PATTERN.finditer(text))
        lowered = [match.group().lower() for match in tokens]
        spans: list[ActorSpan] = []
        i = 0
        while i < len(tokens):
            longest = self._first_tokens.get(lowered[i], 0)
            found = None
            for size in range(min(longest, len(tokens) - i), 0, -1):
                target = self._phrases.get(" ".join(lowered[i : i + size]))
                if target is None:
                    continue
                start, end = tokens[i].start(), tokens[i + size - 1].end()
                surface = text[start:end]
                if target.acronym is not None and re.sub(r"[^\w]", "", surface) != target.acronym:
                    continue
                if target.entry is not None and not (surface[0].isupper() or surface[0].isdigit()
                                                     or self._particle_led(surface)):
                    continue
                if target.entry is not None and target.entry.key.startswith(CITY_KEY) and not all(
                        word[:1].isupper() for word in surface.split()):
                    continue  # "a Spanish town" is no Spanish Town
                found = ActorSpan(start, end, surface, target.entry, target.role_code, target.demonym)
                break
            if found is None:
                i += 1
                continue
            spans.append(found)
            i += len(phrase_tokens(found.text))
        return spans

    def _particle_led(self, surface: str) -> bool:
        """A name led by a lower-case particle joined to its capitalised word ("al-Qaeda",
        "al-Shabaab"), as names of Arabic origin are written in running text."""
        particle, hyphen, rest = surface.partition("-")
        return bool(hyphen) and particle in self.name_particles and rest[:1].isupper()

    def __len__(self) -> int:
        return len(self._phrases)
