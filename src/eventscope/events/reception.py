"""Disapproval received: "the government is facing opposition from Tory MPs" is the Tories
disapproving of the government (CAMEO 110), "the decision drew condemnation from the EU" the
EU criticising whoever decided (111).

The verb (face, draw, meet with) tells that its subject received an act; the act itself is
its object noun, and the one who acts is named after "from" (or owns the noun: "drew the
EU's condemnation"). Read by the verb, such sentences coded the receiving ("met" 040, "drew"
0874) or the wrong way round. With no one named as acting, the criticism is of no source and
nothing is coded. Which verbs receive and which nouns disapprove are cue data (`reception`
in `data/cameo/cues.yaml`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from eventscope.common.parse import DependencyParse
from eventscope.events.arguments import SentenceArguments
from eventscope.records import Mention, Token

FROM = "from"
NEGATION = "neg"


@dataclass(frozen=True)
class Reception:
    """One act of disapproval received: the receiving verb, the act's noun, its code, who
    acts (`source`, None when no one is named) and on whom (`target`, the verb's subject or
    what it owns)."""

    verb: Token
    noun: Token
    code: str
    source: Mention | None
    target: Mention | None


def _nouns(parse: DependencyParse, verb: Token, prep: str | None) -> list[Token]:
    """The nouns a receiving verb takes: its objects ("faced criticism"), or the objects of
    its own preposition ("met with criticism", "came under attack"), with their conjuncts."""
    if prep is None:
        found = [c for c in parse.children[verb.i] if c.dep == "dobj"]
    else:
        found = [o for c in parse.children[verb.i] if c.dep == "prep" and c.lemma.lower() == prep
                 for o in parse.children[c.i] if o.dep == "pobj"]
    found += [c for noun in list(found) for c in parse.children[noun.i] if c.dep == "conj"]
    return found


def _actors(arguments: SentenceArguments, parse: DependencyParse, verb: Token, noun: Token) -> list[Mention]:
    """Who acts: the "from" phrase of the noun, or of the verb where the parse hangs it
    there ("faced opposition [from Tory MPs]"), else the noun's possessor."""
    froms = [c for holder in (noun, verb) for c in parse.children[holder.i]
             if c.dep == "prep" and c.lemma.lower() == FROM]
    heads = [o for c in froms for o in parse.children[c.i] if o.dep == "pobj"]
    heads += [c for c in parse.children[noun.i] if c.dep == "poss"]
    for head in heads:
        found = [m for m, _ in arguments.phrase_actors([head])]
        if found:
            return found
    return []


def receptions(parse: DependencyParse, arguments: SentenceArguments, cues: dict) -> Iterator[Reception]:
    """Every act of disapproval the sentence's receiving verbs tell, one per actor acting
    (one with no source when none is named: the verb then tells no act of its own either)."""
    table = cues["reception"]
    verbs: dict[str, str | None] = table["verbs"]
    nouns: dict[str, str] = table["nouns"]
    for verb in parse.tokens:
        lemma = verb.lemma.lower()
        if verb.pos != "VERB" or lemma not in verbs or parse.child(verb, {NEGATION}) is not None:
            continue
        for noun in _nouns(parse, verb, verbs[lemma]):
            code = nouns.get(noun.lemma.lower())
            if code is None:
                continue
            sources = _actors(arguments, parse, verb, noun)
            subjects, passive = arguments.subjects(verb)
            received = [m for m, _ in arguments.phrase_actors(subjects)] if not passive else []
            candidates: list[Mention | None] = [*sources] or [None]
            for source in candidates:
                target = next((m for m in received if source is None or m.actor.id != source.actor.id), None)
                yield Reception(verb, noun, code, source, target)
            break
