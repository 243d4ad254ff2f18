"""Modality and attribution of events, from cue words (`data/cameo/cues.yaml`) on the parse.

Modality says whether the act happened: `asserted`, or only `proposed` ("suggested",
"offered"), `planned` ("plans to", "will", "is to", "ready to"), `denied` ("denied",
negation, "refused to") or `hypothetical` ("would", "could", "if"). Cues are read on
the predicate, then on the words governing it (through xcomp/ccomp/...), stopping at a
reporting verb: "IRNA reported that they would meet" is hypothetical because of
"would", not asserted because of "reported". A bare conjunct shares its first
conjunct's auxiliaries ("would sign and ratify"), an adjective after a copula the
copula's ("would be integrated"), an infinitive after a noun the noun's sense ("the
refusal to sign" denied, "a plan to visit" planned, "the need to act" hypothetical),
and the trailing -ing result of a plan is only hypothetical.

Attribution lists who reports or claims the sentence's events: the named subject of a
reporting verb ("the official news agency IRNA reported" -> IRNA) or the object of
"according to".
"""

from __future__ import annotations

from typing import Any

from eventscope.common.parse import DependencyParse
from eventscope.events.requests import addressed_by
from eventscope.records import Modality, Sentence, Token

NON_FINITE_TAGS = ("VB", "VBN", "VBG")


def modality_of(parse: DependencyParse, verb: Token, cues: dict[str, Any]) -> Modality:
    """The modality of the act whose predicate is `verb`; `cues` is the whole cue data."""
    shared = _shared_conjunct(parse, verb)
    if shared is not None:
        # "would sign and ratify": a bare conjunct shares its first conjunct's auxiliaries.
        return modality_of(parse, shared, cues)
    modality = _governed_modality(parse, verb, cues)
    if modality in ("planned", "proposed") and _is_trailing_participle(parse, verb):
        # "wants to hold drills, increasing the alliance": a result of a plan, not planned.
        return "hypothetical"
    return modality


def _shared_conjunct(parse: DependencyParse, verb: Token) -> Token | None:
    """The first conjunct whose auxiliaries a bare (non-finite, auxiliary-less) one shares."""
    head = parse.head(verb)
    if verb.dep != "conj" or head is None or head.pos not in ("VERB", "AUX") or verb.tag not in NON_FINITE_TAGS:
        return None
    if any(c.dep in ("aux", "auxpass", "neg") for c in parse.children[verb.i]):
        return None
    return head


def _is_trailing_participle(parse: DependencyParse, verb: Token) -> bool:
    """"..., potentially increasing X": a subjectless -ing adjunct after its clause."""
    head = parse.head(verb)
    kids = parse.children[verb.i]
    return (
        verb.dep == "advcl"
        and verb.tag == "VBG"
        and head is not None
        and verb.i > head.i
        and not any(c.dep in ("nsubj", "nsubjpass", "mark", "aux") for c in kids)
    )


def complement_noun(parse: DependencyParse, verb: Token) -> Token | None:
    """The noun an infinitive or an of-gerund spells out: "a plan to visit", "the refusal to
    sign", "no intention of resigning"."""
    head = parse.head(verb)
    if head is None:
        return None
    if verb.dep in ("acl", "advcl") and any(c.dep in ("aux", "auxpass") and c.tag == "TO" for c in parse.children[verb.i]):
        noun: Token | None = head
    elif verb.dep == "pcomp" and head.dep == "prep" and head.lemma.lower() == "of":
        noun = parse.head(head)
    else:
        return None
    return noun if noun is not None and noun.pos in ("NOUN", "PROPN") else None


def is_negated_noun(parse: DependencyParse, noun: Token, words: dict[str, Any]) -> bool:
    """"no intention", "no plans": a noun its determiner denies."""
    return any(c.dep in ("det", "neg") and c.text.lower() in words["negating_determiners"] for c in parse.children[noun.i])


def _noun_complement_modality(parse: DependencyParse, verb: Token, words: dict[str, Any]) -> Modality | None:
    """"the refusal to sign" and "no intention of resigning" (denied), "a plan to visit"
    (planned), "the need to act" (hypothetical): an infinitive or of-gerund spelling out a
    noun is its content, not something done."""
    noun = complement_noun(parse, verb)
    if noun is None:
        return None
    lemma = noun.lemma.lower()
    if lemma in words["denied_nouns"] or is_negated_noun(parse, noun, words):
        return "denied"
    if lemma in words["planned_nouns"] or lemma in words["proposed_words"] or lemma in words["planned_words"]:
        return "planned"
    return "hypothetical"


