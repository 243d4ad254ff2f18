"""How often short English lines are taken for another language: BBC headlines and first
sentences (each under `SHORT_TEXT_CHARS`, as a one-line wire item is), by py3langid alone
and by `detect_language` (which reads a short text's English function words too). A line
taken for another language is skipped by the pipeline, which parses English only.

    python bench/short_language.py [--limit 600]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

import py3langid  # noqa: E402
from corpus import bbc_articles  # noqa: E402

from eventscope.extract.language import SHORT_TEXT_CHARS, detect_language  # noqa: E402


def short_lines(limit: int) -> dict[str, list[str]]:
    """Each article's headline and the first sentence of its first paragraph."""
    lines: dict[str, list[str]] = {"headline": [], "first sentence": []}
    for path in bbc_articles(limit=limit):
        paragraphs = [p.strip() for p in path.read_text("utf-8", errors="replace").splitlines() if p.strip()]
        if len(paragraphs) < 2:
            continue
        lines["headline"].append(paragraphs[0])
        lines["first sentence"].append(paragraphs[1].split(". ")[0].rstrip(".") + ".")
    return {kind: [line for line in found if len(line) < SHORT_TEXT_CHARS] for kind, found in lines.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=600)
    args = parser.parse_args()
    for kind, lines in short_lines(args.limit).items():
        alone = sum(py3langid.classify(line)[0] != "en" for line in lines)
        ours = sum(detect_language(line) != "en" for line in lines)
        print(f"{kind:15s} {len(lines):5d} lines  not English: py3langid {alone} ({alone / len(lines):.1%}), "
              f"detect_language {ours} ({ours / len(lines):.1%})")


if __name__ == "__main__":
    main()
