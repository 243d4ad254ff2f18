"""The actor knowledge base: countries, groups, people and role words, as data.

Built-in entries come from `data/actors/` (a curated country table and group list, and
the Phoenix dictionaries converted by `scripts/build_actor_data.py`). User dictionaries
in the PETRARCH format (`--actors FILE`, with an optional `*.agents.txt` beside it) are
read by `read_petrarch_actors`/`read_petrarch_agents` and take precedence.

`ActorKB.find_spans` is a dictionary matcher over raw text that needs no parse, so it
can also decide cheaply which sentences are worth parsing.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from eventscope.errors import SettingsError

log = logging.getLogger(__name__)

DATA_PACKAGE = "eventscope.data"
DATA_DIR = "actors"
MAX_PHRASE_TOKENS = 10
FOUND_LIMIT = 100_000  # sentences whose matches are remembered before starting afresh
# Single-word aliases this short are acronyms ("UN", "ISIS"): matched only in upper case.
ACRONYM_MAX_LETTERS = 5
TOKEN_PATTERN = re.compile(r"[^\W_]+")



def phrase_tokens(text: str) -> list[str]:
    """Lower-case word tokens: the unit the dictionary matcher compares."""
    return [match.group().lower() for match in TOKEN_PATTERN.finditer(text)]


def phrase_key(text: str) -> str:
    return " ".join(phrase_tokens(text))


def display_name(petrarch_phrase: str) -> str:
    """`HOSEIN_DEHQAN_` -> `Hosein Dehqan`; short all-capital single words stay acronyms."""
    words = petrarch_phrase.replace("_", " ").split()
    if len(words) == 1 and len(words[0]) <= ACRONYM_MAX_LETTERS:
        return words[0]
    return " ".join(word.capitalize() if word.isupper() else word for word in words)


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
        office holders); without a date, the latest open-ended role ("current")."""
        if not self.codes:
            return None
        undated = [spell for spell in self.codes if spell.start is None and spell.end is None]
        if day is not None:
            for spell in self.codes:
                if (spell.start or spell.end) and spell.covers(day):
                    return spell.code
            return (undated or list(self.codes))[-1].code
        current = [(spell.start, spell.code) for spell in self.codes if spell.end is None and spell.start]
        if current:
            return max(current)[1]
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
    resident_sectors: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()
    sector_labels: dict[str, str] = field(default_factory=dict)
    _phrases: dict[str, _Target] = field(default_factory=dict)
    _first_tokens: dict[str, int] = field(default_factory=dict)  # first token -> longest phrase
    _people: dict[str, KBEntry] = field(default_factory=dict)  # name key -> person
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

    def add_entry(self, entry: KBEntry, aliases: Iterable[str], cased: bool = False) -> None:
        for alias in aliases:
            self.add_phrase(alias, entry, cased=cased)

    # -- lookup ---------------------------------------------------------------------------

    def lookup(self, phrase: str) -> KBEntry | None:
        target = self._phrases.get(phrase_key(phrase))
        return target.entry if target else None

    def role_code(self, phrase: str) -> str | None:
        target = self._phrases.get(phrase_key(phrase))
        return target.role_code if target else None

    def person(self, name: str) -> KBEntry | None:
        return self._people.get(phrase_key(name))

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
                if target.entry is not None and not (surface[0].isupper() or surface[0].isdigit()):
                    continue
                found = ActorSpan(start, end, surface, target.entry, target.role_code, target.demonym)
                break
            if found is None:
                i += 1
                continue
            spans.append(found)
            i += len(phrase_tokens(found.text))
        return spans

    def __len__(self) -> int:
        return len(self._phrases)


# -- PETRARCH dictionary format ---------------------------------------------------------------

_COMMENT_BLOCK = re.compile(r"<!--.*?-->", re.DOTALL)
_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")


@dataclass(slots=True)
class DictionaryEntry:
    """One PETRARCH actor record: a primary phrase, its `+` synonyms and dated codes."""

    phrase: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[CodeSpell] = field(default_factory=list)
    comment: str = ""


def _petrarch_lines(text: str) -> Iterator[tuple[str, str]]:
    """Content lines with comments removed, as (content, trailing comment)."""
    text = _COMMENT_BLOCK.sub("", text)
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith(("#", "<!")):
            continue
        content, _, comment = raw.partition("#")
        if content.strip():
            yield content.rstrip(), comment.strip()


