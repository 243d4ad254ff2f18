"""Dates: the calendar's names, and when an event happened, from its sentence's time expressions.

The month and weekday tables here are the one copy that every stage reading dates uses:
extraction's date lines, the event dates below, and the helpers for written dates
(`WRITTEN_DATES`, `written_date`, `NAMED_DAYS`, `named_day`) that agreements' dates are read with.

Expressions are resolved against the article's publication date, never against
today, in the tense of the act they date: "on Sunday" told of a done act is the most
recent Sunday on or before publication, told of a planned or scheduled one ("will
visit on Sunday", "meets on Sunday") the next one on or after it. "in March", "last
month", "earlier this month" name a month (`precision` "month", dated its first day),
"in 2019" and "last year" a year (`precision` "year", dated 1 January); the rest a day.

An expression dates an event only if it belongs to the event's verb or to a verb
governing it ("said on Sunday that they signed"), and not when it bounds a span
("since 2003", "until March"). A sentence never lends its date to the next one.

Policy when the text gives no time for the event: an event `reported` as done or
doing -- told in the past tense ("signed", "has signed", "was signed") or asserted in
the simple present ("admits", "denies") -- that is not merely planned or hypothetical
takes the publication day (`source` "publication"), the convention of GDELT and ICEWS
for news reports; anything else (planned, ongoing) gets no date. Without a
publication date only expressions that carry their own year can be resolved; the
story stage may then date the event from another report of the same happening.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from eventscope.records import Sentence, Token

# Month names in English, lower case, in calendar order.
MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
# Every way a month is written (full name or abbreviation), with its number.
MONTHS: Mapping[str, int] = MappingProxyType(
    {
        **{name: number for number, name in enumerate(MONTH_NAMES, start=1)},
        **{name[:3]: number for number, name in enumerate(MONTH_NAMES, start=1)},
        "sept": 9,
    }
)
# Weekday names in English, lower case, in `datetime.date.weekday()` order (Monday 0).
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAYS: Mapping[str, int] = MappingProxyType({name: day for day, name in enumerate(WEEKDAY_NAMES)})
# Abbreviated weekdays, as date lines write them ("Tue", "Thurs").
WEEKDAY_ABBREVIATIONS: Mapping[str, int] = MappingProxyType(
    {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
)
# Days named by how long ago they were.
RELATIVE_DAYS: Mapping[str, int] = MappingProxyType({"today": 0, "yesterday": 1})
# A year of modern news, 1800-2099 (a pattern to put inside word boundaries).
YEAR_PATTERN = r"(?:1[89]|20)\d\d"

_MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_OPTIONAL_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
# Day-level dates written out, with groups `day`, `month` (a name or a number) and maybe
# `year` (1900-2099): "July 23", "23rd of July 2017", "2017-07-23".
WRITTEN_DATES: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b(?P<month>{_MONTH_WORDS})\.?\s+{_DAY}{_OPTIONAL_YEAR}", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?P<month>{_MONTH_WORDS})\b\.?{_OPTIONAL_YEAR}", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
)
# A day named by its weekday or by how long ago it was: "Sunday", "today", "yesterday".
NAMED_DAYS = re.compile(r"\b(?:" + "|".join([*WEEKDAYS, *RELATIVE_DAYS]) + r")\b", re.IGNORECASE)

_LEADING = re.compile(r"^(on|in|at|by|since|from|during|of|the)\s+", re.IGNORECASE)
_YEAR = re.compile(rf"\b{YEAR_PATTERN}\b")
_DAY_OF_MONTH = re.compile(r"\b\d{1,2}\b")
_YEAR_ONLY = re.compile(rf"^(?:(?:in|of|during|the)\s+)*(?:the\s+)?(?:year\s+)?{YEAR_PATTERN}$", re.IGNORECASE)
_WEEKDAY_PHRASE = re.compile(
    rf"^(?:(last|this|next|on)\s+)?({'|'.join(WEEKDAY_NAMES)})(?:\s+(?:morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)
ANCHOR_DAYS = 14
_TIME_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)\b", re.IGNORECASE)


def day_in_year(month: int, day: int, year: int | None, published: dt.date | None) -> dt.date | None:
    """The date of a day and month; a missing year is the publication's (or the year
    before, for a day after publication). None for an impossible day, or no year to take."""
    try:
        if year is None:
            if published is None:
                return None
            year = published.year
            if dt.date(year, month, day) > published:
                year -= 1
        return dt.date(year, month, day)
    except ValueError:
        return None


def written_date(match: re.Match[str], published: dt.date | None) -> dt.date | None:
    """The date a match of one of `WRITTEN_DATES` names (see `day_in_year`)."""
    month_text = match.group("month").lower()
    month = MONTHS.get(month_text) or int(month_text)
    year = int(match.group("year")) if match.group("year") else None
    return day_in_year(month, int(match.group("day")), year, published)


def weekday_before(published: dt.date, weekday: int, modifier: str = "", future: bool = False) -> dt.date:
    """The day a weekday names, counted from `published`: on or before it ("last" on the
    same weekday: a week before), or on or after it for "next" and for a `future` act."""
    if modifier == "next" or (future and modifier != "last"):
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7)
    back = (published.weekday() - weekday) % 7
    if modifier == "last" and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def named_day(name: str, published: dt.date, modifier: str = "") -> dt.date:
    """The day a match of `NAMED_DAYS` names, counted back from `published`: "yesterday",
    or a weekday on or before it (see `weekday_before` for "last")."""
    name = name.lower()
    if name in RELATIVE_DAYS:
        return published - dt.timedelta(days=RELATIVE_DAYS[name])
    return weekday_before(published, WEEKDAYS[name], modifier)


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time phrase; `governor` is the token index of the verb it modifies, if any."""

    start: int
    end: int
    text: str
    governor: int | None = None
    bounding: bool = False


