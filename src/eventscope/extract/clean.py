"""The plain-text cleaner: a scraped page as text in, the article body and its stated metadata out.

Scrapes keep the page furniture as lines of text: menus, share buttons, paywall and
donation boxes, captions, comment sections, related-content boxes. The cleaner splits
the text into blocks (lines or paragraphs) and works in the spirit of jusText:

1. cues: the patterns in `data/boilerplate.yaml` name each kind of furniture;
2. structure: repeated, truncated and pull-quote blocks are collapsed, the page's tail
   (comments, author bio) is cut once the body has started and boxes of links are
   dropped; every other block is classified by length, sentence punctuation and
   stop-word density, then re-classified by its neighbours; finally only the main run
   of body blocks is kept, so teasers elsewhere on the page go;
3. metadata: bylines, and the title and date lines around the start of the body (a
   page dump's opening <title> line names the headline), are read and removed from the
   body; short lines after the body's last paragraph, and short lines the page repeats
   (menu items, image buttons), go with them.

Metadata is only taken when the page states it there or in a box the cues name
("About X View All Posts", "More from X"); a date in a related-content box is never used.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import logging
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Literal

import regex
import yaml

log = logging.getLogger(__name__)

BOILERPLATE_FILE = "boilerplate.yaml"
LANGUAGES_FILE = "extract_languages.yaml"

Verdict = Literal["good", "near-good", "short", "bad"]

# jusText's published defaults (Pomikálek 2011), in characters and stop-word density.
LENGTH_LOW = 70
LENGTH_HIGH = 200
# Plain text has no markup, so a shorter block of finished sentences also counts as body.
LENGTH_PROSE = 100
STOPWORDS_LOW = 0.30
STOPWORDS_HIGH = 0.32
# Longest section heading kept inside the body, in words.
HEADING_WORDS = 8
# Shorter blocks may repeat (list items, table cells); longer repeats are collapsed.
REPEAT_CHARS = 40
# Blocks longer than this are article prose unless two cues match them.
CUE_LONG_CHARS = 300
# Cue kinds that name a credit closing a caption: specific enough in a block of any length.
CREDIT_KINDS = frozenset({"captions"})
# How many blocks away a pull quote may be from the paragraph it repeats.
PULL_QUOTE_REACH = 30
# Dropped blocks in a row that separate the article from teasers elsewhere on the page.
RUN_GAP = 4
# A run after the article with less than this share of its text is a teaser, not more article.
TEASER_SHARE = 0.25
# Fewest words of a finished sentence that may close an article.
CLOSING_WORDS = 3
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

SENTENCE_END = regex.compile(r"[.!?…:;。！？।][\"'”’»)\]」』]*$")
WORD = regex.compile(r"\w+(?:['’]\w+)*")
LETTERS = regex.compile(r"[^\W\d_]")
BULLET = regex.compile(r"^\s*(?:[•·▪◦‣●*–-]|\d{1,2}[.)])\s+")
SEPARATOR = regex.compile(r"\s+(?:/|\||>|»|›|·|•)\s+")
YEAR = regex.compile(r"\b(?:1[89]|20)\d\d\b")
DATE_LIKE = regex.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b"
    r"|\b\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}\b"
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
    r"|\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\b\.?"
    r"|\b\d+\s*min(?:ute)?s?\s+read\b|[,.()|·•]"
)
# "Headline | Site": the last separator of a page-title line, and the site name after it.
TITLE_SITE = regex.compile(r"^(?P<headline>.*\S)\s+[|·•»–—-]\s+(?P<site>\S[^|·•»–—]*)$")
# Longest site name after a page-title separator, in words.
SITE_WORDS = 5
SITE_SUFFIX = regex.compile(r"^\s*[|·•»:/–—-]\s*(\S.*)$")
HEADER_REASONS = frozenset({"title", "byline", "dateline"})
# Drops by the structural passes (length, density, position), not by a named cue.
STRUCTURAL_REASONS = frozenset({"low text density", "outside the article", "after the body"})
# Words that make a line a sentence rather than a label.
SENTENCE_WORDS = 3
# Cue kinds of furniture that sits inside an article body rather than around it.
INLINE_KINDS = frozenset({"ads", "inline_links", "captions", "sharing"})
CUE_FLAGS = regex.IGNORECASE | regex.V0
# Quotes dropped and dashes (U+2010-2015) made hyphens by `normalise`.
QUOTES_AND_DASHES = str.maketrans({**dict.fromkeys("\"'“”‘’«»„"), **dict.fromkeys("‐‑‒–—―", "-")})
SPACES = regex.compile(r"\s+")
# Patterns used on every page or block, compiled once (the regex module's cache lookup is slow).
LINE_SEPARATORS = regex.compile(r"[\u2028\u2029\x85]")
CONTROLS = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200c\u200d\ufeff]")
PARAGRAPH_BREAK = regex.compile(r"\n\s*\n")
BLANKS = regex.compile(r"[ \t]+")
HEADING_PUNCTUATION = regex.compile(r"[.,;:!?]$|,")
LETTER = regex.compile(r"\p{L}")
CLAUSE_END = regex.compile(r"[.,;:]$")
QUOTED = regex.compile(r"^[\"“„«']([^\"”“»]{40,})[\"”“»']")
# A quantifier in a cue pattern (a lazy or possessive mark may follow it).
QUANTIFIER = regex.compile(r"(?P<symbol>[?*+])|\{(?P<least>\d*)(?:,\d*)?\}")


@dataclass(frozen=True)
class Cue:
    """One boilerplate pattern with the kind of furniture it names."""

    kind: str
    pattern: regex.Pattern
    why: str
    anywhere: bool = False  # metadata cues: also read inside the page's trailing part
    words: tuple[str, ...] = ()  # every match contains one of these (folded), when known


@dataclass(frozen=True)
class Cues:
    """The compiled contents of `boilerplate.yaml`."""

    drop: tuple[Cue, ...]
    tail: tuple[Cue, ...]
    box: tuple[Cue, ...]
    strip_prefix: tuple[Cue, ...]
    byline: tuple[Cue, ...]
    outlet: tuple[Cue, ...]
    date_label: regex.Pattern
    updated_label: regex.Pattern

    def first(self, cues: Iterable[Cue], text: str) -> Cue | None:
        folded = fold(text)
        for cue in cues:
            if cue.words and not any(map(folded.__contains__, cue.words)):
                continue  # cannot match: the text lacks the cue's words
            if cue.pattern.search(text):
                return cue
        return None


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


def _compile(entries: Iterable[dict], kind: str) -> tuple[Cue, ...]:
    """The cues of `entries`. A pattern anchored at the start of a block fails at once on
    most blocks; one that may match anywhere scans the whole block, so it is only searched
    in blocks that have one of its words."""
    return tuple(
        Cue(
            kind,
            regex.compile(entry["pattern"], CUE_FLAGS),
            entry["why"],
            entry.get("anywhere", False),
            () if entry["pattern"].startswith("^") else required_words(entry["pattern"]),
        )
        for entry in entries
    )


def fold(text: str) -> str:
    """`text` as a cue's words are looked up in it: casefolded, so that whatever a cue
    pattern matches case-insensitively folds to the same words (tests check this for every
    character of the words). `regex` matches "İ" with "i", but casefolding makes it "i" and
    a combining dot, so that dot goes again."""
    return text.casefold().replace("i\u0307", "i")


def required_words(pattern: str) -> tuple[str, ...]:
    """Words (folded) one of which every match of `pattern` contains, or () when the
    pattern uses syntax not read here (flags, lookarounds, back-references, classes with
    nested brackets) or has no such words.

    Where the pattern requires several words in sequence, the most telling are taken:
    "(sign up|subscribe) (for|to) (our|the) .{0,40}newsletter" gives ("newsletter",).
    """
    try:
        required, end = _read_alternatives(pattern, 0)
    except ValueError:
        return ()
    if end != len(pattern) or not required:
        return ()
    return tuple(sorted({fold(word) for word in _most_telling(required)}))


def _most_telling(required: list[frozenset[str]]) -> frozenset[str]:
    """The word set least likely to be in a block by chance: the one whose shortest word
    is the longest, of fewer words on a tie."""
    return max(required, key=lambda words: (min(map(len, words)), -len(words)))


# A pattern is read as alternatives of sequences of atoms, each atom maybe quantified. Each
# reader returns what a match must contain, as a list of word sets (a word of each set in
# the match), and the position after what it read.


def _read_alternatives(pattern: str, at: int) -> tuple[list[frozenset[str]], int]:
    branches = []
    while True:
        required, at = _read_sequence(pattern, at)
        branches.append(required)
        if pattern[at : at + 1] != "|":
            break
        at += 1
    if len(branches) == 1:
        return branches[0], at
    if not all(branches):
        return [], at  # a branch without words: the alternatives require none
    return [frozenset().union(*map(_most_telling, branches))], at


def _read_sequence(pattern: str, at: int) -> tuple[list[frozenset[str]], int]:
    required: list[frozenset[str]] = []
    literal = ""  # characters matched as they are, in a row
    while at < len(pattern) and pattern[at] not in "|)":
        atom, at = _read_atom(pattern, at)
        least, at = _read_quantifier(pattern, at)
        if isinstance(atom, str) and least is None:
            literal += atom
            continue
        if literal:
            required.append(frozenset({literal}))
            literal = ""
        if isinstance(atom, list) and (least is None or least > 0):
            required.extend(atom)
    if literal:
        required.append(frozenset({literal}))
    return required, at


def _read_atom(pattern: str, at: int) -> tuple[str | list[frozenset[str]] | None, int]:
    """A literal character, a group's requirements, or None for any other atom."""
    char = pattern[at]
    if char == "(":
        if pattern.startswith("(?:", at):
            at += 3
        elif pattern.startswith("(?P<", at):
            at = pattern.index(">", at) + 1
        elif pattern.startswith("(?", at):
            raise ValueError("flags or a lookaround")
        else:
            at += 1
        required, at = _read_alternatives(pattern, at)
        if pattern[at : at + 1] != ")":
            raise ValueError("unclosed group")
        return required, at + 1
    if char == "[":
        at += 2 if pattern.startswith("[^", at) else 1
        if pattern[at : at + 1] == "]":
            raise ValueError("class starting with ]")
        while pattern[at : at + 1] != "]":
            if pattern[at : at + 1] in ("[", ""):
                raise ValueError("nested or unclosed class")
            at += 2 if pattern[at] == "\\" else 1
        return None, at + 1
    if char == "\\":
        escaped = pattern[at + 1 : at + 2]
        if escaped in ("p", "P") and pattern.startswith("{", at + 2):
            return None, pattern.index("}", at) + 1
        if escaped and escaped in "bBdDsSwW":
            return None, at + 2
        if not escaped or escaped.isalnum():
            raise ValueError("escape")
        return escaped, at + 2
    if char in ".^$":
        return None, at + 1
    if char in "?*+{}[]":
        raise ValueError("quantifier or bracket out of place")
    return char, at + 1


