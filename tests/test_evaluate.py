"""Gold-set evaluations: record readers, scoring, and a quality gate on both gold sets.

The minimums sit a little below the figures measured when they were set; a change that
lowers the coder's quality below them fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventscope.errors import BadInput
from eventscope.evaluate.petrarch2 import evaluate_petrarch2, read_records
from eventscope.evaluate.plover import evaluate_plover, plover_renames
from eventscope.evaluate.scoring import Tally

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PETRARCH = SHARED / "gold" / "petrarch2" / "PETR.UnitTest.records.xml"
PLOVER = SHARED / "gold" / "plover" / "PLOVER_GSR_CAMEO.txt"


def test_tally_counts_multiset_hits_and_false_alarms():
    tally = Tally()
    tally.add(["057", "057", "040"], ["057"])
    tally.add([], ["190"])
    scores = tally.scores()
    assert (scores["hits"], scores["predicted"], scores["gold"]) == (1, 3, 2)
    assert scores["precision"] == pytest.approx(1 / 3, abs=1e-4)
    assert scores["recall"] == 0.5
    assert scores["f1"] == pytest.approx(0.4, abs=1e-4)


def test_petrarch_reader_skips_error_records_and_keeps_noevents(tmp_path):
    path = tmp_path / "records.xml"
    path.write_text(
        """<Sentences>
<!-- a comment with <Sentence> inside -->
<Sentence date="20010203" id="A-1" category="DEMO" sentence="true">
<EventCoding sourcecode="KEN" targetcode="PER" eventcode="111"></EventCoding>
<Text>
Kenya criticised
 Peru.
</Text>
<Parse>(ROOT)</Parse>
</Sentence>
<Sentence date = "20010203" id = "A-2" category="ERROR" sentence="true">
<EventCoding error = "something"></EventCoding>
<Text>Broken.</Text>
</Sentence>
<Sentence date="20010203" id="A-3" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
</Sentences>""",
        encoding="utf-8",
    )
    records = read_records(path)
    assert [r.id for r in records] == ["A-1", "A-3"]
    assert records[0].text == "Kenya criticised Peru."
    assert records[0].codings == [("KEN", "PER", "111")]
    assert records[0].date.isoformat() == "2001-02-03"
    assert records[1].codings == []


def test_petrarch_reader_rejects_a_file_without_records(tmp_path):
    path = tmp_path / "empty.xml"
    path.write_text("<Sentences></Sentences>", encoding="utf-8")
    with pytest.raises(BadInput):
        read_records(path)


def test_plover_renames_map_old_categories_to_crosswalk_names():
    renames = plover_renames()
    assert renames["DEMAND"] == "REQUEST" and renames["FIGHT"] == "ASSAULT"


@pytest.fixture(scope="module")
def petrarch_scores(settings):
    if not PETRARCH.is_file():
        pytest.skip("PETRARCH2 gold records not available")
    return evaluate_petrarch2(PETRARCH, settings)


@pytest.fixture(scope="module")
def plover_scores(settings):
    if not PLOVER.is_file():
        pytest.skip("PLOVER gold records not available")
    return evaluate_plover(PLOVER, settings)


@pytest.mark.slow
def test_petrarch2_quality_gate(petrarch_scores):
    assert petrarch_scores["records"] > 250
    # measured: cameo 0.808, root 0.819, source 0.829, target 0.822, full event 0.681
    assert petrarch_scores["cameo"]["f1"] >= 0.80
    assert petrarch_scores["cameo_root"]["f1"] >= 0.81
    assert petrarch_scores["source"]["f1"] >= 0.81
    assert petrarch_scores["target"]["f1"] >= 0.81
    assert petrarch_scores["event"]["f1"] >= 0.68
    json.dumps(petrarch_scores)


@pytest.mark.slow
def test_plover_quality_gate(plover_scores):
    assert plover_scores["records"] > 300
    # measured: type 0.604, source 0.744, target 0.641
    assert plover_scores["plover_type"]["f1"] >= 0.61
    assert plover_scores["source"]["f1"] >= 0.74
    assert plover_scores["target"]["f1"] >= 0.63
    json.dumps(plover_scores)


@pytest.mark.slow
def test_real_news_dev_quality_gate(settings):
    """The real-news gold set's dev split (the test split is kept for reporting)."""
    from eventscope.evaluate.realnews import evaluate_realnews

    scores = evaluate_realnews(Path(__file__).resolve().parents[1] / "gold" / "realnews", settings, SHARED, "dev")
    assert scores["sentences"] == 360 and scores["gold_events"] > 100
    # measured: root P 0.524 R 0.306 (F1 0.386); (root, source, target) P 0.359 R 0.213 (F1 0.267)
    assert scores["root"]["f1"] >= 0.45
    assert scores["root"]["precision"] >= 0.58
    assert scores["root_source_target"]["f1"] >= 0.34
    assert scores["root_source_target"]["precision"] >= 0.44
    # measured: country 0.831 and sector 0.796 on 59 actors of events whose root was found
    assert scores["actors_on_root_matches"]["country_accuracy"] >= 0.85
    assert scores["actors_on_root_matches"]["sector_accuracy"] >= 0.83