def _governed_modality(parse: DependencyParse, verb: Token, cues: dict[str, Any]) -> Modality:
    words = cues["modality"]
    report = set(cues["attribution"]["report_verbs"])
    governor_deps = set(cues["arguments"]["governor_deps"])
    current: Token | None = verb
    level = 0
    # "an agreement to step up cooperation": the noun's modality, unless a cue higher up
    # says otherwise.
    of_noun = _noun_complement_modality(parse, verb, words)
    while current is not None:
        kids = parse.children[current.i]
        copula = parse.head(current) if current.dep == "acomp" else None
        if copula is not None and copula.lemma.lower() == words["copula"]:
            kids = kids + parse.children[copula.i]  # "would be integrated": the copula's cues
        lemma = current.lemma.lower()
        auxiliaries = {c.lemma.lower() for c in kids if c.dep in ("aux", "auxpass")} | {
            c.text.lower() for c in kids if c.dep == "aux"
        }
        if any(c.dep == "neg" or (c.dep == "advmod" and c.lemma.lower() in words["negations"]) for c in kids):
            return "denied"
        if level and current.pos == "NOUN" and is_negated_noun(parse, current, words):
            return "denied"  # "no plans to meet"
        if not level and any(c.dep == "advmod" and c.lemma.lower() in words["hypothetical_adverbs"] for c in kids):
            return "hypothetical"
        if level and lemma in words["denied_governors"]:
            return "denied"
        conditional = any(c.dep == "mark" and c.lemma.lower() in words["hypothetical_markers"] for c in kids)
        if auxiliaries & set(words["reported_future"]) and not conditional and _reported(parse, current, report):
            return "planned"  # "said they would meet": the future of a past report
        if auxiliaries & set(words["hypothetical_auxiliaries"]) or conditional:
            return "hypothetical"
        prep = parse.head(current) if current.dep == "pcomp" else None
        if prep is not None and prep.lemma.lower() in words["averting_preps"]:
            return "hypothetical"
        if lemma in words["proposed_words"]:
            return "proposed"
        if not level and lemma in words["planned_predicates"]:
            return "planned"
        if _is_requested_clause(parse, current, words) and (asker := parse.head(current)) is not None and (
                asker.lemma.lower() in words["requested_governors"]):
            return "hypothetical"  # "urged X to (stop) reject(ing)", "called for Kelly to visit": asked for, not done
        if not level and _is_purpose_of_journey(parse, current, words):
            return "planned"  # "arrived in Tehran to sign a memorandum"
        if not level and _is_purpose(parse, current, kids):
            return "planned"  # "met on Tuesday to ensure ...": a purpose, intended, not yet done
        if auxiliaries & set(words["planned_auxiliaries"]):
            return "planned"
        if level and (lemma in words["planned_words"] or lemma == words["copula"]):
            return "planned"
        if current.dep not in governor_deps:
            break
        current = parse.head(current)
        level += 1
        if current is not None and current.lemma.lower() in report:
            break
    return of_noun or "asserted"


def _is_requested_clause(parse: DependencyParse, verb: Token, words: dict) -> bool:
    """The act a request asks for: its infinitive ("urged X to reject", "called on X to
    expel" however it is hung) or its "for X to" clause ("called for Kelly to visit")."""
    if verb.dep == "xcomp":
        return True
    governor = parse.head(verb)
    if verb.dep == "advcl" and governor is not None and any(c.tag == "TO" for c in parse.children[verb.i]) and (
            addressed_by(parse, governor, verb, words["addressee_preps"])):
        return True
    asked_for = [c for c in parse.children[verb.i] if c.dep == "mark"]
    asked_for += [c for c in parse.children[governor.i] if c.dep == "prep"] if governor is not None else []
    return verb.dep == "advcl" and any(c.text.lower() == "for" for c in asked_for)


def _reported(parse: DependencyParse, verb: Token, report: set[str]) -> bool:
    """Whether the clause is the complement of a reporting verb ("X said [it would ...]")."""
    governor = parse.head(verb)
    return verb.dep == "ccomp" and governor is not None and governor.lemma.lower() in report


def _is_purpose(parse: DependencyParse, verb: Token, kids: list[Token]) -> bool:
    """"met on Tuesday to discuss ...": an infinitive clause of a verb, with no subject of its own."""
    head = parse.head(verb)
    return (verb.dep == "advcl" and head is not None and head.pos == "VERB"
            and any(c.dep == "aux" and c.tag == "TO" for c in kids)
            and not any(c.dep in ("nsubj", "nsubjpass") for c in kids))