def _read_quantifier(pattern: str, at: int) -> tuple[int | None, int]:
    """The least number of repeats the quantifier at `at` allows (None: no quantifier)."""
    found = QUANTIFIER.match(pattern, at)
    if found is None:
        return None, at
    at = found.end() + (pattern[found.end() : found.end() + 1] in ("?", "+"))
    if found.group("symbol"):
        return (1 if found.group("symbol") == "+" else 0), at
    return int(found.group("least") or 0), at


@functools.lru_cache(maxsize=1)
def load_cues() -> Cues:
    """Read and compile the boilerplate cues once per process."""
    text = resources.files("eventscope.data").joinpath(BOILERPLATE_FILE).read_text("utf-8")
    data = yaml.safe_load(text)
    drop = tuple(cue for kind, entries in data["drop"].items() for cue in _compile(entries, kind))
    meta = data["metadata"]
    return Cues(
        drop=drop,
        tail=_compile(data["tail"], "tail"),
        box=_compile(data["box"], "box"),
        strip_prefix=_compile(data["strip_prefix"], "dateline"),
        byline=_compile(meta["byline"], "byline"),
        outlet=_compile(meta["outlet"], "outlet"),
        date_label=regex.compile(meta["date_label"], regex.IGNORECASE),
        updated_label=regex.compile(meta["updated_label"], regex.IGNORECASE),
    )