@dataclass(frozen=True)
class DateCues:
    """The `dates` section of the cue data, compiled once per coder."""

    labels: frozenset[str]
    time_cue: re.Pattern[str]
    bounding_words: frozenset[str]
    modifier_deps: frozenset[str]
    tried: frozenset[str]  # "attempted to explain Sunday": the try is dated, and done

    @classmethod
    def from_data(cls, data: dict) -> DateCues:
        return cls(
            labels=frozenset(data["labels"]),
            bounding_words=frozenset(data["bounding_words"]),
            modifier_deps=frozenset(data["modifier_deps"]),
            tried=frozenset(data["tried"]),
            time_cue=re.compile("|".join(f"(?:{cue})" for cue in data["time_cues"]), re.IGNORECASE),
        )


def time_expressions(sentence: Sentence, cues: DateCues) -> list[TimeExpression]:
    """Date entities and bare weekday names of the sentence that name a point in time."""
    spans: list[tuple[int, int]] = []
    for entity in sentence.entities:
        if entity.label in cues.labels and cues.time_cue.search(entity.text):
            spans.append((entity.start, entity.end))
    for token in sentence.tokens:
        if token.text.lower() in WEEKDAYS and not any(s <= token.start < e for s, e in spans):
            spans.append((token.start, token.end))
    offset = sentence.start
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        # "Friday evening", "Sunday, 27 February": one time, however the entities split it.
        between = sentence.text[merged[-1][1] - offset : start - offset] if merged else None
        if between is not None and between.strip(" ,") == "" and len(between) <= 2:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    for index, (start, end) in enumerate(merged):
        after = _TIME_OF_DAY.match(sentence.text, end - offset)
        if after and sentence.text[start - offset : end - offset].lower() in WEEKDAYS:
            merged[index] = (start, offset + after.end())
    return [_attach(sentence.tokens, s, e, sentence.text[s - offset : e - offset], cues) for s, e in merged]


