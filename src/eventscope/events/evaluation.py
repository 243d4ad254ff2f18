"""Judgements in speech: "Whittingdale said the way the government had handled the bill was
a 'shambles'" is the speaker criticising the government (111), "he said Mr Blunkett had
done a tremendous job" is praise (051).

Reporting verbs frame other events and code none themselves, so these acts of speech were
lost although the CAMEO manual codes them. A speech verb with an actor speaking and a
reported clause (or an "as" phrase: "described the address as 'very disappointing'") whose
predicate is an opinion word (events.opinion) codes the speaker's judgement. Only the
predicate judges: a word describing a thing ("illegal aliens") or somewhere inside the
clause ("said troops killed five") does not. A denied predicate judges nothing ("were not
racist"), but for the words whose denial is a criticism ("not acceptable").

Whom the judgement is of, the text must say: what a naming verb acts on ("branded the
poster 'tasteless'"), else the predicate's subject or the actor it belongs to ("the
government's plan", "the way the government handled it"); a judgement of a thing of no one
named has no target. A speaker telling their own feeling ("said he was disillusioned with
the party's leadership", "I'm shocked to see this leaflet by the BNP") judges its cause.
A judgement of the speaker themself, or of a violent act or disaster ("the attack was
horrific"), is no event.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from eventscope.common.parse import DependencyParse
from eventscope.events.arguments import SentenceArguments
from eventscope.events.opinion import OpinionLexicon
from eventscope.records import Mention, Token

CLAUSE_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "oprd", "advcl"})
AS_PREP = "as"
BY_PREP = "by"
# Complements of a copula or of "find it ...": what the clause says its subject is.
COMPLEMENT_DEPS = frozenset({"acomp", "attr", "oprd", "xcomp"})
AS_DEPS = frozenset({"pobj", "amod", "acomp", "attr"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CLAUSE_OF_NOUN = frozenset({"relcl", "acl"})
OWNER_DEPS = frozenset({"poss", "compound", "nmod", "amod"})
OWNER_PREPS = frozenset({"of", "by", "from"})
NOMINAL_POS = frozenset({"ADJ", "NOUN"})
EXPLETIVE = "it"
COPULA = "be"
NO = "no"
EXTRAPOSED_DEPS = frozenset({"xcomp", "ccomp", "advcl", "csubj"})
SMALL_CLAUSE_DEPS = frozenset({"oprd", "xcomp"})
HYPOTHETICAL = frozenset({"would", "could", "might"})


@dataclass(frozen=True)
class Judgement:
    """One speaker's judgement: the speech verb, the evaluative word, the code and the parties."""

    verb: Token
    word: Token
    code: str
    source: Mention
    target: Mention | None


@functools.lru_cache(maxsize=4)
def _lexicon(threshold: float, negative: tuple[str, ...], positive: tuple[str, ...],
             harm: tuple[str, ...], prefixes: tuple[str, ...]) -> OpinionLexicon:
    """The opinion lexicon of one cue block, built once."""
    return OpinionLexicon.from_cues({"lexicon": {"threshold": threshold}, "negative": negative,
                                     "positive": positive, "harm": harm, "negative_prefixes": prefixes})


def _conjuncts(parse: DependencyParse, token: Token) -> list[Token]:
    """The token and the words coordinated with it ("diabolical, absolutely outrageous")."""
    found = [token]
    for current in found:
        found += [c for c in parse.children[current.i] if c.dep == "conj"]
    return found


def _clause_heads(parse: DependencyParse, verb: Token) -> list[Token]:
    """What the verb reports or names: its clause complements, "as ..." phrases, and the
    quotation it hangs from ("'It is a shambles,' he said": the verb is the clause's child)."""
    heads = [c for c in parse.children[verb.i]
             if c.dep in CLAUSE_DEPS or c.dep == "prep" and c.lemma.lower() == AS_PREP]
    head = parse.head(verb)
    if verb.dep == "parataxis" and head is not None:
        heads.append(head)
    return [h for head in heads for h in _conjuncts(parse, head)]


