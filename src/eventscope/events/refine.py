"""CAMEO refinements of a coded act (setting `events.cameo_refinements`), from the cue data
in `data/cameo/cues.yaml`:
- an act only planned or offered is the intent to do it (03x) or a threat (13x), and a
  cooperative act refused is a rejection (12x);
- a plan told as its actor's own word ("Sudan said it will ...", "pledged to ...") is that
  intent, asserted: the CAMEO manual codes the statement, which happened;
- a meeting is hosting, visiting or meeting elsewhere once its place is known;
- force used by individuals or small groups (criminals, gunmen, crowds) is unconventional
  violence (18x), not the conventional military force (19x) of armies and armed groups;
  in a protest, a crowd's violence is a riot (145) and the police's force against it
  repression (175); a show of force (15x) is the armed forces' alone, a crowd or a party
  rallying is dissent (14x);
- a demand's code follows what is demanded; a rejection denied ("does not rule out talks")
  rejects nothing.
"""

from __future__ import annotations

import functools
import re

from eventscope.common.parse import DependencyParse
from eventscope.common.patterns import words_pattern
from eventscope.events.arguments import SentenceArguments
from eventscope.events.modality import complement_noun, is_negated_noun
from eventscope.records import Location, Mention, Token

DEFAULT_DEMAND = "100"


def _by_prefix(table: dict[str, str], code: str) -> str | None:
    """The table's entry for the longest prefix of `code` it has (code, 3 digits, root)."""
    return next((table[prefix] for prefix in (code, code[:3], code[:2]) if prefix in table), None)


def intent_code(cues: dict, code: str, modality: str, verb: Token) -> str:
    """The intent (03x) or threat (13x) code for an act not (yet) carried out, the
    rejection code (12x) for a cooperative act refused, declining comment (011) for a
    comment refused ("would not comment")."""
    refusal = cues["refusal"]
    if modality in refusal["modalities"] and verb.lemma.lower() in refusal["comment_verbs"]:
        return refusal["comment_code"]
    for table in (cues["intent"], cues["refusal"]):
        if modality in table["modalities"] and (found := _by_prefix(table["codes"], code)):
            return found
    return code


def is_refusal(parse: DependencyParse, verb: Token, cues: dict) -> bool:
    """Whether a denied act is refused: negated with a will ("won't pay", "would not take
    part"), governed by a verb or noun of refusing ("declined to impose", "the refusal to
    sign") or spelling out an intention denied ("no intention of resigning"). An act that simply did not happen ("did not deliver", "were not celebrating") is
    denied, not refused."""
    table = cues["refusal"]
    if any(c.dep == "aux" and c.text.lower() in table["auxiliaries"] for c in parse.children[verb.i]):
        return True
    if is_opinion(parse, verb, cues["arguments"]):
        return True  # "did not agree with the police": disapproval voiced, not a denied act
    noun = complement_noun(parse, verb)
    if noun is not None and noun.lemma.lower() in table["intent_nouns"] and is_negated_noun(parse, noun, cues["modality"]):
        return True  # "had no intention of resigning", "has no plans to meet them"
    current = verb
    while current.dep in ("xcomp", "acl") and (governor := parse.head(current)) is not None:
        if governor.lemma.lower() in table["governors"]:  # "declined to", "the refusal to"
            return True
        current = governor
    return False


def is_opinion(parse: DependencyParse, verb: Token, args: dict) -> bool:
    """A verb of sharing an opinion, about a view or a person ("agree with", "agree that",
    "subscribe to the view"), not about an accord ("agree to the deal", "agree on terms")."""
    marks = args["opinion_verbs"].get(verb.lemma.lower())
    return marks is not None and any(
        c.dep == "ccomp" or c.dep == "prep" and c.lemma.lower() in marks for c in parse.children[verb.i])


def demand_code(cues: dict, code: str) -> str:
    """What demanding the act codes as ("must release them": 1041 ...), else a demand (100)."""
    return _by_prefix(cues["demand"]["codes"], code) or DEFAULT_DEMAND


