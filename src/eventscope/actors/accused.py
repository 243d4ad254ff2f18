"""People the text says stand accused of a crime: criminals (CRM), as the conventions code
suspects and defendants ("Timmons, who is accused of firing the shot", "Smith was arrested
and charged with murder", "Nichols was found guilty", "the trial of Jermayne Timmons").

Only a person with no other sector (or a private person, CVL) changes: an accused minister
stays a minister. Arrest alone does not make a criminal; detainees are civilians. A person
the text names only by a noun ("a 27-year-old man was convicted") is one of their country's
civilians (CVL) until a clause accuses them: then that mention alone is their country's
criminals, as the other civilians of the article ("his girlfriend") share its code.
"""

from __future__ import annotations

from eventscope.actors.kb import ActorKB
from eventscope.records import Actor, Article, Mention, Sentence, Token

CRIMINAL, CIVILIAN = "CRM", "CVL"
PLAIN_SECTORS = frozenset({None, "CVL"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "that"})


def accused_people(article: Article, mentions: list[Mention], kb: ActorKB) -> set[str]:
    """Ids of the people a clause of the article says are charged, accused, convicted,
    sentenced or on trial (as the passive subject, the object, or by a relative clause)."""
    by_index = {sentence.index: sentence for sentence in article.sentences if sentence.parsed}
    found: set[str] = set()
    for mention in mentions:
        if mention.actor.kind != "person" or mention.actor.id in found:
            continue
        sentence = by_index.get(mention.sentence)
        if sentence is not None and _accused_here(sentence, mention, kb):
            found.add(mention.actor.id)
    return found


def accused_civilians(article: Article, mentions: list[Mention], kb: ActorKB) -> list[Mention]:
    """The mentions of civilians by a noun ("a 27-year-old man", "the men") that a clause of
    the article says are charged, accused, convicted, sentenced or on trial."""
    by_index = {sentence.index: sentence for sentence in article.sentences if sentence.parsed}
    found = []
    for mention in mentions:
        actor = mention.actor
        if actor.kind == "person" or actor.sector != CIVILIAN or not actor.country or mention.rule == "pronoun":
            continue
        sentence = by_index.get(mention.sentence)
        if sentence is not None and _accused_here(sentence, mention, kb):
            found.append(mention)
    return found


def _accused_here(sentence: Sentence, mention: Mention, kb: ActorKB) -> bool:
    tokens = sentence.tokens
    inside = [t for t in tokens if mention.start <= t.start < mention.end]
    heads = [t for t in inside if not (mention.start <= tokens[t.head].start < mention.end) or t.head == t.i]
    for head in heads:
        governor = tokens[head.head]
        if head.dep in ("nsubjpass", "dobj") and _accusing(tokens, governor, kb, passive=head.dep == "nsubjpass"):
            return True
        if head.dep == "nsubj" and governor.lemma.lower() in kb.accused_cues["pleas"] and _has_verdict(tokens, governor, kb):
            return True  # "pleaded guilty", not "pleaded with"
        if head.dep == "pobj" and governor.head != governor.i and tokens[governor.head].lemma.lower() in kb.accused_cues["nouns"]:
            return True  # "the trial of X"
        for verb in tokens:  # "X, who is accused of ..."
            if verb.dep == "relcl" and verb.head == head.i and any(
                t.head == verb.i and t.dep == "nsubjpass" and t.text.lower() in RELATIVE_PRONOUNS for t in tokens
            ) and _accusing(tokens, verb, kb, passive=True):
                return True
    return False


def _accusing(tokens: list[Token], verb: Token, kb: ActorKB, passive: bool) -> bool:
    """The verb, or a verb conjoined with it ("was arrested and charged"), accuses its patient;
    "found guilty" too."""
    verbs = [verb, *(t for t in tokens if t.dep == "conj" and t.head == verb.i and t.pos in ("VERB", "AUX"))]
    for v in verbs:
        if v.lemma.lower() in kb.accused_cues["verbs"]:
            return True
        if passive and _has_verdict(tokens, v, kb):
            return True
    return False


def _has_verdict(tokens: list[Token], verb: Token, kb: ActorKB) -> bool:
    return any(t.head == verb.i and t.text.lower() in kb.accused_cues["verdicts"] for t in tokens)


def as_accused(actor: Actor) -> None:
    """Code a person of known country with no sector (or a private person) as a criminal."""
    if actor.country and actor.sector in PLAIN_SECTORS:
        actor.sector, actor.code = CRIMINAL, actor.country + CRIMINAL
