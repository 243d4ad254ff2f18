"""The cleaner's cue words: a block is only searched for a cue when it has one of the words
that every match of the cue's pattern contains, so skipping a block never changes a verdict."""

from __future__ import annotations

import re
import sys

import pytest
import regex
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from eventscope.extract.cues import CUE_FLAGS, load_cues
from eventscope.extract.prefilter import fold, required_words

CUES = load_cues()
CUES_WITH_WORDS = [cue for group in (CUES.drop, CUES.tail, CUES.box) for cue in group if cue.words]


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("(sign up|subscribe) (for|to) (our|the) .{0,40}newsletter", ("newsletter",)),
        (
            r"\b(all|some) rights reserved\b|\balle rechte vorbehalten\b",
            (" rights reserved", "alle rechte vorbehalten"),
        ),
        ("colou?r", ("colo",)),  # an optional letter ends the word
        ("(ab|)cd", ("cd",)),  # a branch without words leaves the group without any
        ("(ab|cd)+x", ("ab", "cd")),  # a group repeated at least once is required
        ("(ab|cd)*x", ("x",)),
        ("x(?:abc){,3}yz", ("yz",)),
        (r"\p{Lu}[^)\]]{1,60}Élan\.", ("élan.",)),
        (r"^[\d.,]+\s*$", ()),  # no literal
        ("(?i)abc", ()),  # inline flags are not read
        ("(?=abc)def", ()),  # nor lookarounds
        ("a[[:alpha:]]bcd", ()),  # nor nested classes
        (r"a\nbcd", ()),  # nor escapes that are not punctuation
    ],
)
def test_required_words_of_a_pattern(pattern: str, words: tuple[str, ...]) -> None:
    assert required_words(pattern) == words


def test_unanchored_drop_cues_have_words_and_anchored_ones_are_always_searched() -> None:
    for cue in CUES.drop:
        anchored = cue.pattern.pattern.startswith("^")
        assert bool(cue.words) != anchored, cue.pattern.pattern


def test_whatever_a_cue_word_matches_folds_to_the_word() -> None:
    """The lookup is sound: every character that a cue pattern matches with a character of
    one of its words (case-insensitively, as `regex` does) folds to what that one folds to."""
    everything = "".join(chr(code) for code in range(sys.maxunicode + 1))
    characters = {char for cue in CUES_WITH_WORDS for word in cue.words for char in word}
    for char in characters:
        matched = set(regex.findall(regex.escape(char), everything, CUE_FLAGS))
        assert {fold(other) for other in matched} == {fold(char)}, char
        assert "\u0307" not in fold(char)


def test_capitals_with_a_dotted_i_still_meet_the_words() -> None:
    text = "KEİNE HAFTUNG FÜR DİE İNHALTE EXTERNER LİNKS"
    [cue] = [cue for cue in CUES.drop if "externer links" in cue.pattern.pattern]
    assert cue.pattern.search(text)
    assert CUES.first(CUES.drop, text) is cue


def agency_credit(cue) -> bool:
    return "(AFP|AP|REUTERS" in cue.pattern.pattern


@pytest.mark.parametrize(
    "cue",
    [cue for cue in CUES_WITH_WORDS if not agency_credit(cue)],
    ids=lambda cue: cue.pattern.pattern[:30],
)
@hypothesis_settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_text_a_cue_matches_has_one_of_its_words(cue, data) -> None:
    stdlib_pattern = re.compile(cue.pattern.pattern, re.IGNORECASE)
    text = data.draw(st.from_regex(stdlib_pattern))
    if cue.pattern.search(text):
        assert any(word in fold(text) for word in cue.words)
        assert CUES.first([cue], text) is cue


@pytest.mark.parametrize(
    "text",
    [
        "Protesters in central Kyiv on Sunday. Sergei Supinsky/AFP",
        "The finance minister arrives for talks JOHN THYS/ AFP/Getty Images",
        "Rescue teams at the site Mohammed Abed/ap",
    ],
)
def test_agency_credit_cue_is_found_by_its_words(text: str) -> None:
    """The stdlib `re`, with which hypothesis makes texts, backtracks without end on this
    cue's nested repeat: examples stand in for generated texts."""
    [cue] = [cue for cue in CUES_WITH_WORDS if agency_credit(cue)]
    assert cue.pattern.search(text)
    assert CUES.first([cue], text) is cue
