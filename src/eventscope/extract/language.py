"""Language detection: the ISO 639-1 code of a text's language, by py3langid's model,
its features counted in numpy rather than byte by byte.

A one-line wire item gives the byte n-gram model too little to go on ("Kenyan police shot
dead two protesters in Kisumu." reads as Indonesian to it): a short text is English when
English is among the model's likeliest languages and English function words (jusText's
stop-word list) are as much of it as those of the model's first choice. (The pipeline
parses English only, so that is the decision that matters; jusText's lists of other
languages hold English words, so they cannot pick among the rest.)"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np
import regex

from eventscope.extract.classify import stopwords

# Characters of a text that py3langid reads to tell its language.
LANGUAGE_SAMPLE_CHARS = 5000
# py3langid's features are byte n-grams of up to this many bytes, so the state of its
# scanner after a byte depends on the last this many bytes only (tests check it on the model).
LANGID_NGRAM_BYTES = 4
# A letter: a word character that is neither a digit nor an underscore.
LETTER = regex.compile(r"[^\W\d_]")
WORD = regex.compile(r"[^\W\d_]+")
# Texts shorter than this may be English though the model ranks English below its first;
# English then needs this share of function words.
SHORT_TEXT_CHARS = 400
SHORT_TEXT_CANDIDATES = 5
MIN_FUNCTION_WORD_SHARE = 0.1
ENGLISH = "en"


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid; a short text may read as English
    by its function words), None for text without letters."""
    if not LETTER.search(text):
        return None
    model = language_model()
    scores = model.identifier.nb_classprobs(language_features(text[:LANGUAGE_SAMPLE_CHARS]))
    first = model.identifier.nb_classes[int(np.argmax(scores))]
    if len(text) >= SHORT_TEXT_CHARS or first == ENGLISH:
        return first
    likeliest = [model.identifier.nb_classes[int(i)] for i in np.argsort(-scores)[:SHORT_TEXT_CANDIDATES]]
    return ENGLISH if ENGLISH in likeliest and _reads_as_english(text, first) else first


def _reads_as_english(text: str, first: str) -> bool:
    """Whether English function words are as large a share of the text's words as those of
    the model's first language, and a real share ("in", "the", "of" in a wire item)."""
    words = [w.lower() for w in WORD.findall(text)]
    english = sum(w in stopwords(ENGLISH) for w in words) / len(words)
    other = sum(w in stopwords(first) for w in words) / len(words)
    return english >= max(other, MIN_FUNCTION_WORD_SHARE)


@dataclass(frozen=True)
class LanguageModel:
    """py3langid's model, with its byte scanner as arrays for counting features in numpy."""

    identifier: Any  # py3langid.langid.LanguageIdentifier
    transitions: np.ndarray  # the scanner's next state, at state * 256 + byte
    produced: np.ndarray  # per state, the features it counts, padded with a spare index


@functools.lru_cache(maxsize=1)
def language_model() -> LanguageModel:
    """Load py3langid's model once per process."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE)
    outputs = identifier.tk_output
    produced = np.full(
        (len(identifier.tk_nextmove) // 256, max(map(len, outputs.values()))),
        identifier.nb_numfeats,
        dtype=np.uint16,
    )
    for state, features in outputs.items():
        produced[state, : len(features)] = features
    return LanguageModel(identifier, np.asarray(identifier.tk_nextmove), produced)


def language_features(text: str) -> np.ndarray:
    """py3langid's feature counts for `text`, the same as its `instance2fv` gives.

    py3langid steps its scanner through the text byte by byte in a Python loop, a quarter
    of the time extraction took. As the state after a byte depends only on the last
    LANGID_NGRAM_BYTES bytes, the states after all bytes are found at once here: the
    scanner is run from its start over those few bytes, for every byte together.
    """
    model = language_model()
    data = text.encode("utf8", errors="surrogatepass")
    codes = np.frombuffer(data, dtype=np.uint8).astype(np.int64)
    states = np.zeros(len(codes), dtype=np.int64)
    for back in range(LANGID_NGRAM_BYTES - 1, -1, -1):
        # now states[i] is the state after bytes i - LANGID_NGRAM_BYTES + 1 .. i - back
        states[back:] = model.transitions[(states[back:] << 8) + codes[: len(codes) - back]]
    counts = np.bincount(model.produced[states].ravel(), minlength=model.identifier.nb_numfeats + 1)
    return counts[:-1].astype(np.uint16)
