"""Senses a verb's complement settles: asking for an act is an appeal, not the act.

"X called for an end to the violence" or "called for the mayor to visit" appeals (CAMEO
02) whatever is asked for; the Phoenix patterns code some such requests as the act asked
for (053, 087, 1312) and a bare "call" as a telephone call (041). "X wants to curb
subsidies" wants nothing from anyone: its infinitive is the act. "X considers it
realistic" or "called the target unambitious" judges (a judgement in speech codes it), and
weighs no option (014) nor calls anyone. Which verbs are read this way is cue data
(`complements` in `data/cameo/cues.yaml`).
"""

from __future__ import annotations

import functools
from importlib import resources

import yaml

from eventscope.common.parse import DependencyParse
from eventscope.records import Token

CLAUSE_COMPLEMENTS = ("advcl", "ccomp", "xcomp")


@functools.lru_cache(maxsize=1)
def complement_cues() -> dict:
    """The `complements` block of the events cue data, read once per process."""
    text = resources.files("eventscope.data").joinpath("cameo", "cues.yaml").read_text("utf-8")
    return yaml.safe_load(text)["complements"]


def complement_sense(parse: DependencyParse, verb: Token, code: str) -> tuple[str, str] | None:
    """(code, rule suffix) when what the verb governs changes its code: an appeal for a
    request verb asking for an act, no code ("") for a verb of wanting an infinitive or of
    considering as judging."""
    cues = complement_cues()
    lemma = verb.lemma.lower()
    kids = parse.children[verb.i]
    if lemma in cues["wanting_verbs"] and any(_is_infinitive(parse, c) for c in kids if c.dep == "xcomp"):
        return "", "+infinitive"
    if lemma in cues["regarding_verbs"] and _judges(parse, verb, cues):
        return "", "+judging"
    marker = cues["request_verbs"].get(lemma)
    if marker is None or code[:2] not in cues["asked_roots"]:
        return None
    # the request follows the verb: "For the Liberal Democrats, X called the target ..." asks nothing
    asks = any(c.dep == "prep" and c.lemma.lower() == marker and c.i > verb.i for c in kids) or any(
        m.dep == "mark" and m.lemma.lower() == marker
        for c in kids if c.dep in CLAUSE_COMPLEMENTS and c.i > verb.i for m in parse.children[c.i]
    )
    return (cues["request_code"], "+request") if asks else None


def _judges(parse: DependencyParse, verb: Token, cues: dict) -> bool:
    """"considers it to be realistic", "considered him a friend", "consider that ...": a
    judgement of something, not an option weighed."""
    for child in parse.children[verb.i]:
        if child.dep in ("oprd", "attr"):
            return True
        if child.dep == "xcomp" and child.lemma.lower() == "be":
            return True
        if child.dep == "ccomp" and not any(
            m.dep == "mark" and m.lemma.lower() in cues["open_question_marks"] for m in parse.children[child.i]
        ):
            return True
    return False


def _is_infinitive(parse: DependencyParse, clause: Token) -> bool:
    return any(c.dep in ("aux", "auxpass") and c.tag == "TO" for c in parse.children[clause.i])
