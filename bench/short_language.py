"""How often short English lines are taken for another language: BBC headlines and first
sentences and ECB+ headlines (each under `SHORT_TEXT_CHARS`, as a one-line wire item is), by py3langid alone
and by `detect_language` (which reads a short text's English function words too). A line
taken for another language is skipped by the pipeline, which parses English only. And the
price: how many titles of trafilatura-eval's pages whose body is not English each calls
English.

    python bench/short_language.py [--limit 600]
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

import py3langid
from corpus import BBC, bbc_articles

from eventscope.extract.language import SHORT_TEXT_CHARS, detect_language


def short_lines(limit: int) -> dict[str, list[str]]:
    """Each article's headline and the first sentence of its first paragraph."""
    lines: dict[str, list[str]] = {"headline": [], "first sentence": []}
    for path in bbc_articles(limit=limit):
        paragraphs = [p.strip() for p in path.read_text("utf-8", errors="replace").splitlines() if p.strip()]
        if len(paragraphs) < 2:
            continue
        lines["headline"].append(paragraphs[0])
        lines["first sentence"].append(paragraphs[1].split(". ")[0].rstrip(".") + ".")
    ecbplus = BBC.parents[2] / "gold" / "ecbplus"
    lines["ECB+ headline"] = [title for path in sorted(ecbplus.glob("**/*.json"))
                              if isinstance(found := json.loads(path.read_text("utf-8")), dict)
                              and (title := found.get("title"))]
    return {kind: [line for line in found if len(line) < SHORT_TEXT_CHARS] for kind, found in lines.items()}


def foreign_titles() -> list[str]:
    """The <title> of each trafilatura-eval page whose body py3langid reads as not English."""
    titles = []
    for path in sorted((BBC.parents[1] / "trafilatura-eval").glob("**/*.html.gz")):
        page = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        title = re.search(r"<title[^>]*>(.*?)</title>", page, re.DOTALL | re.IGNORECASE)
        text = html.unescape(" ".join(title.group(1).split())) if title else ""
        if text and len(text) < SHORT_TEXT_CHARS and py3langid.classify(re.sub(r"<[^>]+>", " ", page)[:20000])[0] != "en":
            titles.append(text)
    return titles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=600)
    args = parser.parse_args()
    for kind, lines in short_lines(args.limit).items():
        alone = sum(py3langid.classify(line)[0] != "en" for line in lines)
        ours = sum(detect_language(line) != "en" for line in lines)
        print(f"{kind:15s} {len(lines):5d} lines  not English: py3langid {alone} ({alone / len(lines):.1%}), "
              f"detect_language {ours} ({ours / len(lines):.1%})")
    titles = foreign_titles()
    alone = sum(py3langid.classify(title)[0] == "en" for title in titles)
    ours = sum(detect_language(title) == "en" for title in titles)
    print(f"{'foreign titles':15s} {len(titles):5d} lines  called English: py3langid {alone} ({alone / len(titles):.1%}), "
          f"detect_language {ours} ({ours / len(titles):.1%})")


if __name__ == "__main__":
    main()
