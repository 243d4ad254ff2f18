"""Memoised lemmatizer and attribute ruler: same annotations as spaCy's own components."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from eventscope.nlp import memoised as spacy_components
from eventscope.nlp.memoised import (
    IndexedWords,
    MemoAttributeRuler,
    MemoLemmatizer,
    memoised_overrides,
)

# Hit the two-token rules of en_core_web_sm ("ai n't", "gon na", "got ta", "let 's",
# "c'm on", "y' all", expletive "there is"), pronoun/space rules that test DEP, and
# one word with one POS but two morphologies ("found": VBD "find", VB "found").
HANDCRAFTED = [
    "I ain't gonna go, let's see, I gotta leave. Y'all c'mon!",
    "There's a cat and there are dogs, but it is fine.\n\n  You gave it to me and I did it.",
    "Ain't nobody got time. Let's go: we're gonna win, gotta run.  \t It gets better.",
    "They found a company last year. They want to found a company.",
]


def load(model: str, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return spacy.load(model, **kwargs)


@pytest.fixture(scope="module")
def plain(settings):
    return load(settings.get("nlp.model"))


@pytest.fixture(scope="module")
def memoised(settings):
    model = settings.get("nlp.model")
    return load(model, config=memoised_overrides(model))


@pytest.fixture(scope="module")
def texts(seeds_dir: Path) -> list[str]:
    return [
        path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))
    ] + HANDCRAFTED


def annotations(doc: Doc) -> list[tuple]:
    return [
        (t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_)
        for t in doc
    ]


def test_overrides_swap_both_components_and_keep_their_data(plain, memoised, settings):
    assert memoised_overrides(settings.get("nlp.model")) == {
        "components": {
            "attribute_ruler": {"factory": "memo_attribute_ruler"},
            "lemmatizer": {"factory": "memo_lemmatizer"},
        }
    }
    assert memoised.pipe_names == plain.pipe_names
    ruler, lemmatizer = memoised.get_pipe("attribute_ruler"), memoised.get_pipe("lemmatizer")
    assert isinstance(ruler, MemoAttributeRuler) and isinstance(lemmatizer, MemoLemmatizer)
    assert len(ruler.patterns) > 100
    assert ruler.patterns == plain.get_pipe("attribute_ruler").patterns
    lookups = plain.get_pipe("lemmatizer").lookups
    assert lookups.tables and lemmatizer.lookups.tables == lookups.tables
    for table in lookups.tables:
        assert dict(lemmatizer.lookups.get_table(table)) == dict(lookups.get_table(table))
    assert lemmatizer.mode == plain.get_pipe("lemmatizer").mode


def test_same_annotations_as_plain_pipeline(plain, memoised, texts):
    expected = [annotations(doc) for doc in plain.pipe(texts)]
    assert sum(map(len, expected)) > 5000
    for _ in range(2):  # the second pass runs on a warm memo
        assert [annotations(doc) for doc in memoised.pipe(texts)] == expected


def test_two_token_rules_take_effect(memoised):
    lemmas = {t.text: t.lemma_ for t in memoised(HANDCRAFTED[0])}
    assert lemmas["gon"] == "go" and lemmas["na"] == "to"
    assert lemmas["ta"] == "to" and lemmas["'s"] == "us"
    assert [t.pos_ for t in memoised("There is a cat.")][1] == "VERB"


def test_memo_fills_and_is_reused(settings, monkeypatch):
    model = settings.get("nlp.model")
    nlp = load(model, config=memoised_overrides(model))
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    calls = []
    lemmatize = lemmatizer.lemmatize
    monkeypatch.setattr(
        lemmatizer, "lemmatize", lambda token: calls.append(token.i) or lemmatize(token)
    )
    first = annotations(nlp(HANDCRAFTED[1]))
    sizes = len(ruler.memo), len(lemmatizer.memo)
    assert 0 < sizes[0] < len(first) and 0 < sizes[1] < len(first)
    assert 0 < len(calls) == sizes[1]
    assert annotations(nlp(HANDCRAFTED[1])) == first
    assert (len(ruler.memo), len(lemmatizer.memo)) == sizes
    assert len(calls) == sizes[1]


def test_lemma_index_answers_from_sets_and_survives_serialisation(settings, memoised):
    index = memoised.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert isinstance(index["noun"], IndexedWords) and len(index["noun"]) > 10_000
    assert "treaty" in index["noun"] and "treatyish" not in index["noun"]
    model = settings.get("nlp.model")
    restored = load(model, config=memoised_overrides(model))
    restored.get_pipe("lemmatizer").from_bytes(memoised.get_pipe("lemmatizer").to_bytes())
    assert isinstance(restored.get_pipe("lemmatizer").lookups.get_table("lemma_index")["verb"], IndexedWords)
    text = "The ministers signed two memoranda and were leaving."
    assert annotations(restored(text)) == annotations(memoised(text))


def test_lemmatizer_overwrite_matches_plain(plain, memoised):
    before = [name for name in plain.pipe_names if name != "lemmatizer"]
    components = [(nlp.get_pipe("lemmatizer"), nlp) for nlp in (plain, memoised)]
    for lemmatizer, _ in components:
        lemmatizer.overwrite = True
    try:
        results = []
        for lemmatizer, nlp in components:
            with nlp.select_pipes(enable=before):
                docs = list(nlp.pipe(HANDCRAFTED))
            results.append([[t.lemma_ for t in lemmatizer(doc)] for doc in docs])
    finally:
        for lemmatizer, _ in components:
            lemmatizer.overwrite = False
    assert results[0] == results[1]
    assert "gon" in results[0][0]  # overwrite replaced the ruler's lemma "go"


RULES = [
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "multi-first"}},
    {"patterns": [[{"TAG": "VBG"}]], "attrs": {"LEMMA": "single", "POS": "VERB"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"POS": "NOUN"}},
    {
        "patterns": [[{"LOWER": {"IN": ["na", "it"]}, "DEP": {"NOT_IN": ["nsubj"]}}]],
        "attrs": {"MORPH": "Case=Acc", "TAG": "XX"},
    },
    {"patterns": [[{"POS": "PRON"}]], "attrs": {"LEMMA": "pron"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"DEP": "dep", "POS": "SPACE"}},
    {
        "patterns": [[{"LOWER": "it"}, {"LOWER": "is"}]],
        "attrs": {"MORPH": "Number=Sing"},
        "index": -1,
    },
]


def probe_doc(vocab) -> Doc:
    words = ["It", "is", "gon", "na", "rain", " ", "it", "gon", "na", "it"]
    return Doc(
        vocab,
        words=words,
        spaces=[True, True, False, True, False, False, True, False, True, False],
        tags=["PRP", "VBZ", "VBG", "TO", "VB", "_SP", "PRP", "VBG", "TO", "PRP"],
        pos=["PRON", "AUX", "VERB", "PART", "VERB", "SPACE", "PRON", "VERB", "PART", "PRON"],
        deps=["nsubj", "aux", "ROOT", "aux", "xcomp", "dep", "dobj", "conj", "aux", "dobj"],
        heads=[2, 2, 2, 4, 2, 4, 4, 2, 7, 7],
    )


def ruled_doc(ruler_class: type, rules: list[dict], doc: Doc) -> Doc:
    ruler = ruler_class(doc.vocab)
    ruler.add_patterns(rules)
    return ruler(doc.copy())


def ruled(ruler_class: type, rules: list[dict], doc: Doc) -> list[tuple]:
    return [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.norm_) for t in ruled_doc(ruler_class, rules, doc)]


@pytest.mark.parametrize(
    "rules",
    [
        RULES,
        # an operator makes the matched rules run over the whole doc, not in windows
        [
            *RULES,
            {
                "patterns": [[{"LOWER": "rain"}, {"IS_SPACE": True, "OP": "+"}]],
                "attrs": {"LEMMA": "r"},
            },
        ],
        # a rule writing NORM falls back to the parent's code
        [*RULES, {"patterns": [[{"LOWER": "na"}]], "attrs": {"NORM": "to"}}],
        # a regex names the words it matches; a fuzzy match names every word
        [*RULES, {"patterns": [[{"LOWER": {"REGEX": "^ra"}, "TAG": "VB"}]], "attrs": {"LEMMA": "regex"}}],
        [*RULES, {"patterns": [[{"LOWER": {"FUZZY": "rian"}}]], "attrs": {"LEMMA": "fuzzy"}}],
    ],
    ids=["windowed", "whole-doc", "fallback", "regex", "fuzzy"],
)
def test_ruler_applies_rules_in_id_order_like_spacy(rules):
    doc = probe_doc(spacy.blank("en").vocab)
    expected = ruled(AttributeRuler, rules, doc)
    assert ruled(MemoAttributeRuler, rules, doc) == expected
    # on "gon" a single-token rule overrides a two-token one and vice versa
    assert expected[2][3] == expected[7][3] == "single"
    assert expected[2][0] == expected[7][0] == "NOUN"
    assert expected[1][2] == "Number=Sing" and expected[6][3] == "pron"
    reversed_ids = list(reversed(rules))
    assert ruled(MemoAttributeRuler, reversed_ids, doc) == ruled(AttributeRuler, reversed_ids, doc)


def test_words_no_rule_names_share_a_key_and_named_ones_do_not():
    vocab = spacy.blank("en").vocab
    words = ["snow", "rain", "hail", "it"]
    doc = Doc(vocab, words=words, tags=["VB"] * 4, deps=["xcomp", "xcomp", "xcomp", "dobj"], heads=[0, 0, 0, 0])
    rules = [
        {"patterns": [[{"LOWER": {"REGEX": "^ra"}, "TAG": "VB"}]], "attrs": {"LEMMA": "regex"}},
        {"patterns": [[{"LOWER": "it", "DEP": "dobj"}]], "attrs": {"LEMMA": "named"}},
    ]
    memo = MemoAttributeRuler(vocab)
    memo.add_patterns(rules)
    lemmas = [t.lemma_ for t in memo(doc.copy())]
    assert lemmas == [t.lemma_ for t in ruled_doc(AttributeRuler, rules, doc)]
    assert lemmas[1] == "regex" and lemmas[3] == "named"
    assert len(memo.memo) == 3  # "snow" and "hail" share one key


def test_ruler_raises_like_spacy_on_a_bad_index():
    doc = probe_doc(spacy.blank("en").vocab)
    rules = [
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "x"}, "index": 2}
    ]
    for ruler_class in (AttributeRuler, MemoAttributeRuler):
        with pytest.raises(ValueError, match="E1001"):
            ruled(ruler_class, rules, doc)


def test_memos_start_afresh_when_full_and_still_give_the_same_annotations(plain, memoised, monkeypatch) -> None:
    monkeypatch.setattr(spacy_components, "MEMO_LIMIT", 5)
    text = "Iran and Iraq signed a memorandum on border security. The ministers met in Tehran on Sunday."
    for _ in range(3):
        doc, expected = memoised(text), plain(text)
        assert annotations(doc) == annotations(expected)
        assert len(memoised.get_pipe("lemmatizer").memo) <= len(doc) + 5
        assert len(memoised.get_pipe("attribute_ruler").memo) <= len(doc) + 5
