"""Date lines: the publication date a page states on a line of its own (or in a byline),
and dates given with the input. The month and weekday names are `eventscope.common.dates`'
tables; dateparser reads the date itself, in the page's language."""

from __future__ import annotations

import datetime as dt
import functools

import regex

from eventscope.common.dates import MONTH_NAMES, WEEKDAY_ABBREVIATIONS, YEAR_PATTERN
from eventscope.extract.blocks import WORD
from eventscope.extract.cues import Cues, load_cues

# A month name: its first three letters and any letters after them ("Sept", "janvier").
_MONTH = "(?:" + "|".join(name[:3] for name in MONTH_NAMES) + ")[a-z]*"
# A weekday: its abbreviation, maybe written out (loosely: with any of the names' endings).
_WEEKDAY = "(?:" + "|".join(WEEKDAY_ABBREVIATIONS) + ")(?:day|nesday|sday|urday)?"

YEAR = regex.compile(rf"\b{YEAR_PATTERN}\b")
DATE_LIKE = regex.compile(
    rf"\b{_MONTH}\.?\s+\d{{1,2}},?\s+\d{{4}}\b"
    rf"|\b\d{{1,2}}\.?\s+{_MONTH}\.?,?\s+\d{{4}}\b"
    r"|\b\d{4}-\d\d-\d\d\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b",
    regex.IGNORECASE,
)
# Numeric dates with dots, written day first wherever they are used ("08.04.2015").
DOTTED_DATE = regex.compile(r"^\d{1,2}\.\d{1,2}\.\d{2,4}\b")
# A second, later date on a date line: "... Updated April 29, 2019".
UPDATE_SPLIT = regex.compile(r"(?i)\s(?:last\s+)?(?:updated|modified|mis à jour|aktualisiert)\b")
# Separators between a date and what follows it on the same line.
DATE_PARTS = regex.compile(r"\s[|·•/]\s*|\s*[|·•]\s")
# What may surround a date on a date line: times, time zones, weekdays, "at", "min read".
DATE_FILLER = regex.compile(
    r"(?i)\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"|\b(?:at|on|um|à|utc|gmt|est|edt|cst|cdt|pst|pdt|cet|cest|bst|ist|et|pt|[ap]\.?m\.?)\b"
    rf"|\b{_WEEKDAY}\b\.?"
    r"|\b\d+\s*min(?:ute)?s?\s+read\b|[,.()|·•]"
)


def parse_date_line(text: str, cues: Cues | None = None, language: str | None = None) -> dt.date | None:
    """A date when the line states nothing but a (labelled) date, maybe with a time.

    "April 5, 2018 | 6:00 PM", "Oct 18, 2019 · 8 min read" and "Published: 3 Jan 2019" are
    date lines; a headline that mentions a date is not. On a line that also gives an
    update ("... Updated April 29, 2019"), the first date is the one returned. Month
    names are read in the page's `language` and English; with no language, dateparser
    tries all of its 200 locales, which costs seconds the first time.
    """
    cues = cues or load_cues()
    body = cues.date_label.sub("", text.strip())
    body = UPDATE_SPLIT.split(body, maxsplit=1)[0]
    parts = [part for part in DATE_PARTS.split(body) if YEAR.search(part)]
    if not parts:
        return None
    body = parts[0].strip(" |·•-–—,")
    match = DATE_LIKE.search(body)
    if match is not None:
        rest = DATE_FILLER.sub(" ", DATE_LIKE.sub(" ", body))
        if regex.search(r"\w", rest):
            return None  # more than a date: a headline or sentence that mentions one
        body = match.group(0)
    elif len(WORD.findall(body)) > 8:
        return None
    import dateparser

    settings = {
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DATES_FROM": "past",
    }
    if DOTTED_DATE.match(body):
        settings["DATE_ORDER"] = "DMY"  # "08.04.2015": dots are the day-first style
    languages = date_languages(language)
    parsed = dateparser.parse(body, languages=list(languages) if languages else None, settings=settings)
    if parsed is None:
        return None
    return parsed.date()


@functools.lru_cache(maxsize=64)
def date_languages(language: str | None) -> tuple[str, ...] | None:
    """The dateparser languages for a page in `language`: it and English, or None (all)
    when the language is unknown or one dateparser cannot read."""
    from dateparser.data.languages_info import language_order

    if language is None or language not in language_order:
        return None
    return tuple(dict.fromkeys([language, "en"]))


def meta_date(value: str) -> dt.date | None:
    """A date given with the input or by trafilatura: ISO first, else read as a date line."""
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return parse_date_line(value)