@functools.lru_cache(maxsize=1)
def _language_names() -> dict[str, str]:
    text = resources.files("eventscope.data").joinpath(LANGUAGES_FILE).read_text("utf-8")
    return yaml.safe_load(text)["stoplists"]


@functools.lru_cache(maxsize=64)
def stopwords(language: str | None) -> frozenset[str]:
    """jusText's stop-word list for an ISO 639-1 code: English when the language is not
    known, empty for a known language without a list (then density is not measured)."""
    import justext

    if language is None:
        return frozenset(justext.get_stoplist("English"))
    name = _language_names().get(language)
    return frozenset(justext.get_stoplist(name)) if name else frozenset()


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


def clean_text(text: str, language: str | None = None) -> CleanText:
    """Remove page furniture from scraped text and read the metadata it states."""
    cues = load_cues()
    blocks = split_blocks(text)
    result = CleanText(text="")
    _mark_cues(blocks, cues)
    _mark_repeats(blocks)
    _cut_tail(blocks, cues)
    words = stopwords(language)
    for block in blocks:
        if not block.dropped:
            block.verdict = _classify(block.text, words)
    if not any(block.verdict == "good" for block in blocks):
        # a page whose best blocks fall short of the bar (a short note, an unknown language)
        for block in blocks:
            if block.verdict == "near-good":
                block.verdict = "good"
    _read_head(blocks, cues, result, language)
    _revise_by_context(blocks)
    _keep_main_run(blocks)
    _trim_body_end(blocks)
    _drop_repeated_lines(blocks)
    _strip_prefixes(blocks, cues)
    _keep_short_input(blocks, result)
    result.dropped = [(b.reason or "context", b.text) for b in blocks if b.dropped]
    log.debug("kept %d of %d blocks", len(blocks) - len(result.dropped), len(blocks))
    result.text = "\n\n".join(_tidy(b.text) for b in blocks if not b.dropped)
    return result


