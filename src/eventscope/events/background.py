"""Background: an act the text places well before the article's reporting period.

News retells history ("Ms Short resigned in 2003", "since he took office in 1997", "last
year's invasion"); coding it as current inflates a dyad's present and dates it wrongly. An
event is background when a time expression attached to its predicate (or a verb governing
it) names an earlier year than publication, a span of years ago or "last year", or resolves
to a day more than `window_days` before publication. An article without a publication date
is read as of the end of the latest year it names in the past (`reference_date`): a 2005
story retelling "in 1999 Labour removed the peers" names 2005 elsewhere.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence

from eventscope.common.dates import TimeExpression

_YEAR = re.compile(r"\b((?:1[89]|20)\d\d)\b")
_YEARS_AGO = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+years?\s+ago\b|"
                        r"\b(?:a|one)\s+year\s+ago\b|\blast\s+year\b|\bprevious\s+year\b", re.IGNORECASE)
_DECADE = re.compile(r"\b(?:the\s+)?(?:1[89]|20)\d0s\b", re.IGNORECASE)
# A year named as a deadline or a bound ("by 2007", "until 2010") may lie ahead.
_PAST_YEAR = re.compile(r"(?<!\bby )(?<!\buntil )(?<!\btill )(?<!\bbefore )\b((?:19|20)\d\d)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=4)  # one article's sentences ask in turn
def reference_date(published: dt.date | None, text: str) -> dt.date | None:
    """The day background is measured from: publication, else the end of the latest year an
    undated text names other than as a deadline, else None."""
    if published is not None:
        return published
    years = [int(y) for y in _PAST_YEAR.findall(text)]
    return dt.date(max(years), 12, 31) if years else None


def is_background(
    expressions: Sequence[TimeExpression],
    governors: Sequence[int],
    verb_index: int,
    published: dt.date | None,
    date: dt.date | None,
    window_days: int,
) -> bool:
    """Whether the event of the predicate at `verb_index` is history told as background.

    Only expressions that date this predicate or a verb governing it count; an expression
    that bounds a span ("since 1997") or modifies a noun does not date the act.
    """
    if published is not None and date is not None and (published - date).days > window_days:
        return True
    attached = [e for e in expressions if not e.bounding and (e.governor == verb_index or e.governor in governors)]
    for expression in attached:
        text = expression.text
        if _YEARS_AGO.search(text) or _DECADE.search(text):
            return True
        years = [int(y) for y in _YEAR.findall(text)]
        if published is not None and years and max(years) < published.year:
            return True
    return False
