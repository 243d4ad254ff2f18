"""The article's head: its title, author, outlet and publication date, as the page states them.

Bylines, and the title and date lines around the start of the body (a page dump's opening
<title> line names the headline), are read and removed from the body. Metadata is only
taken when the page states it there or in a box the cues name ("About X View All Posts",
"More from X"); a date in a related-content box is never used.
"""

from __future__ import annotations

import datetime as dt

import regex

from eventscope.extract.blocks import (
    BULLET,
    SEPARATOR,
    WORD,
    Block,
    CleanText,
    drop,
    normalise,
    tidy,
)
from eventscope.extract.cues import Cues
from eventscope.extract.date_lines import (
    DATE_FILLER,
    DATE_LIKE,
    UPDATE_SPLIT,
    YEAR,
    parse_date_line,
)

# How many blocks before and after the start of the body the title and date may be stated.
HEAD_BEFORE = 10
HEAD_AFTER = 4
# Longest name signing a date line without "By", in words.
SIGNATURE_WORDS = 4
# How far before the body a headline echoed elsewhere on the page may be found.
TITLE_REACH = 40
# A page-title line names the article when this share of its words (of at least
# TITLE_WORD_CHARS characters) recur in the body.
TITLE_WORD_CHARS = 4
TITLE_BODY_SHARE = 0.5
# "Headline | Site": the last separator of a page-title line, and the site name after it.
TITLE_SITE = regex.compile(r"^(?P<headline>.*\S)\s+[|·•»–—-]\s+(?P<site>\S[^|·•»–—]*)$")
# Longest site name after a page-title separator, in words.
SITE_WORDS = 5
SITE_SUFFIX = regex.compile(r"^\s*[|·•»:/–—-]\s*(\S.*)$")
CLAUSE_END = regex.compile(r"[.,;:]$")


def read_head(blocks: list[Block], cues: Cues, result: CleanText, language: str | None) -> None:
    """Read the byline, date and title lines around the start of the body and just after
    the headline and byline, and bylines in named boxes, into `result`; they leave the body."""
    _read_bylines(blocks, cues, result, language)
    start = _body_start(blocks)
    if start is None:
        return
    title = _pick_title(blocks, start)
    key = normalise(title) if title is not None else None
    for index in _date_window(blocks, start, key):
        block = blocks[index]
        if block.dropped and block.reason not in ("", "low text density"):
            continue
        if len(block.text) > 80 or not YEAR.search(block.text):
            continue
        date = parse_date_line(block.text, cues, language) or _signed_date(block.text, cues, language)
        if date is None:
            continue
        if result.published is None and not cues.updated_label.search(block.text):
            result.published = date  # an update date alone is not a publication date
        drop(block, "dateline")
    if title is None or key is None:
        return
    result.title = tidy(title)
    for other in blocks:
        other_key = normalise(other.text)
        if other_key == key or (not other.dropped and _ends_breadcrumb(other.text, key)):
            drop(other, "title")
        elif len(other_key) < 2 * len(key) + 40 and other_key.startswith(key):
            # "Headline | Site name", as in a page's <title>: names the outlet
            site = SITE_SUFFIX.match(other.text[len(title) :])
            if result.outlet is None and site and len(WORD.findall(site.group(1))) <= 5:
                result.outlet = _tidy_name(site.group(1))
            drop(other, "title")


def _read_bylines(blocks: list[Block], cues: Cues, result: CleanText, language: str | None) -> None:
    """Author (and outlet or date) from bylines; tail blocks only for cues marked `anywhere`."""
    for block in blocks:
        # "By Jane Roe July 10, 2015 Updated July 11": the byline, its date, an update
        text = UPDATE_SPLIT.split(block.text, maxsplit=1)[0]
        dated = DATE_LIKE.search(text) if len(text) < 120 else None
        undated = text
        if dated is not None:
            undated = (text[: dated.start()] + text[dated.end() :]).strip(" |·•,-–—")
        for cue in cues.byline:
            match = cue.pattern.search(text) or cue.pattern.search(undated)
            if match is None or (_in_tail(block) and not cue.anywhere):
                continue
            if result.author is None:
                result.author = _tidy_name(match.group("author"))
            if dated is not None and not _in_tail(block):
                result.published = result.published or parse_date_line(dated.group(0), cues, language)
            rest = match.groupdict().get("rest")
            if rest:
                date = parse_date_line(rest, cues, language)
                if date is not None:
                    result.published = result.published or date
                elif result.outlet is None and len(WORD.findall(rest)) <= 5:
                    result.outlet = _tidy_name(rest)
            drop(block, "byline")
            break
        for cue in cues.outlet:
            match = cue.pattern.search(block.text)
            if match and result.outlet is None and (block.dropped or len(block.text) < 80):
                result.outlet = _tidy_name(match.group("outlet"))


def _date_window(blocks: list[Block], body_start: int, title_key: str | None) -> list[int]:
    """Where a publication date is stated: around the start of the body, and in the
    few lines after the headline (not the page's opening title line) and the byline."""
    window = set(range(max(0, body_start - HEAD_BEFORE), min(len(blocks), body_start + HEAD_AFTER)))
    for index, block in enumerate(blocks[1:], start=1):
        byline = block.reason == "byline" and not _in_tail(block)
        if byline or (title_key is not None and normalise(block.text) == title_key):
            window.update(range(index + 1, min(len(blocks), index + 1 + HEAD_AFTER)))
    return sorted(window)


