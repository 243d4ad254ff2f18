"""When a verb of perceiving or travelling is a meeting (CAMEO 04).

Phoenix codes "hear", "learn", "face", "arrive" and "travel" as consultations, but the
CAMEO manual's 04 is an encounter between parties: "heard the delegation", "faced the
committee" and "arrived in Kenya" are; "heard a loud sound", "learned nothing from their
defeats", "faced problems" and "arrived within seconds of each other" are not. A
perceiving verb is a meeting only when what it perceives names someone (its object, else
the party it hears from); a travelling verb only when it has a counterpart.
"""

from __future__ import annotations

from eventscope.common.parse import DependencyParse
from eventscope.events.senses import names_someone
from eventscope.records import Mention, Token

MEETING_ROOT = "04"


def is_no_encounter(parse: DependencyParse, verb: Token, code: str, target: Mention | None, args: dict) -> bool:
    """True when a perceiving verb perceives no one, a travelling verb meets no one, a
    conversation has no one talked with, or a journey's end is an institution as a place."""
    if code[:2] != MEETING_ROOT:
        return False
    if target is not None and target.actor.kind != "person" and (
            target.actor.sector or (target.actor.code or "")[3:6]) in args["place_sectors"]:
        return True  # "travel to the hospital", "attended the University of New Mexico"
    lemma = verb.lemma.lower()
    if lemma in args["travel_verbs"]:
        return target is None
    if lemma in args["conversation_verbs"]:
        return not any(p.dep == "prep" and p.lemma.lower() in args["conversation_preps"] for p in parse.children[verb.i])
    if lemma not in args["perception_verbs"]:
        return False
    kids = parse.children[verb.i]
    objects = [c for c in kids if c.dep in args["object_deps"]]
    if not objects:  # "heard from the minister"
        objects = [o for p in kids if p.dep == "prep" and p.lemma.lower() in args["perceived_from"]
                   for o in parse.children[p.i] if o.dep == "pobj"]
    return not any(names_someone(parse, o, args) for o in objects)
