"""The text of a real-news gold document, read from the shared corpora.

The gold set stores references (document, character offsets, a short quote), never the
articles themselves, so the text each offset counts in is defined here, once:
- `bbc/<section>/<file>.txt`: the file as UTF-8, unchanged;
- `ecbplus/<folder>/<file>.json`: the record's `title`, a newline, then its `text`;
- `readability/<page>`: the text content of the page's cleaned `expected.html` (lxml).

`document_published` gives the publication date the corpus records beside a document (ECB+'s
`date_publish`, readability's `publishedTime`), as a user would pass it with an article; the
BBC files record none. `document_outlet` gives its outlet the same way: the BBC corpus is
the BBC's, a readability page's is its `siteName`; ECB+ records none.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

CORPUS_FOLDERS = {
    "bbc": Path("corpora/bbc/news"),
    "ecbplus": Path("gold/ecbplus/articles"),
    "readability": Path("corpora/readability/test/test-pages"),
}


def document_text(shared: Path, doc: str) -> str:
    """The text of gold document `doc` ("corpus/relative/path") under the `shared` folder."""
    corpus, _, rest = doc.partition("/")
    folder = shared / CORPUS_FOLDERS[corpus]
    if corpus == "bbc":
        return (folder / rest).read_text(encoding="utf-8")
    if corpus == "ecbplus":
        record = json.loads((folder / rest).read_text(encoding="utf-8"))
        return f"{record['title']}\n{record['text']}"
    import lxml.html

    page = (folder / rest / "expected.html").read_text(encoding="utf-8")
    return str(lxml.html.fromstring(page).text_content())


BBC_OUTLET = "BBC News"


def document_outlet(shared: Path, doc: str) -> str | None:
    """The outlet the corpus states for gold document `doc`, if any."""
    corpus, _, rest = doc.partition("/")
    if corpus == "bbc":
        return BBC_OUTLET
    metadata = shared / CORPUS_FOLDERS[corpus] / rest / "expected-metadata.json"
    if corpus != "readability" or not metadata.exists():
        return None
    stated = json.loads(metadata.read_text(encoding="utf-8")).get("siteName")
    return stated if isinstance(stated, str) and stated.strip() else None


def document_published(shared: Path, doc: str) -> dt.date | None:
    """The publication date the corpus states for gold document `doc`, if any."""
    corpus, _, rest = doc.partition("/")
    folder = shared / CORPUS_FOLDERS[corpus]
    if corpus == "ecbplus":
        stated = json.loads((folder / rest).read_text(encoding="utf-8")).get("date_publish")
    elif corpus == "readability":
        metadata = folder / rest / "expected-metadata.json"
        stated = json.loads(metadata.read_text(encoding="utf-8")).get("publishedTime") if metadata.exists() else None
    else:
        stated = None
    if not isinstance(stated, str):
        return None
    try:
        return dt.date.fromisoformat(stated[:10])
    except ValueError:
        return None
