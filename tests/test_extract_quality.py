"""Quality gate for extraction: pinned minimums on a fixed subset of public gold sets.

Scores come from bench/extract_quality.py (the full-set figures are in its output); here
every 4th readability page, every 25th trafilatura-eval page and every 25th clean BBC
article are scored, so the gate runs in under a minute. A change that lowers a score below
its floor fails. The floors sit a little below the figures measured when they were pinned
(on this subset: readability body P/R/F1 0.993/0.971/0.982 HTML, 0.934/0.935/0.935 text,
titles 24/32 and 20/32, dates 11/11 and 7/11; snippet P/R/F1 0.967 HTML, 0.847/0.868/0.857
text; BBC recall 0.999, titles 83/84).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

BENCH = Path(__file__).resolve().parents[1] / "bench" / "extract_quality.py"
READABILITY_EVERY = 4
SNIPPETS_EVERY = 25
SYSTEMS = ("eventscope-html", "eventscope-text")


def _bench():
    """bench/extract_quality.py as a module (bench/ is scripts, not a package)."""
    module = sys.modules.get("extract_quality")
    if module is None:
        spec = importlib.util.spec_from_file_location("extract_quality", BENCH)
        module = importlib.util.module_from_spec(spec)
        sys.modules["extract_quality"] = module  # dataclasses look their module up here
        spec.loader.exec_module(module)
    if not all(path.is_dir() for path in (module.READABILITY, module.SNIPPETS, module.BBC)):
        pytest.skip(f"gold corpora not found under {module.CORPORA}")
    return module


@pytest.fixture(scope="module")
def readability():
    return _bench().score_readability(SYSTEMS, READABILITY_EVERY)


@pytest.fixture(scope="module")
def snippets():
    return _bench().score_snippets(SYSTEMS, SNIPPETS_EVERY)


@pytest.mark.parametrize(
    ("system", "precision", "recall", "f1"),
    [("eventscope-html", 0.98, 0.96, 0.97), ("eventscope-text", 0.92, 0.92, 0.92)],
)
def test_body_tokens_on_readability_pages_stay_above_floor(
    readability, system, precision, recall, f1
) -> None:
    score = readability[system]
    assert score.precision >= precision and score.recall >= recall and score.f1 >= f1, (
        f"{system}: P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f}"
    )


@pytest.mark.parametrize(
    ("system", "titles", "dates"), [("eventscope-html", 0.72, 0.95), ("eventscope-text", 0.58, 0.6)]
)
def test_titles_and_dates_on_readability_pages_stay_above_floor(
    readability, system, titles, dates
) -> None:
    score = readability[system]
    assert score.title_right / score.title_total >= titles
    assert score.date_right / score.date_total >= dates


def test_plain_text_cleaner_rarely_invents_a_date(readability) -> None:
    # The 4 of 22 pages counted when pinned all state their publication date at the head of
    # the article (a byline or date line); only the gold metadata lacks it.
    score = readability["eventscope-text"]
    assert score.date_invented / score.no_date_total <= 0.2


@pytest.mark.parametrize(
    ("system", "precision", "recall", "f1"),
    [("eventscope-html", 0.95, 0.95, 0.95), ("eventscope-text", 0.84, 0.85, 0.85)],
)
def test_kept_and_dropped_snippets_stay_above_floor(
    snippets, system, precision, recall, f1
) -> None:
    score = snippets[system]
    assert score.precision >= precision and score.recall >= recall and score.f1 >= f1, (
        f"{system}: P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f}"
    )


def test_clean_articles_lose_nothing_and_gain_no_metadata() -> None:
    score = _bench().score_bbc(every=25)
    assert score.recall >= 0.99 and score.precision >= 0.99, f"R={score.recall:.3f}"
    assert score.title_right / score.title_total >= 0.95
    assert score.date_invented == 0
