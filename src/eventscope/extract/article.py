"""Extraction: files on disk become `RawInput`s, and each `RawInput` becomes an `Article`.

`read_inputs` walks the paths given on the command line and yields one `RawInput` per
article, or a `BadInput` for anything that cannot be one (so a bad file never stops a
batch). `extract_article` turns a `RawInput` into an `Article` with a clean body: HTML
through trafilatura (falling back to the plain-text cleaner on the page's text when
trafilatura finds too little), plain text through `eventscope.extract.clean`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import json
import logging
import os
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import regex

from eventscope.errors import BadInput
from eventscope.extract.blocks import CleanText, is_sentence, strip_controls
from eventscope.extract.clean import clean_text, polish_text
from eventscope.extract.cues import load_cues
from eventscope.extract.date_lines import parse_date_line
from eventscope.records import Article, RawInput, url_host
from eventscope.settings import Settings

log = logging.getLogger(__name__)

KINDS: dict[str, Literal["text", "html", "jsonl"]] = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
}
META_FIELDS = ("url", "title", "outlet", "published")
# A body that is this much of its page is in the page's language: no second detection.
SAME_LANGUAGE_SHARE = 0.8
# Characters of a text that py3langid reads to tell its language.
LANGUAGE_SAMPLE_CHARS = 5000
# py3langid's features are byte n-grams of up to this many bytes, so the state of its
# scanner after a byte depends on the last this many bytes only (tests check it on the model).
LANGID_NGRAM_BYTES = 4
# Bytes inspected for NUL bytes before a file is taken for text.
SNIFF_BYTES = 8192
# charset_normalizer's "chaos" ratio above which a guessed encoding is not trusted.
MAX_CHAOS = 0.1
# Byte-order marks of the UTF-16/32 encodings, whose text is full of NUL bytes (UTF-32 first:
# its little-endian mark starts with UTF-16's).
UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# A letter: a word character that is neither a digit nor an underscore.
LETTER = regex.compile(r"[^\W\d_]")
META_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", regex.IGNORECASE)
# Elements that start a new line in a text dump of a page (a word list, not one tag a line).
BLOCK_TAGS = frozenset(
    "p div section article header footer nav aside main li ul ol h1 h2 h3 h4 h5 h6 "  # noqa: SIM905
    "blockquote pre table tr td th figure figcaption form dd dt dl address br hr title body".split()
)


def read_inputs(
    paths: Iterable[str | Path], settings: Settings, meta: dict[str, str] | None = None
) -> Iterator[RawInput | BadInput]:
    """Every article in the given files and folders, in a deterministic order.

    Folders are walked recursively in sorted order and files with other extensions
    are skipped; a file named directly must have a supported extension. Problems are
    yielded as `BadInput`, never raised. `meta` (`outlet`, `published`) applies to every
    input, except where a JSON line states its own.
    """
    meta = dict(meta or {})
    for raw in _read_paths(paths, settings):
        if isinstance(raw, RawInput) and meta:
            raw.meta = {**meta, **raw.meta}
        yield raw


def count_inputs(paths: Iterable[str | Path]) -> int:
    """How many inputs `read_inputs` will yield, at most (files, and non-blank JSON lines),
    counted cheaply so that progress can be shown against a total."""
    total = 0
    for given in paths:
        path = Path(given)
        files = _walk(path) if path.is_dir() else [path] if path.is_file() else []
        for file in files:
            kind = KINDS.get(file.suffix.lower())
            if kind == "jsonl":
                try:
                    with file.open("rb") as stream:
                        total += max(1, sum(1 for line in stream if line.strip()))
                except OSError:
                    total += 1
            elif kind is not None or not path.is_dir():
                total += 1
    return total


def missing_paths(paths: Iterable[str | Path]) -> list[str]:
    """The paths given that are neither a file nor a folder."""
    return [str(path) for path in paths if not Path(path).exists()]


def _read_paths(paths: Iterable[str | Path], settings: Settings) -> Iterator[RawInput | BadInput]:
    for given in paths:
        given_text = str(given)
        path = Path(given)
        if path.is_dir():
            for file in _walk(path):
                source = os.path.join(given_text, file.relative_to(path).as_posix())
                if file.suffix.lower() in KINDS:
                    yield from _read_file(file, source, settings)
        elif path.is_file():
            if path.suffix.lower() not in KINDS:
                yield BadInput(given_text, f"unsupported file type {path.suffix or '(none)'!r}")
            else:
                yield from _read_file(path, given_text, settings)
        else:
            yield BadInput(given_text, "no such file or folder")


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            yield Path(root) / name


def _read_file(path: Path, source: str, settings: Settings) -> Iterator[RawInput | BadInput]:
    kind = KINDS[path.suffix.lower()]
    limit = int(settings.get("extract.max_file_bytes", 20_000_000))
    try:
        size = path.stat().st_size
        if kind == "jsonl":
            yield from _read_jsonl(path, source, limit)
            return
        if size == 0:
            yield BadInput(source, "empty file")
            return
        if size > limit:
            yield BadInput(source, f"file too large ({size} bytes > {limit})")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield BadInput(source, f"cannot read file: {exc.strerror or exc}")
        return
    try:
        text = decode(data, html=kind == "html")
    except BadInput as exc:
        yield BadInput(source, exc.reason)
        return
    if not text.strip():
        yield BadInput(source, "empty file")
        return
    yield RawInput(source=source, content=text, kind="html" if kind == "html" else "text")


def decode(data: bytes, html: bool = False) -> str:
    """Bytes to text: by byte-order mark, UTF-8, the page's declared charset, then a
    confident guess. Raises `BadInput` (with an empty source) for binary or unknown data."""
    for bom, encoding in UNICODE_BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise BadInput("", f"cannot decode text (invalid {encoding})") from None
    if b"\x00" in data[:SNIFF_BYTES]:
        raise BadInput("", "binary file (NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = META_CHARSET.search(data[:4096]) if html else None
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise BadInput("", "cannot decode text (not UTF-8, encoding unknown)")
    log.debug("decoded as %s (chaos %.2f)", best.encoding, best.chaos)
    return str(best)


def _read_jsonl(path: Path, source: str, limit: int) -> Iterator[RawInput | BadInput]:
    """One article per line, read streaming; a bad line is reported and the rest still read."""
    found = False
    with path.open("rb") as stream:
        if b"\x00" in stream.read(SNIFF_BYTES):
            yield BadInput(source, "binary file (NUL bytes)")
            return
        stream.seek(0)
        for number, raw_line in enumerate(stream, start=1):
            where = f"{source}:{number}"
            if not raw_line.strip():
                continue
            found = True
            if len(raw_line) > limit:
                yield BadInput(source, f"line too large ({len(raw_line)} bytes > {limit})", number)
                continue
            try:
                record = json.loads(raw_line.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield BadInput(source, f"malformed JSON line: {exc}", number)
                continue
            if not isinstance(record, dict):
                yield BadInput(source, "JSON line is not an object", number)
                continue
            kind: Literal["text", "html"] = "text" if _non_empty(record.get("text")) else "html"
            content = record.get(kind)
            if not isinstance(content, str) or not content.strip():
                yield BadInput(source, "JSON line has no 'text' or 'html'", number)
                continue
            meta = {
                key: _valid_unicode(record[key])
                for key in META_FIELDS
                if _non_empty(record.get(key))
            }
            ignored = [key for key in META_FIELDS if key in record and key not in meta]
            if ignored:
                log.info("%s: ignoring %s (not a non-empty string)", where, ", ".join(ignored))
            url = meta.get("url")
            yield RawInput(
                source=url or where,
                content=_valid_unicode(content),
                kind=kind,
                meta=meta,
                line=number,
            )
    if not found:
        yield BadInput(source, "empty file")


def _valid_unicode(text: str) -> str:
    """JSON escapes can encode lone surrogates, which no encoder accepts: replace them."""
    return regex.sub(r"[\ud800-\udfff]", "\ufffd", text)


def _non_empty(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


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
    minimum = int(settings.get("extract.min_text_chars", 200))
    if raw.kind == "html" and len(body) < minimum:
        raise BadInput(
            raw.source, f"no article text (cleaned body {len(body)} < {minimum} chars)", raw.line
        )
    if raw.kind == "text" and not is_sentence(body):
        raise BadInput(raw.source, "no article text (no sentence with words)", raw.line)
    meta = raw.meta
    published = found.published
    if meta.get("published"):
        published = _meta_date(str(meta["published"])) or published
    return Article(
        id=raw.id,
        source=raw.source,
        title=meta.get("title") or found.title,
        outlet=meta.get("outlet") or found.outlet or url_host(meta.get("url")),
        author=found.author,
        published=published,
        text=body,
        language=page_language if len(body) >= SAME_LANGUAGE_SHARE * len(raw.content) else detect_language(body),
    )


def _meta_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return parse_date_line(value)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), None for text without letters."""
    if not LETTER.search(text):
        return None
    model = language_model()
    scores = model.identifier.nb_classprobs(language_features(text[:LANGUAGE_SAMPLE_CHARS]))
    return model.identifier.nb_classes[int(np.argmax(scores))]


