"""Who an event's source and target are (`events.arguments`), on sentences written for
these tests, with actors placed by name so only the argument rules are under test."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from eventscope.events.coder import code_events, load_coder
from eventscope.nlp.analyse import sentences_from_doc
from eventscope.records import Actor, Article, Mention

ACTORS = {  # name: (code, country, kind)
    "Kenya": ("KEN", "KEN", "country"),
    "Chile": ("CHL", "CHL", "country"),
    "Peru": ("PER", "PER", "country"),
    "the Greens": ("DEUOPP", "DEU", "organisation"),
    "farmers": ("DEUCVL", "DEU", "organisation"),
    "the army": ("PERMIL", "PER", "organisation"),
    "villagers": ("PERCVL", "PER", "organisation"),
}


@pytest.fixture(scope="module")
def events_of(settings, spacy_nlp):
    coder = load_coder(settings.with_overrides({"events.keep_all_candidates": True}))

    def run(text: str):
        article = Article(id="t", source="test", title=None, outlet=None, author=None,
                          published=dt.date(2021, 3, 10), text=text, language="en")
        article.sentences = sentences_from_doc(spacy_nlp(text))
        for name, (code, country, kind) in ACTORS.items():
            for match in re.finditer(rf"\b{re.escape(name)}\b", text):
                sentence = next(s for s in article.sentences if s.start <= match.start() < s.end)
                actor = Actor(id=code.lower(), name=name, code=code, country=country, sector=None, kind=kind)
                article.mentions.append(Mention(sentence.index, match.start(), match.end(), name, actor))
        return code_events(article, coder).events

    return run


def dyads(events, trigger: str) -> set[tuple[str | None, str | None]]:
    return {
        (e.source_actor.code if e.source_actor else None, e.target_actor.code if e.target_actor else None)
        for e in events
        if e.trigger == trigger
    }


def test_passive_agent_hung_on_the_object_is_the_source(events_of):
    events = events_of("Now farmers are being promised cheaper fuel by the Greens, as prices rise.")
    assert dyads(events, "promised") == {("DEUOPP", "DEUCVL")}


def test_passive_agent_hung_on_a_prepositional_noun_is_the_source(events_of):
    events = events_of("Two villagers were wounded in an attack by the army on Sunday.")
    assert ("PERMIL", "PERCVL") in dyads(events, "wounded")


def test_by_phrase_of_an_active_verb_is_no_source(events_of):
    events = events_of("Chile criticised the plan by Peru to raise tariffs.")
    assert ("CHL", "PER") in dyads(events, "criticised") or ("CHL", None) in dyads(events, "criticised")
    assert all(source != "PER" for source, _ in dyads(events, "criticised"))


def test_party_named_inside_what_is_called_for_is_not_the_target(events_of):
    events = events_of("Chile has called for an inquiry into the sale of arms to Peru.")
    assert dyads(events, "called") == {("CHL", None)}


def test_party_named_by_a_part_of_phrase_stays_the_target(events_of):
    events = events_of("Kenya complained to the leaders of Chile about the fishing quotas.")
    assert ("KEN", "CHL") in dyads(events, "complained")


def test_party_a_called_for_measure_is_aimed_against_is_the_target(events_of):
    events = events_of("Chile has called for a boycott against Peru.")
    assert dyads(events, "called") == {("CHL", "PER")}
