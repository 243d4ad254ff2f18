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

from eventscope.errors import SettingsError
from eventscope.records import Article, Entity, Sentence, Token
from eventscope.settings import Settings

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=4)
def load_pipeline(model: str):  # -> spacy.language.Language
    """Load an installed spaCy pipeline package once per process."""
    import spacy

    with warnings.catch_warnings():
        # The packaged 3.8 weights run on spaCy 3.7.5 (faster here); spaCy warns about the minor version.
        warnings.simplefilter("ignore", UserWarning)
        try:
            nlp = spacy.load(model)
        except OSError as exc:
            raise SettingsError(
                f"spaCy model {model!r} is not installed (pip install the package that ships it)"
            ) from exc
    log.info("loaded spaCy pipeline %s %s", model, nlp.meta.get("version"))
    return nlp


def sentences_from_doc(doc, offset: int = 0) -> list[Sentence]:
    """Copy a parsed spaCy `Doc` into `Sentence` records; offsets shifted by `offset`."""
    sentences = []
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
                text=span.text,
                tokens=tokens,
                entities=entities,
            )
        )
    return sentences


def analyse(articles: Iterable[Article], settings: Settings) -> Iterator[Article]:
    """Annotate English articles with sentences, entities and parses, streaming in batches.

    Articles in other languages pass through untouched, so the caller can still store them.
    """
    nlp = load_pipeline(settings.get("nlp.model"))
    batch_size = int(settings.get("nlp.batch_size", 64))
    languages = set(settings.get("extract.languages", ["en"]))

    def texts() -> Iterator[tuple[str, Article]]:
        for article in articles:
            yield article.text if article.language in languages else "", article

    for doc, article in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        if article.language in languages:
            article.sentences = sentences_from_doc(doc)
        yield article
