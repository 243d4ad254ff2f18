"""People the text marks as private individuals: civilians of their country.

News gives a private person an age or a home town beside the name ("34-year-old Zurana
Horton", "Orozco, 27,", "Moazzam Begg, from Birmingham,") where it gives an official a
title. Such a person with no role, office or organisation is coded as the conventions code
victims, detainees and citizens: their country's civilians (GBR -> GBRCVL).
"""

from __future__ import annotations

from eventscope.actors.kb import ActorKB
from eventscope.actors.make import UNKNOWN_COUNTRY
from eventscope.records import Actor, Mention

CIVILIAN = "CVL"
# How far before a name an age may start ("a 34 - year old ").
BEFORE_WINDOW = 24


def private_people(text: str, mentions: list[Mention], kb: ActorKB) -> set[str]:
    """Ids of the people some mention of whom the text marks with an age or a home town."""
    marked: set[str] = set()
    for mention in mentions:
        if mention.actor.kind != "person" or mention.rule == "pronoun":
            continue
        before = text[max(0, mention.start - BEFORE_WINDOW) : mention.start]
        if any(cue.search(before) for cue in kb.private_before) or any(
            cue.match(text, mention.end) for cue in kb.private_after
        ):
            marked.add(mention.actor.id)
    return marked


def as_civilian(actor: Actor) -> None:
    """Code a person of known country with no sector or role as that country's civilians."""
    if actor.country and actor.country != UNKNOWN_COUNTRY and not (actor.sector or actor.roles):
        actor.sector, actor.code = CIVILIAN, actor.country + CIVILIAN
