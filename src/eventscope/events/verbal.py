"""Verbs of violence said of words: "Blair attacked the Tories' plans", "Brown hammered the
Conservatives over tax", "blasted the decision". News English criticises with the verbs of
attack; the Phoenix dictionary reads them as force (190), or by patterns that miss their
sense ("hammered ... over" as a rejection, "blasted ... plans" as a complaint).

Such a verb is criticism (CAMEO 111) when what it hits is a thing of words or policy (its
object's head is one of `verbal.things`: "plans", "decision", "record", "remarks") or a
party whose issue an "over"/"for" phrase gives ("hammered the Tories over tax"). Hitting
people, forces, places or buildings stays force, and a verb with a particle is another verb
("hammer out a deal").
"""

from __future__ import annotations

from dataclasses import dataclass

from eventscope.common.parse import DependencyParse
from eventscope.records import Token


@dataclass(frozen=True)
class VerbalAttack:
    """`verbs`: attack verbs news uses for criticism; `things`: nouns of words and policy;
    `issue_preps`: prepositions giving what a party is attacked over; `code`: criticism."""

    verbs: frozenset[str]
    things: frozenset[str]
    issue_preps: frozenset[str]
    object_deps: frozenset[str]
    code: str

    @classmethod
    def from_cues(cls, cues: dict) -> VerbalAttack:
        data = cues["verbal"]
        return cls(frozenset(data["verbs"]), frozenset(data["things"]), frozenset(data["issue_preps"]),
                   frozenset(cues["arguments"]["object_deps"]), str(data["code"]))

    def code_of(self, parse: DependencyParse, verb: Token) -> str | None:
        """Criticism's code when the attack verb hits words or policy, else None."""
        kids = parse.children[verb.i]
        if verb.lemma.lower() not in self.verbs or any(c.dep == "prt" for c in kids):
            return None  # "hammered out a deal"
        objects = [c for c in kids if c.dep in self.object_deps]
        if any(o.lemma.lower() in self.things for o in objects):
            return self.code  # "attacked the Tories' plans"
        issue = any(c.dep == "prep" and c.lemma.lower() in self.issue_preps for c in kids)
        parties = any(o.ent_type in ("ORG", "NORP", "PERSON") or o.pos == "PROPN" for o in objects)
        return self.code if issue and parties else None  # "hammered the Tories over tax"