def is_sentence(text: str) -> bool:
    """A line with words enough to state something ("Russia shelled Kharkiv.")."""
    return sum(1 for word in WORD.findall(text) if LETTERS.search(word)) >= SENTENCE_WORDS


def _keep_short_input(blocks: list[Block], result: CleanText) -> None:
    """A text left with no body, whose sentences only the structural passes dropped, is a
    short item (a wire report, a one-line note), not a page of furniture: its sentences are
    its content. A text of one block that is a sentence is always kept."""
    if any(not block.dropped and not block.header for block in blocks):
        return
    only = len(blocks) == 1
    for block in blocks:
        if is_sentence(block.text) and (only or block.reason in STRUCTURAL_REASONS):
            if block.reason == "title" and result.title == _tidy(block.text):
                result.title = None
            block.verdict, block.reason = "good", ""


def polish_text(text: str) -> CleanText:
    """Cue-only cleaning for text another extractor already cut from a page.

    Only the named furniture (share lines, credits, paywall and comment prompts, trailing
    boxes) and repeated blocks are dropped; the structural passes are not needed there.
    """
    cues = load_cues()
    blocks = split_blocks(text)
    for block in blocks:
        block.verdict = "good"
    _mark_cues(blocks, cues)
    _mark_repeats(blocks)
    _cut_tail(blocks, cues)
    dropped = [(b.reason, b.text) for b in blocks if b.dropped]
    kept = "\n".join(_tidy(b.text) for b in blocks if not b.dropped)
    return CleanText(text=kept, dropped=dropped)


def _drop(block: Block, reason: str) -> None:
    block.verdict = "bad"
    block.reason = block.reason or reason