def petrarch_date(text: str) -> dt.date | None:
    """YYMMDD (00-30 -> 20YY) or YYYYMMDD; None when it is not a valid date."""
    digits = text.strip()
    try:
        if len(digits) == 8:
            return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        if len(digits) == 6:
            year = int(digits[:2])
            year += 2000 if year <= 30 else 1900
            return dt.date(year, int(digits[2:4]), int(digits[4:]))
    except ValueError:
        return None
    return None


def parse_code_block(block: str) -> CodeSpell | None:
    """`IRNGOV 040901-090930`, `IRN <20030320`, `IRN >20060520` -> a dated code."""
    parts = block.split(None, 1)
    if not parts:
        return None
    code = parts[0].strip()
    if not code or set(code) <= set("-+#~"):
        return None
    restriction = parts[1].replace(" ", "") if len(parts) > 1 else ""
    start = end = None
    if restriction.startswith("<"):
        end = petrarch_date(restriction[1:])
    elif restriction.startswith(">"):
        start = petrarch_date(restriction[1:])
    elif "-" in restriction:
        first, _, last = restriction.partition("-")
        start, end = petrarch_date(first), petrarch_date(last)
    return CodeSpell(code, start, end)


def parse_petrarch_actors(text: str) -> list[DictionaryEntry]:
    """Parse a PETRARCH/TABARI `.actors` dictionary.

    A record is a phrase (words joined by `_` or spaces, optionally followed by its
    `[CODE]`), then `+synonym` lines, then indented `[CODE date]` lines.
    """
    entries: list[DictionaryEntry] = []
    current: DictionaryEntry | None = None
    for content, comment in _petrarch_lines(text):
        stripped = content.strip()
        codes = [spell for block in _CODE_BLOCK.findall(stripped) if (spell := parse_code_block(block))]
        phrase = _CODE_BLOCK.sub("", stripped).strip()
        if stripped.startswith("["):
            if current is not None:
                current.codes.extend(codes)
            continue
        if phrase.startswith("+"):
            if current is not None and phrase[1:].strip():
                current.synonyms.append(phrase[1:].strip())
                current.codes.extend(codes)
            continue
        if not phrase:
            continue
        current = DictionaryEntry(phrase=phrase, codes=codes, comment=comment)
        entries.append(current)
    return entries


def parse_petrarch_agents(text: str) -> dict[str, str]:
    """Parse a PETRARCH `.agents` dictionary into {lower-case phrase: agent code}.

    Handles `!MARKER! = A, B` substitution sets, `{PLURAL}`/`{}` plural forms, regular
    plurals, and codes written `~GOV` (suffix) or `NGO~` (prefix); the `~` is dropped.
    """
    markers: dict[str, list[str]] = {}
    agents: dict[str, str] = {}

    def store(phrase: str, code: str) -> None:
        key = phrase_key(phrase.replace("_", " "))
        if key:
            agents.setdefault(key, code)

    for content, _ in _petrarch_lines(text):
        if "!" in content and "=" in content and "[" not in content:
            name, _, values = content.partition("=")
            markers[name.strip().strip("!")] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        if "[" not in content:
            continue
        head, _, rest = content.partition("[")
        code = rest.partition("]")[0].replace("~", "").strip()
        if not code:
            continue
        plural: str | None = None
        if "{" in head:
            plural = head[head.find("{") + 1 : head.find("}")].strip()
            head = head[: head.find("{")]
        phrase = head.strip()
        marker = re.search(r"!(\w+)!", phrase)
        if marker:
            for value in markers.get(marker.group(1), []):
                store(phrase.replace(marker.group(), value), code)
            continue
        words = phrase.replace("_", " ").split()
        if words and words[-1] in markers:  # a bare stem naming a substitution set (MINIST)
            for value in markers[words[-1]]:
                store(" ".join(words[:-1] + [value]), code)
            continue
        store(phrase, code)
        if plural is None:
            plural = regular_plural(phrase)
        if plural:
            store(plural, code)
    return agents