def _is_purpose_of_journey(parse: DependencyParse, verb: Token, words: dict[str, Any]) -> bool:
    if verb.dep not in ("advcl", "xcomp") or not any(c.dep == "aux" and c.tag == "TO" for c in parse.children[verb.i]):
        return False
    governor = parse.head(verb)
    return governor is not None and governor.lemma.lower() in words["purpose_governors"]


def is_reporting_frame(parse: DependencyParse, verb: Token, cues: dict[str, Any]) -> bool:
    """"IRNA reported that ...": the reporting verb frames an event, it is not one."""
    words = cues["attribution"]
    if verb.text.lower() == words["according"]:
        return True
    if verb.lemma.lower() not in words["report_verbs"]:
        return False
    kids = parse.children[verb.i]
    if verb.dep == "parataxis" or any(c.dep in ("ccomp", "parataxis") for c in kids):
        return True
    # "told the programme (that) he hoped ...": parsers often hang the reported clause on
    # the addressee as a noun's clause; one opened by "that" or with a personal pronoun
    # subject is what was said, not a relative clause.
    return any(
        clause.dep in ("relcl", "acl")
        and any(_opens_reported_clause(c) for c in parse.children[clause.i])
        for obj in kids
        if obj.dep in ("dobj", "dative")
        for clause in parse.children[obj.i]
    )


def _opens_reported_clause(token: Token) -> bool:
    """"that" opening a complement, or a personal pronoun subject ("he hoped")."""
    that = token.dep == "mark" and token.text.lower() == "that"
    return that or (token.dep == "nsubj" and token.tag == "PRP")


def _reporter_name(tokens: list[Token], sentence: Sentence, text: str, words: dict[str, Any]) -> str | None:
    """A reporter's name: a named entity in the phrase, else its run of proper nouns."""
    labels = words["name_labels"]
    if not tokens:
        return None
    start, end = tokens[0].start, tokens[-1].end
    entities = [
        e
        for e in sentence.entities
        if start <= e.start and e.end <= end and e.label in labels and not text[e.start : e.end].islower()
    ]
    if entities:
        entity = min(entities, key=lambda e: (labels.index(e.label), -e.start))
        if entity.label in words["adjective_labels"]:
            # "Iranian media reported": the nationality names a group, keep its noun.
            content = [t for t in tokens if t.pos not in ("DET", "PUNCT")]
            entity_start, entity_end = content[0].start, content[-1].end
        else:
            entity_start, entity_end = entity.start, entity.end
        name = text[entity_start:entity_end]
        return name[4:] if name.lower().startswith("the ") else name
    run: list[Token] = []
    best: list[Token] = []
    for token in tokens:
        run = run + [token] if token.pos == "PROPN" and token.text[:1].isupper() else []
        if len(run) > len(best):
            best = run
    if best:
        return text[best[0].start : best[-1].end]
    # No name: a generic source still says who claims it ("state media", "officials").
    content = [t for t in tokens if t.pos not in ("DET", "PRON", "PUNCT") and t.dep != "poss"]
    sources = set(words["source_nouns"])
    if content and any(t.lemma.lower() in sources or t.text.lower() in sources for t in content):
        return text[content[0].start : content[-1].end]
    return None


def attribution(parse: DependencyParse, text: str, cues: dict[str, Any]) -> tuple[list[str], set[int]]:
    """Names of who reports or claims the sentence's events, and the tokens naming them.

    `text` is the article text the token offsets point into.
    """
    words = cues["attribution"]
    subject_deps = set(cues["arguments"]["subject_deps"])
    clause_deps = set(cues["arguments"]["clause_deps"])
    names: list[str] = []
    tokens: set[int] = set()
    for token in parse.tokens:
        phrase = None
        if token.pos == "VERB" and token.lemma.lower() in words["report_verbs"]:
            subjects = [c for c in parse.children[token.i] if c.dep in subject_deps]
            phrase = sorted((t for s in subjects for t in parse.subtree(s, clause_deps)), key=lambda t: t.i)
        elif token.text.lower() == words["according"]:
            to = parse.child(token, {"prep"})
            obj = parse.child(to, {"pobj"}) if to is not None else None
            phrase = parse.subtree(obj) if obj is not None else None
        name = _reporter_name(phrase, parse.sentence, text, words) if phrase else None
        if name and phrase:
            tokens.update(t.i for t in phrase)
            if name not in names:
                names.append(name)
    return names, tokens
