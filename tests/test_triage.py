"""Sentence triage: only sentences that can carry an event are parsed, and nothing is lost."""

from __future__ import annotations

import pytest

from eventscope.extract import extract_article, read_inputs
from eventscope.nlp.analyse import analyse
from eventscope.pipeline import Stages, process_batch
from eventscope.records import Article


@pytest.fixture(scope="module")
def stages(settings, spacy_nlp) -> Stages:
    return Stages.load(settings.with_overrides({"nlp.parse": "candidates"}))


@pytest.fixture(scope="module")
def seeds_both_ways(settings, stages, seeds_dir):
    """The seeds processed with every sentence parsed, and with triage."""
    raws = list(read_inputs([seeds_dir], settings))
    everything = Stages.load(settings.with_overrides({"nlp.parse": "all"}))
    assert everything.triage is None
    return process_batch(raws, everything), process_batch(raws, stages)


def event_keys(results) -> list[tuple]:
    """What an event says, leaving out the sentence segmentation (splitter vs parser)."""
    return sorted(
        (
            e.article_id, e.span, e.trigger, e.cameo.code, e.modality, str(e.date),
            e.source_actor.id if e.source_actor else "", e.target_actor.id if e.target_actor else "",
            e.location.name if e.location else "", tuple(e.attribution),
        )
        for result in results
        for e in result.article.events
    )


def article(text: str) -> Article:
    return Article(id="t", source="t.txt", title=None, outlet=None, author=None, published=None,
                   text=text, language="en")


def test_seeds_code_the_same_events_and_agreements_with_triage(seeds_both_ways):
    everything, triaged = seeds_both_ways
    assert event_keys(triaged) == event_keys(everything)
    assert event_keys(triaged)
    agreements = [sorted((a.kind, tuple(a.parties), a.status, str(a.date)) for a in r.article.agreements)
                  for r in everything]
    assert agreements == [sorted((a.kind, tuple(a.parties), a.status, str(a.date)) for a in r.article.agreements)
                          for r in triaged]


def test_triaged_sentences_cover_the_text_in_order_and_unparsed_ones_stay_empty(settings, stages, seeds_dir):
    articles = [extract_article(raw, settings) for raw in read_inputs([seeds_dir], settings)]
    analysed = list(analyse(articles, settings, stages.triage))
    sentences = [s for a in analysed for s in a.sentences]
    assert any(not s.parsed for s in sentences) and any(s.parsed for s in sentences)
    for article in analysed:
        assert [s.index for s in article.sentences] == list(range(len(article.sentences)))
        assert all(article.text[s.start : s.end] == s.text for s in article.sentences)
        assert all(a.end <= b.start for a, b in zip(article.sentences, article.sentences[1:]))
        assert all(s.entities == [] for s in article.sentences if not s.parsed)


def test_only_sentences_with_an_actor_or_a_known_name_and_a_trigger_are_parsed(settings, stages):
    text = (
        "Iranian Defence Minister Kamran Zolfaghari arrived in Baghdad on Sunday. "
        "The weather was mild and sunny all week. "
        "Later, Zolfaghari visited the old market with his aides. "
        "The market was crowded."
    )
    analysed = next(analyse([article(text)], settings, stages.triage))
    assert [s.parsed for s in analysed.sentences] == [True, False, True, False]
    assert all(token.start >= analysed.sentences[2].start for token in analysed.sentences[2].tokens)


def test_a_role_alone_is_not_parsed_but_a_role_beside_a_name_is(settings, stages):
    text = (
        "The company said it would appeal against the ruling. "
        "Chief executive Martin Sorrell said the firm would appeal. "
        "Turkish weather forecasts were mild all week."
    )
    analysed = next(analyse([article(text)], settings, stages.triage))
    assert [s.parsed for s in analysed.sentences] == [False, True, True]  # an actor: parsed without a codable verb


def test_trigger_words_match_regular_and_irregular_verb_forms(stages):
    triage = stages.triage
    assert "sign" in triage.verb_needs and "signed" not in triage.verb_needs
    assert "sign" in triage.forms("signed")[0] and "sign" in triage.forms("signing")[0]
    assert "buried" not in triage.verb_needs and "bury" in triage.forms("buried")[0]  # lemma table
    assert triage.verb_needs.keys().isdisjoint(triage.forms("xylophone")[0])


@pytest.mark.parametrize(
    ("text", "codable"),
    [
        ("The two ministers signed the accord in Ankara.", True),  # a verb with a default code
        ("Rebels ambushed a convoy near the border.", True),
        ("The film made a lot of money at the box office.", False),  # a light verb, none of its patterns' words
        ("The weather was mild and sunny all week.", False),
        ("Sales were higher than expected.", False),
    ],
)
def test_only_sentences_with_a_verb_the_coder_can_code_are_codable(settings, stages, text, codable):
    from eventscope.nlp.analyse import load_splitter

    (sentence,) = next(load_splitter(settings.get("nlp.model")).pipe([text]))
    assert stages.triage.can_code(sentence) is codable


def test_non_english_articles_pass_through_unannotated(settings, stages):
    foreign = article("Der iranische Minister besuchte am Sonntag Bagdad.")
    foreign.language = "de"
    analysed = next(analyse([foreign], settings, stages.triage))
    assert analysed.sentences == []


def test_a_sentence_tagging_a_member_of_congress_is_parsed(settings, stages):
    text = "The weather was mild. Sen. Dianne Feinstein (D-Calif.) criticised the plan."
    analysed = next(analyse([article(text)], settings, stages.triage))
    assert [s.parsed for s in analysed.sentences] == [False, True]