def _attach(tokens: Sequence[Token], start: int, end: int, text: str, cues: DateCues) -> TimeExpression:
    """Find the verb an expression modifies and whether a bounding word introduces it."""
    inside = [t for t in tokens if start <= t.start < end]
    if not inside:
        return TimeExpression(start, end, text)
    members = {t.i for t in inside}
    head = next((t for t in inside if t.head not in members or t.head == t.i), inside[0])
    if head.dep in cues.modifier_deps:
        return TimeExpression(start, end, text, None, True)  # "the 2003 invasion": a thing's time
    bounding = any(t.lemma.lower() in cues.bounding_words for t in inside[:1])
    current = head
    seen = set()
    while current.head != current.i and current.i not in seen:
        seen.add(current.i)
        parent = tokens[current.head]
        if parent.dep == "prep" or parent.pos == "ADP":
            bounding = bounding or parent.lemma.lower() in cues.bounding_words
        if parent.pos in ("VERB", "AUX"):
            return TimeExpression(start, end, text, parent.i, bounding)
        current = parent
    return TimeExpression(start, end, text, None, bounding)


def load_date_parser() -> None:
    """Import dateparser and let it build its English tables, which it does on its first
    parse (about 0.2 s): a cost of loading the stages, not of the first article with a date."""
    _dateparser("1 January 2000", None, False)


@functools.lru_cache(maxsize=4096)
def _dateparser(text: str, base: dt.date | None, future: bool) -> dt.date | None:
    import dateparser

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "future" if future else "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time(12))
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


