"""The plain-text cleaner: a scraped page as text in, the article body and its stated metadata out.

Scrapes keep the page furniture as lines of text: menus, share buttons, paywall and
donation boxes, captions, comment sections, related-content boxes. The cleaner splits
the text into blocks (`blocks`) and works in the spirit of jusText:

1. cues: the patterns in `data/boilerplate.yaml` name each kind of furniture (`cues`,
   searched only where the words they need are, `prefilter`);
2. structure: repeated, truncated and pull-quote blocks are collapsed, the page's tail is
   cut and boxes of links are dropped, the rest is classified by length, punctuation and
   stop-word density and then by its neighbours, and only the main run of body blocks is
   kept (`classify`);
3. metadata: bylines, and the title and date lines around the start of the body, are read
   and removed from the body (`metadata`, `date_lines`); short lines after the body's last
   paragraph, and short lines the page repeats (menu items, image buttons), go with them.
"""

from __future__ import annotations

import logging
import re

from eventscope.extract.blocks import Block, CleanText, is_sentence, split_blocks, tidy
from eventscope.extract.classify import (
    classify_block,
    cut_tail,
    drop_repeated_lines,
    keep_main_run,
    mark_cues,
    mark_repeats,
    revise_by_context,
    stopwords,
    trim_body_end,
)
from eventscope.extract.cues import Cues, load_cues
from eventscope.extract.metadata import read_head

log = logging.getLogger(__name__)

# Drops by the structural passes (length, density, position), not by a named cue.
# Where a dateline's place ends: at its agency, its date or its dash.
_DATELINE_END = re.compile(r"\s*(?:\(|,|\s[-–—:]|[-–—:]\s)")
STRUCTURAL_REASONS = frozenset({"low text density", "outside the article", "after the body"})


def clean_text(text: str, language: str | None = None) -> CleanText:
    """Remove page furniture from scraped text and read the metadata it states."""
    cues = load_cues()
    blocks = split_blocks(text)
    result = CleanText(text="")
    mark_cues(blocks, cues)
    mark_repeats(blocks)
    cut_tail(blocks, cues)
    words = stopwords(language)
    for block in blocks:
        if not block.dropped:
            block.verdict = classify_block(block.text, words)
    if not any(block.verdict == "good" for block in blocks):
        # a page whose best blocks fall short of the bar (a short note, an unknown language)
        for block in blocks:
            if block.verdict == "near-good":
                block.verdict = "good"
    read_head(blocks, cues, result, language)
    revise_by_context(blocks)
    keep_main_run(blocks)
    trim_body_end(blocks)
    drop_repeated_lines(blocks)
    _keep_short_input(blocks, result)
    result.dateline = _strip_prefixes(blocks, cues)
    result.dropped = [(b.reason or "context", b.text) for b in blocks if b.dropped]
    log.debug("kept %d of %d blocks", len(blocks) - len(result.dropped), len(blocks))
    result.text = "\n\n".join(tidy(b.text) for b in blocks if not b.dropped)
    return result


def polish_text(text: str) -> CleanText:
    """Cue-only cleaning for text another extractor already cut from a page.

    Only the named furniture (share lines, credits, paywall and comment prompts, trailing
    boxes) and repeated blocks are dropped; the structural passes are not needed there.
    """
    cues = load_cues()
    blocks = split_blocks(text)
    for block in blocks:
        block.verdict = "good"
    mark_cues(blocks, cues)
    mark_repeats(blocks)
    cut_tail(blocks, cues)
    dropped = [(b.reason, b.text) for b in blocks if b.dropped]
    kept = "\n".join(tidy(b.text) for b in blocks if not b.dropped)
    return CleanText(text=kept, dropped=dropped)


def _keep_short_input(blocks: list[Block], result: CleanText) -> None:
    """A text left with no body, whose sentences only the structural passes dropped, is a
    short item (a wire report, a one-line note), not a page of furniture: its sentences are
    its content. A text of one block that is a sentence is always kept."""
    if any(not block.dropped and not block.header for block in blocks):
        return
    only = len(blocks) == 1
    for block in blocks:
        if is_sentence(block.text) and (only or block.reason in STRUCTURAL_REASONS):
            if block.reason == "title" and result.title == tidy(block.text):
                result.title = None
            block.verdict, block.reason = "good", ""


def _strip_prefixes(blocks: list[Block], cues: Cues) -> str | None:
    """Remove a dateline ("WASHINGTON (Reuters) -") from the start of a kept paragraph,
    unless little would be left of it; the place of one opening the article ("Washington")
    is returned (a later one opens a report the article quotes)."""
    place = None
    first = next((b for b in blocks if not b.dropped and not b.header), None)
    for block in blocks:
        if block.dropped:
            continue
        for cue in cues.strip_prefix:
            match = cue.pattern.match(block.text)
            if match and len(block.text) - match.end() >= 20:
                stripped = block.text[match.end():]
                block.text = stripped[:1].upper() + stripped[1:]
                if block is first:
                    place = _DATELINE_END.split(match.group(), maxsplit=1)[0].strip(" .").title()
                break
    return place

