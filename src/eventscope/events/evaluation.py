"""Judgements in speech: "Whittingdale said the way the government had handled the bill was
a 'shambles'" is the speaker criticising the government (111), "he said Mr Blunkett had
done a tremendous job" is praise (051).

Reporting verbs frame other events and code none themselves, so these acts of speech were
lost although the CAMEO manual codes them. A speech verb with an actor speaking and a
reported (or "as") clause carrying an evaluative word (`evaluation` in the cue data)
codes the speaker's judgement of the actor that clause names first, or of no one named
("said detentions without trial were unacceptable"). A negated word turns over ("not
acceptable"); a judgement of the speaker themself is no event.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from eventscope.common.parse import DependencyParse
from eventscope.events.arguments import SentenceArguments
from eventscope.records import Mention, Token

CLAUSE_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "oprd", "advcl"})
AS_PREP = "as"
ATTRIBUTIVE_DEPS = frozenset({"amod", "compound", "nmod", "poss"})
JUDGING_POS = frozenset({"ADJ", "NOUN", "VERB"})
PREDICATE_DEPS = frozenset({"attr", "oprd", "acomp", "ROOT", "ccomp", "xcomp"})


@dataclass(frozen=True)
class Judgement:
    """One speaker's judgement: the speech verb, the evaluative word, the code and the parties."""

    verb: Token
    word: Token
    code: str
    source: Mention
    target: Mention | None


def _reported_tokens(parse: DependencyParse, verb: Token) -> list[Token]:
    """What the verb reports or names: its clause complements and "as ..." phrases, and the
    quotation it hangs from ("'It is a shambles,' he said": the verb is then the clause's child)."""
    found: list[Token] = []
    for child in parse.children[verb.i]:
        if child.dep in CLAUSE_DEPS or child.dep == "prep" and child.lemma.lower() == AS_PREP:
            found += parse.subtree(child)
    head = parse.head(verb)
    if verb.dep == "parataxis" and head is not None:
        own = {t.i for t in parse.subtree(verb)}
        found += [t for t in parse.subtree(head) if t.i not in own]
    return found


def _polarity(parse: DependencyParse, word: Token, cues: dict) -> str | None:
    """The judgement a word passes, if any. An attributive word describes a thing, it does
    not judge ("illegal aliens", "a major offensive"): only predicates and heads count."""
    head = parse.head(word)
    # "was a tremendous colleague", "dismissed the plan as desperate"
    predicative = word.dep == "amod" and head is not None and (
        head.dep in PREDICATE_DEPS or head.lemma.lower() == AS_PREP)
    if (word.dep in ATTRIBUTIVE_DEPS and not predicative) or word.pos not in JUDGING_POS:
        return None
    lemma = word.lemma.lower()
    negated = any(c.dep == "neg" for c in parse.children[word.i]) or (
        head is not None and any(c.dep == "neg" for c in parse.children[head.i]) and head.pos in ("AUX", "VERB")
    )
    if lemma in cues["negative"] or word.text.lower() in cues["negative"]:
        return "positive" if negated else "negative"
    if lemma in cues["positive"] or word.text.lower() in cues["positive"]:
        return None if negated else "positive"
    if negated and lemma in cues["negated_turn"]:
        return "negative"
    return None


def judgements(parse: DependencyParse, arguments: SentenceArguments, mentions: list[Mention],
               cues: dict, speech_verbs: frozenset[str]) -> Iterator[Judgement]:
    """Every judgement the sentence's speech verbs report, one per speech verb."""
    words = cues["evaluation"]
    for verb in parse.tokens:
        if verb.pos != "VERB" or verb.lemma.lower() not in speech_verbs:
            continue
        subjects, passive = arguments.subjects(verb)
        judged: list[Mention] = []
        if passive:  # "her comments were described as 'outrageous' by the IHRC"
            agent = arguments.agent(verb)
            speakers = [m for m, _ in arguments.phrase_actors([agent])] if agent is not None else []
            judged = [m for m, _ in arguments.phrase_actors(subjects)]
        else:  # "branded it 'tasteless'", "dismissed the plan of X as desperate": the object is judged
            speakers = [m for m, _ in arguments.phrase_actors(subjects)]
            objects = [c for c in parse.children[verb.i] if c.dep == "dobj"]
            judged = [m for m, _ in arguments.phrase_actors(objects)]
        if not speakers:
            continue
        reported = _reported_tokens(parse, verb)
        polar = [(t, p) for t in reported if (p := _polarity(parse, t, words))]
        if not polar:
            continue
        word, polarity = polar[0]
        span = {t.i for t in reported}
        named = judged or sorted((m for m in mentions if not m.place and any(
            m.start <= t.start < m.end for t in parse.tokens if t.i in span)), key=lambda m: m.start)
        speaker = speakers[0]
        others = [m for m in named if m.actor.id != speaker.actor.id]
        if named and not others:
            continue  # the speaker judging themself
        yield Judgement(verb, word, words["codes"][polarity], speaker, others[0] if others else None)
