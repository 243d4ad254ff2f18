"""The real-news gold set loads and checks itself, and `eval events` scores against it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventscope.errors import BadInput
from eventscope.evaluate.realnews import (
    CodedEvent,
    GoldEvent,
    GoldSentence,
    SystemEvent,
    drop_mirror_copies,
    load_gold,
    match_events,
)
from eventscope.interfaces.cli import main

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "gold" / "realnews"
SHARED = REPO.parent / "shared"


def test_every_gold_sentence_quote_matches_its_document_and_splits_are_by_document():
    gold = load_gold(GOLD, SHARED)
    assert len(gold.sentences) >= 2000 and len({s.doc for s in gold.sentences}) >= 200
    split_of: dict[str, str] = {}
    for sentence in gold.sentences:
        assert split_of.setdefault(sentence.doc, sentence.split) == sentence.split
    assert {"train", "dev", "test"} == set(split_of.values())


def small_gold(tmp_path: Path, events: list[dict], quote: str | None = None) -> Path:
    rows = [json.loads(line) for line in (GOLD / "sentences.jsonl").read_text().splitlines()][:1]
    if quote is not None:
        rows[0]["quote"] = quote
    folder = tmp_path / "gold"
    (folder / "annotations").mkdir(parents=True)
    (folder / "sentences.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (folder / "annotations" / "batch_00.jsonl").write_text(json.dumps({"id": rows[0]["id"], "events": events}) + "\n")
    return folder


def test_a_quote_that_does_not_match_names_the_file_and_line(tmp_path):
    with pytest.raises(BadInput) as caught:
        load_gold(small_gold(tmp_path, [], quote="Not the text"), SHARED)
    assert caught.value.line == 1 and "does not match" in caught.value.reason


@pytest.mark.parametrize("event, problem", [
    ({"code": "5", "root": "05"}, "bad CAMEO code"),
    ({"code": "057", "root": "04", "source": {"code": "IRN"}, "modality": "asserted", "background": False}, "root"),
    ({"code": "057", "root": "05", "source": {"code": "IRN"}, "modality": "said", "background": False}, "modality"),
    ({"code": "057", "root": "05", "source": {"text": "Iran"}, "modality": "asserted", "background": False}, "source"),
])
def test_a_malformed_annotation_is_refused(tmp_path, event, problem):
    with pytest.raises(BadInput) as caught:
        load_gold(small_gold(tmp_path, [event]), SHARED)
    assert problem in caught.value.reason and caught.value.source.endswith("batch_00.jsonl")


def test_matching_is_one_to_one_on_root_and_country_parts():
    gold = [CodedEvent("0311", "GBRGOV", "TUR"), CodedEvent("111", "GBROPP", "GBRGOV")]
    system = [CodedEvent("111", "GBRLEG", "GBR"), CodedEvent("030", "GBR", "TUR"), CodedEvent("030", "GBR", "TUR")]
    assert match_events(gold, system, "root") == [(0, 1), (1, 0)]
    assert match_events(gold, system, "root_actors") == [(0, 1), (1, 0)]
    assert match_events(gold, system, "code_actors") == [(1, 0)]
    assert match_events([CodedEvent("111", "GBR", "FRA")], [CodedEvent("111", "FRA", "GBR")], "root_actors") == []
    firm = [CodedEvent("080", "JPNBUS", "IRLEDU")]
    assert match_events(firm, [CodedEvent("080", "MNCJPNMED", "IRL")], "root_actors") == [(0, 0)]


def test_a_mirror_copy_of_a_symmetric_event_is_dropped_and_of_others_kept():
    def event(code: str, source: str, target: str) -> SystemEvent:
        return SystemEvent(CodedEvent(code, source, target), "asserted", "met", "r", (0, 3))

    meeting = [event("040", "GBRGOV", "ITAGOV"), event("040", "ITAGOV", "GBRGOV")]
    assert len(drop_mirror_copies(meeting)) == 1
    accusations = [event("112", "GBRGOV", "ITAGOV"), event("112", "ITAGOV", "GBRGOV")]
    assert len(drop_mirror_copies(accusations)) == 2


@pytest.mark.slow
def test_eval_events_scores_a_sentence_and_lists_its_errors(tmp_path):
    rows = [json.loads(line) for line in (GOLD / "sentences.jsonl").read_text().splitlines()[:2]]
    folder = tmp_path / "gold"
    (folder / "annotations").mkdir(parents=True)
    for row in rows:
        row["split"] = "dev"
    (folder / "sentences.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    appeal = {"code": "0243", "root": "02", "source": {"text": "Archbishop Desmond Tutu", "code": "ZAFREL"},
              "target": None, "trigger": "called for", "modality": "asserted", "background": False}
    (folder / "annotations" / "batch_00.jsonl").write_text(
        json.dumps({"id": rows[0]["id"], "events": []}) + "\n" + json.dumps({"id": rows[1]["id"], "events": [appeal]}) + "\n")
    result = CliRunner().invoke(main, ["eval", "events", str(folder), "--shared", str(SHARED), "--json", "--errors"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert (scores["sentences"], scores["gold_events"], scores["documents"]) == (2, 1, 1)
    tally = scores["root_source_target"]
    errors = [e["kind"] for e in scores["errors"]]
    assert errors.count("miss") == tally["gold"] - tally["hits"]
    assert errors.count("false_alarm") == tally["predicted"] - tally["hits"]


def test_actors_are_scored_on_their_country_and_sector_where_the_root_was_found():
    from eventscope.evaluate.realnews import _Board

    def gold(code: str, source: str, target: str | None) -> GoldEvent:
        return GoldEvent(CodedEvent(code, source, target), "", None, "", "asserted", False)

    sentence = GoldSentence("s", "d", "dev", 0, 1, "x", [gold("111", "GBROPP", "GBRGOV"), gold("040", "USAGOV", None)])
    system = [SystemEvent(CodedEvent("111", "GBRLEG", None), "asserted", "t", "r", (0, 1)),
              SystemEvent(CodedEvent("042", "FRAGOV", "USA"), "asserted", "t", "r", (0, 1))]
    board = _Board()
    board.add(sentence, system, "x")
    assert board.actors == {"compared": 3, "country": 1, "sector_compared": 2, "sector": 1, "missing": 1}
