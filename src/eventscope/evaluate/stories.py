"""Score story clustering on ECB+-style gold: one folder per happening, one JSON per article.

Each folder of the gold set is one happening. ECB+ pairs every topic `N` with two similar
happenings (`Necb`, `Necbplus`: e.g. two different celebrities entering rehab), so a
clusterer that groups by subject alone loses precision there.

ECB+ articles have no publication dates, and the NLP, actor and event stages are not run on
them: their happenings (celebrity rehab, sports deals, crimes) are mostly outside the CAMEO
coder's political scope, parsing alone takes minutes, and the parser's entities scored no
better than capitalised names. So this scores the text signals (words, capitalised names,
near-duplicates) that `update_stories` relies on for undated or uncoded articles.

The baselines are plain TF-IDF cosine grouped by single link (`baseline_*`) and by average
link (`baseline_average_*`, the linkage eventscope uses). To keep the comparison fair their
thresholds are chosen on the odd topics (`dev`), as eventscope's settings were, and every
system is reported on the even topics (`test`) and on all.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterable
from itertools import combinations
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer

from eventscope.errors import BadInput
from eventscope.records import Article, content_id
from eventscope.settings import Settings
from eventscope.stories.cluster import cluster_items, story_item

log = logging.getLogger(__name__)

TOPIC = re.compile(r"^(\d+)")
BASELINE_THRESHOLDS = [round(0.025 * step, 3) for step in range(1, 40)]
# Baselines by report prefix: scipy linkage method over TF-IDF cosine distance.
BASELINES = {"baseline": "single", "baseline_average": "average"}


def load_gold(root: Path) -> tuple[list[Article], dict[str, str]]:
    """Articles of each happening folder under `root` (or `root/articles`), and gold labels."""
    base = root / "articles" if (root / "articles").is_dir() else root
    folders = sorted(path for path in base.iterdir() if path.is_dir()) if base.is_dir() else []
    if not folders:
        raise BadInput(str(root), "no happening folders found")
    articles: list[Article] = []
    gold: dict[str, str] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.json")):
            try:
                data = json.loads(path.read_text("utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise BadInput(str(path), f"cannot read gold article: {exc}") from exc
            title, text = data.get("title") or "", data.get("text") or ""
            source = str(path.relative_to(base))
            article_id = content_id(source, title, text)
            articles.append(
                Article(
                    id=article_id,
                    source=source,
                    title=title,
                    outlet=None,
                    author=None,
                    published=None,
                    text=text,
                    language="en",
                )
            )
            gold[article_id] = folder.name
    return articles, gold


def topic_of(happening: str) -> int:
    match = TOPIC.match(happening)
    return int(match.group(1)) if match else 0


def pairwise_scores(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """Precision/recall/F1 over the pairs of articles put in one cluster."""

    def pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = {}
        for key, label in labels.items():
            groups.setdefault(label, []).append(key)
        return {pair for members in groups.values() for pair in combinations(sorted(members), 2)}

    predicted_pairs, gold_pairs = pairs(predicted), pairs(gold)
    hits = len(predicted_pairs & gold_pairs)
    return _prf(
        hits / len(predicted_pairs) if predicted_pairs else 1.0,
        hits / len(gold_pairs) if gold_pairs else 1.0,
    )


def bcubed_scores(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """B-cubed precision/recall/F1: per-article overlap of its cluster with its happening."""
    predicted_groups: dict[str, set[str]] = {}
    gold_groups: dict[str, set[str]] = {}
    for key, happening in gold.items():
        predicted_groups.setdefault(predicted[key], set()).add(key)
        gold_groups.setdefault(happening, set()).add(key)
    precision = recall = 0.0
    for key in gold:
        overlap = len(predicted_groups[predicted[key]] & gold_groups[gold[key]])
        precision += overlap / len(predicted_groups[predicted[key]])
        recall += overlap / len(gold_groups[gold[key]])
    return _prf(precision / len(gold), recall / len(gold))


def _prf(precision: float, recall: float) -> dict[str, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def score(
    predicted: dict[str, str], gold: dict[str, str], keys: Iterable[str]
) -> dict[str, dict[str, float]]:
    subset = set(keys)
    gold_part = {key: gold[key] for key in subset}
    predicted_part = {key: predicted[key] for key in subset}
    return {
        "pairwise": pairwise_scores(predicted_part, gold_part),
        "bcubed": bcubed_scores(predicted_part, gold_part),
    }


def baseline_labels(articles: list[Article], method: str) -> Callable[[float], dict[str, str]]:
    """Plain baseline: TF-IDF cosine of title and text, grouped by `method` linkage.

    Returns a function from a similarity threshold to cluster labels, so that thresholds
    can be tried without recomputing the tree.
    """
    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        [f"{article.title}\n{article.text}" for article in articles]
    )
    distance = np.clip(1.0 - (vectors @ vectors.T).toarray(), 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method=method)

    def labels(threshold: float) -> dict[str, str]:
        groups = fcluster(tree, t=1.0 - threshold, criterion="distance")
        return {article.id: f"b{group}" for article, group in zip(articles, groups)}

    return labels


def tuned_baseline(
    articles: list[Article], gold: dict[str, str], dev: set[str], method: str
) -> tuple[float, dict[str, str]]:
    """The baseline threshold with the best B-cubed F1 on the dev topics, and its labels on all."""
    dev_articles = [article for article in articles if article.id in dev]
    on_dev = baseline_labels(dev_articles, method)
    dev_gold = {article.id: gold[article.id] for article in dev_articles}
    f1 = {
        threshold: bcubed_scores(on_dev(threshold), dev_gold)["f1"]
        for threshold in BASELINE_THRESHOLDS
    }
    best = max(BASELINE_THRESHOLDS, key=lambda threshold: (f1[threshold], -threshold))
    return best, baseline_labels(articles, method)(best)


def evaluate_stories(root: Path, settings: Settings) -> dict:
    """Pairwise and B-cubed scores of eventscope and the TF-IDF baseline on ECB+-style gold."""
    articles, gold = load_gold(Path(root))
    halves = {
        "dev": [a.id for a in articles if topic_of(gold[a.id]) % 2 == 1],
        "test": [a.id for a in articles if topic_of(gold[a.id]) % 2 == 0],
        "all": [a.id for a in articles],
    }
    started = time.perf_counter()
    items = [story_item(article) for article in articles]
    clusters, duplicates = cluster_items(items, settings)
    seconds = time.perf_counter() - started
    predicted = {
        item.article_id: f"s{number}" for number, members in enumerate(clusters) for item in members
    }

    baselines = {}
    for name, method in BASELINES.items():
        started = time.perf_counter()
        threshold, labels = tuned_baseline(articles, gold, set(halves["dev"]), method)
        baselines[name] = (threshold, labels, time.perf_counter() - started)

    happenings = len(set(gold.values()))
    log.info(
        "stories eval: %d articles, %d happenings, %d clusters",
        len(articles),
        happenings,
        len(clusters),
    )
    same = [gold[copy] == gold[original] for copy, original in duplicates.items()]
    report: dict = {
        "gold_set": "ecbplus",
        "articles": len(articles),
        "happenings": happenings,
        "signals": "text only: words, names, near-duplicates (ECB+ has no dates; no events coded)",
        "similarity_threshold": settings.get("stories.similarity_threshold"),
        "clusters": len(clusters),
        "duplicates": len(duplicates),
        # Share of flagged copies whose original reports the same happening.
        "duplicate_precision": round(sum(same) / len(same), 4) if same else None,
        "seconds": round(seconds, 2),
        "baselines": "TF-IDF cosine of title+text, single or average link, threshold tuned on dev",
    }
    for name, (threshold, labels, baseline_seconds) in baselines.items():
        report[f"{name}_threshold"] = threshold
        report[f"{name}_clusters"] = len(set(labels.values()))
        report[f"{name}_seconds"] = round(baseline_seconds, 2)
    # Flat keys (`bcubed_test`, `baseline_pairwise`...) so the CLI can print them as a table.
    systems = [("", predicted)] + [
        (f"{name}_", labels) for name, (_, labels, _) in baselines.items()
    ]
    for system, labels in systems:
        for half, keys in halves.items():
            suffix = "" if half == "all" else f"_{half}"
            for metric, scores in score(labels, gold, keys).items():
                report[f"{system}{metric}{suffix}"] = scores
    return report


# The systems of a report, by key prefix, with the names the table gives them.
SYSTEM_NAMES = {
    "": "eventscope",
    "baseline_average_": "TF-IDF, average link",
    "baseline_": "TF-IDF, single link",
}


def format_story_scores(report: dict) -> str:
    """The report of `evaluate_stories` as a compact table: a row per system, B-cubed and
    pairwise P/R/F1 on every article, F1 on the dev (tuning) and test topics."""
    lines = [
        (
            f"{report['gold_set']}: {report['articles']} articles, {report['happenings']} happenings"
            " (dev = odd topics, test = even topics)"
        ),
        "",
        (
            f"{'system':<22} {'clusters':>8}  {'B-cubed P / R / F1':<21}  {'pairwise P / R / F1':<21}"
            f" {'B3 F1 dev':>9} {'B3 F1 test':>10} {'seconds':>8}"
        ),
    ]
    for prefix, name in SYSTEM_NAMES.items():
        clusters = report["clusters"] if not prefix else report[f"{prefix}clusters"]
        seconds = report["seconds"] if not prefix else report[f"{prefix}seconds"]
        cells = [
            " / ".join(
                f"{report[f'{prefix}{metric}'][part]:.3f}" for part in ("precision", "recall", "f1")
            )
            for metric in ("bcubed", "pairwise")
        ]
        lines.append(
            f"{name:<22} {clusters:>8}  {cells[0]:<21}  {cells[1]:<21}"
            f" {report[f'{prefix}bcubed_dev']['f1']:>9.3f}"
            f" {report[f'{prefix}bcubed_test']['f1']:>10.3f}"
            f" {seconds:>8.1f}"
        )
    duplicates = report["duplicate_precision"]
    lines += [
        "",
        f"near-duplicates flagged: {report['duplicates']}"
        + (f", {duplicates:.1%} of them copies of one happening" if duplicates is not None else ""),
        (
            f"similarity threshold {report['similarity_threshold']}; baselines' thresholds (tuned on"
            f" dev): average link {report['baseline_average_threshold']},"
            f" single link {report['baseline_threshold']}"
        ),
    ]
    return "\n".join(lines)