def _predicates(parse: DependencyParse, head: Token) -> list[Token]:
    """The words a reported clause or "as" phrase predicates of its subject: a copula's
    complement, the clause head itself, and the adjectives of a predicate noun ("was a
    totally unacceptable way to behave")."""
    if head.dep == "prep":
        words = [c for c in parse.children[head.i] if c.dep in AS_DEPS]
    else:
        words = [head, *(c for c in parse.children[head.i] if c.dep in COMPLEMENT_DEPS)]
        if len(words) == 1 and head.lemma.lower() == COPULA:
            words += _stranded(parse, head)
    words = [w for word in words for w in _conjuncts(parse, word)]
    qualifiers = [c for w in words if w.pos == "NOUN" for c in parse.children[w.i] if c.dep == "amod"]
    return words + [q for c in qualifiers for q in _conjuncts(parse, c)]


def _stranded(parse: DependencyParse, copula: Token) -> list[Token]:
    """The adjective right after a copula the parse left without a complement, hanging it on
    a later noun ("the move was ill-timed given data showing ..."): after "was", an adjective
    predicates of the subject."""
    following = next((t for t in parse.tokens[copula.i + 1:] if not _skipped(t)), None)
    return [following] if following is not None and _stranded_by(parse, following) is copula else []


def _skipped(token: Token) -> bool:
    return token.pos in ("ADV", "PUNCT") or token.tag == "HYPH"


def _stranded_by(parse: DependencyParse, word: Token) -> Token | None:
    """The complement-less copula right before an adjective hung on a later noun, if any."""
    if not (word.pos == "ADJ" or word.tag == "VBN") or word.dep != "amod" or word.head < word.i:
        return None
    before = next((t for t in reversed(parse.tokens[:word.i]) if not _skipped(t)), None)
    if before is None or before.lemma.lower() != COPULA or any(
            c.dep in COMPLEMENT_DEPS for c in parse.children[before.i]):
        return None
    return before


def _small_clause(parse: DependencyParse, verb: Token) -> list[Token]:
    """Adjectives a naming verb predicates of its object that the parse hangs after a noun
    ("found the conduct of Jordan disrespectful, rude and tacky"): English adjectives go
    before their noun, so one after it is the predicate."""
    objects = [c for c in parse.children[verb.i] if c.dep == "dobj"]
    found = [t for o in objects for t in parse.subtree(o)
             if t.dep == "amod" and t.pos == "ADJ" and t.i > t.head]
    return [w for word in found for w in _conjuncts(parse, word)]


def _negated(parse: DependencyParse, word: Token) -> bool:
    """True when the predicate is denied: "not acceptable", "is not a criminal offence"
    (the adjective of a predicate noun, under its copula's "not"), "there is no harm"."""
    chain = [word]
    while chain[-1].dep == "amod" and (head := parse.head(chain[-1])) is not None:
        chain.append(head)
    head = parse.head(chain[-1])
    if head is not None and head.pos in ("AUX", "VERB"):
        chain.append(head)
    return any(c.dep == "neg" or c.dep == "det" and c.lemma.lower() == NO for t in chain for c in parse.children[t.i])


@dataclass(frozen=True)
class _Reading:
    """What a predicate word says: its polarity, and its kind: "feeling" (the speaker's
    own state, "shocked"), "conduct" (a judging verb, "betrayed"), "listed" (a judgement
    word of the cue lists) or "lexicon" (a word VADER rates)."""

    polarity: str
    kind: str


def _passive(parse: DependencyParse, word: Token) -> bool:
    """A participle with its own passive marks is a state or an act done to its subject."""
    return any(c.dep in ("auxpass", "nsubjpass") for c in parse.children[word.i])


