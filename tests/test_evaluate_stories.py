"""Story clustering scores: the metrics themselves and the quality gate on ECB+."""

from __future__ import annotations

import json
import re
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


def test_eval_stories_prints_a_compact_aligned_table(tmp_path):
    from click.testing import CliRunner

    from eventscope.interfaces.cli import main

    texts = {
        "1ecb": ["An earthquake struck Chile on Monday, killing four people in Santiago.",
                 "Four people died when an earthquake hit Santiago, Chile, on Monday."],
        "1ecbplus": ["A strong earthquake hit Japan on Friday; no casualties were reported in Tokyo."],
        "2ecb": ["Apple released a new iPhone in California on Tuesday.",
                 "On Tuesday Apple unveiled its new iPhone at an event in California."],
        "2ecbplus": ["Samsung launched a new Galaxy phone in Seoul on Wednesday."],
    }
    for folder, bodies in texts.items():
        (tmp_path / folder).mkdir()
        for number, body in enumerate(bodies):
            (tmp_path / folder / f"{number}.json").write_text(json.dumps({"title": body[:30], "text": body}))
    result = CliRunner().invoke(main, ["eval", "stories", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) <= 10
    assert lines[0] == "ecbplus: 6 articles, 4 happenings (dev = odd topics, test = even topics)"
    header, rows = lines[2], lines[3:6]
    assert [row.split("  ")[0].strip() for row in rows] == [
        "eventscope", "TF-IDF, average link", "TF-IDF, single link"
    ]
    for row in rows:
        numbers = list(re.finditer(r"\d\.\d{3}", row))
        assert len(numbers) == 8
        assert numbers[0].start() == header.index("B-cubed") and numbers[3].start() == header.index("pairwise")
        assert numbers[6].end() == header.index(" B3 F1 test") and numbers[7].end() == header.index("  seconds")