@dataclass(frozen=True)
class LanguageModel:
    """py3langid's model, with its byte scanner as arrays for counting features in numpy."""

    identifier: Any  # py3langid.langid.LanguageIdentifier
    transitions: np.ndarray  # the scanner's next state, at state * 256 + byte
    produced: np.ndarray  # per state, the features it counts, padded with a spare index


def load_resources() -> None:
    """Load what extraction reads (the cleaner's cues, the language model) once per process,
    with the other stages, rather than while the first article waits."""
    load_cues()
    language_model()


@functools.lru_cache(maxsize=1)
def language_model() -> LanguageModel:
    """Load py3langid's model once per process."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE)
    outputs = identifier.tk_output
    produced = np.full(
        (len(identifier.tk_nextmove) // 256, max(map(len, outputs.values()))),
        identifier.nb_numfeats,
        dtype=np.uint16,
    )
    for state, features in outputs.items():
        produced[state, : len(features)] = features
    return LanguageModel(identifier, np.asarray(identifier.tk_nextmove), produced)


def language_features(text: str) -> np.ndarray:
    """py3langid's feature counts for `text`, the same as its `instance2fv` gives.

    py3langid steps its scanner through the text byte by byte in a Python loop, a quarter
    of the time extraction took. As the state after a byte depends only on the last
    LANGID_NGRAM_BYTES bytes, the states after all bytes are found at once here: the
    scanner is run from its start over those few bytes, for every byte together.
    """
    model = language_model()
    data = text.encode("utf8", errors="surrogatepass")
    codes = np.frombuffer(data, dtype=np.uint8).astype(np.int64)
    states = np.zeros(len(codes), dtype=np.int64)
    for back in range(LANGID_NGRAM_BYTES - 1, -1, -1):
        # now states[i] is the state after bytes i - LANGID_NGRAM_BYTES + 1 .. i - back
        states[back:] = model.transitions[(states[back:] << 8) + codes[: len(codes) - back]]
    counts = np.bincount(model.produced[states].ravel(), minlength=model.identifier.nb_numfeats + 1)
    return counts[:-1].astype(np.uint16)


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
    found = CleanText(
        text=polish_text(
            unicodedata.normalize("NFC", strip_controls(_field(document, "text")))
        ).text,
        title=corroborated_title(html, _field(document, "title") or None),
        outlet=_field(document, "sitename") or None,
        author=_field(document, "author") or None,
        published=_meta_date(date) if isinstance(date, str) else None,
    )
    minimum = int(settings.get("extract.min_text_chars", 200))
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
