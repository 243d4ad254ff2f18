"""Extraction quality on public gold sets, against bare trafilatura.

Three corpora from /work/shared/corpora (see the licence file in each):

- readability/test/test-pages: 130 pages with the expected article HTML and metadata;
  scored by token-level precision/recall/F1 of the body and title/date accuracy.
- trafilatura-eval/tests: 990 pages with snippets that must be kept ("with") and
  dropped ("without"); scored as trafilatura's own evaluation does (whitespace-normalised
  substring matching, micro-averaged precision/recall/F1).
- bbc/news (MIT): 2,095 clean BBC articles as plain text, title on the first line; the
  plain-text cleaner must lose nothing here (token recall of the body, title accuracy,
  and no metadata invented: the files state no date, author or outlet).

Three systems: `trafilatura` (bare `trafilatura.extract` with defaults), `eventscope-html`
(`extract_article` on the HTML) and `eventscope-text` (the page dumped to plain text with
menus, footers and captions left in, through the plain-text cleaner).

    .venv/bin/python bench/extract_quality.py [--corpus readability|snippets|bbc|all] [--every N]
        [--offset K]

`--every 2` scores the even-numbered pages (develop there), `--every 2 --offset 1` the odd
ones (held out), so a gain found on one half can be checked on the other.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import regex

CORPORA = Path("/work/shared/corpora")
READABILITY = CORPORA / "readability" / "test" / "test-pages"
SNIPPETS = CORPORA / "trafilatura-eval" / "tests"
BBC = CORPORA / "bbc" / "news"
SYSTEMS = ("trafilatura", "eventscope-html", "eventscope-text")
WORD = regex.compile(r"\w+", regex.UNICODE)
log = logging.getLogger("extract_quality")


@dataclass
class Output:
    """What a system made of one page."""

    text: str
    title: str | None = None
    published: str | None = None


@dataclass
class Scores:
    """Running totals for one system on one corpus."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    title_right: int = 0
    title_total: int = 0
    date_right: int = 0
    date_total: int = 0
    date_invented: int = 0
    no_date_total: int = 0
    seconds: float = 0.0
    f1s: list[float] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 0.0


def _settings():
    from eventscope.settings import load_settings

    return load_settings()


def run_trafilatura(html: str) -> Output:
    import trafilatura

    text = trafilatura.extract(html) or ""
    metadata = trafilatura.extract_metadata(html)
    return Output(
        text=text,
        title=metadata.title if metadata else None,
        published=metadata.date if metadata else None,
    )


def run_eventscope_html(html: str) -> Output:
    from eventscope.extract.html import extract_html

    found = extract_html(html, _settings())
    return Output(found.text, found.title, _iso(found.published))


def run_eventscope_text(html: str) -> Output:
    from eventscope.extract.clean import clean_text
    from eventscope.extract.html import html_to_text
    from eventscope.extract.language import detect_language

    page = html_to_text(html)
    clean = clean_text(page, detect_language(page))
    return Output(clean.text, clean.title, _iso(clean.published))


RUNNERS: dict[str, Callable[[str], Output]] = {
    "trafilatura": run_trafilatura,
    "eventscope-html": run_eventscope_html,
    "eventscope-text": run_eventscope_text,
}


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _norm(text: str) -> str:
    return regex.sub(r"\s+", " ", text).strip()


def _title_key(text: str | None) -> str:
    return regex.sub(r"[\W_]+", " ", (text or "").casefold()).strip()


def _decode(data: bytes) -> str:
    from eventscope.errors import BadInput
    from eventscope.extract.inputs import decode

    try:
        return decode(data, html=True)
    except BadInput:
        return data.decode("utf-8", errors="replace")


def html_text(html: str) -> str:
    """Visible text of the expected article HTML, block by block."""
    from eventscope.extract.html import html_to_text

    return html_to_text(html)


def readability_pages(every: int = 1, offset: int = 0) -> Iterator[tuple[str, str, str, dict]]:
    """(name, source html, expected text, expected metadata), every `every`-th page from
    the `offset`-th."""
    for index, folder in enumerate(sorted(p for p in READABILITY.iterdir() if p.is_dir())):
        if index % every != offset:
            continue
        source = _decode((folder / "source.html").read_bytes())
        expected = html_text((folder / "expected.html").read_text("utf-8"))
        metadata = json.loads((folder / "expected-metadata.json").read_text("utf-8"))
        yield folder.name, source, expected, metadata


def snippet_pages(every: int = 1, offset: int = 0) -> Iterator[tuple[str, str, dict]]:
    """(file, html, {"with": [...], "without": [...]}), every `every`-th annotated page from
    the `offset`-th."""
    evaldata = json.loads((SNIPPETS / "evaldata.json").read_text("utf-8"))
    for index, item in enumerate(evaldata.values()):
        if index % every != offset:
            continue
        for folder in ("cache", "eval"):
            path = SNIPPETS / folder / (item["file"] + ".gz")
            if path.is_file():
                yield item["file"], _decode(gzip.decompress(path.read_bytes())), item
                break


def token_counts(text: str) -> Counter:
    return Counter(word.casefold() for word in WORD.findall(text))


