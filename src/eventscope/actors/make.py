"""Actor records: from a dictionary entry, a country and role word, or a name and its context.

A person's id comes from the name's spelling-tolerant key, so the dictionary, the context
rules and the merge across articles give one person one id.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from eventscope.actors.kb import PARTY_KEY, ActorKB, KBEntry
from eventscope.common.names import is_latin, name_key
from eventscope.records import Actor, content_id

UNKNOWN_COUNTRY = "---"
GOVERNMENT, PARTY, OPPOSITION = "GOV", "PTY", "OPP"
EDITORIAL_BRACKETS = re.compile(r"[\[\]{}]")


def name_id(kind: str, country: str | None, name: str) -> str:
    """Id of a named person or organisation: spelling variants of one name share it."""
    return content_id("actor", kind, country or "", name_key(name))


def actor_from_entry(entry: KBEntry, kb: ActorKB, day: dt.date | None, surface: str) -> Actor:
    """The actor a dictionary entry stands for on `day` (codes may be date-bounded).

    A known person gets the same id as that name found by context would, so the
    dictionary and the context rules never split one person in two. A governing party
    named by its full name ("the Labour Party") is the party as such (PTY), as the
    conventions code a party acting as a party rather than as the government.
    """
    code = entry.code_on(day)
    known = kb.country_names
    country = code[:3] if code and code[:3] in known else entry.country
    sector = None
    if code:
        sector = (code[3:6] or None) if code[:3] in known else code[:3]
    key = entry.key
    if key.startswith(PARTY_KEY) and sector == GOVERNMENT and surface.lower().endswith("party") and country:
        # "the Labour Party": the governing party named as an organisation is the party as such
        code, sector, key = country + PARTY, PARTY, f"{key}:{PARTY}"
    kind = {"capital": "organisation", "place": "country"}.get(entry.kind, entry.kind)
    return Actor(
        id=name_id(kind, country, entry.name) if kind == "person" else content_id("actor", key),
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


def display_person(name: str) -> str:
    """ALIREZA SABAHIFAR -> Alireza Sabahifar; mixed-case names are kept as written, less an
    editor's brackets ("[Robert] Mueller" -> Robert Mueller)."""
    name = " ".join(EDITORIAL_BRACKETS.sub("", name).split())
    if name.isupper():
        return " ".join(part.capitalize() if part.isalpha() else part.title() for part in name.split())
    return name


def person_display_name(aliases: Iterable[str]) -> str | None:
    """The fullest Latin-script form among a person's aliases: most words, mixed case, then
    the longest spelling (a dropped final letter is the likelier slip)."""
    latin = [alias for alias in aliases if is_latin(alias)]
    if not latin:
        return None
    best = min(latin, key=lambda alias: (-len(alias.split()), alias.isupper(), -len(alias), alias))
    return display_person(best)
