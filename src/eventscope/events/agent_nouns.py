"""Events told by a noun whose agent the noun phrase itself names.

News often reports an act only as a noun, with no verb of its own to code: "the Lords
rejected a plea by Lord Falconer", "Syria's denials that it was implicated", "a complaint
from the Lib Dems about Labour", "the latest donation to the party by the billionaire".
A support verb ("made a plea") is read by `nominal`; here the noun stands in any other
place, and it is an event only when its phrase names who acted: its "by" phrase, for
verbal acts its "from" phrase, or its owner ("Syria's", "Tory demands") when the phrase
tells the act afresh. Whom it aims at is its "to", "against", "on", "with" or "of"
phrase, else whom its content names, else, for an appeal, offer, consultation or demand
that a verb of answering takes ("rejected", "is resisting"), that verb's subject. The noun
reports an act that took place, so it is asserted unless its own determiner denies it
("there can be no deal"). These words are cue data (`agent_nouns` in
`data/cameo/cues.yaml`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from eventscope.common.parse import DependencyParse
from eventscope.events.arguments import SentenceArguments
from eventscope.events.nominal import EventNouns
from eventscope.events.verbs import VerbDictionary
from eventscope.records import Mention, Token


@dataclass(frozen=True)
class NounAct:
    """One act a noun names: the noun, its code and rule, who acts and on whom."""

    noun: Token
    code: str
    rule: str
    source: Mention
    target: Mention | None


def _prep_objects(parse: DependencyParse, noun: Token, preps: list[str]) -> list[Token]:
    return [o for p in parse.children[noun.i] if p.dep == "prep" and p.lemma.lower() in preps
            for o in parse.children[p.i] if o.dep in ("pobj", "pcomp")]


def _supported(parse: DependencyParse, noun: Token, nouns: EventNouns) -> bool:
    head = parse.tokens[noun.head]
    return head.i != noun.i and head.pos == "VERB" and head.lemma.lower() in nouns.support_verbs


def _quoted(parse: DependencyParse, noun: Token, cues: dict) -> bool:
    """A noun in quotation marks ("a 'humiliating retreat'") is someone's label for an act."""
    return any(c.dep == "punct" and c.text in cues["quote_marks"] for c in parse.children[noun.i])


def _denied_receipt(parse: DependencyParse, noun: Token, receiving: dict) -> bool:
    """The noun is what a negated verb of receiving takes ("did not face criticism",
    "did not come under attack")."""
    verb = parse.tokens[noun.head]
    if verb.pos == "ADP":
        verb = parse.tokens[verb.head]
    return verb.lemma.lower() in receiving and parse.child(verb, {"neg"}) is not None


def _circumstance(parse: DependencyParse, noun: Token, cues: dict) -> bool:
    """The noun tells in what a verb's act happened ("were wounded in an attack by Turkish
    troops"): the verb tells that act, with its agent (`implied`)."""
    prep = parse.tokens[noun.head]
    return noun.dep == "pobj" and prep.lemma.lower() in cues["circumstance_preps"] and (
        parse.tokens[prep.head].pos == "VERB")


def _agents(parse: DependencyParse, arguments: SentenceArguments, noun: Token, code: str, cues: dict,
            aimed: bool) -> tuple[list[Mention], list[Token]]:
    """Who acts: the "by" phrase, or (verbal acts) the "from" phrase; an owner only for
    an act the phrase tells afresh, by what it says or whom it aims at ("Syria's denials
    that ...", "Labour's attack on the Tories"), not one it refers back to ("Mr Brown's
    trip", "the government's offer"). With them, the phrase heads that named them."""
    heads = _prep_objects(parse, noun, ["by"]) + _hung_agents(parse, arguments, noun)
    if code[:2] in cues["from_roots"]:
        heads += _prep_objects(parse, noun, ["from"])
    if aimed or any(c.dep in cues["content_deps"] or c.dep == "prep" and c.lemma.lower() in cues["content_preps"]
                    for c in parse.children[noun.i]):
        heads += [c for c in parse.children[noun.i] if c.dep in cues["owner_deps"]]
    found = arguments.phrase_actors(heads)
    return [m for m, _ in found], [h for _, h in found]


