"""The cleaner's units: a page's text split into blocks (paragraphs, headings, list items,
stray lines), each with a verdict, and the cleaner's result."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

import regex

Verdict = Literal["good", "near-good", "short", "bad"]

# Reasons of blocks that are the article's head (title, byline, date line), not furniture.
HEADER_REASONS = frozenset({"title", "byline", "dateline"})
# Words that make a line a sentence rather than a label.
SENTENCE_WORDS = 3

SENTENCE_END = regex.compile(r"[.!?…:;。！？।][\"'”’»)\]」』]*$")
WORD = regex.compile(r"\w+(?:['’]\w+)*")
LETTERS = regex.compile(r"[^\W\d_]")
BULLET = regex.compile(r"^\s*(?:[•·▪◦‣●*–-]|\d{1,2}[.)])\s+")
SEPARATOR = regex.compile(r"\s+(?:/|\||>|»|›|·|•)\s+")
# Quotes dropped and dashes (U+2010-2015) made hyphens by `normalise`.
QUOTES_AND_DASHES = str.maketrans({**dict.fromkeys("\"'“”‘’«»„"), **dict.fromkeys("‐‑‒–—―", "-")})
SPACES = regex.compile(r"\s+")
# Patterns used on every page or block, compiled once (the regex module's cache lookup is slow).
LINE_SEPARATORS = regex.compile(r"[\u2028\u2029\x85]")
CONTROLS = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200c\u200d\ufeff]")
PARAGRAPH_BREAK = regex.compile(r"\n\s*\n")
BLANKS = regex.compile(r"[ \t]+")


@dataclass
class Block:
    """A unit of the page: one paragraph, heading, list item or stray line."""

    text: str
    verdict: Verdict = "short"
    reason: str = ""

    @property
    def dropped(self) -> bool:
        return self.verdict == "bad"

    @property
    def header(self) -> bool:
        """Title, byline or date line: out of the body, but part of the article, not furniture."""
        return self.reason in HEADER_REASONS


@dataclass
class CleanText:
    """The cleaner's result: the body and whatever metadata the text states (else None)."""

    text: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (reason, block text)
    dateline: str | None = None  # the place of the first dateline stripped ("Tehran")


@functools.lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """A comparison key: case, quotes, dashes and spacing do not make two blocks differ.

    Cached: the cleaner's passes compare the same blocks over and over.
    """
    text = unicodedata.normalize("NFKC", text).casefold().translate(QUOTES_AND_DASHES)
    return SPACES.sub(" ", text).strip()


def strip_controls(text: str) -> str:
    """Remove control and zero-width characters (NUL cannot even be stored), keep newlines
    and tabs; Unicode line and paragraph separators become newlines."""
    return CONTROLS.sub("", LINE_SEPARATORS.sub("\n", text))


def split_blocks(text: str) -> list[Block]:
    """Blocks from raw text: blank-line paragraphs, split into lines unless hard-wrapped."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\xa0", " ")
    text = strip_controls(text)
    blocks: list[Block] = []
    for paragraph in PARAGRAPH_BREAK.split(text):
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        if not lines:
            continue
        if _hard_wrapped(lines):
            blocks.append(Block(" ".join(lines)))
        else:
            blocks.extend(Block(line) for line in lines)
    for block in blocks:
        block.text = BLANKS.sub(" ", block.text)
    return blocks


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines of one paragraph broken at a fixed width (e-mail or wire style), not a list."""
    if len(lines) < 2 or any(BULLET.match(line) for line in lines):
        return False
    widest = max(len(line) for line in lines)
    if not 55 <= widest <= 100:
        return False
    broken = [
        len(line) >= 0.75 * widest and (not SENTENCE_END.search(line) or following[:1].islower())
        for line, following in itertools.pairwise(lines)
    ]
    return sum(broken) >= 0.6 * len(broken)


def is_sentence(text: str) -> bool:
    """A line with words enough to state something ("Russia shelled Kharkiv.")."""
    return sum(1 for word in WORD.findall(text) if LETTERS.search(word)) >= SENTENCE_WORDS


def drop(block: Block, reason: str) -> None:
    """Mark a block as not body; the first reason given is the one it keeps."""
    block.verdict = "bad"
    block.reason = block.reason or reason


def tidy(text: str) -> str:
    """The text on one line, its runs of spaces made one."""
    return SPACES.sub(" ", text).strip()