def _hyphenated(parse: DependencyParse, word: Token) -> tuple[str, ...]:
    """The hyphenated word a token ends, which the parse splits ("ill-timed")."""
    if word.i < 2:
        return ()
    first, hyphen = parse.tokens[word.i - 2], parse.tokens[word.i - 1]
    if hyphen.text == "-" and first.end == hyphen.start and hyphen.end == word.start:
        return (f"{first.text}-{word.text}".lower(),)
    return ()


def _reading(parse: DependencyParse, word: Token, lexicon: OpinionLexicon, cues: Mapping) -> _Reading | None:
    """What a predicate word passes, if anything. Verbs judge only as a state ("was
    shocked"), a listed judgement word ("was misdirected") or from the judging class:
    "said he was arrested" tells an act, "said they betrayed the voters" a judgement."""
    lemma = word.lemma.lower()
    forms = (word.text.lower(), lemma, *_hyphenated(parse, word))
    feeling = next((p for p in ("negative", "positive") if any(f in cues["feelings"][p] for f in forms)), None)
    listed = lexicon.listed(forms)
    if feeling is not None and (word.pos == "ADJ" or word.pos == "VERB" and _passive(parse, word)):
        found: _Reading | None = _Reading(feeling, "feeling")
    elif listed is not None and (word.pos in NOMINAL_POS or word.tag == "VBN"):
        found = _Reading(listed, "listed")
    elif word.pos == "VERB" and lemma in cues["judging_verbs"]:
        found = _Reading("negative", "conduct")
    elif word.pos in NOMINAL_POS and (polarity := lexicon.polarity(forms)) is not None:
        found = _Reading(polarity, "lexicon")
    else:
        found = None
    if not _negated(parse, word):
        return found
    # "not acceptable", "will not tolerate attacks"; denying a fault ("were not racist") is
    # no praise, and denying merit no criticism.
    return _Reading("negative", "listed") if lemma in cues["negated_turn"] else None


def _predicate_root(parse: DependencyParse, word: Token) -> Token:
    """The predicate a word belongs to, past the noun it qualifies and the word it is
    coordinated with ("a decent, fair-minded and dedicated public servant": servant)."""
    token = word
    while token.dep in ("amod", "conj") and parse.child(token, SUBJECT_DEPS) is None:
        head = parse.head(token)
        if head is None:
            break
        token = head
    return token


def _subject(parse: DependencyParse, word: Token) -> Token | None:
    """The subject the predicate word is said of: its own, or its copula's ("Jordan had
    been a decent and admirable partner")."""
    copula = _stranded_by(parse, word)
    if copula is not None:
        return parse.child(copula, SUBJECT_DEPS)
    root = _predicate_root(parse, word)
    for holder in (root, parse.head(root)):
        if holder is None:
            return None
        subject = parse.child(holder, SUBJECT_DEPS)
        if subject is not None:
            return subject
    return None


def _extraposed(parse: DependencyParse, word: Token, subject: Token | None) -> bool:
    """True for "it is meaningless to talk about ...", "it would be irresponsible if we let
    it slip": the judgement is of the act an extraposed clause tells, or of a hypothetical
    one, not of an actor."""
    if subject is None or subject.lemma.lower() != EXPLETIVE:
        return False
    holders = [word, *([h] if (h := parse.head(word)) is not None and h.i == subject.head else [])]
    return any(c.dep in EXTRAPOSED_DEPS or c.dep == "aux" and c.lemma.lower() in HYPOTHETICAL
               for t in holders for c in parse.children[t.i])


def _hypothetical(parse: DependencyParse, word: Token) -> bool:
    """True when the predicate (or its copula) has a "would", "could" or "might"."""
    root = _predicate_root(parse, word)
    holders = [root, *([h] if (h := parse.head(root)) is not None and h.pos == "AUX" else [])]
    return any(c.dep == "aux" and c.lemma.lower() in HYPOTHETICAL for t in holders for c in parse.children[t.i])


