"""When an event happened, from the time expressions of its sentence.

Expressions are resolved against the article's publication date, never against
today: "on Sunday" is the most recent Sunday on or before publication (the next
one on or after it for a planned event), "last week" and "in March" go through
dateparser with the publication date as its base, preferring the past.

Policy when the sentence names no time: an asserted event told in the past tense
("signed", "has signed", "was signed") is dated to the publication day, the
convention of GDELT and ICEWS for news reports; anything else (planned, proposed,
present tense) gets no date. Without a publication date only expressions that
carry their own year can be resolved.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from eventscope.records import Sentence, Token

_LEADING = re.compile(r"^(on|in|at|by|since|from|during|of|the)\s+", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")


@dataclass(frozen=True, slots=True)
class TimeExpression:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DateCues:
    """The `dates` section of the cue data, compiled once per coder."""

    labels: frozenset[str]
    weekdays: tuple[str, ...]
    time_cue: re.Pattern[str]
    weekday_phrase: re.Pattern[str]

    @classmethod
    def from_data(cls, data: dict) -> DateCues:
        weekdays = tuple(data["weekdays"])
        days = "|".join(weekdays)
        return cls(
            labels=frozenset(data["labels"]),
            weekdays=weekdays,
            time_cue=re.compile("|".join(f"(?:{cue})" for cue in data["time_cues"]), re.IGNORECASE),
            weekday_phrase=re.compile(
                rf"^(?:(last|this|next|on)\s+)?({days})(?:\s+(?:morning|afternoon|evening|night))?$",
                re.IGNORECASE,
            ),
        )


def time_expressions(sentence: Sentence, cues: DateCues) -> list[TimeExpression]:
    """Date entities and bare weekday names of the sentence that name a point in time."""
    found: list[TimeExpression] = []
    for entity in sentence.entities:
        if entity.label in cues.labels and cues.time_cue.search(entity.text):
            found.append(TimeExpression(entity.start, entity.end, entity.text))
    for token in sentence.tokens:
        if token.text.lower() in cues.weekdays and not any(
            e.start <= token.start < e.end for e in found
        ):
            found.append(TimeExpression(token.start, token.end, token.text))
    return sorted(found, key=lambda e: e.start)


def _weekday(published: dt.date, weekday: int, modifier: str, future: bool) -> dt.date:
    if modifier == "next" or (future and modifier != "last"):
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7)
    back = (published.weekday() - weekday) % 7
    if modifier == "last" and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


@functools.lru_cache(maxsize=4096)
def _dateparser(text: str, base: dt.date | None, future: bool) -> dt.date | None:
    import dateparser

    settings = {
        "PREFER_DATES_FROM": "future" if future else "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time(12))
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def resolve_expression(
    text: str, published: dt.date | None, cues: DateCues, future: bool = False
) -> dt.date | None:
    """The calendar date an expression names, relative to `published`; None if unknowable."""
    cleaned = _LEADING.sub("", text.strip().lower())
    cleaned = _LEADING.sub("", cleaned)
    weekday = cues.weekday_phrase.match(cleaned)
    if weekday:
        if published is None:
            return None
        modifier, day = weekday.group(1) or "", weekday.group(2).lower()
        return _weekday(published, cues.weekdays.index(day), modifier, future)
    if published is None and not _YEAR.search(cleaned):
        return None
    return _dateparser(cleaned, published, future)


def is_past_tense(token: Token, children: Sequence[Token]) -> bool:
    """Simple past, present perfect or past passive: reported as having happened."""
    if token.tag == "VBD":
        return True
    if token.tag == "VBN":
        return any(
            c.dep in ("aux", "auxpass") and c.lemma in ("have", "be") and c.tag != "MD" for c in children
        )
    return False


def event_date(
    expressions: Sequence[TimeExpression],
    clause: Sequence[Token],
    published: dt.date | None,
    cues: DateCues,
    *,
    past_tense: bool,
    future: bool,
    asserted: bool,
) -> dt.date | None:
    """The date of an event whose clause is `clause`, by the policy in the module doc.

    Expressions inside the clause win over others of the sentence.
    """
    spans = [(t.start, t.end) for t in clause]

    def inside(expression: TimeExpression) -> bool:
        return any(s < expression.end and expression.start < e for s, e in spans)

    ordered = sorted(expressions, key=lambda e: (not inside(e), e.start))
    for expression in ordered:
        resolved = resolve_expression(expression.text, published, cues, future=future)
        if resolved is not None:
            return resolved
    if not expressions and asserted and past_tense:
        return published
    return None
