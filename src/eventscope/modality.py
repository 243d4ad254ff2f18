"""Modality and attribution of events, from cue words (`data/cameo/cues.yaml`) on the parse.

Modality says whether the act happened: `asserted`, or only `proposed` ("suggested",
"offered"), `planned` ("plans to", "will", "is to", "ready to"), `denied` ("denied",
negation, "refused to") or `hypothetical` ("would", "could", "if"). Cues are read on
the predicate, then on the words governing it (through xcomp/ccomp/...), stopping at a
reporting verb: "IRNA reported that they would meet" is hypothetical because of
"would", not asserted because of "reported".

Attribution lists who reports or claims the sentence's events: the named subject of a
reporting verb ("the official news agency IRNA reported" -> IRNA) or the object of
"according to".
"""

from __future__ import annotations

from typing import Any

from eventscope.records import Modality, Sentence, Token
from eventscope.syntax import DependencyParse


def modality_of(parse: DependencyParse, verb: Token, cues: dict[str, Any]) -> Modality:
    """The modality of the act whose predicate is `verb`; `cues` is the whole cue data."""
    words = cues["modality"]
    report = set(cues["attribution"]["report_verbs"])
    governor_deps = set(cues["arguments"]["governor_deps"])
    current: Token | None = verb
    level = 0
    # "an agreement to step up cooperation": an infinitive spelling out a noun is its
    # content, not something done -- unless a cue higher up says otherwise.
    content_of_noun = verb.dep == "acl" and any(c.dep == "aux" and c.tag == "TO" for c in parse.children[verb.i])
    while current is not None:
        kids = parse.children[current.i]
        lemma = current.lemma.lower()
        auxiliaries = {c.lemma.lower() for c in kids if c.dep in ("aux", "auxpass")} | {
            c.text.lower() for c in kids if c.dep == "aux"
        }
        if any(c.dep == "neg" or (c.dep == "advmod" and c.lemma.lower() in words["negations"]) for c in kids):
            return "denied"
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
        if not level and _is_purpose_of_journey(parse, current, words):
            return "planned"  # "arrived in Tehran to sign a memorandum"
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
    return "planned" if content_of_noun else "asserted"


def _reported(parse: DependencyParse, verb: Token, report: set[str]) -> bool:
    """Whether the clause is the complement of a reporting verb ("X said [it would ...]")."""
    governor = parse.head(verb)
    return verb.dep == "ccomp" and governor is not None and governor.lemma.lower() in report


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
    return verb.dep == "parataxis" or any(c.dep in ("ccomp", "parataxis") for c in parse.children[verb.i])


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