def _owners(arguments: SentenceArguments, parse: DependencyParse, thing: Token) -> list[Mention]:
    """The actor a judged phrase names, else the one it belongs to: "the government's plan",
    "government plans", "the plan of the government", "the way the government had handled
    the bill" (the doer of its own clause). An actor merely mentioned further in ("attacks
    such as the bombing in Tel Aviv") is no owner."""
    named = [m for m in arguments.actors if m.start <= thing.start < m.end]
    if named:
        return named
    heads = [c for c in parse.children[thing.i] if c.dep in OWNER_DEPS]
    heads += [o for c in parse.children[thing.i] if c.dep == "prep" and c.lemma.lower() in OWNER_PREPS
              for o in parse.children[c.i] if o.dep == "pobj"]
    heads += [s for c in parse.children[thing.i] if c.dep in CLAUSE_OF_NOUN
              for s in parse.children[c.i] if s.dep in SUBJECT_DEPS]
    return [m for head in heads for m, _ in arguments.phrase_actors([head])]


def _causes(arguments: SentenceArguments, parse: DependencyParse, word: Token, cues: Mapping) -> list[Mention]:
    """Actors a feeling is about: "disillusioned with the party", "shocked to see this
    leaflet by the BNP"."""
    heads = [o for c in parse.children[word.i] if c.dep in ("prep", "agent") and c.lemma.lower() in cues["cause_preps"]
             for o in parse.children[c.i] if o.dep == "pobj"]
    found = [m for head in heads for m in _owners(arguments, parse, head)]
    # the act an infinitive tells is the cause, and whoever takes part in it
    clauses = [c for c in parse.children[word.i] if c.dep == "xcomp"]
    return found + [m for m, _ in arguments.phrase_actors(clauses)]


def _speakers(parse: DependencyParse, arguments: SentenceArguments, verb: Token, heads: list[Token],
              naming: bool) -> tuple[list[Mention], list[Mention]]:
    """Who speaks and whom a naming verb names: "branded it 'tasteless'" (its object), "her
    comments were described as 'outrageous' by the IHRC" (passive: the by-phrase speaks,
    also when the parse hangs it inside the "as" phrase)."""
    subjects, passive = arguments.subjects(verb)
    if not passive:
        objects = [c for c in parse.children[verb.i] if c.dep == "dobj"] if naming else []
        judged = [m for t in objects for m in _owners(arguments, parse, t)]
        return [m for m, _ in arguments.phrase_actors(subjects)], judged
    agent = arguments.agent(verb)
    if agent is None:
        agent = next((o for h in heads if h.dep == "prep" for t in parse.subtree(h)
                      if t.dep == "prep" and t.lemma.lower() == BY_PREP
                      for o in parse.children[t.i] if o.dep == "pobj"), None)
    speakers = [m for m, _ in arguments.phrase_actors([agent])] if agent is not None else []
    return speakers, [m for t in subjects for m in _owners(arguments, parse, t)]