def _signed_date(text: str, cues: Cues, language: str | None) -> dt.date | None:
    """The date of a byline without "By": a name of a few capitalised words beside a date
    ("Jane Roe · March 9, 2017", "Jane Roe March 9, 2017 13", a comment count after it)."""
    date = DATE_LIKE.search(text)
    if date is None:
        return None
    name = regex.sub(r"[\s|·•,–—-]+", " ", text[: date.start()]).strip()
    rest = DATE_FILLER.sub(" ", text[date.end() :])
    words = name.split()
    if not 2 <= len(words) <= SIGNATURE_WORDS or regex.search(r"[^\d\s]", rest):
        return None
    if not all(word[:1].isupper() for word in words):
        return None
    return parse_date_line(date.group(0), cues, language)


def _pick_title(blocks: list[Block], body_start: int) -> str | None:
    """The headline before the body. A page dump opens with the page's own title line
    ("Headline | Site"): a heading before the body that it echoes is the headline; failing
    that, the title line itself when it shares words with the body. Otherwise the nearest
    heading-like block, unless one is echoed elsewhere on the page (a breadcrumb), as
    headlines usually are; an echoed one may sit further up, past bylines and teasers."""
    keys = [normalise(b.text) for b in blocks]
    reach = range(max(0, body_start - TITLE_REACH), body_start)
    if _opens_with_title_line(blocks):
        page_key = keys[0]
        echoed = [
            index
            for index in reach
            if index > 0
            and _is_title(blocks[index])
            and len(keys[index]) < len(page_key)
            and page_key.startswith(keys[index])
        ]
        if echoed:
            return blocks[echoed[-1]].text
        body = _body_words(blocks)
        if _shares_body_words(blocks[0], body):
            return _without_site_name(blocks[0].text, body)
    nearest = range(max(0, body_start - HEAD_BEFORE), body_start)
    best: tuple[int, int] | None = None
    for index in reach:
        if not _is_title(blocks[index]):
            continue
        echoed_elsewhere = any(
            keys[index] in keys[other] and other != index and len(keys[other]) < 300
            for other in range(len(blocks))
        )
        if not echoed_elsewhere and index not in nearest:
            continue
        score = (TITLE_REACH if echoed_elsewhere else 0) + index
        if best is None or score > best[0]:
            best = (score, index)
    return blocks[best[1]].text if best else None


def _without_site_name(text: str, body: frozenset[str]) -> str:
    """ "Headline | Site" without its last part when that reads as a site name: a few
    words that the body does not use ("- Kennedy" after a quote names its speaker)."""
    split = TITLE_SITE.match(text)
    if split is None:
        return text
    site = [w.casefold() for w in WORD.findall(split.group("site"))]
    if len(site) > SITE_WORDS or all(word in body for word in site):
        return text
    return split.group("headline") if len(WORD.findall(split.group("headline"))) >= 2 else text


def _opens_with_title_line(blocks: list[Block]) -> bool:
    """The page's first line reads like a title (a page dump starts with its <title>)."""
    return bool(blocks) and _is_title(blocks[0]) and blocks[0].verdict != "good"


def _body_words(blocks: list[Block]) -> frozenset[str]:
    body = "\n".join(b.text for b in blocks if b.verdict == "good" and not b.dropped)
    return frozenset(map(str.casefold, WORD.findall(body)))  # no word spans a line break


def _shares_body_words(block: Block, body: frozenset[str]) -> bool:
    """Most of a line's longer words recur in the body: it names this article, not the site."""
    words = {w.casefold() for w in WORD.findall(block.text) if len(w) >= TITLE_WORD_CHARS}
    return bool(words) and len(words & body) >= TITLE_BODY_SHARE * len(words)


def _ends_breadcrumb(text: str, title_key: str) -> bool:
    parts = SEPARATOR.split(text)
    return len(parts) >= 2 and normalise(parts[-1]) == title_key


def _is_title(block: Block) -> bool:
    """A headline: not furniture, 3-30 words, no closing full stop, not a bullet."""
    if block.dropped and block.reason not in ("", "low text density"):
        return False
    text = block.text
    words = WORD.findall(text)
    if not 3 <= len(words) <= 30 or len(text) > 250 or BULLET.match(text):
        return False
    return not (CLAUSE_END.search(text) or DATE_LIKE.search(text))


def _tidy_name(text: str) -> str | None:
    """A name as a byline or title line gives it, without the separators around it."""
    name = tidy(text).strip(" /|,-–—·•")
    return name or None


def _body_start(blocks: list[Block]) -> int | None:
    """Index of the first body block (good, else near-good), None for a page without one."""
    for wanted in ("good", "near-good"):
        for index, block in enumerate(blocks):
            if block.verdict == wanted:
                return index
    return None


def _in_tail(block: Block) -> bool:
    """A block the page's tail or a box of links took ("after comments", "in related")."""
    return block.reason.startswith(("after ", "in "))
