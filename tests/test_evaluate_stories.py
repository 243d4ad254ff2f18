"""Story clustering scores: the metrics themselves and the quality gate on ECB+."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventscope.errors import BadInput
from eventscope.evaluate.stories import bcubed_scores, evaluate_stories, load_gold, pairwise_scores

ECBPLUS = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "ecbplus"
GOLD = {"a": "x", "b": "x", "c": "x", "d": "y"}


def test_perfect_clustering_scores_one():
    predicted = {"a": "1", "b": "1", "c": "1", "d": "2"}
    assert pairwise_scores(predicted, GOLD)["f1"] == 1.0
    assert bcubed_scores(predicted, GOLD)["f1"] == 1.0


def test_merging_everything_keeps_recall_and_loses_precision():
    predicted = {key: "1" for key in GOLD}
    pairwise = pairwise_scores(predicted, GOLD)
    bcubed = bcubed_scores(predicted, GOLD)
    assert pairwise["recall"] == 1.0 and pairwise["precision"] == 0.5
    assert bcubed["recall"] == 1.0
    assert bcubed["precision"] == pytest.approx((3 * 3 / 4 + 1 / 4) / 4, abs=1e-4)


def test_splitting_everything_keeps_bcubed_precision_and_loses_recall():
    predicted = {key: key for key in GOLD}
    bcubed = bcubed_scores(predicted, GOLD)
    assert bcubed["precision"] == 1.0
    assert bcubed["recall"] == pytest.approx((3 * 1 / 3 + 1) / 4, abs=1e-4)
    assert pairwise_scores(predicted, GOLD)["recall"] == 0.0


def test_load_gold_reads_one_happening_per_folder(tmp_path):
    for folder, names in {"1ecb": ["a", "b"], "1ecbplus": ["c"]}.items():
        (tmp_path / folder).mkdir()
        for name in names:
            record = {"title": f"Headline {name}.", "text": f"Body of {name}."}
            (tmp_path / folder / f"{name}.json").write_text(json.dumps(record))
    articles, gold = load_gold(tmp_path)
    assert sorted(gold.values()) == ["1ecb", "1ecb", "1ecbplus"]
    assert {article.title for article in articles} == {"Headline a.", "Headline b.", "Headline c."}


def test_load_gold_rejects_a_folder_without_happenings(tmp_path):
    with pytest.raises(BadInput):
        load_gold(tmp_path)


@pytest.mark.slow
def test_ecbplus_clustering_beats_the_tfidf_baselines(settings):
    if not ECBPLUS.is_dir():
        pytest.skip(f"ECB+ gold not found at {ECBPLUS}")
    report = evaluate_stories(ECBPLUS, settings)
    assert report["articles"] == 982 and report["happenings"] == 86
    assert report["duplicate_precision"] >= 0.95
    assert report["bcubed"]["f1"] >= 0.88
    assert report["pairwise"]["f1"] >= 0.82
    assert report["bcubed_test"]["f1"] >= 0.88
    for key in ("bcubed", "pairwise", "bcubed_test", "pairwise_test"):
        assert report[key]["f1"] > report[f"baseline_{key}"]["f1"]
        assert report[key]["f1"] > report[f"baseline_average_{key}"]["f1"]
