"""Clause shapes that tell no act of their own, whatever their verb: a verb that only dates
the act it governs ("is going to attack"), a participle clause setting the scene ("Asked if
he would quit, he said ..."), a participle describing a noun ("the deal bringing Turkey
closer")."""

from __future__ import annotations

from typing import Any

from eventscope.common.parse import DependencyParse
from eventscope.records import Token


def marks_future(parse: DependencyParse, verb: Token, args: dict[str, Any]) -> bool:
    """"is going to attack": the verb governs the act's infinitive and only dates it."""
    if verb.lemma.lower() not in args["future_verbs"]:
        return False
    return any(
        c.dep == "xcomp" and any(a.dep in ("aux", "auxpass") and a.tag == "TO" for a in parse.children[c.i])
        for c in parse.children[verb.i]
    )


def is_leading_adjunct(parse: DependencyParse, verb: Token) -> bool:
    """"Asked if he would quit, he said ...", "Speaking in Nairobi, ...": a subjectless
    participle clause before its main verb sets the scene (often a reporter's question);
    it tells no act of its own."""
    head = parse.head(verb)
    return (
        verb.dep == "advcl"
        and verb.tag in ("VBG", "VBN")
        and head is not None
        and verb.i < head.i
        and not any(c.dep in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in parse.children[verb.i])
    )


def is_participle_of_noun(parse: DependencyParse, verb: Token) -> bool:
    """A participle describing a noun ("the deal bringing Turkey closer"), not an infinitive."""
    return verb.dep == "acl" and verb.tag in ("VBG", "VBN") and not any(
        c.dep in ("aux", "auxpass") for c in parse.children[verb.i]
    )