def _hung_agents(parse: DependencyParse, arguments: SentenceArguments, noun: Token) -> list[Token]:
    """A "by" phrase right after an object noun that the parse hangs from an active verb:
    "is resisting mediation [by a priest]" (an active verb has no agent of its own)."""
    head = parse.tokens[noun.head]
    if noun.dep != "dobj" or arguments.subjects(head)[1]:
        return []
    return [o for p in parse.children[head.i] if p.dep == "prep" and p.lemma.lower() == "by" and p.i == noun.i + 1
            for o in parse.children[p.i] if o.dep == "pobj"]


def _addressee(parse: DependencyParse, arguments: SentenceArguments, noun: Token, cues: dict) -> list[Mention]:
    """Who was asked or offered something: the subject of the verb of answering that takes
    the noun ("the Lords rejected a plea by X": the plea was made to the Lords)."""
    verb = parse.tokens[noun.head]
    if noun.dep != "dobj" or verb.lemma.lower() not in cues["answering_verbs"]:
        return []
    subjects, passive = arguments.subjects(verb)
    return [] if passive else [m for m, _ in arguments.phrase_actors(subjects)]


def noun_acts(parse: DependencyParse, arguments: SentenceArguments, nouns: EventNouns,
              dictionary: VerbDictionary, all_cues: dict, received: set[int]) -> Iterator[NounAct]:
    """Every act a noun of the sentence names with its agent. Nouns a support verb takes
    ("made a plea", told by `nominal`) and acts received (`received`, "faced criticism
    from", told by `reception`) are left to those, as are acts a receiving verb denies
    ("did not face criticism from the EU": none was made)."""
    cues = all_cues["agent_nouns"]
    receiving = all_cues["reception"]["verbs"]
    for noun in parse.tokens:
        entry = nouns.nouns.get(noun.lemma.lower())
        if entry is None or noun.pos != "NOUN" or noun.i in received or _supported(parse, noun, nouns) or (
                noun.dep in cues["label_deps"] or _quoted(parse, noun, cues)):  # "branded it a retreat": a label
            continue
        if any(c.dep == "det" and c.text.lower() in cues["denying_determiners"] for c in parse.children[noun.i]):
            continue
        if _denied_receipt(parse, noun, receiving) or _circumstance(parse, noun, cues):
            continue
        coded = entry.code
        if coded is None and entry.verb:
            through = nouns.through_verb(parse, noun, entry.verb, dictionary, parse.subtree(noun))
            coded = through.code if through else None
        if not coded:
            continue
        aimed = [m for m, _ in arguments.phrase_actors(_prep_objects(parse, noun, cues["target_preps"]))]
        sources, named = _agents(parse, arguments, noun, coded, cues, bool(aimed))
        if not aimed:  # "a complaint from X about Y", with "about" hung from X by the parse
            aimed = [m for m, _ in arguments.phrase_actors(
                [o for head in named for o in _prep_objects(parse, head, cues["agent_attached_preps"])])]
        if coded[:2] in cues["addressed_roots"]:
            aimed += _addressee(parse, arguments, noun, cues)
        if not aimed:  # "demands that the government's plans be put on hold": whom its content names
            aimed = [m for c in parse.children[noun.i] if c.dep in cues["content_deps"]
                     for dyad in arguments.dyads(c) for m in dyad[:2] if m is not None]
        known = {m.actor.id for m in sources}
        aimed = [m for m in aimed if m.actor.id not in known]
        if not sources or not aimed and coded[:2] in cues["aimed_roots"]:
            continue
        for source in sources:
            yield NounAct(noun, coded, f"NOUN-{noun.lemma.lower()}+agent", source, aimed[0] if aimed else None)
