"""The actor knowledge base assembled from data: built-in entries from `data/actors/` (a
curated country table and group list, and the Phoenix dictionaries converted by
`scripts/build_actor_data.py`), and a user's PETRARCH dictionary (`--actors FILE`, with an
optional `*.agents.txt` beside it), whose entries take precedence.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import logging
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from eventscope.actors.kb import (
    CITY_KEY,
    FORMER_OFFICE_SECTOR,
    PARTY_KEY,
    ActorKB,
    CodeSpell,
    KBEntry,
    phrase_key,
)
from eventscope.actors.petrarch import (
    DictionaryEntry,
    display_name,
    read_petrarch_actors,
    read_petrarch_agents,
    regular_plural,
)
from eventscope.common.places import name_key

log = logging.getLogger(__name__)

DATA_PACKAGE = "eventscope.data"
DATA_DIR = "actors"
CORPORATION, BUSINESS, MEDIA = "MNC", "BUS", "MED"  # Phoenix's multinational-firm prefix; conventions' sectors
IGO = "IGO"  # Phoenix's prefix of international organisations
# Curated people by date: the newest roles first (Phoenix's entries come after and lose).
PEOPLE_FILES = ("people.yaml", "people_us.yaml", "people_world.yaml")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built in: these files are long


# -- entries from codes ---------------------------------------------------------------------------


def country_of_code(code: str | None, known: Iterable[str]) -> str | None:
    """The ISO-3 country a CAMEO code starts with, if it is a known country."""
    if code and len(code) >= 3 and code[:3] in known:
        return code[:3]
    return None


def company_code(code: str, known: Iterable[str]) -> str:
    """Phoenix's firms of a known home country (`MNCDEU` Deutsche Bank, `MNCUSAHLH` a drug
    maker) as the conventions code companies: their country's business (`DEUBUS`), or its
    media for a media firm (`MNCUSAMED` -> `USAMED`). Firms of no stated country stay `MNC`."""
    if not code.startswith(CORPORATION) or code[3:6] not in known:
        return code
    return code[3:6] + (MEDIA if code[6:9] == MEDIA else BUSINESS)


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


@functools.cache
def country_rows() -> tuple[dict[str, str], ...]:
    """The rows of the country table (iso3, name, variants, demonyms, capitals), read once."""
    return tuple(csv.DictReader(io.StringIO(_data_text("countries.csv"))))


def add_countries(kb: ActorKB) -> None:
    for row in country_rows():
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


def _spell(code: str, start: object, end: object) -> CodeSpell:
    """A code with its ISO-dated bounds as the data files write them (either may be null)."""
    return CodeSpell(code, dt.date.fromisoformat(str(start)) if start else None,
                     dt.date.fromisoformat(str(end)) if end else None)


def add_parties(kb: ActorKB) -> None:
    """Political parties, their sector by date: GOV while governing, OPP out of office."""
    for record in yaml.safe_load(_data_text("parties.yaml")) or []:
        country = record["country"]
        spells = tuple(_spell(country + sector, start, end) for sector, start, end in record.get("spells") or [])
        entry = KBEntry(
            key=f"{PARTY_KEY}{phrase_key(record['name'])}",
            name=record["name"],
            kind="organisation",
            codes=spells or (CodeSpell(country + "PTY"),),
            country=country,
        )
        kb.add_entry(entry, [str(alias) for alias in record["aliases"]], cased=True)
        members = [str(word) for word in record.get("members") or []]
        kb.add_entry(entry, members, cased=True)
        kb.member_words |= {phrase_key(word) for word in members}
        kb.shared_party_names |= {phrase_key(str(alias)) for alias in record.get("shared") or []}


def home_divisions(divisions: dict[str, frozenset[str]], countries: list[str]) -> dict[str, str]:
    """Lower-cased division name -> its country, for the listed countries' divisions whose
    name no other listed country shares and that are no country's name ("Georgia")."""
    import pycountry

    named = ((name, country) for country in countries for name in divisions.get(country, frozenset()))
    return _sole_owners(named, {c.name.lower() for c in pycountry.countries})


def division_owners(divisions: dict[str, frozenset[str]], affixes: dict[str, list[str]]) -> dict[str, str]:
    """Folded division name -> its country, for every country's divisions whose name no
    other country shares and that are no country's name, also without an article or a
    kind word ("al anbar" as "anbar", "farah province" as "farah")."""
    import pycountry

    def forms(name: str) -> set[str]:
        key = name_key(name)
        return ({key} | {key.removeprefix(p) for p in affixes["prefixes"] if key.startswith(p)}
                | {key.removesuffix(s) for s in affixes["suffixes"] if key.endswith(s)})

    named = ((form, country) for country, names in divisions.items() for name in names for form in forms(name))
    return _sole_owners(named, {name_key(c.name) for c in pycountry.countries})


