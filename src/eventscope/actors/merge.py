"""The same actor across articles: spelling variants, short forms and surname-only mentions
joined into one canonical actor.

People are compared with the transliteration-aware matcher of `common.names`, kept apart
when they only share a surname or belong to different countries; organisations join on
a shared name, short form or initials. Ids come from each cluster's content, so the same
input gives the same ids however a run is split.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from eventscope.actors.kb import phrase_key
from eventscope.actors.make import cameo_code, name_id, person_display_name
from eventscope.common.names import (
    Transliteration,
    acronym_key,
    initials,
    is_latin,
    person_names,
    same_person,
    surname_compatible,
    transliteration,
)
from eventscope.records import Actor


def union_by_id(actors: Iterable[Actor], fill_missing: bool = True) -> dict[str, Actor]:
    """One fresh Actor per id, with the aliases and roles of every copy united.

    The first copy gives name, kind, code, country and sector; with `fill_missing` a later
    copy fills those of code, sector and country the first lacks (its code too when it adds
    a sector to the same country). The store passes False:
    it never adds a code to a stored row either, so batches split differently store the same.
    """
    merged: dict[str, Actor] = {}
    for actor in actors:
        seen = merged.get(actor.id)
        if seen is None:
            merged[actor.id] = Actor(actor.id, actor.name, actor.code, actor.country, actor.sector,
                                     sorted(set(actor.aliases)), actor.kind, list(actor.roles))
        else:
            seen.aliases = sorted(set(seen.aliases) | set(actor.aliases))
            seen.roles = sorted(set(seen.roles) | set(actor.roles))
            if fill_missing:
                if not seen.sector and actor.sector and actor.country == seen.country:
                    seen.code = actor.code  # a later copy says what the person is ("Ortiz, an officer")
                seen.code = seen.code or actor.code
                seen.sector = seen.sector or actor.sector
                seen.country = seen.country or actor.country
    return merged


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


def merge_actors(actors: Iterable[Actor], existing: Iterable[Actor] = ()) -> dict[str, Actor]:
    """Map every input (and existing) actor id to its canonical actor, aliases united.

    A cluster's id is derived from its content (a person's fullest name and country, or
    the key of its most complete member), not from the order actors arrive in, so a run
    split in parts ends with the ids of a single run; an existing actor whose cluster grew
    may therefore be mapped to a new id.
    """
    pool = union_by_id([*existing, *actors])
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