def _mark_cues(blocks: list[Block], cues: Cues) -> None:
    """Drop blocks the cues name; a long paragraph needs two cues, since an article can
    mention "premium content" once, while an appeal box repeats its pitch."""
    for block in blocks:
        cue = cues.first(cues.drop, block.text)
        if cue is not None and len(block.text) > CUE_LONG_CHARS and cue.kind not in CREDIT_KINDS:
            hits = sum(len(cue.pattern.findall(block.text)) for cue in cues.drop)
            cue = cue if hits >= 2 else None
        if cue is not None:
            _drop(block, cue.kind)
        elif _looks_like_nav(block.text):
            _drop(block, "navigation")


def _looks_like_nav(text: str) -> bool:
    """Breadcrumbs and link rows: three or more short items joined by separators."""
    parts = SEPARATOR.split(text)
    if len(parts) < 3 or SENTENCE_END.search(text) or text.startswith("|"):
        return False  # a leading bar is a table row
    return all(0 < len(WORD.findall(part)) <= 8 for part in parts)


def _mark_repeats(blocks: list[Block]) -> None:
    """Collapse repeated blocks (keep the first), truncated teasers and pull quotes."""
    seen: set[str] = set()
    keys = [normalise(b.text) for b in blocks]
    for index, (block, key) in enumerate(zip(blocks, keys)):
        if key in seen and len(key) >= REPEAT_CHARS:
            _drop(block, "repeated")
        seen.add(key)
        following = keys[index + 1] if index + 1 < len(keys) else ""
        if len(key) >= 30 and len(following) > len(key) and following.startswith(key):
            _drop(block, "truncated")
    for index, block in enumerate(blocks):
        quote = QUOTED.match(block.text)
        if block.dropped or quote is None:
            continue
        quoted = normalise(quote.group(1)).rstrip(".,")
        nearby = keys[max(0, index - PULL_QUOTE_REACH) : index + PULL_QUOTE_REACH]
        if any(quoted in key and len(key) > len(keys[index]) for key in nearby):
            _drop(block, "pull quote")


def _is_prose(text: str) -> bool:
    return (
        len(text) >= LENGTH_LOW
        and bool(SENTENCE_END.search(text))
        and len(WORD.findall(text)) >= 10
    )


def _cut_tail(blocks: list[Block], cues: Cues) -> None:
    """Drop the trailing part of the page, and boxes of links inside it.

    A tail cue (comments, author bio) ends the article once body text
    has been seen, unless more body text follows it than came before: then it was a box
    inside the article. A box cue drops itself and the short blocks after it.
    """
    prose = [len(b.text) if not b.dropped and _is_prose(b.text) else 0 for b in blocks]
    remaining = sum(prose)
    before = 0
    for index, block in enumerate(blocks):
        tail = cues.first(cues.tail, block.text)
        box = tail or cues.first(cues.box, block.text)
        if tail is not None and before >= LENGTH_HIGH and remaining < before:
            for later in blocks[index:]:
                _drop(later, f"after {tail.why}")
            return
        if box is not None and before >= LENGTH_HIGH:
            _drop(block, box.why)
            for later, length in zip(blocks[index + 1 :], prose[index + 1 :]):
                if length:
                    break
                _drop(later, f"in {box.why}")
        before += prose[index]
        remaining -= prose[index]


def _classify(text: str, words: frozenset[str]) -> Verdict:
    """jusText's context-free class: length, stop-word density and sentence punctuation."""
    tokens = list(map(str.casefold, WORD.findall(text)))
    if not tokens:
        return "bad"
    if words:
        density = sum(map(words.__contains__, tokens)) / len(tokens)
    else:  # no stop-word list for the language: finished sentences stand in for density
        density = STOPWORDS_HIGH if SENTENCE_END.search(text) else STOPWORDS_LOW
    if len(text) < LENGTH_LOW:
        return "short"
    if density >= STOPWORDS_HIGH and (
        len(text) >= LENGTH_HIGH or (len(text) >= LENGTH_PROSE and SENTENCE_END.search(text))
    ):
        return "good"
    if density >= STOPWORDS_LOW or (SENTENCE_END.search(text) and len(tokens) >= 12):
        return "near-good"
    return "bad"