def score_readability(
    systems: tuple[str, ...], every: int = 1, offset: int = 0
) -> dict[str, Scores]:
    scores = {name: Scores() for name in systems}
    for _name, source, expected, metadata in readability_pages(every, offset):
        gold = token_counts(expected)
        gold_date = (metadata.get("publishedTime") or "")[:10] or None
        for system in systems:
            score = scores[system]
            start = time.perf_counter()
            try:
                output = RUNNERS[system](source)
            except Exception:  # a crash scores as an empty extraction, as in trafilatura's eval
                log.exception("%s failed on %s", system, _name)
                output = Output("")
            score.seconds += time.perf_counter() - start
            found = token_counts(output.text)
            overlap = sum((found & gold).values())
            score.tp += overlap
            score.fp += sum(found.values()) - overlap
            score.fn += sum(gold.values()) - overlap
            denominator = sum(found.values()) + sum(gold.values())
            score.f1s.append(2 * overlap / denominator if denominator else 1.0)
            if metadata.get("title"):
                score.title_total += 1
                score.title_right += _title_key(output.title) == _title_key(metadata["title"])
            if gold_date:
                score.date_total += 1
                score.date_right += (output.published or "")[:10] == gold_date
            else:
                score.no_date_total += 1
                score.date_invented += output.published is not None
    return scores


def score_snippets(systems: tuple[str, ...], every: int = 1, offset: int = 0) -> dict[str, Scores]:
    scores = {name: Scores() for name in systems}
    for file, html, item in snippet_pages(every, offset):
        for system in systems:
            score = scores[system]
            start = time.perf_counter()
            try:
                text = _norm(RUNNERS[system](html).text)
            except Exception:
                log.exception("%s failed on %s", system, file)
                text = ""
            score.seconds += time.perf_counter() - start
            kept = sum(1 for snippet in item["with"] if _norm(snippet) in text)
            leaked = sum(1 for snippet in item["without"] if _norm(snippet) in text)
            score.tp += kept
            score.fn += len(item["with"]) - kept
            score.fp += leaked
            score.tn += len(item["without"]) - leaked
    return scores


def score_bbc(every: int = 1, offset: int = 0) -> Scores:
    """The plain-text cleaner on clean articles: what it removes from the body is lost."""
    from eventscope.extract.clean import clean_text

    score = Scores()
    for index, path in enumerate(sorted(BBC.glob("*/*.txt"))):
        if index % every != offset:
            continue
        page = path.read_text("utf-8", errors="replace")
        title, _, body = page.partition("\n")
        start = time.perf_counter()
        clean = clean_text(page, "en")
        score.seconds += time.perf_counter() - start
        gold, found = token_counts(body), token_counts(clean.text)
        overlap = sum((found & gold).values())
        score.tp += overlap
        score.fp += sum(found.values()) - overlap
        score.fn += sum(gold.values()) - overlap
        score.title_total += 1
        score.title_right += (clean.title or "").strip() == title.strip()
        score.no_date_total += 1
        score.date_invented += any((clean.published, clean.author, clean.outlet))
    return score


def report_bbc(score: Scores) -> str:
    return "\n".join(
        [
            "bbc clean articles through the plain-text cleaner: body tokens kept, title, invented",
            f"{'system':17} {'P':>6} {'R':>6} {'F1':>6} {'title':>9} {'invented':>9} {'sec':>6}",
            (
                f"{'eventscope-text':17} {score.precision:6.3f} {score.recall:6.3f} "
                f"{score.f1:6.3f} {score.title_right:4}/{score.title_total:<4} "
                f"{score.date_invented:4}/{score.no_date_total:<4} {score.seconds:6.1f}"
            ),
        ]
    )


def report_readability(scores: dict[str, Scores]) -> str:
    lines = [
        "readability test pages: body tokens (micro P/R/F1, macro F1), title exact, date",
        (
            f"{'system':17} {'P':>6} {'R':>6} {'F1':>6} {'mF1':>6} {'title':>9} {'date':>8} "
            f"{'invented':>9} {'sec':>6}"
        ),
    ]
    for name, s in scores.items():
        macro = sum(s.f1s) / len(s.f1s) if s.f1s else 0.0
        lines.append(
            f"{name:17} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {macro:6.3f} "
            f"{s.title_right:4}/{s.title_total:<4} {s.date_right:3}/{s.date_total:<4} "
            f"{s.date_invented:4}/{s.no_date_total:<4} {s.seconds:6.1f}"
        )
    return "\n".join(lines)


def report_snippets(scores: dict[str, Scores]) -> str:
    lines = [
        "trafilatura-eval snippets: kept ('with') vs dropped ('without'), micro-averaged",
        f"{'system':17} {'P':>6} {'R':>6} {'F1':>6} {'acc':>6} {'sec':>6}",
    ]
    for name, s in scores.items():
        lines.append(
            f"{name:17} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.accuracy:6.3f} "
            f"{s.seconds:6.1f}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--corpus", choices=("readability", "snippets", "bbc", "all"), default="all"
    )
    parser.add_argument("--every", type=int, default=1, help="score every N-th page only")
    parser.add_argument(
        "--offset", type=int, default=0, help="start from the K-th page (K < N): a held-out half"
    )
    parser.add_argument("--systems", nargs="+", choices=SYSTEMS, default=list(SYSTEMS))
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    systems = tuple(args.systems)
    if args.corpus in ("readability", "all"):
        print(report_readability(score_readability(systems, args.every, args.offset)), flush=True)
    if args.corpus in ("snippets", "all"):
        print(report_snippets(score_snippets(systems, args.every, args.offset)), flush=True)
    if args.corpus in ("bbc", "all"):
        print(report_bbc(score_bbc(args.every, args.offset)), flush=True)


if __name__ == "__main__":
    main()