def is_negated_rejection(cues: dict, code: str, modality: str) -> bool:
    """"does not rule out talks": a rejection denied rejects nothing."""
    table = cues["negated_rejection"]
    return modality in table["modalities"] and code[:2] in table["codes"]


def states_own_intent(parse: DependencyParse, arguments: SentenceArguments, verb: Token, source: Mention | None,
                      cues: dict, speech_verbs: frozenset[str]) -> bool:
    """Whether a planned act is its actor's own word: pledged or promised by them, said
    by them ("Sudan said it will ..."), or told in the first person ("we will ...").
    A plan that others report or a schedule ("will meet on Monday") is only planned."""
    if source is None:
        return False
    table = cues["intent"]
    subjects, _ = arguments.subjects(verb)
    if any(s.lemma.lower() in table["first_person"] for s in subjects):
        return True
    for index in parse.governors(verb):
        governor = parse.tokens[index]
        if governor.pos != "VERB":
            continue
        lemma = governor.lemma.lower()
        if lemma in table["commitment_verbs"] or lemma in speech_verbs:
            speakers = [m for m, _ in arguments.phrase_actors(arguments.subjects(governor)[0])]
            return any(m.actor.id == source.actor.id for m in speakers)
    return False


def meeting_code(cues: dict, code: str, source: Mention | None, target: Mention | None,
                 location: Location | None) -> str:
    """A meeting becomes hosting, visiting or meeting elsewhere once its place is known;
    a country gone to ("travelled to Iraq") is visited."""
    meeting = cues["meeting"]
    if code not in meeting["codes"]:
        return code
    if target is not None and target.place:
        return meeting["visit"]
    if location is None or location.country is None:
        return code
    if source is not None and source.actor.country == location.country:
        return meeting["host"]
    if target is not None and target.actor.country == location.country:
        return meeting["visit"]
    if source is not None and target is not None:
        return meeting["third"]
    return code


def violence_code(cues: dict, code: str, source: Mention | None) -> str:
    """"Gunmen opened fire on visitors", "robbers stormed the store": force by a source of
    a sector that fields no organised armed force is an assault (18x), not a fight (19x)."""
    table = cues["unconventional_violence"]
    if source is None or code[:2] != table["root"] or (source.actor.sector or "") not in table["sectors"]:
        return code
    return _by_prefix(table["codes"], code) or code


def weapon_code(cues: dict, code: str, clause: str) -> str:
    """"Israeli tank shells struck the school" is a fight with artillery and tanks (194),
    "air strikes hit the town" the use of aerial weapons (195): conventional force told no
    more precisely (190) takes the code of the weapon its clause names."""
    table = cues["weapon_codes"]
    if code != table["general"]:
        return code
    return next((weapon for pattern, weapon in _weapons(tuple(table["words"].items())) if pattern.search(clause)), code)


@functools.lru_cache(maxsize=2)
def _weapons(words: tuple[tuple[str, str], ...]) -> list[tuple[re.Pattern[str], str]]:
    return [(words_pattern([phrase]), weapon) for phrase, weapon in words]


@functools.lru_cache(maxsize=4)
def _words(words: tuple[str, ...]) -> re.Pattern[str]:
    return words_pattern(map(re.escape, words))


def protest_code(cues: dict, code: str, source: Mention | None, target: Mention | None, sentence: str) -> str:
    """"Youths hurled petrol bombs ... during the general strike" is a riot (145), "police
    fought battles with striking protesters" repression (175); "union members rallied" is a
    demonstration (141), not a military mobilisation (150)."""
    table = cues["protest"]
    sector = (source.actor.sector or "") if source is not None else ""
    if code[:2] in table["posture_roots"] and source is not None and sector not in table["armed_sectors"]:
        return table["dissent"]
    if code[:2] not in table["violence_roots"] or source is None or not _words(tuple(table["words"])).search(sentence):
        return code
    if sector in table["crowd_sectors"]:
        return table["riot"]
    if sector in table["police_sectors"] and target is not None and (target.actor.sector or "") in table["crowd_sectors"]:
        return table["repression"]
    return code
