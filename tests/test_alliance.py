"""The alliance assessment: the whole pipeline run over wire reports written for these tests
(a mutual defence treaty, a consultation declaration, a non-aggression pact, two rivals
exchanging fire, a NATO agreement) and over the seeds, then read back as a user reads it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from eventscope.alliance.cues import load_alliance_cues
from eventscope.alliance.statements import read_statements, sentence_statements
from eventscope.interfaces.api import create_app
from eventscope.interfaces.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "alliance"
VERDICTS = {"defence pact", "offence pact", "neutrality pact", "non-aggression pact", "consultation pact",
            "defence cooperation agreement", "no formal tie"}


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory, seeds_dir) -> Path:
    path = tmp_path_factory.mktemp("alliance") / "alliance.duckdb"
    result = invoke("run", str(FIXTURES), str(seeds_dir), "--db", str(path), "--workers", "1", "--quiet")
    assert result.exit_code == 0, result.output
    return path


def assess(db: Path, a: str, b: str) -> dict:
    result = invoke("alliance", a, b, "--db", str(db), "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def sentences(findings: list[dict], kind: str | None = None) -> list[str]:
    return [f["evidence"]["sentence"] for f in findings if kind is None or f["type"] == kind]


# -- the clause rules, on sentences of their own -------------------------------------


def stances(text: str) -> list[tuple[str, str]]:
    return [(name, stance) for name, stance, _ in sentence_statements(text, load_alliance_cues())]


def test_a_negation_before_the_phrase_in_its_clause_denies_it():
    assert stances("The accord stops short of obliging Rome to defend each other's ports.") == [
        ("defence", "denied")]
    assert stances("Neither government is bound to come to the aid of the other.") == [("defence", "denied")]


def test_a_verb_negation_or_modal_just_after_a_noun_phrase_counts():
    assert stances("A defence pact wasn't signed.") == [("defence", "denied")]
    assert stances("The accord doesn’t commit Peru to come to the aid of Chile.") == [("defence", "denied")]
    assert stances("Diplomats said a defence pact could follow next year.") == [("defence", "proposed")]
    assert stances("The ministers will hold consultations without delay when security is threatened.") == [
        ("consultation", "stated")]
    assert stances("An attack on either is an attack on both, not merely on one.") == [("defence", "stated")]


def test_a_negation_in_another_clause_or_side_clause_denies_nothing():
    assert stances("Lima will not send troops, but the two armies will come to each other's aid.") == [
        ("defence", "stated")]
    assert stances("The charter, which does not mention trade, says both shall defend each other.") == [
        ("defence", "stated")]


def test_a_phrase_that_carries_its_own_negation_is_stated_and_shields_what_follows():
    assert stances("Both undertook never to attack each other and to come to the aid of the other.") == [
        ("non-aggression", "stated"), ("defence", "stated")]


def test_a_proposal_before_the_phrase_makes_it_proposed():
    assert stances("Ankara proposed that the two navies come to each other's assistance.") == [
        ("defence", "proposed")]


def test_consultation_counts_only_about_threats():
    assert stances("The ministers will consult each other on tariffs every year.") == []
    assert stances("The ministers will consult each other if either is threatened.") == [
        ("consultation", "stated")]


def test_statement_spans_index_the_text():
    text = "Talks ended late.\nAn attack on one shall be considered an attack on both, the text says."
    (statement,) = read_statements(text, load_alliance_cues())
    assert text[statement.span[0]:statement.span[1]].startswith("attack on one")
    assert text[statement.sentence[0]:statement.sentence[1]].startswith("An attack")


# -- whole articles through the pipeline --------------------------------------------


def test_mutual_defence_treaty_is_a_defence_pact(db):
    found = assess(db, "KAZ", "UZB")
    assert found["verdict"] == "defence pact"
    assert found["since"] == "2025-03-03"
    assert found["parties"] == ["KAZ", "UZB"]
    assert len(found["agreements"]) == 1
    assert any("aggression against either party is aggression against both" in s
               for s in sentences(found["obligations"], "defence"))
    assert found["denied_obligations"] == []


def test_consultation_declaration_without_defence_commitment_is_a_consultation_pact(db):
    found = assess(db, "CHL", "ARG")
    assert found["verdict"] == "consultation pact"
    assert found["since"] == "2025-05-12"
    assert {o["type"] for o in found["obligations"]} == {"consultation"}
    (denial,) = found["denied_obligations"]
    assert denial["type"] == "defence"
    assert "does not commit either side to come to the defence" in denial["evidence"]["sentence"]


def test_non_aggression_pact(db):
    found = assess(db, "THA", "KHM")
    assert found["verdict"] == "non-aggression pact"
    assert found["since"] == "2025-08-04"
    assert any("not to attack each other" in s for s in sentences(found["obligations"], "non-aggression"))
    assert [d["type"] for d in found["denied_obligations"]] == ["defence"]


def test_rivals_exchanging_fire_have_no_formal_tie(db):
    found = assess(db, "IND", "PAK")
    assert found["verdict"] == "no formal tie"
    assert found["since"] is None and found["agreements"] == [] and found["obligations"] == []
    assert sum(q["conflict"] for q in found["trend"]) > 0


def test_an_organisation_is_a_party(db):
    found = assess(db, "NATO", "GEO")
    assert found["parties"] == ["NATO", "GEO"]
    assert found["verdict"] == "defence cooperation agreement"
    assert found["since"] == "2025-11-20"
    assert [c["provision"] for c in found["defence_cooperation"]] == ["joint exercises"]
    assert [d["type"] for d in found["denied_obligations"]] == ["defence"]


def test_seeds_iran_iraq_is_a_defence_cooperation_agreement_with_proposals_kept_apart(db):
    found = assess(db, "IRN", "IRQ")
    assert found["verdict"] == "defence cooperation agreement"
    assert found["since"] == "2017-07-23"
    assert found["obligations"] == []
    provisions = {c["provision"] for c in found["defence_cooperation"]}
    assert {"border security", "counter-terrorism", "training", "logistics"} <= provisions
    assert all(c["evidence"] and c["agreement_id"] == found["agreements"][0] for c in found["defence_cooperation"])
    assert found["proposals"]
    assert all(p["modality"] in {"proposed", "planned"} for p in found["proposals"])
    exercises = [p for p in found["proposals"] if "joint exercises" in p["what"]]
    assert exercises and all(p["date"].startswith("2019-06") for p in exercises)
    assert not set(found["agreements"]) & {p["agreement_id"] for p in found["proposals"]}
    client = TestClient(create_app(str(db)))
    events = [client.get(f"/api/events/{p['event_id']}").json() for p in found["proposals"] if p["event_id"]]
    assert events and all(e["cameo"]["quad_class"] in (1, 2) and e["modality"] == p["modality"]
                          for e, p in zip(events, [p for p in found["proposals"] if p["event_id"]]))
    assert len({(p["evidence"]["article_id"], p["evidence"]["sentence"]) for p in found["proposals"]}) == len(
        found["proposals"])


def test_trend_counts_quarters_of_the_dyad_summary(db):
    found = assess(db, "IRN", "IRQ")
    quarters = [q["quarter"] for q in found["trend"]]
    assert quarters[0] == "2017-Q3" and quarters[-1] == "2019-Q2"
    assert quarters == sorted(quarters) and len(quarters) == 8
    result = invoke("dyad", "IRN", "IRQ", "--db", str(db), "--json", "--modality", "asserted")
    months = json.loads(result.stdout)["months"]
    assert sum(q["cooperation"] + q["conflict"] for q in found["trend"]) == sum(m["events"] for m in months)


def test_every_verdict_is_one_of_the_contract_and_evidence_indexes_the_article(db):
    client = TestClient(create_app(str(db)))
    for a, b in [("KAZ", "UZB"), ("CHL", "ARG"), ("THA", "KHM"), ("IND", "PAK"), ("IRN", "IRQ")]:
        found = assess(db, a, b)
        assert found["verdict"] in VERDICTS
        for item in found["obligations"] + found["denied_obligations"] + found["defence_cooperation"]:
            evidence = item["evidence"]
            text = client.get(f"/api/articles/{evidence['article_id']}").json()["text"]
            start, end = evidence["sentence_span"]
            assert text[start:end] == evidence["sentence"]
            assert start <= evidence["span"][0] < evidence["span"][1] <= end


def test_text_output_shows_the_verdict_and_the_evidence(db):
    result = invoke("alliance", "CHL", "ARG", "--db", str(db))
    assert result.exit_code == 0
    assert result.stdout.startswith("CHL-ARG: consultation pact since 2025-05-12")
    assert "[consult each other]" in result.stdout
    assert "to [come to the defence] of the other" in result.stdout


def test_bad_party_is_bad_usage(db):
    assert invoke("alliance", "IRN", "XX", "--db", str(db)).exit_code == 2
    assert invoke("alliance", "IRN", "irn", "--db", str(db)).exit_code == 2


def test_api_serves_the_same_assessment_and_documents_it(db):
    client = TestClient(create_app(str(db)))
    response = client.get("/api/alliances/irn/irq")
    assert response.status_code == 200
    assert response.json() == assess(db, "IRN", "IRQ")
    assert client.get("/api/alliances/IRN/XX").status_code == 400
    document = client.get("/openapi.json").json()
    assert "/api/alliances/{party_a}/{party_b}" in document["paths"]
    for a, b in [("IRN", "IRQ"), ("CHL", "ARG"), ("NATO", "GEO")]:
        jsonschema.validate(assess(db, a, b), document["components"]["schemas"]["alliance"])


def test_dyad_page_shows_the_verdict_with_links_to_the_evidence(db):
    client = TestClient(create_app(str(db)))
    found = assess(db, "ARG", "CHL")
    page = client.get("/dyads/ARG-CHL").text
    assert "consultation pact" in page
    evidence = found["obligations"][0]["evidence"]
    link = f'/stories/{evidence["story_id"]}#a-{evidence["article_id"]}'
    assert link in page
    story = client.get(link.split("#")[0]).text
    assert f'id="a-{evidence["article_id"]}"' in story
