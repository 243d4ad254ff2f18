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
from eventscope.records import Token

MEETING_ROOT = "04"


def is_no_encounter(parse: DependencyParse, verb: Token, code: str, has_target: bool, args: dict) -> bool:
    """True when a perceiving verb perceives no one, or a travelling verb meets no one."""
    if code[:2] != MEETING_ROOT:
        return False
    lemma = verb.lemma.lower()
    if lemma in args["travel_verbs"]:
        return not has_target
    if lemma not in args["perception_verbs"]:
        return False
    kids = parse.children[verb.i]
    objects = [c for c in kids if c.dep in args["object_deps"]]
    if not objects:  # "heard from the minister"
        objects = [o for p in kids if p.dep == "prep" and p.lemma.lower() in args["perceived_from"]
                   for o in parse.children[p.i] if o.dep == "pobj"]
    return not any(names_someone(parse, o, args) for o in objects)
