"""Build a benchmark corpus from the BBC news articles, repeated to reach a size.

The BBC set (2,095 plain-text articles, headline on the first line; MIT licence, see
/work/shared/corpora/bbc/license) is copied as `.txt` files. Copy k > 0 of an article gets
a last line "Copy k." so its content hash differs and the idempotent store processes it.

    python bench/corpus.py OUT_DIR [--copies N] [--limit N]
"""

from __future__ import annotations

import argparse
from pathlib import Path

BBC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc" / "news"


def bbc_articles(root: Path = BBC, limit: int | None = None) -> list[Path]:
    """The BBC article files in a stable order; with `limit`, an even spread over the categories."""
    files = sorted(root.glob("*/*.txt"))
    if not limit or limit >= len(files):
        return files
    return files[:: len(files) // limit][:limit]


def build_corpus(out_dir: Path, copies: int = 1, limit: int | None = None, root: Path = BBC) -> int:
    """Write `copies` distinct copies of the BBC articles under `out_dir`; returns the file count."""
    sources = bbc_articles(root, limit)
    if not sources:
        raise SystemExit(f"no BBC articles found under {root}")
    count = 0
    for copy in range(copies):
        folder = out_dir / f"copy{copy:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        for source in sources:
            text = source.read_text("utf-8", errors="replace")
            if copy:
                text = f"{text.rstrip()}\n\nCopy {copy}.\n"
            (folder / f"{source.parent.name}-{source.name}").write_text(text, "utf-8")
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--copies", type=int, default=1, help="how many distinct copies of the corpus")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles (quick runs)")
    args = parser.parse_args()
    print(f"{build_corpus(args.out_dir, args.copies, args.limit)} articles written to {args.out_dir}")


if __name__ == "__main__":
    main()
