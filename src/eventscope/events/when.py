"""When an event happened: the tense its time expressions are read in, then its date.

A time expression is read in the tense of the act it dates: back from publication for
an act told as done, forward for one planned ("will visit on Sunday") or scheduled in
the present ("meets Putin on Sunday", "is travelling on Sunday"). An act only tried
("attempted to explain Sunday") is dated by the try, which is done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from eventscope.common import dates
from eventscope.common.parse import DependencyParse
from eventscope.records import Token

PRESENT_TAGS = frozenset({"VBZ", "VBP"})
NON_FINITE_TAGS = frozenset({"VBG", "VBN"})


def reads_forward(parse: DependencyParse, verb: Token, modality: str, tried: frozenset[str]) -> bool:
    """Whether the act's time expressions name days after publication; `tried` are the
    verbs whose infinitive is an act attempted, not planned ("tried to", "attempted to")."""
    children = parse.children[verb.i]
    if modality == "planned":
        head = parse.head(verb)
        return not (
            verb.dep == "xcomp"
            and head is not None
            and head.lemma.lower() in tried
            and dates.is_past_tense(head, parse.children[head.i])
        )
    if modality != "asserted":
        return False
    if verb.tag in PRESENT_TAGS:
        return True
    return verb.tag == "VBG" and any(c.dep == "aux" and c.tag in PRESENT_TAGS for c in children)


def _reported(parse: DependencyParse, verb: Token) -> bool:
    """Whether an asserted act is told as done or doing: in the past or simple present,
    its own or, for a participle ("in allowing the goal", "killing three"), that of the
    nearest finite verb above it."""
    for token in [verb, *parse.ancestors(verb)]:
        if token.pos not in ("VERB", "AUX"):
            continue
        children = parse.children[token.i]
        if dates.is_past_tense(token, children) or token.tag in PRESENT_TAGS:
            return True
        if token.tag not in NON_FINITE_TAGS or any(c.dep in ("aux", "auxpass") for c in children):
            return False
    return False


def date_event(
    parse: DependencyParse,
    verb: Token,
    modality: str,
    expressions: Sequence[dates.TimeExpression],
    published: dt.date | None,
    cues: dates.DateCues,
    anchors: Sequence[dt.date],
) -> dates.EventDate:
    """The date of the act whose predicate is `verb`, from its own clause's expressions
    (or the publication day for an act told as done or asserted in the simple present,
    "admits", "denies"; see `dates.event_date` and `_reported`)."""
    return dates.event_date(
        expressions,
        verb,
        parse.governors(verb),
        published,
        cues,
        reported=dates.is_past_tense(verb, parse.children[verb.i]) or (modality == "asserted" and _reported(parse, verb)),
        future=reads_forward(parse, verb, modality, cues.tried),
        fallback=modality not in ("planned", "hypothetical"),
        anchors=anchors,
    )
