"""common.parse: the one view of a dependency parse that the actors, events and agreements stages read."""

from __future__ import annotations

import pytest

from eventscope.common.parse import DependencyParse
from eventscope.records import Sentence, Token

TEXT = "Arnor, Osgiliath and Gondor signed  the pact."


def parse_of(heads: list[int], deps: list[str], text: str = TEXT, offset: int = 100) -> DependencyParse:
    """A hand-made parse of `text` (its whitespace-separated words as tokens, at article offset `offset`)."""
    words, tokens, at = text.split(), [], 0
    for i, (word, head, dep) in enumerate(zip(words, heads, deps, strict=True)):
        at = text.index(word, at)
        tokens.append(Token(i=i, text=word, start=offset + at, lemma=word.lower(), pos="X", tag="X", dep=dep, head=head))
        at += len(word)
    return DependencyParse(Sentence(index=0, start=offset, end=offset + len(text), text=text, tokens=tokens, entities=[]))


@pytest.fixture
def coordination() -> DependencyParse:
    # Arnor, Osgiliath and Gondor signed the pact.
    return parse_of([4, 0, 1, 1, 4, 6, 4], ["nsubj", "conj", "cc", "conj", "ROOT", "det", "dobj"])


def test_subtree_lists_the_token_and_its_descendants_in_order(coordination):
    signed = coordination.tokens[4]
    assert [t.text for t in coordination.subtree(signed)] == TEXT.split()
    assert [t.text for t in coordination.subtree(signed, stop={"nsubj"})] == ["signed", "the", "pact."]


def test_subtree_takes_each_token_once_in_a_head_cycle():
    # a malformed parse: "Arnor," and "Osgiliath" head each other, "and" hangs from "Osgiliath"
    parse = parse_of([1, 0, 1], ["nsubj", "conj", "cc"], text="Arnor, Osgiliath and")
    assert [t.i for t in parse.subtree(parse.tokens[0])] == [0, 1, 2]
    assert [t.i for t in parse.subtree(parse.tokens[2])] == [2]


def test_first_conjunct_walks_up_a_coordination(coordination):
    gondor, signed = coordination.tokens[3], coordination.tokens[4]
    assert coordination.first_conjunct(gondor).text == "Arnor,"
    assert coordination.first_conjunct(signed) is signed
    cycle = parse_of([1, 0], ["conj", "conj"], text="Arnor Gondor")
    assert cycle.first_conjunct(cycle.tokens[0]).text == "Arnor"


def test_token_range_finds_the_tokens_overlapping_characters(coordination):
    start = 100 + TEXT.index("Osgiliath")
    assert coordination.token_range(start, start + len("Osgiliath and Gondor")) == (1, 3)
    assert coordination.token_range(start + 2, start + 3) == (1, 1)  # inside one token
    assert coordination.token_range(100 + 2, 100 + TEXT.index("and") + 1) == (0, 2)  # partial overlaps count
    gap = 100 + TEXT.index("  the") + 1  # the second of two spaces
    assert coordination.token_range(gap, gap + 1) == (-1, -1)
    assert coordination.token_range(0, 100) == (-1, -1)  # before the sentence
    assert coordination.token_range(100 + len(TEXT), 100 + len(TEXT) + 5) == (-1, -1)  # after it