def _neighbours(
    classes: list[Verdict], kinds: list[str], skipped: frozenset[str], step: int
) -> list[Verdict]:
    """For each block, the class of the nearest block in direction `step` whose class is
    not in `skipped`. Title, byline and date lines count as good, page edges as bad, and
    furniture that sits inside articles (ads, captions, links) is looked through."""
    found: list[Verdict] = ["bad"] * len(classes)
    nearest: Verdict = "bad"
    order = range(len(classes)) if step < 0 else range(len(classes) - 1, -1, -1)
    for index in order:
        found[index] = nearest
        if kinds[index] in INLINE_KINDS:
            continue
        if kinds[index] in HEADER_REASONS:
            nearest = "good"
        elif classes[index] not in skipped:
            nearest = classes[index]
    return found


SHORT = frozenset({"short"})
SHORT_OR_NEAR = frozenset({"short", "near-good"})


def _is_heading(blocks: list[Block], index: int) -> bool:
    """A section heading inside the body: a few words without punctuation, between body blocks."""
    text = blocks[index].text
    if not 1 <= len(WORD.findall(text)) <= HEADING_WORDS or HEADING_PUNCTUATION.search(text):
        return False
    body_before = any(
        b.verdict == "good" and not b.header for b in blocks[max(0, index - 3) : index]
    )
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return body_before and following is not None and following.verdict in ("good", "near-good")


def _revise_by_context(blocks: list[Block]) -> None:
    """jusText's context pass: short, then near-good blocks take their neighbours' class.

    Neighbours are found in linear passes, so long runs of short lines stay cheap.
    """
    headers = [block.header for block in blocks]
    kinds = [block.reason for block in blocks]
    classes: list[Verdict] = [block.verdict for block in blocks]
    before = _neighbours(classes, kinds, SHORT_OR_NEAR, -1)
    after = _neighbours(classes, kinds, SHORT_OR_NEAR, 1)
    before_near = _neighbours(classes, kinds, SHORT, -1)
    after_near = _neighbours(classes, kinds, SHORT, 1)
    revised = list(classes)
    for index, verdict in enumerate(classes):
        if verdict != "short" or headers[index]:
            continue
        if _is_heading(blocks, index):
            revised[index] = "good"
        elif before[index] == after[index]:
            revised[index] = before[index]
        elif "near-good" in (before_near[index], after_near[index]):
            revised[index] = "good"
        else:
            revised[index] = "bad"
    before = _neighbours(revised, kinds, SHORT_OR_NEAR, -1)
    after = _neighbours(revised, kinds, SHORT_OR_NEAR, 1)
    good = [index for index, verdict in enumerate(revised) if verdict == "good"]
    body = range(good[0], good[-1] + 1) if good else range(0)
    for index, block in enumerate(blocks):
        if headers[index]:
            continue
        verdict = revised[index]
        if verdict == "near-good" and index in body and SENTENCE_END.search(block.text):
            verdict = "good"  # a finished sentence between body paragraphs is body
        elif verdict == "near-good":
            verdict = "bad" if before[index] == after[index] == "bad" else "good"
        if verdict == "bad":
            _drop(block, block.reason or "low text density")
        else:
            block.verdict = verdict


def _keep_main_run(blocks: list[Block]) -> None:
    """Keep the article, drop stray teasers: the body is the run of kept blocks with the
    most text (runs are split by RUN_GAP or more dropped blocks). Runs before it are kept
    from the title on; runs after it unless they are small beside it."""
    runs: list[list[int]] = []
    gap = RUN_GAP
    for index, block in enumerate(blocks):
        if block.dropped and not block.header:
            gap += 1
            continue
        if gap >= RUN_GAP:
            runs.append([])
        runs[-1].append(index)
        gap = 0
    if len(runs) < 2:
        return
    sizes = [sum(len(blocks[i].text) for i in run if not blocks[i].dropped) for run in runs]
    main = max(range(len(runs)), key=sizes.__getitem__)
    title = next((i for i, b in enumerate(blocks) if b.reason == "title"), None)
    for number, run in enumerate(runs):
        before = number < main and title is not None and run[-1] < title
        after = number > main and sizes[number] < TEASER_SHARE * sizes[main]
        if before or after:
            for index in run:
                if not blocks[index].dropped:
                    _drop(blocks[index], "outside the article")


