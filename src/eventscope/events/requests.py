"""When "ask" is a request (CAMEO 02) and when it is a question.

The CAMEO verb dictionary's default for ASK is an appeal (020), but most of news's "asked"
are questions: "a reporter asked Montoya-Lewis, 'What do you see...?'", "King asked.",
"asked if he would resign", "asked what he thought". Only something asked for is an
appeal: an act ("asked Iran to release them", "asked that he refrain"), or a thing ("asked
for help"); the dictionary's patterns ("asked permission", "asked for asylum") code the
rest. A verb listed in `arguments.request_defaults` keeps its default code only then.

Likewise "suggest" and "hint" propose (020) only an act or a thing ("suggested holding
talks", "suggested a meeting", "suggested that he should resign", "advised them to leave");
"suggested Mr Brown had known", "hinted further reforms could be unveiled" are claims
(`arguments.proposal_defaults`).
"""

from __future__ import annotations

from eventscope.common.parse import DependencyParse
from eventscope.records import Token

ASKED_THAT = "that"
ASKED_FOR = "for"
SHOULD = frozenset({"should", "must", "ought"})


def asks_for_something(parse: DependencyParse, verb: Token) -> bool:
    """True when `verb` has an infinitive, a "that" clause or a "for" phrase after it."""
    for child in parse.children[verb.i]:
        if child.i < verb.i:
            continue
        if child.dep == "xcomp":
            return True
        if child.dep == "prep" and child.lemma.lower() == ASKED_FOR:
            return True
        if child.dep == "ccomp":
            marks = parse.children[child.i]
            if any(m.dep in ("aux", "auxpass") and m.tag == "TO" for m in marks):
                return True
            if any(m.dep == "mark" and m.lemma.lower() == ASKED_THAT for m in marks):
                return True
    return False


def addressed_by(parse: DependencyParse, governor: Token, clause: Token, preps: frozenset[str] | list[str]) -> list[Token]:
    """Whom a verb of asking addresses by a preposition before the act it asks for ("called
    on Sweden to expel", "appealed to Iraq to release"): the objects of those prepositions."""
    return [o for p in parse.children[governor.i] if p.dep == "prep" and p.lemma.lower() in preps and p.i < clause.i
            for o in parse.children[p.i] if o.dep == "pobj"]


def proposes_something(parse: DependencyParse, verb: Token) -> bool:
    """True when `verb` has an object, an infinitive or gerund, or a clause of what should
    be done (a "should" clause, a bare subjunctive: "suggested he resign") after it."""
    for child in parse.children[verb.i]:
        if child.i < verb.i:
            continue
        if child.dep in ("dobj", "xcomp"):
            return True
        if child.dep == "ccomp":
            auxiliaries = {c.lemma.lower() for c in parse.children[child.i] if c.dep in ("aux", "auxpass")}
            return bool(auxiliaries & SHOULD) or child.tag == "VBG" or (child.tag == "VB" and not auxiliaries)
    return False
