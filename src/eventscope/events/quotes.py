"""Who speaks a quotation that runs on past its sentence.

News quotes a speaker over several sentences: 'He added: "I heard those comments ...' and
then a sentence wholly in quotes with no speech verb of its own ('"We condemn it."'). Its
"I" and "we" are the speaker of the sentence the quotation opened in, as a reader takes
them; within one sentence the speech verb already tells who speaks ("...," he said).
"""

from __future__ import annotations

from typing import Any

from eventscope.common.parse import DependencyParse
from eventscope.records import Article, Mention, Sentence

QUOTE_MARKS = frozenset('"\u201c\u201d\u2018\u2019\'`')
MAX_RUN = 4  # sentences a quotation may run on for and still be its speaker's


def _opens_with_quote(sentence: Sentence) -> bool:
    return bool(sentence.tokens) and sentence.tokens[0].text[:1] in QUOTE_MARKS


def _speech_verbs(sentence: Sentence, verbs: frozenset[str], first_person: frozenset[str]) -> list[int]:
    """Speech verbs of someone other than the quoted speaker ("I think" is quotation)."""
    found = [t for t in sentence.tokens if t.pos == "VERB" and t.lemma.lower() in verbs]
    own = {t.head for t in sentence.tokens if t.dep in ("nsubj", "nsubjpass") and t.lemma.lower() in first_person}
    return [t.i for t in found if t.i not in own]


def _named_speaker(article: Article, sentence: Sentence, verbs: frozenset[str], cues: dict[str, Any]) -> Mention | None:
    """The actor subject of the speech verb of a sentence that quotes ('He added: "...')."""
    if not any(t.text[:1] in QUOTE_MARKS for t in sentence.tokens):
        return None
    parse = DependencyParse(sentence)
    first_person = frozenset(cues["intent"]["first_person"])
    deps = set(cues["arguments"]["subject_deps"])
    stop = set(cues["arguments"]["clause_deps"])
    for index in _speech_verbs(sentence, verbs, first_person):
        for subject in (c for c in parse.children[index] if c.dep in deps):
            spans = [(t.start, t.end) for t in parse.subtree(subject, stop)]
            found = [m for m in article.mentions if not m.place and any(m.start < e and s < m.end for s, e in spans)]
            if found:
                return found[0]
    return None


def run_on_speaker(article: Article, sentence: Sentence, cues: dict[str, Any], verbs: frozenset[str]) -> Mention | None:
    """The speaker of a sentence wholly in quotes with no speech verb: the one named in the
    nearest sentence before it that opened the quotation, the sentences between being
    quotation too. None for any other sentence."""
    by_index = {s.index: s for s in article.sentences}
    first_person = frozenset(cues["intent"]["first_person"])
    current = sentence
    for _ in range(MAX_RUN):
        if not _opens_with_quote(current) or _speech_verbs(current, verbs, first_person):
            return None
        previous = by_index.get(current.index - 1)
        if previous is None or not previous.parsed:
            return None
        speaker = _named_speaker(article, previous, verbs, cues)
        if speaker is not None:
            return speaker
        current = previous
    return None
