"""Every line break of an article's text ends a sentence, unless the next line goes on in
lower case.

The extraction stage writes one block a line (a paragraph, a headline, a subtitle, a list
item; hard-wrapped lines are joined first), so a line break is a block boundary. Neither
spaCy's sentencizer nor its parser ends a sentence at a break without a stop, and a
headline or a subtitle was read as the start of the next paragraph's first sentence. The
component marks the first token after a break as a sentence start; the parser keeps the
starts set before it runs, and the splitter applies the same marks after its sentencizer.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "eventscope_paragraph_breaks"


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Mark each token after whitespace holding a line break as a sentence start, unless it
    goes on in lower case (a sentence a scrape broke across lines: "Kenyan police arrested /
    two opposition leaders"); the whitespace stays with the sentence before it, never a
    sentence of its own."""
    after_break = False
    for token in doc:
        if token.is_space:
            if token.i > 0 and not after_break:
                token.is_sent_start = False
            after_break = after_break or "\n" in token.text
            continue
        if after_break and token.i > 0 and not token.text[:1].islower():
            token.is_sent_start = True
        after_break = "\n" in token.whitespace_
    return doc


@Language.component(COMPONENT)
def paragraph_breaks(doc: Doc) -> Doc:
    return mark_paragraph_starts(doc)