def _trim_body_end(blocks: list[Block]) -> None:
    """The body ends with its last finished paragraph, or the bulleted list right after it:
    short lines kept after that (link teasers, form labels, tag lists) are page furniture
    that the context pass let through."""
    last = next(
        (
            i
            for i in range(len(blocks) - 1, -1, -1)
            if not blocks[i].dropped and _ends_body(blocks[i].text)
        ),
        None,
    )
    if last is None:
        return
    in_list = True
    for block in blocks[last + 1 :]:
        if block.dropped:
            continue
        in_list = in_list and BULLET.match(block.text) is not None
        if not in_list:
            _drop(block, "after the body")


def _drop_repeated_lines(blocks: list[Block]) -> None:
    """A short line that the page states more than once is a menu item, section label or
    image button (in the header and again in the footer), not a line of the article."""
    short = [len(block.text) < LENGTH_LOW for block in blocks]
    counts = Counter(normalise(block.text) for block, is_short in zip(blocks, short) if is_short)
    for block, is_short in zip(blocks, short):
        repeated = is_short and counts[normalise(block.text)] >= 2
        if repeated and not block.dropped and LETTER.search(block.text):
            _drop(block, "repeated line")


def _ends_body(text: str) -> bool:
    """A block an article may end with: a paragraph, or a finished sentence of a few words."""
    if len(text) >= LENGTH_HIGH:
        return True
    return bool(SENTENCE_END.search(text)) and len(WORD.findall(text)) >= CLOSING_WORDS


def _body_start(blocks: list[Block]) -> int | None:
    """Index of the first body block (good, else near-good), None for a page without one."""
    for wanted in ("good", "near-good"):
        for index, block in enumerate(blocks):
            if block.verdict == wanted:
                return index
    return None


def _in_tail(block: Block) -> bool:
    return block.reason.startswith(("after ", "in "))


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
            _drop(block, "byline")
            break
        for cue in cues.outlet:
            match = cue.pattern.search(block.text)
            if match and result.outlet is None and (block.dropped or len(block.text) < 80):
                result.outlet = _tidy_name(match.group("outlet"))


def _read_head(blocks: list[Block], cues: Cues, result: CleanText, language: str | None) -> None:
    """Byline, date and title lines around the start of the body and just after the
    headline and byline; bylines in named boxes."""
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
        _drop(block, "dateline")
    if title is None or key is None:
        return
    result.title = _tidy(title)
    for other in blocks:
        other_key = normalise(other.text)
        if other_key == key or (not other.dropped and _ends_breadcrumb(other.text, key)):
            _drop(other, "title")
        elif len(other_key) < 2 * len(key) + 40 and other_key.startswith(key):
            # "Headline | Site name", as in a page's <title>: names the outlet
            site = SITE_SUFFIX.match(other.text[len(title) :])
            if result.outlet is None and site and len(WORD.findall(site.group(1))) <= 5:
                result.outlet = _tidy_name(site.group(1))
            _drop(other, "title")


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


def _strip_prefixes(blocks: list[Block], cues: Cues) -> None:
    for block in blocks:
        if block.dropped:
            continue
        for cue in cues.strip_prefix:
            stripped = cue.pattern.sub("", block.text, count=1)
            if stripped != block.text and len(stripped) >= 20:
                block.text = stripped[:1].upper() + stripped[1:]
                break


def _tidy(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def _tidy_name(text: str) -> str | None:
    name = _tidy(text).strip(" /|,-–—·•")
    return name or None
