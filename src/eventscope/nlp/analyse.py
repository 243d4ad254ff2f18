"""Sentences, entities and dependency parses from a spaCy pipeline installed from PyPI.

The model is a setting (`nlp.model`) naming an installed pipeline package; it is
loaded once per process and never downloaded. Texts go through `nlp.pipe` in
batches, and every offset is copied into plain `Sentence`/`Token` records so later
stages never hold spaCy objects (they pickle cheaply between processes).
"""

from __future__ import annotations

import functools
import logging
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from eventscope.errors import SettingsError
from eventscope.records import Article, Entity, Sentence, Token
from eventscope.settings import Settings
from eventscope.streams import batched

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=4)
def load_pipeline(model: str):  # -> spacy.language.Language
    """Load an installed spaCy pipeline package once per process.

    Its attribute ruler and lemmatizer are swapped for memoised ones that give the same
    annotations at a fraction of the cost (`eventscope.nlp.memoised`), and line breaks
    end sentences before the parser runs (`eventscope.nlp.paragraphs`).
    """
    import spacy

    from eventscope.nlp.memoised import memoised_overrides
    from eventscope.nlp.paragraphs import COMPONENT

    with warnings.catch_warnings():
        # The packaged 3.8 weights run on spaCy 3.7.5 (faster here); spaCy warns about the minor version.
        warnings.simplefilter("ignore", UserWarning)
        try:
            nlp = spacy.load(model, config=memoised_overrides(model))
        except OSError as exc:
            raise SettingsError(
                f"spaCy model {model!r} is not installed (pip install the package that ships it)"
            ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
    log.info("loaded spaCy pipeline %s %s", model, nlp.meta.get("version"))
    return nlp


def sentences_from_doc(doc, offset: int = 0) -> list[Sentence]:
    """Copy a parsed spaCy `Doc` into `Sentence` records; offsets shifted by `offset`."""
    sentences = []
    text = doc.text  # a `Span.text` joins its tokens anew on every call
    for index, span in enumerate(doc.sents):
        base = span.start
        tokens = [
            Token(
                i=tok.i - base,
                text=tok.text,
                start=tok.idx + offset,
                lemma=tok.lemma_,
                pos=tok.pos_,
                tag=tok.tag_,
                dep=tok.dep_,
                head=tok.head.i - base,
                ent_type=tok.ent_type_,
            )
            for tok in span
        ]
        entities = [
            Entity(text=ent.text, label=ent.label_, start=ent.start_char + offset, end=ent.end_char + offset)
            for ent in span.ents
        ]
        sentences.append(
            Sentence(
                index=index,
                start=span.start_char + offset,
                end=span.end_char + offset,
                text=text[span.start_char : span.end_char],
                tokens=tokens,
                entities=entities,
            )
        )
    return sentences


@dataclass(frozen=True)
class SentenceSplitter:
    """The package's tokenizer with spaCy's rule-based `Sentencizer`: the triage only needs
    sentence-sized pieces (the parser segments what it parses), and the package's
    statistical `senter` costs a tenth of a full parse.

    Line breaks end sentences here as in the parse (`eventscope.nlp.paragraphs`), so what
    the parse reads as one sentence is picked or left as one.
    """

    tokenizer: Any  # the pipeline's own tokenizer: its cache then serves the parse of what it picks
    sentencizer: Any  # spacy.pipeline.Sentencizer with its default stops

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[list[Any]]:
        """Each text's sentences as spaCy `Span`s."""
        from eventscope.nlp.paragraphs import mark_paragraph_starts

        for doc in self.tokenizer.pipe(texts, batch_size=batch_size):
            yield list(mark_paragraph_starts(self.sentencizer(doc)).sents)


@functools.lru_cache(maxsize=4)
def load_splitter(model: str) -> SentenceSplitter:
    """The splitter of a model package, once per process, on the pipeline's own tokenizer:
    the parse then finds the words of the sentences it is given already tokenised."""
    from spacy.pipeline import Sentencizer

    return SentenceSplitter(load_pipeline(model).tokenizer, Sentencizer())


def analyse(articles: Iterable[Article], settings: Settings, triage=None) -> Iterator[Article]:
    """Annotate English articles with sentences, entities and parses, streaming in batches.

    With a `triage` (see `eventscope.nlp.triage`), texts are only split into sentences and
    just the sentences it picks are parsed; the others keep empty tokens. Articles in
    other languages pass through untouched, so the caller can still store them.
    """
    nlp = load_pipeline(settings.get("nlp.model"))
    batch_size = int(settings.get("nlp.batch_size"))
    languages = set(settings.get("extract.languages"))
    if triage is not None:
        splitter = load_splitter(settings.get("nlp.model"))
        sentence_batch = int(settings.get("nlp.sentence_batch_size"))
        for chunk in batched(articles, batch_size):
            yield from _analyse_selected(chunk, nlp, splitter, triage, languages, sentence_batch)
        return

    def texts() -> Iterator[tuple[str, Article]]:
        for article in articles:
            yield article.text if article.language in languages else "", article

    for doc, article in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        if article.language in languages:
            article.sentences = sentences_from_doc(doc)
        yield article


def _analyse_selected(chunk, nlp, splitter, triage, languages, sentence_batch) -> list[Article]:
    """Split a chunk of articles, parse the anchor sentences, then the followers they name."""
    english = [article for article in chunk if article.language in languages]
    spans = list(splitter.pipe([a.text for a in english], batch_size=len(chunk)))
    parsed: dict[tuple[int, int], list[Sentence]] = {}

    def parse(keys: list[tuple[int, int]]) -> None:
        """Parse the picked sentences, each run of neighbours as one text (fewer, fuller docs).

        Tokenising the text again is cheaper than copying the splitter's tokens
        (`Span.as_doc` converts the whole doc to arrays and computes vectors each time)."""
        runs: list[tuple[int, int, int]] = []  # (article, first sentence, last sentence)
        for a, s in sorted(keys):
            if runs and runs[-1][0] == a and runs[-1][2] == s - 1:
                runs[-1] = (a, runs[-1][1], s)
            else:
                runs.append((a, s, s))
        jobs = (
            (english[a].text[spans[a][first].start_char : spans[a][last].end_char], (a, first, last))
            for a, first, last in runs
        )
        for doc, (a, first, last) in nlp.pipe(jobs, as_tuples=True, batch_size=sentence_batch):
            parsed[a, first] = sentences_from_doc(doc, offset=spans[a][first].start_char)
            parsed.update(((a, s), []) for s in range(first + 1, last + 1))

    parse([
        (a, s)
        for a, sents in enumerate(spans)
        for s, span in enumerate(sents)
        if triage.is_anchor(span, english[a].text[span.start_char : span.end_char])
    ])
    entities: list[list[Entity]] = [[] for _ in spans]
    for (a, _), found in parsed.items():
        entities[a].extend(entity for sentence in found for entity in sentence.entities)
    names = [triage.name_words(found) for found in entities]
    parse([
        (a, s)
        for a, sents in enumerate(spans)
        for s, span in enumerate(sents)
        if (a, s) not in parsed and (
            (names[a] and triage.is_follower(span, names[a])) or ((a, s - 1) in parsed and triage.refers_back(span))
        )
    ])
    for a, article in enumerate(english):
        sentences: list[Sentence] = []
        for s, span in enumerate(spans[a]):
            if (a, s) in parsed:
                pieces = parsed[a, s]  # empty when an earlier sentence's run covered it
            else:
                pieces = [Sentence(index=0, start=span.start_char, end=span.end_char,
                                   text=article.text[span.start_char : span.end_char])]
            for piece in pieces:
                piece.index = len(sentences)
                sentences.append(piece)
        article.sentences = sentences
    return chunk
