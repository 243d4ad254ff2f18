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
    (or the publication day for an act told as done; see `dates.event_date`)."""
    return dates.event_date(
        expressions,
        verb,
        parse.governors(verb),
        published,
        cues,
        past_tense=dates.is_past_tense(verb, parse.children[verb.i]),
        future=reads_forward(parse, verb, modality, cues.tried),
        fallback=modality not in ("planned", "hypothetical"),
        anchors=anchors,
    )