@dataclass(frozen=True, slots=True)
class DatedExpression:
    """The calendar date an expression names and how precisely: "day", "month" or "year"
    (a month or year is dated by its first day)."""

    date: dt.date
    precision: str


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened: the date, its `precision` ("day", "month", "year") and
    `source`: "text" (a time expression of its clause), "publication" (an act told as
    done, dated to the report) or "story" (another report of the same happening)."""

    date: dt.date | None = None
    precision: str | None = None
    source: str | None = None


_PERIOD = re.compile(
    r"^(?:(?:earlier|later|early|late)\s+)?(?:(this|last|past|previous|next|coming)\s+)(week|month|year)$",
    re.IGNORECASE,
)
_PERIOD_OFFSETS = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}
_AGO = re.compile(r"\b(day|week|month|year)s?\s+ago\b", re.IGNORECASE)
_MONTH_NAME = re.compile(rf"\b(?:{_MONTH_WORDS})\b", re.IGNORECASE)


def resolve_expression(
    text: str,
    published: dt.date | None,
    cues: DateCues,
    future: bool = False,
    anchors: Sequence[dt.date] = (),
) -> DatedExpression | None:
    """The date an expression names, relative to `published`, and its precision; None if
    unknowable. `future` reads it forward from publication (a planned or scheduled act).

    `anchors` are explicit dates given elsewhere in the article: a bare weekday that one
    of them falls on, in the fortnight before publication, is that date ("signed on July
    23, a Sunday" ... "signed on Sunday" in a story published a week later).
    """
    cleaned = _LEADING.sub("", text.strip().lower())
    cleaned = _LEADING.sub("", cleaned)
    weekday = _WEEKDAY_PHRASE.match(cleaned)
    if weekday:
        if published is None:
            return None
        modifier, day = weekday.group(1) or "", weekday.group(2).lower()
        index = WEEKDAYS[day]
        if modifier in ("", "on", "last") and not future:
            named = [d for d in anchors if d.weekday() == index and 0 <= (published - d).days <= ANCHOR_DAYS]
            if named:
                return DatedExpression(max(named), "day")
        return DatedExpression(weekday_before(published, index, modifier, future), "day")
    if _YEAR_ONLY.match(cleaned):
        return DatedExpression(dt.date(int(cleaned[-4:]), 1, 1), "year")
    for pattern in WRITTEN_DATES:
        match = pattern.search(cleaned)
        if match:
            return _written(match, published, future)
    period = _PERIOD.match(cleaned)
    if period:
        return _period(period.group(1).lower(), period.group(2).lower(), published)
    if published is None and not _YEAR.search(cleaned):
        return None
    resolved = _dateparser(cleaned, published, future)
    if resolved is None:
        return None
    ago = _AGO.search(cleaned)
    unit = ago.group(1).lower() if ago else None
    if unit == "year":
        return DatedExpression(resolved.replace(month=1, day=1), "year")
    if unit == "month" or (unit is None and _MONTH_NAME.search(cleaned) and not _DAY_OF_MONTH.search(cleaned)):
        return DatedExpression(resolved.replace(day=1), "month")
    return DatedExpression(resolved, "day")


def _written(match: re.Match[str], published: dt.date | None, future: bool) -> DatedExpression | None:
    """A written day ("June 23-24": its first day); without a year, the nearest one on
    or before publication, or on or after it for a `future` act."""
    resolved = written_date(match, published)
    if future and resolved is not None and not match.group("year") and published is not None:
        ahead = day_in_year(resolved.month, resolved.day, published.year, None)
        if ahead is not None and ahead < published:
            ahead = day_in_year(resolved.month, resolved.day, published.year + 1, None)
        resolved = ahead or resolved
    return DatedExpression(resolved, "day") if resolved is not None else None


def _period(which: str, unit: str, published: dt.date | None) -> DatedExpression | None:
    """"last month", "earlier this year", "next week", counted from publication."""
    if published is None:
        return None
    offset = _PERIOD_OFFSETS[which]
    if unit == "week":
        # The contract has no week precision: a week is dated to publication's weekday in it.
        return DatedExpression(published + dt.timedelta(weeks=offset), "day")
    if unit == "month":
        months = published.year * 12 + published.month - 1 + offset
        return DatedExpression(dt.date(months // 12, months % 12 + 1, 1), "month")
    return DatedExpression(dt.date(published.year + offset, 1, 1), "year")


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
    verb: Token,
    governors: Sequence[int],
    published: dt.date | None,
    cues: DateCues,
    *,
    reported: bool,
    future: bool,
    fallback: bool,
    anchors: Sequence[dt.date] = (),
) -> EventDate:
    """The date of the event whose predicate is `verb`, by the policy in the module doc.

    `governors` are the indices of the verbs above it; its own expressions come first,
    then (for an act not `future`) theirs, then those the parser hung on no verb.
    """
    own = [e for e in expressions if not e.bounding and e.governor == verb.i]
    # A time on a governing verb dates that verb's act ("signed on Sunday an agreement to
    # step up ..."): it carries down to an act told as done, not to one still to come.
    above = [
        e for e in expressions if not future and not e.bounding and e.governor is not None and e.governor in governors
    ]
    loose = [e for e in expressions if not e.bounding and e.governor is None]
    for expression in own + above + loose:
        resolved = resolve_expression(expression.text, published, cues, future=future, anchors=anchors)
        if resolved is not None:
            return EventDate(resolved.date, resolved.precision, "text")
    if own or above:
        return EventDate()  # the text says when, in words we cannot pin to a day
    if fallback and reported and published is not None:
        return EventDate(published, "day", "publication")
    return EventDate()


def explicit_dates(expressions: Sequence[TimeExpression], published: dt.date | None, cues: DateCues) -> list[dt.date]:
    """Dates an article spells out with month and day ("July 23", "23 July 2017")."""
    found = []
    for expression in expressions:
        text = expression.text.lower()
        if _WEEKDAY_PHRASE.match(_LEADING.sub("", text)) or not _DAY_OF_MONTH.search(text):
            continue
        if not any(month in text for month in MONTHS):
            continue
        resolved = resolve_expression(expression.text, published, cues)
        if resolved is not None and resolved.precision == "day":
            found.append(resolved.date)
    return found