def first_records(count: int) -> str:
    """The first gold records of the PETRARCH2 validation file, as a records file of their own."""
    import re

    blocks = re.findall(r"<Sentence .*?</Sentence>", PETRARCH.read_text("utf-8"), re.DOTALL)
    return "<Sentences>\n" + "\n".join(blocks[:count]) + "\n</Sentences>\n"


def test_petrarch2_errors_list_misses_and_false_alarms(settings, tmp_path):
    import shutil

    if not PETRARCH.is_file():
        pytest.skip(f"PETRARCH2 records not found at {PETRARCH}")
    for dictionary in PETRARCH.parent.glob("PETR.Validate.*.txt"):
        shutil.copy(dictionary, tmp_path / dictionary.name)
    text = first_records(6)
    records = tmp_path / "records.xml"
    records.write_text(text, "utf-8")
    right = evaluate_petrarch2(records, settings, errors=True)
    first = read_records(records)[0]
    records.write_text(text.replace(f'eventcode="{first.codings[0][2]}"', 'eventcode="999"', 1), "utf-8")
    wrong = evaluate_petrarch2(records, settings, errors=True)
    changed = [e for e in wrong["errors"] if e not in right["errors"]]
    assert {(e["kind"], e["sentence"]) for e in changed} >= {("miss", first.id)}
    assert next(e for e in changed if e["kind"] == "miss")["event"]["code"] == "999"
    every = right["event"]
    kinds = [e["kind"] for e in right["errors"]]
    assert kinds.count("miss") == every["gold"] - every["hits"]
    assert kinds.count("false_alarm") == every["predicted"] - every["hits"]
    assert "errors" not in evaluate_petrarch2(records, settings)


def test_plover_errors_name_the_records_whose_type_was_missed(settings, tmp_path):
    from click.testing import CliRunner

    from eventscope.interfaces.cli import main

    if not PLOVER.is_file():
        pytest.skip(f"PLOVER gold not found at {PLOVER}")
    records = json.loads(PLOVER.read_text("utf-8"))[:12]
    path = tmp_path / "plover.json"
    path.write_text(json.dumps(records), "utf-8")
    scores = evaluate_plover(path, settings, errors=True)
    kinds = [e["kind"] for e in scores["errors"]]
    tally = scores["plover_type"]
    assert kinds.count("miss") == tally["gold"] - tally["hits"]
    assert kinds.count("false_alarm") == tally["predicted"] - tally["hits"]
    result = CliRunner().invoke(main, ["eval", "plover", str(path), "--errors"])
    assert result.exit_code == 0, result.output
    assert f"{kinds.count('miss')} miss" in result.stdout
    for error in scores["errors"]:
        assert f"{error['kind']} [{error['sentence']}] {error['event']['code']}" in result.stdout