def _sole_owners(named: Iterable[tuple[str, str]], country_names: set[str]) -> dict[str, str]:
    """Name -> country for the names only one country has and that name no country."""
    owners: dict[str, set[str]] = {}
    for name, country in named:
        owners.setdefault(name, set()).add(country)
    return {name: next(iter(found)) for name, found in owners.items() if len(found) == 1 and name not in country_names}


def first_level_divisions() -> dict[str, frozenset[str]]:
    """ISO 3166-2 first-level divisions by country (pycountry): "Georgia" in a story about
    the United States is a state, not the country."""
    import pycountry

    by_country: dict[str, set[str]] = {}
    for division in pycountry.subdivisions:
        if division.parent_code is None:
            country = pycountry.countries.get(alpha_2=division.country_code)
            if country is not None:
                by_country.setdefault(country.alpha_3, set()).add(division.name.lower())
    return {country: frozenset(names) for country, names in by_country.items()}


def add_divisions_named_like_countries(kb: ActorKB) -> None:
    """A first-level division whose name holds another country's ("Northern Ireland", "New
    Mexico") is a place of its own country, so the other country is not matched inside it."""
    names = {name.lower(): iso3 for iso3, name in kb.country_names.items()}
    for country, divisions in kb.divisions.items():
        if country not in kb.country_names:
            continue
        for division in divisions:
            words = division.split()
            inside = {names.get(" ".join(words[i:j])) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
            if len(words) > 1 and inside - {None, country}:
                place = KBEntry(f"division:{phrase_key(division)}", division.title(), "place", (CodeSpell(country),),
                                country)
                kb.add_entry(place, [division])


def add_cities_named_like_countries(kb: ActorKB) -> None:
    """A city whose name holds another country's adjective ("Spanish Town" in Jamaica,
    "Spanish Fork" in Utah) is a place of its own country, so the other country is not
    matched inside it (`ActorKB` matches such a city only capitalised: "a Spanish town" is
    Spain's). A country's own name in a city's is left alone: "Mount Lebanon" and "South
    Holland" are also regions of those countries."""
    from eventscope.common.places import load_gazetteer

    for places in load_gazetteer().cities.values():
        for city in places:
            words = city.name.split()
            if len(words) < 2:
                continue
            inside = {kb.demonym_country(word) for word in words}
            if inside - {None, city.country}:
                place = KBEntry(f"{CITY_KEY}{phrase_key(city.name)}", city.name, "place", (CodeSpell(city.country),),
                                city.country)
                kb.add_entry(place, [city.name])


def add_people(kb: ActorKB, phoenix: dict[str, Any]) -> None:
    """Office holders the Phoenix dictionaries predate or lack, with their roles by date."""
    earlier = {phrase_key(alias): record for record in phoenix["actors"] if record["kind"] == "person"
               for alias in (record["name"], *record["aliases"])}
    for name in PEOPLE_FILES:
        for record in yaml.load(_data_text(name), Loader=_YAML_LOADER) or []:
            _add_person(kb, record, earlier)


def _add_person(kb: ActorKB, record: dict[str, Any], earlier: dict[str, dict[str, Any]]) -> None:
    """A curated person's spells are their public record since the first of them; the
    Phoenix entry of the same name keeps the offices that ended before it (Barham Salih a
    minister in 2005, president from 2018). Between offices and after the last has ended,
    someone is a former office holder (the country's elite, `ELI`, as Phoenix codes them:
    John Kerry in 2019), not a citizen of no sector."""
    spells = tuple(_spell(code, start, end) for code, start, end in record["spells"])
    first = min((spell.start for spell in spells if spell.start), default=None)
    known = next((earlier[key] for key in map(phrase_key, map(str, record["aliases"])) if key in earlier), None)
    if known is not None and first is not None:
        spells += tuple(spell for spell in (_spell(*code) for code in known["codes"])
                        if spell.start and spell.end and spell.end <= first)
    # their country: of the first office not in an international organisation (Michel Barnier FRA)
    country = next((spell.code[:3] for spell in spells if not spell.code.startswith(IGO)), spells[-1].code[:3])
    spells += _out_of_office(spells, country + FORMER_OFFICE_SECTOR)
    entry = KBEntry(key=f"person:{phrase_key(record['name'])}", name=record["name"], kind="person", codes=spells,
                    country=country)
    kb.add_entry(entry, [str(alias) for alias in record["aliases"]], cased=True)


def _out_of_office(spells: tuple[CodeSpell, ...], former: str) -> tuple[CodeSpell, ...]:
    """`former` spells for the gaps between offices, and an undated one (the fallback of
    `KBEntry.code_on`) when every office has ended. They come after the offices, which win
    on the days they share."""
    gaps: list[CodeSpell] = []
    ended: dt.date | None = None
    for spell in sorted((spell for spell in spells if spell.start), key=lambda spell: spell.start):
        if ended is not None and spell.start and spell.start > ended:
            gaps.append(CodeSpell(former, ended, spell.start))
        if spell.end is None:
            break
        ended = spell.end if ended is None else max(ended, spell.end)
    if all(spell.end is not None for spell in spells):
        gaps.append(CodeSpell(former))
    return tuple(gaps)


def add_roles(kb: ActorKB, roles: dict[str, str], agents: dict[str, str], config: dict[str, Any]) -> None:
    """Curated role words first, then the converted Phoenix agents in the conventions' sectors."""
    for phrase, code in roles.items():
        kb.add_phrase(phrase, role_code=code)
        plural = regular_plural(phrase)
        if plural:
            kb.add_phrase(plural, role_code=code)
    for phrase, code in agents.items():
        kb.add_phrase(phrase, role_code=agent_sector(phrase, code, config))


def agent_sector(phrase: str, code: str, config: dict[str, Any]) -> str:
    """A Phoenix agent's code as the project codes it: a clergy word under a religion's code
    ("catholic priest" CHRCTH) is a religious figure (REL), a faith's believers ("muslims")
    and "people" (PPL) are civilians (CVL)."""
    religions = set(config.get("religion_codes", []))
    clergy = set(config.get("clergy_words", []))
    head = phrase.split()[-1] if phrase.split() else ""
    if code[:3] in religions and (head in clergy or head.removesuffix("s") in clergy or head.removesuffix("es") in clergy):
        return "REL"
    if code[:3] in religions and phrase in config.get("believers", []):
        return "CVL"
    alias = config.get("sector_aliases", {}).get(code[:3])
    return alias + code[3:] if alias else code


def add_phoenix(kb: ActorKB, known: set[str], data: dict[str, Any]) -> None:
    for record in data["actors"]:
        codes = tuple(_spell(company_code(code, known), start, end) for code, start, end in record["codes"])
        primary = record["codes"][-1][0] if codes else None
        entry = KBEntry(
            key=f"phoenix:{phrase_key(record['name'])}",
            name=record["name"],
            kind=record["kind"],
            codes=codes,
            country=country_of_code(primary, known),  # a firm's home says nothing of where the article is
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
        organisation_roles=frozenset(config.get("organisation_roles", [])),
        rank_roles=frozenset(config.get("rank_roles", [])),
        armament_roles=frozenset(config.get("armament_roles", [])),
        former_words=frozenset(config.get("former_words", [])),
        shadow_words=frozenset(config.get("shadow_words", [])),
        office_sectors=frozenset(config.get("office_sectors", [])),
        abbreviated_titles=dict(config.get("abbreviated_titles", {})),
        document_words=frozenset(config.get("document_words", [])),
        divisions=(divisions := first_level_divisions()),
        division_owners=division_owners(divisions, config["division_affixes"]),
        home_divisions={name: country for name, country in
                        home_divisions(divisions, config.get("home_division_countries", [])).items()
                        if name not in config.get("home_division_exceptions", [])},
        person_tags=tuple((re.compile(tag["pattern"]), tag["country"], tag["sector"])
                          for tag in config.get("person_tags", [])),
        title_cues=tuple(re.compile(cue) for cue in config.get("title_cues", [])),
        private_before=tuple(re.compile(cue) for cue in config.get("private_person_cues", {}).get("before", [])),
        private_after=tuple(re.compile(cue) for cue in config.get("private_person_cues", {}).get("after", [])),
        accused_cues={kind: frozenset(words) for kind, words in config.get("accused_cues", {}).items()},
        resident_sectors=frozenset(config.get("resident_sectors", [])),
        foreign_words=frozenset(config.get("foreign_words", [])),
        group_counts=dict(config.get("group_counts", {})),
        name_particles=frozenset(config.get("name_particles", [])),
        post_nominals=dict(config.get("post_nominals", {})),
        igo_member_sectors=frozenset(config.get("igo_member_sectors", [])),
        organisation_heads=dict(config.get("organisation_heads", {})),
        institution_words=frozenset(config.get("institution_words", [])),
        owned_nouns={noun: sector or "" for noun, sector in (config.get("owned_nouns") or {}).items()},
        sector_labels=dict(config.get("sector_labels", {})),
    )
    known = {row["iso3"] for row in country_rows()}
    if dictionary is not None:
        add_user_dictionary(kb, dictionary, known)
    if builtin:
        add_countries(kb)
        add_groups(kb, known)
        add_parties(kb)
        phoenix = json.loads(_data_text("phoenix_actors.json"))
        add_people(kb, phoenix)
        add_roles(kb, config.get("roles", {}), json.loads(_data_text("phoenix_agents.json")), config)
        add_phoenix(kb, known, phoenix)
        add_divisions_named_like_countries(kb)
        add_cities_named_like_countries(kb)
    log.info("actor knowledge base: %d phrases", len(kb))
    return kb


@functools.lru_cache(maxsize=4)
def cached_actor_kb(dictionary: str | None, builtin: bool) -> ActorKB:
    return build_actor_kb(Path(dictionary) if dictionary else None, builtin)
