""""Ask" is an appeal (CAMEO 02) only when something is asked for; a question is none.
Through the whole pipeline on sentences written for these tests, all candidates kept (the
learned filter's threshold is not what is tested)."""

from __future__ import annotations

import pytest

from eventscope.pipeline import Processed, Stages, process_batch
from eventscope.records import RawInput


@pytest.fixture(scope="module")
def stages(settings) -> Stages:
    return Stages.load(settings.with_overrides({"events.keep_all_candidates": True}))


def appeals(stages: Stages, text: str) -> set[tuple[str | None, str | None]]:
    result = process_batch([RawInput(source="requests", content=text, kind="text", meta={"published": "2019-06-20"})],
                           stages)[0]
    assert isinstance(result, Processed)
    return {(e.source_actor.code if e.source_actor else None, e.target_actor.code if e.target_actor else None)
            for e in result.article.events if e.cameo.root == "02"}


@pytest.mark.parametrize("text", [
    "Iran asked Iraq to release the prisoners.",
    "Iran has asked that Iraq release the prisoners before the talks.",
])
def test_an_act_asked_of_someone_is_an_appeal(stages, text):
    assert appeals(stages, text) == {("IRN", "IRQ")}


@pytest.mark.parametrize("text", [
    "Iran asked Iraq whether the prisoners had been released.",
    "Iran asked Iraq what had happened to the prisoners.",
    "The Iranian envoy asked the Iraqi minister, \"Where are the prisoners?\"",
    "\"Where are the prisoners?\" the Iranian envoy asked the Iraqi minister.",
])
def test_a_question_is_no_appeal(stages, text):
    assert appeals(stages, text) == set()


def test_called_on_names_whom_the_appeal_is_to(stages):
    """"on" is quoted in the cue lists (YAML read a bare on as true, so it named no target)."""
    assert appeals(stages, "Turkish President Tayyip Erdogan called on Sweden to stop supporting Kurdish militants.") == {
        ("TURGOV", "SWE")}


def test_an_act_asked_for_through_another_verb_is_not_done(stages):
    """"called on X to stop supporting Y": the support is asked about, not told as done."""
    result = process_batch([RawInput(source="requests", content=(
        "Turkish President Tayyip Erdogan called on Sweden to stop supporting Kurdish militants."),
        kind="text", meta={"published": "2023-01-20"})], stages)[0]
    assert isinstance(result, Processed)
    support = [e for e in result.article.events if e.trigger == "supporting"]
    assert support and all(e.modality == "hypothetical" for e in support)


@pytest.mark.parametrize("text", [
    "Turkish President Tayyip Erdogan urged Sweden to expel Kurdish militants.",
    "Turkish President Tayyip Erdogan called on Sweden to expel Kurdish militants.",
])
def test_the_one_asked_is_who_would_do_the_act(stages, text):
    result = process_batch([RawInput(source="requests", content=text, kind="text",
                                     meta={"published": "2023-01-20"})], stages)[0]
    assert isinstance(result, Processed)
    expel = [e for e in result.article.events if e.trigger == "expel"]
    assert expel and {(e.source_actor.code if e.source_actor else None, e.modality) for e in expel} == {
        ("SWE", "hypothetical")}


@pytest.mark.parametrize(("text", "proposal"), [
    ("Prime Minister Theresa May suggested that Ireland should hold a referendum.", True),
    ("Prime Minister Theresa May hinted the European Union could offer Britain a delay.", False),
    ("Prime Minister Theresa May suggested Ireland had known about the plan for months.", False),
])
def test_a_suggestion_proposes_only_an_act(stages, text, proposal):
    assert bool(appeals(stages, text)) == proposal
