"""The day of a signing written in one sentence: a date ("July 23", "23 July 2021",
"2021-07-23") or a weekday, "today" or "yesterday" counted back from the publication date.

The agreements stage reads these itself, with the `months`, `weekdays` and `relative_days`
tables of `data/agreements.yaml`. A time phrase whose clause is a reporting verb ("Gazprom
said on Wednesday") dates the reporting, not the signing, and is skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from eventscope.common.parse import DependencyParse


@dataclass(frozen=True)
class DateTables:
    """The month, weekday and relative-day tables and the patterns compiled from them."""

    months: dict[str, int]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    explicit_dates: tuple[re.Pattern[str], ...]  # tried in order: "July 23", "23 July", ISO
    relative_dates: re.Pattern[str]  # weekdays and relative days

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> DateTables:
        """Compile the `months`, `weekdays` and `relative_days` tables of the cue file."""
        months = {name.lower(): int(number) for name, number in data["months"].items()}
        weekdays = {name.lower(): int(number) for name, number in data["weekdays"].items()}
        month_names = "|".join(sorted(months, key=len, reverse=True))
        day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
        year = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
        relative_names = list(weekdays) + list(data["relative_days"])
        return cls(
            months=months,
            weekdays=weekdays,
            relative_days={name.lower(): int(days) for name, days in data["relative_days"].items()},
            explicit_dates=(
                re.compile(rf"\b(?P<month>{month_names})\.?\s+{day}{year}", re.IGNORECASE),
                re.compile(rf"\b{day}\s+(?:of\s+)?(?P<month>{month_names})\b\.?{year}", re.IGNORECASE),
                re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
            ),
            relative_dates=re.compile(r"\b(?:" + "|".join(relative_names) + r")\b", re.IGNORECASE),
        )


def _resolve_year(month: int, day: int, year: int | None, published: dt.date | None) -> dt.date | None:
    """The date, a missing year being the publication's (or the year before, for a later day)."""
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


def _said_when(parse: DependencyParse, start: int, end: int, reporting_verbs: frozenset[str]) -> bool:
    """True for a time phrase (sentence-relative characters) that dates the reporting."""
    tokens = parse.tokens_in(parse.sentence.start + start, parse.sentence.start + end)
    verb = parse.nearest_verb(parse.root_of(tokens)) if tokens else None
    return verb is not None and verb.lemma.lower() in reporting_verbs


def dates_the_reporting(parse: DependencyParse, dates: DateTables, reporting_verbs: frozenset[str]) -> bool:
    """True when some time phrase of the sentence dates its reporting ("said on Monday")."""
    text = parse.sentence.text
    matches = [m for p in (*dates.explicit_dates, dates.relative_dates) for m in p.finditer(text)]
    return any(_said_when(parse, *m.span(), reporting_verbs) for m in matches)


def explicit_date(parse: DependencyParse, published: dt.date | None, dates: DateTables,
                  reporting_verbs: frozenset[str]) -> dt.date | None:
    """A day-level date written in the sentence; a missing year comes from the publication date."""
    text = parse.sentence.text
    for pattern in dates.explicit_dates:
        match = next((m for m in pattern.finditer(text) if not _said_when(parse, *m.span(), reporting_verbs)), None)
        if not match:
            continue
        month_text = match.group("month").lower()
        month = dates.months.get(month_text) or int(month_text)
        year = int(match.group("year")) if match.group("year") else None
        date = _resolve_year(month, int(match.group("day")), year, published)
        if date:
            return date
    return None


def relative_date(parse: DependencyParse, published: dt.date | None, dates: DateTables,
                  reporting_verbs: frozenset[str]) -> dt.date | None:
    """ "on Sunday", "today", "yesterday", counted back from the publication date."""
    if published is None:
        return None
    matches = dates.relative_dates.finditer(parse.sentence.text)
    match = next((m for m in matches if not _said_when(parse, *m.span(), reporting_verbs)), None)
    if not match:
        return None
    word = match.group(0).lower()
    if word in dates.relative_days:
        return published - dt.timedelta(days=dates.relative_days[word])
    back = (published.weekday() - dates.weekdays[word]) % 7
    if back == 0 and parse.sentence.text[: match.start()].rstrip().lower().endswith("last"):
        back = 7  # "last Sunday" in a Sunday paper is a week ago
    return published - dt.timedelta(days=back)
