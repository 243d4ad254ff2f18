"""A definite description of a party's officer right after a person the text does not
describe is that person, as a reader takes it: "... backed Michael Howard's stance. The Tory
leader supports a reduction" makes Michael Howard the Conservatives' (GBROPP)."""

from __future__ import annotations

import re

from eventscope.records import Actor, Mention

OFFICER_RULE = "party-officer"  # the rule of a mention like "Tory leader" (actors.resolve)
DEFINITE_BEFORE = re.compile(r"\b[Tt]he\s+$")
DEFINITE_WINDOW = 5
REACH = 1  # sentences back the described person may be named


def describe_people(text: str, mentions: list[Mention], shared: dict[str, Actor]) -> None:
    """Give the one undescribed person named in this or the previous sentence, before "the
    Tory leader", that officer's party code and role."""
    for description in mentions:
        if description.rule != OFFICER_RULE or not DEFINITE_BEFORE.search(
            text, max(0, description.start - DEFINITE_WINDOW), description.start
        ):
            continue
        party = shared[description.actor.id]
        candidates = {
            m.actor.id for m in mentions
            if m.actor.kind == "person" and m.end <= description.start and 0 <= description.sentence - m.sentence <= REACH
            and not shared[m.actor.id].sector and shared[m.actor.id].country in (None, party.country)
        }
        if len(candidates) == 1:
            person = shared[candidates.pop()]
            person.code, person.sector, person.country = party.code, party.sector, party.country
            person.roles = sorted({*person.roles, *([description.role] if description.role else [])})
