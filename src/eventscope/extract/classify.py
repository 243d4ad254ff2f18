"""Which blocks are the article: boilerplate cues, page structure and text density.

In the spirit of jusText (Pomikálek 2011): blocks the cues of `data/boilerplate.yaml` name
are dropped; repeated, truncated and pull-quote blocks are collapsed; the page's tail
(comments, author bio) is cut once the body has started and boxes of links are dropped;
every other block is classified by length, sentence punctuation and stop-word density,
then re-classified by its neighbours; finally only the main run of body blocks is kept,
so teasers elsewhere on the page go.
"""

from __future__ import annotations

import functools
from collections import Counter
from importlib import resources

import regex
import yaml

from eventscope.extract.blocks import (
    BULLET,
    HEADER_REASONS,
    SENTENCE_END,
    SEPARATOR,
    WORD,
    Block,
    Verdict,
    drop,
    normalise,
)
from eventscope.extract.cues import Cues

LANGUAGES_FILE = "extract_languages.yaml"

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
# Cue kinds of furniture that sits inside an article body rather than around it.
INLINE_KINDS = frozenset({"ads", "inline_links", "captions", "sharing"})
HEADING_PUNCTUATION = regex.compile(r"[.,;:!?]$|,")
LETTER = regex.compile(r"\p{L}")
QUOTED = regex.compile(r"^[\"“„«']([^\"”“»]{40,})[\"”“»']")
# Classes looked past when finding a block's neighbours.
SHORT = frozenset({"short"})
SHORT_OR_NEAR = frozenset({"short", "near-good"})


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


def mark_cues(blocks: list[Block], cues: Cues) -> None:
    """Drop blocks the cues name; a long paragraph needs two cues, since an article can
    mention "premium content" once, while an appeal box repeats its pitch."""
    for block in blocks:
        cue = cues.first(cues.drop, block.text)
        if cue is not None and len(block.text) > CUE_LONG_CHARS and cue.kind not in CREDIT_KINDS:
            hits = sum(len(cue.pattern.findall(block.text)) for cue in cues.drop)
            cue = cue if hits >= 2 else None
        if cue is not None:
            drop(block, cue.kind)
        elif _looks_like_nav(block.text):
            drop(block, "navigation")


def _looks_like_nav(text: str) -> bool:
    """Breadcrumbs and link rows: three or more short items joined by separators."""
    parts = SEPARATOR.split(text)
    if len(parts) < 3 or SENTENCE_END.search(text) or text.startswith("|"):
        return False  # a leading bar is a table row
    return all(0 < len(WORD.findall(part)) <= 8 for part in parts)


def mark_repeats(blocks: list[Block]) -> None:
    """Collapse repeated blocks (keep the first), truncated teasers and pull quotes."""
    seen: set[str] = set()
    keys = [normalise(b.text) for b in blocks]
    for index, (block, key) in enumerate(zip(blocks, keys)):
        if key in seen and len(key) >= REPEAT_CHARS:
            drop(block, "repeated")
        seen.add(key)
        following = keys[index + 1] if index + 1 < len(keys) else ""
        if len(key) >= 30 and len(following) > len(key) and following.startswith(key):
            drop(block, "truncated")
    for index, block in enumerate(blocks):
        quote = QUOTED.match(block.text)
        if block.dropped or quote is None:
            continue
        quoted = normalise(quote.group(1)).rstrip(".,")
        nearby = keys[max(0, index - PULL_QUOTE_REACH) : index + PULL_QUOTE_REACH]
        if any(quoted in key and len(key) > len(keys[index]) for key in nearby):
            drop(block, "pull quote")


def _is_prose(text: str) -> bool:
    return (
        len(text) >= LENGTH_LOW
        and bool(SENTENCE_END.search(text))
        and len(WORD.findall(text)) >= 10
    )


def cut_tail(blocks: list[Block], cues: Cues) -> None:
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
                drop(later, f"after {tail.why}")
            return
        if box is not None and before >= LENGTH_HIGH:
            drop(block, box.why)
            for later, length in zip(blocks[index + 1 :], prose[index + 1 :]):
                if length:
                    break
                drop(later, f"in {box.why}")
        before += prose[index]
        remaining -= prose[index]


def classify_block(text: str, words: frozenset[str]) -> Verdict:
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


def revise_by_context(blocks: list[Block]) -> None:
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
            drop(block, block.reason or "low text density")
        else:
            block.verdict = verdict


def keep_main_run(blocks: list[Block]) -> None:
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
                    drop(blocks[index], "outside the article")


def trim_body_end(blocks: list[Block]) -> None:
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
            drop(block, "after the body")


def drop_repeated_lines(blocks: list[Block]) -> None:
    """A short line that the page states more than once is a menu item, section label or
    image button (in the header and again in the footer), not a line of the article."""
    short = [len(block.text) < LENGTH_LOW for block in blocks]
    counts = Counter(normalise(block.text) for block, is_short in zip(blocks, short) if is_short)
    for block, is_short in zip(blocks, short):
        repeated = is_short and counts[normalise(block.text)] >= 2
        if repeated and not block.dropped and LETTER.search(block.text):
            drop(block, "repeated line")


def _ends_body(text: str) -> bool:
    """A block an article may end with: a paragraph, or a finished sentence of a few words."""
    if len(text) >= LENGTH_HIGH:
        return True
    return bool(SENTENCE_END.search(text)) and len(WORD.findall(text)) >= CLOSING_WORDS
