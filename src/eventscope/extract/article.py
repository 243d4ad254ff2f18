"""Extraction: each `RawInput` becomes an `Article` with a clean body.

HTML goes through trafilatura (`extract.html`, falling back to the plain-text cleaner on
the page's text when trafilatura finds too little), plain text through the cleaner
(`extract.clean`); the language is told by `extract.language`.
"""

from __future__ import annotations

from eventscope.errors import BadInput
from eventscope.extract.blocks import is_sentence
from eventscope.extract.clean import clean_text
from eventscope.extract.cues import load_cues
from eventscope.extract.date_lines import meta_date
from eventscope.extract.html import extract_html
from eventscope.extract.language import detect_language, language_model
from eventscope.records import Article, RawInput, url_host
from eventscope.settings import Settings

# A body that is this much of its page is in the page's language: no second detection.
SAME_LANGUAGE_SHARE = 0.8


def extract_article(raw: RawInput, settings: Settings) -> Article:
    """The article in `raw`: clean body, title, outlet, author, date and language.

    Text given as text (a `.txt` file, a JSON line's `text`) is an article when it holds a
    sentence with words, however short (a one-sentence wire item); a body extracted from a
    page must have `extract.min_text_chars`, or it is the page's furniture. Raises
    `BadInput` otherwise. Metadata given with the input overrides what the page states; an
    outlet nothing states is the URL's host, else None.
    """
    page_language = None
    if raw.kind == "html":
        found = extract_html(raw.content, settings)
    else:
        page_language = detect_language(raw.content)
        found = clean_text(raw.content, page_language)
    body = found.text
    minimum = int(settings.get("extract.min_text_chars"))
    if raw.kind == "html" and len(body) < minimum:
        raise BadInput(
            raw.source, f"no article text (cleaned body {len(body)} < {minimum} chars)", raw.line
        )
    if raw.kind == "text" and not is_sentence(body):
        raise BadInput(raw.source, "no article text (no sentence with words)", raw.line)
    meta = raw.meta
    published = found.published
    if meta.get("published"):
        published = meta_date(str(meta["published"])) or published
    return Article(
        id=raw.id,
        source=raw.source,
        title=meta.get("title") or found.title,
        outlet=meta.get("outlet") or found.outlet or url_host(meta.get("url")),
        author=found.author,
        published=published,
        text=body,
        language=page_language if len(body) >= SAME_LANGUAGE_SHARE * len(raw.content) else detect_language(body),
        dateline=found.dateline,
    )


def load_resources() -> None:
    """Load what extraction reads (the cleaner's cues, the language model) once per process,
    with the other stages, rather than while the first article waits."""
    load_cues()
    language_model()
