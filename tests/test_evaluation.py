"""Judgements in speech (events.evaluation) and the opinion lexicon behind them (events.opinion)."""

from __future__ import annotations

import pytest

from eventscope.events.coder import load_coder
from eventscope.events.opinion import OpinionLexicon, vader_valences

ACTORS = {
    "Turkey": ("TUR", "country"),
    "Greece": ("GRC", "country"),
    "Egypt": ("EGY", "country"),
    "Jordan": ("JOR", "country"),
    "Kenya": ("KEN", "country"),
    "Anna Berg": ("GRCGOV", "person"),
    "Omar Haddad": ("JORGOV", "person"),
}


@pytest.fixture(scope="module")
def speech_of(events_coded):
    """The judgements coded in a text whose actors are the names above (every candidate kept)."""
    return lambda text: {(source, target, code) for source, target, code, rule in events_coded(text, ACTORS)
                         if rule.startswith("SPEECH")}


@pytest.fixture(scope="module")
def lexicon(settings) -> OpinionLexicon:
    return OpinionLexicon.from_cues(load_coder(settings).cues["evaluation"])


def test_the_lexicon_is_vader_read_from_the_installed_package():
    valences = vader_valences()
    assert len(valences) > 7000
    assert valences["idiotic"] < -2 < 2 < valences["admirable"]
    assert not any(word.startswith(":") for word in valences)  # emoticons are left out


def test_a_word_counts_past_the_threshold_unless_it_names_harm(lexicon):
    assert lexicon.polarity(("idiotic",)) == "negative"  # from VADER, in no cue list
    assert lexicon.polarity(("admirable",)) == "positive"
    assert lexicon.polarity(("shambles",)) == "negative"  # the cue lists back what VADER lacks
    mild = [w for w, v in vader_valences().items() if 0 < -v < lexicon.threshold and not lexicon.listed((w,))]
    assert mild and all(lexicon.polarity((w,)) is None for w in mild)
    assert lexicon.polarity(("deadly",)) is None and lexicon.polarity(("killed", "kill")) is None


@pytest.mark.parametrize(("text", "expected"), [
    # a lexicon word; the thing's owner is the one judged
    ("Turkey said the decision of Greece was idiotic.", ("TUR", "GRC", "111")),
    ("Omar Haddad described Turkey's proposal as very disappointing.", ("JORGOV", "TUR", "111")),
    ("Egypt found the conduct of Jordan disrespectful, rude and tacky.", ("EGY", "JOR", "111")),
    ("Omar Haddad said the move by Greece was ill-judged.", ("JORGOV", "GRC", "111")),
    ("Egypt feels that the plan of Jordan is ridiculous.", ("EGY", "JOR", "111")),
    ("Jordan has been described as \"irresponsible\" by Egypt.", ("EGY", "JOR", "111")),
    # a quotation after a colon: the one told is no target
    ("Anna Berg told Kenya radio: \"The plan of Jordan is utterly unacceptable.\"", ("GRCGOV", "JOR", "111")),
    # a feeling judges its cause
    ("Anna Berg said she was disillusioned with Jordan's leadership.", ("GRCGOV", "JOR", "111")),
    # a thing of no one named: no target, whoever the clause mentions
    ("Turkey said the report about Greece was misleading.", ("TUR", None, "111")),
    ("Anna Berg said she will not tolerate such raids.", ("GRCGOV", None, "111")),
    ("Egypt said Jordan had been an admirable partner.", ("EGY", "JOR", "051")),
    ("Egypt said Omar Haddad was a decent, fair-minded and dedicated public servant.", ("EGY", "JORGOV", "051")),
    # each coordinated clause keeps its own subject
    ("Turkey said that Jordan had won and that Greece had failed the voters.", ("TUR", "GRC", "111")),
])
def test_a_judgement_is_of_what_the_clause_says_it_of(speech_of, text, expected):
    assert expected in speech_of(text)


def test_a_judgement_by_naming_with_the_speaker_in_the_as_phrase(speech_of):
    found = speech_of("The remarks of Jordan were described as \"irresponsible\" and \"outrageous\" by Egypt.")
    assert ("EGY", "JOR", "111") in found


def test_a_coordinated_predicate_judges(speech_of):
    found = speech_of("Anna Berg added: \"I read those comments and they were diabolical, absolutely outrageous.\"")
    assert ("GRCGOV", None, "111") in found


@pytest.mark.parametrize("text", [
    "Turkey said the attack on Greece was horrific.",  # a violent act judged
    "Turkey said Greece had arrested three journalists.",  # an act told, not judged
    "Turkey said the troops of Greece killed five people.",
    "Turkey said it would be irresponsible if Greece let the chance slip.",  # hypothetical
    "Anna Berg said: \"We are ready to negotiate with Jordan.\"",  # the speaker describing themself
    "Anna Berg said she was disappointed with the result.",  # a feeling about no one
    "Turkey said the remarks of Greece were not racist.",  # denying a fault is no praise
    "Egypt said trespassing is not a criminal offence.",
    "Greece expelled illegal migrants from Turkey, Egypt said.",  # attributive
    "Turkey said the situation in the camps was extremely bad.",  # a state of affairs
    "Things have gotten so dire that the clinics are closing, Anna Berg said.",
])
def test_no_judgement_of_an_actor(speech_of, text):
    assert not speech_of(text)
