"""The day of a signing written in one sentence: a date ("July 23", "23 July 2021",
"2021-07-23") or a weekday, "today" or "yesterday" counted back from the publication date.

The calendar (patterns, month and weekday tables, counting back) is `common.dates`'; what is
the agreements stage's own is which phrases date the signing: a time phrase whose clause is
a reporting verb ("Gazprom said on Wednesday") dates the reporting, not the signing, and is
skipped.
"""

from __future__ import annotations

import datetime as dt

from eventscope.common.dates import NAMED_DAYS, WRITTEN_DATES, named_day, written_date
from eventscope.common.parse import DependencyParse


def _said_when(parse: DependencyParse, start: int, end: int, reporting_verbs: frozenset[str]) -> bool:
    """True for a time phrase (sentence-relative characters) that dates the reporting."""
    tokens = parse.tokens_in(parse.sentence.start + start, parse.sentence.start + end)
    verb = parse.nearest_verb(parse.root_of(tokens)) if tokens else None
    return verb is not None and verb.lemma.lower() in reporting_verbs


def dates_the_reporting(parse: DependencyParse, reporting_verbs: frozenset[str]) -> bool:
    """True when some time phrase of the sentence dates its reporting ("said on Monday")."""
    text = parse.sentence.text
    matches = [m for p in (*WRITTEN_DATES, NAMED_DAYS) for m in p.finditer(text)]
    return any(_said_when(parse, *m.span(), reporting_verbs) for m in matches)


def explicit_date(parse: DependencyParse, published: dt.date | None, reporting_verbs: frozenset[str]) -> dt.date | None:
    """A day-level date written in the sentence; a missing year comes from the publication date."""
    text = parse.sentence.text
    for pattern in WRITTEN_DATES:
        match = next((m for m in pattern.finditer(text) if not _said_when(parse, *m.span(), reporting_verbs)), None)
        date = written_date(match, published) if match else None
        if date:
            return date
    return None


def relative_date(parse: DependencyParse, published: dt.date | None, reporting_verbs: frozenset[str]) -> dt.date | None:
    """ "on Sunday", "today", "yesterday", counted back from the publication date; "last
    Sunday" in a Sunday paper is a week ago."""
    if published is None:
        return None
    matches = NAMED_DAYS.finditer(parse.sentence.text)
    match = next((m for m in matches if not _said_when(parse, *m.span(), reporting_verbs)), None)
    if not match:
        return None
    last = parse.sentence.text[: match.start()].rstrip().lower().endswith("last")
    return named_day(match.group(0), published, "last" if last else "")
