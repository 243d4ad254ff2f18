"""Which words pass a judgement, and which way: VADER's sentiment lexicon, backed by the
judgement words of political speech it lacks ("shambles", "unjustified").

A hand-made list of judgement words only knows the words its authors met; VADER (Hutto and
Gilbert 2014, MIT) rates about 7,500 English words by mean valence from -4 to +4, read from
the pinned `vaderSentiment` package as installed. A word counts when its valence reaches the
`evaluation.lexicon.threshold` in the cue data (chosen on the training split). Words naming
physical harm, violence or disaster (`evaluation.harm`) are strongly negative in VADER but
tell what happened, not what anyone thinks of an actor: they never count.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

LEXICON_PACKAGE = "vaderSentiment"
LEXICON_FILE = "vader_lexicon.txt"
# Emoticons and chat abbreviations share the file; only words are read.
WORD = re.compile(r"^[a-z][a-z'-]*[a-z]$")


@functools.cache
def vader_valences() -> Mapping[str, float]:
    """Word -> mean valence, read once from the installed package."""
    text = resources.files(LEXICON_PACKAGE).joinpath(LEXICON_FILE).read_text(encoding="utf-8")
    valences: dict[str, float] = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) >= 2 and WORD.match(fields[0]):
            valences[fields[0]] = float(fields[1])
    return valences


@dataclass(frozen=True)
class OpinionLexicon:
    """Polarity of words: the listed words first, then the lexicon past its threshold."""

    valences: Mapping[str, float]
    threshold: float
    negative: frozenset[str]
    positive: frozenset[str]
    harm: frozenset[str]
    negative_prefixes: tuple[str, ...] = ()

    @classmethod
    def from_cues(cls, cues: Mapping) -> OpinionLexicon:
        return cls(vader_valences(), float(cues["lexicon"]["threshold"]), frozenset(cues["negative"]),
                   frozenset(cues["positive"]), frozenset(cues["harm"]), tuple(cues.get("negative_prefixes", ())))

    def is_harm(self, forms: tuple[str, ...]) -> bool:
        """True when a form names harm, violence or disaster ("deadly", "bombing")."""
        return any(form in self.harm for form in forms)

    def listed(self, forms: tuple[str, ...]) -> str | None:
        """The polarity the cue lists give a word (by its forms: text, lemma, hyphenated
        compound), if any: a compound of a negative prefix ("ill-timed") is negative."""
        if any(form in self.negative or form.startswith(self.negative_prefixes) and "-" in form for form in forms):
            return "negative"
        if any(form in self.positive for form in forms):
            return "positive"
        return None

    def polarity(self, forms: tuple[str, ...]) -> str | None:
        """"negative", "positive" or None: the cue lists, else the lexicon past its threshold."""
        if self.is_harm(forms):
            return None
        listed = self.listed(forms)
        if listed is not None:
            return listed
        valence = next((self.valences[form] for form in forms if form in self.valences), 0.0)
        if valence <= -self.threshold:
            return "negative"
        if valence >= self.threshold:
            return "positive"
        return None
