"""HTML pages: the body and metadata trafilatura finds, checked against the page's own
title and completed from the plain-text cleaner's reading of the page dumped to text."""

from __future__ import annotations

import unicodedata
from typing import Any

import regex

from eventscope.extract.blocks import CleanText, strip_controls
from eventscope.extract.clean import clean_text, polish_text
from eventscope.extract.date_lines import meta_date
from eventscope.extract.language import detect_language
from eventscope.settings import Settings

# Elements that start a new line in a text dump of a page (a word list, not one tag a line).
BLOCK_TAGS = frozenset(
    "p div section article header footer nav aside main li ul ol h1 h2 h3 h4 h5 h6 "  # noqa: SIM905
    "blockquote pre table tr td th figure figcaption form dd dt dl address br hr title body".split()
)


def extract_html(html: str, settings: Settings) -> CleanText:
    """Body and metadata of an HTML page.

    trafilatura finds the main content and metadata, and the boilerplate cues remove the
    furniture it lets through; when its body is missing or too short, the page is dumped
    to text and cleaned like any plain-text scrape. Metadata trafilatura misses is filled
    from the cleaner's reading of the page text.
    """
    import trafilatura

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True
    )
    date = getattr(document, "date", None)
    title = corroborated_title(html, _field(document, "title") or None)
    found = CleanText(
        text=_without_headline(
            polish_text(unicodedata.normalize("NFC", strip_controls(_field(document, "text")))).text, title
        ),
        title=title,
        outlet=_field(document, "sitename") or None,
        author=_field(document, "author") or None,
        published=meta_date(date) if isinstance(date, str) else None,
    )
    minimum = int(settings.get("extract.min_text_chars"))
    if len(found.text) >= minimum and found.title and found.published:
        return found
    page = html_to_text(html)
    fallback = clean_text(page, detect_language(found.text or page))
    if len(found.text) < minimum and len(fallback.text) > len(found.text):
        found.text = fallback.text
    found.title = found.title or fallback.title
    found.outlet = found.outlet or fallback.outlet
    found.author = found.author or fallback.author
    found.published = found.published or fallback.published
    return found


def _without_headline(text: str, title: str | None) -> str:
    """The body without its opening line when that line is the headline: the headline is
    the article's `title`, as on the plain-text path, and is not read as body text."""
    first, _, rest = text.partition("\n")
    if title and rest and _title_key(first) == _title_key(title):
        return rest.lstrip("\n")
    return text


def _field(document: Any, name: str) -> str:
    """A text field of trafilatura's result ("" when missing)."""
    value = getattr(document, name, None)
    return value if isinstance(value, str) else ""


def corroborated_title(html: str, candidate: str | None) -> str | None:
    """The headline, checked against the page's own title (og:title, else <title>).

    A headline finder can pick a promotional or site heading; the real headline is
    echoed in the page title. When `candidate` is not, the page's h1/h2 that is echoed
    is taken, else the page title without its site-name part.
    """
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return candidate
    declared = root.xpath(
        "//meta[@property='og:title' or @name='og:title' or @name='twitter:title']/@content"
    ) or [element.text_content() for element in root.iter("title")]
    page_title = regex.sub(r"\s+", " ", declared[0]).strip() if declared else ""
    if not page_title:
        return candidate
    page_key = _title_key(page_title)
    if candidate and _title_key(candidate) in page_key:
        return candidate
    headings = [regex.sub(r"\s+", " ", h.text_content()).strip() for h in root.iter("h1", "h2")]
    echoed = [h for h in headings if len(h) > 3 and _title_key(h) in page_key]
    if echoed:
        return max(echoed, key=len)
    parts = regex.split(r"\s+[|–—-]\s+|\s+::\s+", page_title)
    return max(parts, key=len) if len(parts) > 1 else page_title


def _title_key(text: str) -> str:
    return regex.sub(r"[\W_]+", " ", text.casefold()).strip()


def html_to_text(html: str) -> str:
    """A plain-text dump of a page with everything left in: one line per block element.

    Scripts, styles and hidden templates go; the document title (first line), menus,
    footers and captions stay, as in a scrape that saved the page's visible text.
    """
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    etree.strip_elements(root, "script", "style", "noscript", "template", "svg", with_tail=False)
    etree.strip_tags(root, etree.Comment, etree.ProcessingInstruction)  # keeps their tails
    lines: list[str] = []
    title = root.find(".//title")
    if title is not None and title.text_content().strip():
        lines.append(regex.sub(r"\s+", " ", title.text_content()).strip())
    body = root.find("body") if root.find("body") is not None else root
    current: list[str] = []
    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in BLOCK_TAGS:
            line = regex.sub(r"\s+", " ", "".join(current)).strip()
            if line:
                lines.append(line)
            current.clear()
        if event == "start" and tag and tag != "title" and element.text:
            current.append(element.text)
        elif event == "end" and element is not body and element.tail:
            current.append(element.tail)
    line = regex.sub(r"\s+", " ", "".join(current)).strip()
    if line:
        lines.append(line)
    return "\n\n".join(lines)