def _judgement(parse: DependencyParse, arguments: SentenceArguments, words: Mapping, lexicon: OpinionLexicon,
               verb: Token, speaker: Mention, judged: list[Mention], of_object: bool, word: Token,
               reading: _Reading) -> Judgement | None:
    """The judgement one predicate word passes, and of whom, if it is one."""
    subject = None if of_object else _subject(parse, word)
    if subject is not None and lexicon.is_harm((subject.text.lower(), subject.lemma.lower())):
        return None  # "said the attack was horrific": a violent act judged, not an actor
    said_of = _owners(arguments, parse, subject) if subject is not None else []
    own = subject is not None and (subject.lemma.lower() in words["first_person"] or any(
        m.actor.id == speaker.actor.id for m in said_of))
    stance = own and word.pos == "VERB" and reading.kind == "listed"  # "I will not tolerate attacks"
    if own and reading.kind != "feeling" and not stance or _extraposed(parse, word, subject):
        return None  # "we are ready to talk", "it would be irresponsible if we let it slip"
    if reading.kind == "feeling":  # "he was disillusioned with the party's leadership"
        named = _causes(arguments, parse, word, words)
    elif stance:
        named = [m for c in parse.children[word.i] if c.dep == "dobj" for m in _owners(arguments, parse, c)]
    else:
        named = judged or said_of
    others = [m for m in named if m.actor.id != speaker.actor.id and not m.place]
    # A feeling about no one, praise of no one and conduct of no one judge no actor; a
    # criticism of a thing may ("said detentions without trial were unacceptable").
    # A thing of no one judged as it would be ("a delay would be 'disastrous'") is a forecast.
    needs_target = reading.kind in ("feeling", "conduct") or (reading.polarity == "positive" and reading.kind == "lexicon"
                                                              ) or _hypothetical(parse, word)
    if not others and (named or needs_target or subject is not None and subject.lemma.lower() in words["state_nouns"]):
        return None  # the speaker judging themself, no one, or a state of affairs ("the situation is bad")
    return Judgement(verb, word, words["codes"][reading.polarity], speaker, others[0] if others else None)


def judgements(parse: DependencyParse, arguments: SentenceArguments, cues: dict,
               speech_verbs: frozenset[str]) -> Iterator[Judgement]:
    """Every judgement the sentence's speech verbs report, one per speech verb: the first
    of its predicates that passes one."""
    words = cues["evaluation"]
    lexicon = _lexicon(float(words["lexicon"]["threshold"]), tuple(words["negative"]), tuple(words["positive"]),
                       tuple(words["harm"]), tuple(words["negative_prefixes"]))
    naming_verbs = frozenset(words["naming_verbs"])
    for verb in parse.tokens:
        if verb.pos != "VERB" or verb.lemma.lower() not in speech_verbs:
            continue
        naming = verb.lemma.lower() in naming_verbs
        heads = _clause_heads(parse, verb)
        speakers, judged = _speakers(parse, arguments, verb, heads, naming)
        if not speakers:
            continue
        # "as ..." and "called the rebate 'unjustified'": said of the naming verb's object
        said = [(h.dep == "prep" or (r := _predicate_root(parse, p)).head == verb.i and r.dep in SMALL_CLAUSE_DEPS, p)
                for h in heads for p in _predicates(parse, h)]
        said += [(True, p) for p in _small_clause(parse, verb)] if naming else []
        judgement = _first(parse, arguments, words, lexicon, verb, speakers[0], judged, said)
        if judgement is not None:
            yield judgement


def quoted_judgements(parse: DependencyParse, arguments: SentenceArguments, cues: dict, speaker: Mention,
                      clauses: list[Token]) -> Iterator[Judgement]:
    """The judgements of a quoted sentence whose speaker another sentence names ('"This
    announcement is a humiliating retreat by the government."'): each of its clauses
    judges as a reported clause does."""
    words = cues["evaluation"]
    lexicon = _lexicon(float(words["lexicon"]["threshold"]), tuple(words["negative"]), tuple(words["positive"]),
                       tuple(words["harm"]), tuple(words["negative_prefixes"]))
    for clause in clauses:
        said = [(False, p) for p in _predicates(parse, clause)]
        judgement = _first(parse, arguments, words, lexicon, clause, speaker, [], said)
        if judgement is not None:
            yield judgement


def _first(parse: DependencyParse, arguments: SentenceArguments, words: Mapping, lexicon: OpinionLexicon,
           verb: Token, speaker: Mention, judged: list[Mention], said: list[tuple[bool, Token]]) -> Judgement | None:
    """The judgement of the first predicate that passes one, if it judges an actor."""
    first = next(((of_object, word, reading) for of_object, word in said
                  if (reading := _reading(parse, word, lexicon, words)) is not None), None)
    return None if first is None else _judgement(parse, arguments, words, lexicon, verb, speaker, judged, *first)
