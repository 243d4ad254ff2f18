"""The NLP stage's own pieces: the sentence splitter the triage reads, and its place in
the one-way flow of data."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import eventscope.nlp
from eventscope.nlp.analyse import load_splitter

LATER_STAGES = ("actors", "events", "agreements", "stories", "store", "pipeline", "interfaces", "dyads")

EDGE_CASES = [
    "",
    "...",
    "No stop at all",
    "!! Wow. ok",
    'He said: "Stop!" Then he left.',
    "A. B. C",
    "?! ? x",
    "Mr. Smith went to Washington. Then. \n\nNo stop here\nnext line. (Aside.) Done",
    "Prices rose 3.5% on Jan. 3, analysts said... Really?! Yes.",
]


@pytest.fixture(scope="module")
def sentencizer(settings, spacy_nlp):
    """spaCy's own rule-based sentencizer over the same tokenizer, then the line breaks."""
    import spacy

    from eventscope.nlp.paragraphs import COMPONENT

    reference = spacy.load(settings.get("nlp.model"), exclude=spacy_nlp.component_names)
    reference.add_pipe("sentencizer")
    reference.add_pipe(COMPONENT)
    return reference


def test_splitter_finds_the_sentences_spacys_sentencizer_finds(settings, sentencizer, seeds_dir) -> None:
    texts = [path.read_text("utf-8") for path in sorted(seeds_dir.iterdir())] + EDGE_CASES
    splitter = load_splitter(settings.get("nlp.model"))
    ours = [[(s.start, s.end) for s in spans] for spans in splitter.pipe(texts)]
    theirs = [[(s.start, s.end) for s in doc.sents] for doc in sentencizer.pipe(texts)]
    assert ours == theirs
    assert sum(len(spans) for spans in ours) > 100


def test_split_sentences_cover_the_text_in_order(settings) -> None:
    text = "Iran and Iraq signed a memorandum. It covers training! Does it cover logistics? Yes."
    (spans,) = load_splitter(settings.get("nlp.model")).pipe([text])
    assert [s.text for s in spans] == [
        "Iran and Iraq signed a memorandum.", "It covers training!", "Does it cover logistics?", "Yes.",
    ]


HEADED = (
    "Mark Meadows accused of timing retirement to help elect wife's friend\n"
    "Republicans in Western North Carolina are grumbling about his last-minute announcement\n\n"
    "Rep. Mark Meadows' shock retirement has roiled some Republicans. He said so.\n"
)
HEADED_SENTENCES = [
    "Mark Meadows accused of timing retirement to help elect wife's friend",
    "Republicans in Western North Carolina are grumbling about his last-minute announcement",
    "Rep. Mark Meadows' shock retirement has roiled some Republicans.",
    "He said so.",
]


def test_a_line_break_ends_a_sentence_in_the_split_and_in_the_parse(settings, spacy_nlp) -> None:
    """A headline or subtitle line without a stop is not read into the next paragraph's
    first sentence; the break's whitespace stays with the sentence before it."""
    (spans,) = load_splitter(settings.get("nlp.model")).pipe([HEADED])
    assert [s.text.strip() for s in spans] == HEADED_SENTENCES
    assert [s.text.strip() for s in spacy_nlp(HEADED).sents] == HEADED_SENTENCES
    assert all(s.text.strip() for s in spans)


def test_a_line_going_on_in_lower_case_continues_its_sentence(settings, spacy_nlp) -> None:
    text = "Kenyan police arrested\ntwo opposition leaders in Nairobi.\nTalks will continue.\n"
    (spans,) = load_splitter(settings.get("nlp.model")).pipe([text])
    assert [s.text.split() for s in spans] == [
        ["Kenyan", "police", "arrested", "two", "opposition", "leaders", "in", "Nairobi."],
        ["Talks", "will", "continue."]]
    assert [s.text.split() for s in spacy_nlp(text).sents] == [s.text.split() for s in spans]


def test_nlp_imports_no_later_stage() -> None:
    """The triage is handed what the later stages look for (by `pipeline.Stages`): no
    module of the nlp package imports them, at module level or inside a function."""
    imported = set()
    for path in Path(eventscope.nlp.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported |= {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}
            elif isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
    later = {name for name in imported if name.startswith("eventscope.") and name.split(".")[1] in LATER_STAGES}
    assert later == set()
    assert "eventscope.nlp.analyse" in imported  # the walk sees the package's own imports
