"""Language detection: the ISO 639-1 code of a text's language, by py3langid's model,
its features counted in numpy rather than byte by byte.

A one-line wire item gives the byte n-gram model too little to go on ("Kenyan police shot
dead two protesters in Kisumu." reads as Indonesian to it), so a short text takes, among
the model's likeliest languages, the one whose function words (jusText's stop-word lists)
make up most of its words."""

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
# Texts shorter than this are told by their function words among the model's likeliest
# languages; a language needs this share of function words to win over the model's first.
SHORT_TEXT_CHARS = 400
SHORT_TEXT_CANDIDATES = 5
MIN_FUNCTION_WORD_SHARE = 0.2


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), None for text without letters."""
    if not LETTER.search(text):
        return None
    model = language_model()
    scores = model.identifier.nb_classprobs(language_features(text[:LANGUAGE_SAMPLE_CHARS]))
    if len(text) >= SHORT_TEXT_CHARS:
        return model.identifier.nb_classes[int(np.argmax(scores))]
    likeliest = [model.identifier.nb_classes[int(i)] for i in np.argsort(-scores)[:SHORT_TEXT_CANDIDATES]]
    return _by_function_words(text, likeliest)


def _by_function_words(text: str, likeliest: list[str]) -> str:
    """The language of `likeliest` (the model's order) whose stop words are the largest
    share of the text's words, if that share is large enough; else the model's first."""
    words = [w.lower() for w in WORD.findall(text)]
    shares = [sum(w in stopwords(language) for w in words) / len(words) for language in likeliest]
    best = max(range(len(likeliest)), key=lambda i: (shares[i], -i))
    return likeliest[best] if shares[best] >= MIN_FUNCTION_WORD_SHARE else likeliest[0]


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