def regular_plural(phrase: str) -> str:
    """PETRARCH's automatic plural of the last word: -Y -> -IES, -S -> -SES, else -S."""
    phrase = phrase.rstrip("_ ")
    if not phrase:
        return ""
    if phrase[-1] in "yY" and phrase[-2:-1].lower() not in ("a", "e", "o", "u"):
        return phrase[:-1] + ("IES" if phrase.isupper() else "ies")
    suffix = "ES" if phrase[-1] in "sSxX" or phrase.upper().endswith(("CH", "SH")) else "S"
    return phrase + (suffix if phrase.isupper() else suffix.lower())


def _dictionary_text(path: Path, what: str) -> str:
    """A user's dictionary file: stray bytes are replaced, an unreadable file is a settings error."""
    try:
        return path.read_text("utf-8", errors="replace")
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read {what} dictionary: {exc}") from exc


def read_petrarch_actors(path: Path) -> list[DictionaryEntry]:
    return parse_petrarch_actors(_dictionary_text(path, "actor"))


def read_petrarch_agents(path: Path) -> dict[str, str]:
    return parse_petrarch_agents(_dictionary_text(path, "agents"))


# -- entries from codes ---------------------------------------------------------------------------


def country_of_code(code: str | None, known: Iterable[str]) -> str | None:
    """The ISO-3 country a CAMEO code starts with, if it is a known country."""
    if code and len(code) >= 3 and code[:3] in known:
        return code[:3]
    return None


def sector_of_code(code: str | None, known: Iterable[str]) -> str | None:
    """`IRNGOVMIL` -> `GOV`; `IGOUNO` -> `IGO`; `IRN` -> None."""
    if not code:
        return None
    if code[:3] in known:
        return code[3:6] or None
    return code[:3]


def kind_of_code(code: str | None, known_countries: Iterable[str]) -> str:
    if not code:
        return "organisation"
    if code.startswith("IGO"):
        return "igo"
    sector = sector_of_code(code, known_countries) or ""
    if sector in ("REB", "IMG", "UAF") or code.startswith("IMG"):
        return "group"
    return "organisation"


def entry_from_dictionary(record: DictionaryEntry, source: str, known: set[str]) -> KBEntry:
    """A user dictionary entry; a bare three-letter code makes it a country."""
    codes = tuple(record.codes)
    primary = codes[-1].code if codes else None
    is_country = len(codes) == 1 and primary is not None and len(primary) == 3 and primary in known
    return KBEntry(
        key=f"{source}:{phrase_key(record.phrase.replace('_', ' '))}",
        name=display_name(record.phrase),
        kind="country" if is_country else kind_of_code(primary, known),
        codes=codes,
        country=country_of_code(primary, known),
    )


# -- loading ------------------------------------------------------------------------------------


def _data_text(name: str) -> str:
    return resources.files(DATA_PACKAGE).joinpath(DATA_DIR, name).read_text("utf-8")


def _plural_demonyms(demonym: str) -> list[str]:
    """Iranian -> Iranians, Iraqi -> Iraqis; Chinese, Swiss and French have no -s plural."""
    if demonym.endswith(("ese", "ss", "sh", "ch", "s")):
        return []
    return [demonym + "s"]


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def add_countries(kb: ActorKB) -> None:
    rows = csv.DictReader(io.StringIO(_data_text("countries.csv")))
    for row in rows:
        iso3 = row["iso3"]
        country = KBEntry(f"country:{iso3}", row["name"], "country", (CodeSpell(iso3),), iso3)
        kb.countries[iso3] = country
        kb.country_names[iso3] = row["name"]
        kb.add_entry(country, [row["name"], *_split(row["variants"])], cased=True)
        for demonym in _split(row["demonyms"]):
            for form in [demonym, *_plural_demonyms(demonym)]:
                kb.add_phrase(form, country, demonym=True, cased=True)
        capital_entry = KBEntry(f"capital:{iso3}", row["name"], "capital", (CodeSpell(iso3 + "GOV"),), iso3)
        kb.add_entry(capital_entry, _split(row["capitals"]), cased=True)


def add_groups(kb: ActorKB, known: set[str]) -> None:
    for record in yaml.safe_load(_data_text("groups.yaml")) or []:
        code = record.get("code")
        entry = KBEntry(
            key=f"group:{phrase_key(record['name'])}",
            name=record["name"],
            kind=record.get("kind", "organisation"),
            codes=(CodeSpell(code),) if code else (),
            country=record.get("country") or country_of_code(code, known),
        )
        kb.add_entry(entry, [record["name"], *(str(alias) for alias in record.get("aliases") or [])], cased=True)


