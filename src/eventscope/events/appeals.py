"""Appeals in speech: "the government should change the law, the TUC said" is the TUC
appealing to the government (CAMEO 02), whatever the change is; "MPs said the law should be
changed" is an appeal to no one named.

A speaker's "should" asks for an act; the act itself has not happened (the coder marks it
hypothetical) and is often no CAMEO act at all ("fix a date", "be re-examined"), so the
appeal was lost. The modals that make a reported clause an appeal, or a demand ("Kenya must
pay": 100, when the act itself codes no demand), are cue data (`appeals` in
`data/cameo/cues.yaml`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from eventscope.common.parse import DependencyParse
from eventscope.events.arguments import SentenceArguments
from eventscope.records import Mention, Token

CLAUSE_DEPS = frozenset({"ccomp", "parataxis", "xcomp"})


@dataclass(frozen=True)
class Appeal:
    """One speaker's appeal: the speech verb, the clause asked for and its modal, the code
    the modal gives (an appeal, or a demand for "must") and the parties."""

    verb: Token
    clause: Token
    modal: Token
    code: str
    source: Mention
    target: Mention | None


def _asked(parse: DependencyParse, clause: Token, modals: frozenset[str]) -> Token | None:
    """The modal of a clause that asks for its act ("should change", "ought to go")."""
    return next((c for c in parse.children[clause.i] if c.dep == "aux" and c.lemma.lower() in modals), None)


def _reported_clauses(parse: DependencyParse, verb: Token) -> list[Token]:
    """The clauses a speech verb reports: its complements and their conjuncts, or the
    clause it hangs from ("X should go, MPs said")."""
    found = [c for c in parse.children[verb.i] if c.dep in CLAUSE_DEPS]
    head = parse.head(verb)
    if verb.dep == "parataxis" and head is not None and head.pos in ("VERB", "AUX"):
        found.append(head)
    found += [c for clause in list(found) for c in parse.children[clause.i] if c.dep == "conj"]
    return found


def speakers(parse: DependencyParse, arguments: SentenceArguments, speech_verbs: frozenset[str],
              according: str) -> Iterator[tuple[Token, Mention, list[Token]]]:
    """(speech token, speaker, clauses reported) of each speech verb with an actor speaking
    and each "according to <actor>"."""
    for token in parse.tokens:
        if token.pos == "VERB" and token.lemma.lower() in speech_verbs:
            speakers = arguments.phrase_actors(arguments.subjects(token)[0])
            if speakers:
                yield token, speakers[0][0], _reported_clauses(parse, token)
        elif token.text.lower() == according:
            to = parse.child(token, {"prep"})
            named = parse.child(to, {"pobj"}) if to is not None else None
            speakers = arguments.phrase_actors([named]) if named is not None else []
            clause = parse.head(token)
            if speakers and clause is not None:
                yield clause, speakers[0][0], [clause]


def appeals(parse: DependencyParse, arguments: SentenceArguments, cues: dict,
            speech_verbs: frozenset[str]) -> Iterator[Appeal]:
    """Every appeal the sentence's speech verbs report, one per asking clause."""
    for verb, source, clauses in speakers(parse, arguments, speech_verbs, cues["attribution"]["according"]):
        yield from _asking(parse, arguments, cues, verb, source, clauses)


def quoted_appeals(parse: DependencyParse, arguments: SentenceArguments, cues: dict, source: Mention,
                   clauses: list[Token]) -> Iterator[Appeal]:
    """The appeals of a quoted sentence whose speaker another sentence names: its clauses
    ask as a reported clause does, each its own speech act."""
    for clause in clauses:
        yield from _asking(parse, arguments, cues, clause, source, [clause])


def _asking(parse: DependencyParse, arguments: SentenceArguments, cues: dict, verb: Token, source: Mention,
            clauses: list[Token]) -> Iterator[Appeal]:
    codes = cues["appeals"]["modals"]
    modals = frozenset(codes)
    for clause in clauses:
        modal = _asked(parse, clause, modals)
        if modal is None:
            continue
        subjects, passive = arguments.subjects(clause)
        asked = [m for m, _ in arguments.phrase_actors(subjects)] if not passive else []
        target = next((m for m in asked if m.actor.id != source.actor.id), None)
        if asked and target is None or _own_country(source, target):
            continue  # "we should ...", "Greece should act": the speaker's own resolve
        yield Appeal(verb, clause, modal, codes[modal.lemma.lower()], source, target)


def _own_country(source: Mention, target: Mention | None) -> bool:
    return target is not None and target.actor.kind == "country" and target.actor.country == source.actor.country


def demander_of(parse: DependencyParse, arguments: SentenceArguments, verb: Token, cues: dict) -> Mention | None:
    """The speaker of "<speaker> said <actor> must <act>", if the act is obligated: the
    act, when it codes, is then demanded (10x), not done."""
    table = cues["demand"]
    if not any(c.dep == "aux" and c.lemma.lower() in table["auxiliaries"] for c in parse.children[verb.i]):
        return None
    report = set(cues["attribution"]["report_verbs"]) | set(table["verbs"])
    current = verb
    while current.dep in cues["arguments"]["governor_deps"]:
        governor = parse.head(current)
        if governor is None:
            return None
        if governor.lemma.lower() in report:
            found = arguments.phrase_actors(arguments.subjects(governor)[0])
            return found[0][0] if found else None
        current = governor
    return None
