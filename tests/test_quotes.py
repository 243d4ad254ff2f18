"""Quotations across sentences (events.quotes): a quoted sentence is its speaker's, named
in a sentence sharing the quotation or in the sentence before it."""

from __future__ import annotations

import pytest

from eventscope.events.quotes import QuoteMarks, quotations

ACTORS = {
    "Turkey": ("TUR", "country"),
    "Greece": ("GRC", "country"),
    "Anna Berg": ("GRCGOV", "person"),
    "Omar Haddad": ("JORGOV", "person"),
}
MARKS = QuoteMarks(frozenset("“"), frozenset("”"), frozenset('"'))


@pytest.fixture(scope="module")
def events_of(events_coded):
    """(source, target, code, rule) of each event coded in a text whose actors are the names above."""
    return lambda text: events_coded(text, ACTORS)


def _quoted(text: str) -> list[str]:
    return [text[start:end] for start, end in quotations(text, MARKS)]


def test_quotations_run_across_sentences_and_close_at_a_paragraph_end():
    text = 'Berg said: "We will go. It is late." Then \u201cno\u201d.\n"Open still\nand "reopened. "Next one.'
    assert _quoted(text) == ["We will go. It is late.", "no", "Open still", "reopened. ", "Next one."]


def test_a_straight_mark_after_a_word_closes_and_before_a_word_opens():
    assert _quoted('He said "yes" and then "no".') == ["yes", "no"]


def test_a_quoted_sentence_judges_for_the_speaker_of_the_sentence_before(events_of):
    found = events_of('Anna Berg said the talks had stalled. "The conduct of Turkey was disgraceful."')
    assert ("GRCGOV", "TUR", "111", "SPEECH-disgraceful") in found


def test_a_quoted_sentence_judges_for_the_speaker_of_its_own_quotation(events_of):
    found = events_of('Omar Haddad told reporters: "The talks went on all night. '
                      'The conduct of Turkey was disgraceful."')
    assert ("JORGOV", "TUR", "111", "SPEECH-disgraceful") in found


def test_a_quoted_sentence_appeals_for_the_speaker_named_after_it(events_of):
    found = events_of('"The talks went on all night. Turkey should withdraw its troops," Anna Berg said.')
    assert ("GRCGOV", "TUR", "020", "APPEAL-should") in found


def test_the_first_person_in_a_quotation_is_the_speaker(events_of):
    found = events_of('Anna Berg said: "We are ready to negotiate with Turkey."')
    assert any(source == "GRCGOV" and target == "TUR" and code.startswith("03") for source, target, code, _ in found)


def test_a_third_person_in_a_quotation_is_not_the_speaker(events_of):
    found = events_of('Anna Berg said the talks had stalled. "They are ready to negotiate with Turkey."')
    assert not any(source == "GRCGOV" and target == "TUR" for source, target, _, _ in found)


def test_a_quoted_judgement_of_no_one_named_is_no_event(events_of):
    found = events_of('Anna Berg said the talks had stalled. "The weather was disgraceful."')
    assert not any(rule.startswith("SPEECH") for _, _, _, rule in found)


def test_a_sentence_after_a_quotation_is_not_quoted(events_of):
    found = events_of('Anna Berg said: "We are tired." The conduct of Turkey was disgraceful.')
    assert not any(rule.startswith("SPEECH") for _, _, _, rule in found)

