"""The clause of a sentence that signs or proposes an agreement, read from the parse.

Its status cue ("signed", "would sign", "entered into force"), the verbs and the agreement
phrase whose actors take part, and the tokens that can never name a party: datelines,
sources and side clauses. Token indices are sentence-local.
"""

from __future__ import annotations

from eventscope.agreements.cues import STATUS_ORDER, Cues
from eventscope.common.parse import VERB_POS, DependencyParse
from eventscope.records import AgreementStatus, Token


def _subtree(parse: DependencyParse, token: Token) -> set[int]:
    return {t.i for t in parse.subtree(token)}


def _is_infinitive(parse: DependencyParse, verb: Token) -> bool:
    return any(c.tag == "TO" for c in parse.children[verb.i])


def _acts_on(parse: DependencyParse, verb: Token, noun: list[Token]) -> bool:
    """True when the agreement is what the verb acts on: its object or passive subject
    ("reached a deal", "the accord was concluded") or the noun it describes ("the deal struck")."""
    root = parse.root_of(noun)
    if verb.head == root.i and verb.dep in {"acl", "relcl"}:
        return True
    return parse.nearest_verb(root) == verb


def _status_of_verb(parse: DependencyParse, token: Token, noun: list[Token], cues: Cues) -> AgreementStatus | None:
    word = token.text.lower()
    status = cues.status_verbs.get(word)
    # "a sign of", "air strikes": nouns spelled like a cue; "the signing" is the act itself.
    if status is None or (token.pos == "NOUN" and not word.endswith("ing")):
        return None
    if word in cues.object_verbs and not _acts_on(parse, token, noun):
        return None
    if token.dep == "xcomp" and parse.tokens[token.head].lemma.lower() in cues.failure_verbs:
        return None
    governors = [token, *[a for a in parse.ancestors(token)[:1] if token.dep in {"conj", "xcomp"}]]
    modifiers = {c.text.lower() for g in governors for c in parse.children[g.i]
                 if c.dep in {"aux", "auxpass", "neg"}}
    if modifiers & cues.negations:
        return None
    hypothetical = bool(modifiers & cues.modals) or "to" in modifiers
    if hypothetical and status == "signed":
        return "proposed"
    if hypothetical and status == "implemented":
        return None
    return status


def sentence_status(parse: DependencyParse, noun: list[Token], cues: Cues) -> tuple[AgreementStatus | None, list[Token]]:
    """The most advanced status the sentence's cues support (None without a cue), and the
    tokens that carry it."""
    found: set[AgreementStatus] = set()
    verbs, phrases = [], []
    for token in parse.tokens:
        status = _status_of_verb(parse, token, noun, cues)
        if status:
            found.add(status)
            verbs.append(token)
    noun_root = parse.root_of(noun)
    for pattern, status in cues.status_phrases:
        for match in pattern.finditer(parse.sentence.text):
            at = parse.token_at(parse.sentence.start + match.start())
            if at is None or at.text.lower() in cues.status_verbs:
                continue
            # A phrase speaks of the agreement only in its own clause ("the accord would open
            # flights") or one describing it ("a truce that took effect"), not in a side remark
            # ("the treaty, which critics said would fail").
            verb = parse.nearest_verb(at)
            if verb is None or noun_root.i in _subtree(parse, verb) or verb.head == noun_root.i:
                found.add(status)
                phrases.append(at)
    if not found:
        return None, []
    # The verbs name the clause; phrases ("would", "plan to") only when no verb does.
    return max(found, key=STATUS_ORDER.index), verbs or phrases


def clause_verbs(parse: DependencyParse, cue_tokens: list[Token], cues: Cues) -> set[int]:
    """The verbs of the clause that signs or proposes: the cue verbs, the verbs they complete
    or are coordinated with ("met ... and signed", "was ready to sign"), the verb an infinitive
    of purpose serves ("arrived to sign"), and the speaker's verb when the clause refers back
    to the speaker ("Norway said it would sign")."""
    verbs: set[int] = set()
    stack = [v for v in (parse.nearest_verb(t) for t in cue_tokens) if v is not None]
    while stack:
        verb = stack.pop()
        if verb.i in verbs:
            continue
        verbs.add(verb.i)
        children = parse.children[verb.i]
        stack += [c for c in children if c.dep == "conj" and c.pos in VERB_POS]
        if verb.head == verb.i:
            continue
        head = parse.tokens[verb.head]
        if (
            verb.dep in {"conj", "xcomp", "acomp"}
            or verb.dep == "advcl" and _is_infinitive(parse, verb)
            or verb.dep == "ccomp" and head.lemma.lower() in cues.reporting_verbs
            and any(c.dep == "nsubj" and c.pos == "PRON" for c in children)
        ):
            stack.append(head)
    return verbs


def agreement_phrase(parse: DependencyParse, noun: list[Token]) -> set[int]:
    """The agreement noun and the infinitive that states its content ("a deal to import gas
    from Iran"), whose countries are parties too."""
    phrase = {t.i for t in noun}
    stack = [
        c for t in noun for c in parse.children[t.i]
        if c.dep in {"acl", "relcl", "advcl"} and _is_infinitive(parse, c)
    ]
    while stack:
        verb = stack.pop()
        if verb.i not in phrase:
            phrase.add(verb.i)
            stack += [c for c in parse.children[verb.i] if c.dep == "conj"]
    return phrase


def in_clause(parse: DependencyParse, tokens: list[Token], verbs: set[int], noun: set[int],
              prepositions: frozenset[str] | None = None, start: Token | None = None) -> bool:
    """True when the span belongs to the signing clause or modifies the agreement noun; with
    `prepositions`, only through those ("a deal with Chile", not "a deal on Chile's debt")."""
    start = start or parse.root_of(tokens)
    for current in [start, *parse.ancestors(start)]:
        if current.i in noun or current.i in verbs:
            return True
        if current.pos in VERB_POS:
            return False
        if prepositions is not None and current.pos == "ADP" and current.text.lower() not in prepositions:
            return False
    return True


def excluded_tokens(parse: DependencyParse, cues: Cues) -> set[int]:
    """Tokens that cannot name a party, signatory or place: datelines, sources, side clauses."""
    excluded: set[int] = set()
    dateline = cues.dateline.match(parse.sentence.text)
    if dateline:
        excluded |= {t.i for t in parse.tokens_in(parse.sentence.start,
                                                  parse.sentence.start + dateline.end())}
    status_tokens = {t.i for t in parse.tokens if t.text.lower() in cues.status_verbs}
    for token in parse.tokens:
        if token.text.lower() == "according":
            excluded |= _subtree(parse, token)
        if token.dep == "relcl" and not _is_infinitive(parse, token):
            clause = _subtree(parse, token)
            if not clause & status_tokens:
                excluded |= clause
    return excluded


def place_preposition(parse: DependencyParse, tokens: list[Token], cues: Cues) -> Token | None:
    """The "in"/"at" whose object the span is (or names: "in Syria's Idlib province")."""
    current = parse.root_of(tokens)
    while current.dep in {"conj", "appos", "compound", "poss"} and current.head != current.i:
        current = parse.tokens[current.head]
    if current.dep != "pobj" or current.head == current.i:
        return None
    preposition = parse.tokens[current.head]
    return preposition if preposition.text.lower() in cues.place_prepositions else None
