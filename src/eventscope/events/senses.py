"""The sense a verb's object settles: people seized are arrested (173), not property
confiscated; people held are detained (173), where "held talks" is no act of its own; a
mass killing (202) needs many victims, fewer take the verb's own code; an opinion not
shared ("did not agree with the officers") is accord refused, which `refine` codes as
disapproval.
Which verbs and codes are read this way is cue data (`people_object_codes`,
`people_verbs`, `captive_nouns`, `minimum_counts` in `data/cameo/cues.yaml`)."""

from __future__ import annotations

from eventscope.common.parse import DependencyParse
from eventscope.events.complements import complement_sense
from eventscope.events.refine import is_opinion
from eventscope.events.verbs import VerbEntry
from eventscope.records import Token

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000}


def count_of(text: str) -> int | None:
    """"15" -> 15, "three" -> 3, "1,200" -> 1200; None for what is not a count."""
    word = text.lower().replace(",", "")
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def object_sense(parse: DependencyParse, verb: Token, code: str, entries: list[VerbEntry],
                 args: dict) -> tuple[str, str] | None:
    """(code, rule suffix) when the verb's object or complement changes its code, else None."""
    if (asked := complement_sense(parse, verb, code)) is not None:
        return asked
    if verb.lemma.lower() in args["position_verbs"] and is_bare_present(parse, verb, args):
        return "", "+position"  # "Italy and Germany favour an early start to talks": a standing view
    if (own := _own_code(entries, code)) is not None:
        return own, "+own"
    block = entries[0].block
    if any(c.dep == "neg" for c in parse.children[verb.i]) and is_opinion(parse, verb, args):
        return args["opinion_code"], "+opinion"  # "did not agree with": refused accord (refine)
    sense = args["people_object_codes"].get(block.name)
    needed = args["minimum_counts"].get(code)
    if not (sense or needed):
        return None  # most verbs: no object to read
    stop = frozenset(args["clause_deps"])
    # a passive's subject is what it acts on: "Kamau was arrested" seized a person
    objects = [t for c in parse.children[verb.i] if c.dep in args["object_deps"] or c.dep == "nsubjpass"
               for t in parse.subtree(c, stop)]
    if sense and any(_names_people(t, args) for t in objects):
        return sense, "+people"
    counts = [n for t in objects if t.ent_type == "CARDINAL" or t.tag == "CD" if (n := count_of(t.text)) is not None]
    if needed and counts and max(counts) < needed:
        return (block.code or code), "+few"
    return None


def _own_code(entries: list[VerbEntry], code: str) -> str | None:
    """A verb's own default when the code is only its block's general one for the same root
    ("complained about": the block's "about" pattern says disapprove, 110; "complain" is a
    complaint, 114): a pattern shared by a whole block does not make a verb vaguer."""
    if len(code) != 3 or not code.endswith("0"):
        return None
    return next((e.code for e in entries if e.code and e.code[:2] == code[:2] and e.code != code), None)


def _names_people(token: Token, args: dict) -> bool:
    return token.ent_type in ("PERSON", "NORP") or (token.pos in ("NOUN", "PROPN") and token.lemma.lower() in args["captive_nouns"])


def people_verb_code(parse: DependencyParse, verb: Token, args: dict) -> str | None:
    """The code of a light verb done to people ("held the four men", "the men are being
    held"), from `people_verbs`; None when it acts on no one named as people."""
    code = args["people_verbs"].get(verb.lemma.lower())
    if code is None:
        return None
    kids = parse.children[verb.i]
    passive = any(c.dep in ("auxpass", "nsubjpass") for c in kids)
    heads = [c for c in kids if c.dep == ("nsubjpass" if passive else "dobj")]
    return code if any(_names_people(h, args) for h in heads) else None


def names_someone(parse: DependencyParse, head: Token, args: dict, owners: bool = True) -> bool:
    """An object phrase naming people, a party or a place, resolved as an actor or not;
    without `owners`, only the phrase's head with its modifiers counts, not whose it is nor
    what it is of ("Michael Howard's stance", "a reduction in the limit to 20 weeks")."""
    people = args["people_nouns"]
    stop = frozenset(args["clause_deps"]) | (frozenset() if owners else {"poss", "prep"})
    return any(
        t.ent_type in args["aimed_labels"] or (t.pos == "NOUN" and t.lemma.lower() in people)
        for t in parse.subtree(head, stop)
    )


def wants_counterpart(parse: DependencyParse, verb: Token, code: str, args: dict) -> bool:
    """A visit needs someone visited; violence with an object needs someone or some
    place aimed at ("hit trust", "fight poverty" are no attacks; "fired rockets" at no
    one named, or "at a ship", is one)."""
    if code.startswith(tuple(args["counterpart_codes"])):
        return True
    if code[:2] not in args["aimed_codes"]:
        return False
    objects = [c for c in parse.children[verb.i] if c.dep in args["object_deps"]]
    weapons = [o for o in objects if o.lemma.lower() in args["weapon_nouns"]]
    if not weapons:
        return bool(objects) and not any(names_someone(parse, o, args) for o in objects)
    # "fired a missile at a ship": the weapon is the means, the phrase after it the aim
    phrases = [parse.child(p, {"pobj"}) for c in (verb, *weapons) for p in parse.children[c.i]
               if p.dep == "prep" and p.lemma.lower() in args["aim_prepositions"]]
    aims = [a for a in phrases if a is not None and a.ent_type not in ("DATE", "TIME")]  # not "on Monday"
    aims += [o for o in objects if o not in weapons]
    return bool(aims) and not any(names_someone(parse, a, args) for a in aims)


def thing_sense(parse: DependencyParse, verb: Token, objects: list[Token], args: dict) -> str | None:
    """The code of a verb done to a thing, not to anyone ("defended the measures" is
    verbal, 052; "defended the city" is not; backing someone's stance endorses it, 051),
    from `thing_object_codes`."""
    code = args["thing_object_codes"].get(verb.lemma.lower())
    return code if code and objects and not any(names_someone(parse, o, args, owners=False) for o in objects) else None


def is_bare_present(parse: DependencyParse, verb: Token, args: dict) -> bool:
    """"The firm provides services", "Microsoft pushes out updates every month": the bare
    present tells what someone does as a rule; for a material act, a state, not an event."""
    return verb.tag in args["habitual_tags"] and not any(c.dep in ("aux", "auxpass") for c in parse.children[verb.i])