def add_roles(kb: ActorKB, roles: dict[str, str], agents: dict[str, str]) -> None:
    """Curated role words first, then the converted Phoenix agents."""
    for phrase, code in roles.items():
        kb.add_phrase(phrase, role_code=code)
        plural = regular_plural(phrase)
        if plural:
            kb.add_phrase(plural, role_code=code)
    for phrase, code in agents.items():
        kb.add_phrase(phrase, role_code=code)


def add_phoenix(kb: ActorKB, known: set[str]) -> None:
    data = json.loads(_data_text("phoenix_actors.json"))
    for record in data["actors"]:
        codes = tuple(
            CodeSpell(code, dt.date.fromisoformat(start) if start else None, dt.date.fromisoformat(end) if end else None)
            for code, start, end in record["codes"]
        )
        primary = codes[-1].code if codes else None
        entry = KBEntry(
            key=f"phoenix:{phrase_key(record['name'])}",
            name=record["name"],
            kind=record["kind"],
            codes=codes,
            country=country_of_code(primary, known),
        )
        kb.add_entry(entry, [record["name"], *record["aliases"]])
    for iso3, places in data["places"].items():
        if iso3 not in kb.countries:
            continue
        place_entry = KBEntry(f"place:{iso3}", kb.country_names[iso3], "place", (CodeSpell(iso3),), iso3)
        kb.add_entry(place_entry, places)


def add_user_dictionary(kb: ActorKB, path: Path, known: set[str]) -> int:
    """Add a PETRARCH actor dictionary (and `X.agents.txt` beside `X.actors.txt`)."""
    records = read_petrarch_actors(path)
    source = f"user:{path.stem}"
    # the dictionary's own bare three-letter codes are countries too (PETRARCH test sets invent some)
    known = known | {r.codes[0].code for r in records if len(r.codes) == 1 and len(r.codes[0].code) == 3}
    for record in records:
        entry = entry_from_dictionary(record, source, known)
        if entry.kind == "country" and entry.country:
            kb.country_names.setdefault(entry.country, entry.name)
        kb.add_entry(entry, [record.phrase, *record.synonyms])
    agents_path = path.with_name(path.name.replace("actors", "agents"))
    if agents_path != path and agents_path.is_file():
        for phrase, code in read_petrarch_agents(agents_path).items():
            kb.add_phrase(phrase, role_code=code)
    log.info("loaded %d actors from %s", len(records), path)
    return len(records)


def build_actor_kb(dictionary: Path | None = None, builtin: bool = True) -> ActorKB:
    """Assemble the knowledge base; a user dictionary's phrases take precedence over built-ins.

    With `builtin=False` only the user dictionary (and its agents) is used, as PETRARCH does.
    """
    config: dict[str, Any] = yaml.safe_load(_data_text("roles.yaml")) or {}
    kb = ActorKB(
        titles=frozenset(phrase_key(title) for title in config.get("titles", [])),
        locative_prepositions=frozenset(config.get("locative_prepositions", [])),
        country_links=frozenset(config.get("country_links", [])),
        noun_phrase_modifiers=frozenset(config.get("noun_phrase_modifiers", [])),
        organisation_words=frozenset(config.get("organisation_words", [])),
        resident_sectors=frozenset(config.get("resident_sectors", [])),
        name_particles=frozenset(config.get("name_particles", [])),
        sector_labels=dict(config.get("sector_labels", {})),
    )
    known = {row["iso3"] for row in csv.DictReader(io.StringIO(_data_text("countries.csv")))}
    if dictionary is not None:
        add_user_dictionary(kb, dictionary, known)
    if builtin:
        add_countries(kb)
        add_groups(kb, known)
        add_roles(kb, config.get("roles", {}), json.loads(_data_text("phoenix_agents.json")))
        add_phoenix(kb, known)
    log.info("actor knowledge base: %d phrases", len(kb))
    return kb


@functools.lru_cache(maxsize=4)
def cached_actor_kb(dictionary: str | None, builtin: bool) -> ActorKB:
    return build_actor_kb(Path(dictionary) if dictionary else None, builtin)

