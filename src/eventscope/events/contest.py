"""Sport is no politics: a match between national teams reads like conflict between states
("England beat Fiji 26-21", "Slovakia clinched the Hopman Cup by beating Argentina").

A sentence with a sport word, or a score beside a verb of winning or losing, codes no
event of force, conflict, rejection or threat (`roots`: "refused a penalty", "broke the
record"); nor does any sentence of an article made of enough
such sentences, a sport report.
Read from the raw sentence text, parsed or not, so the triage changes nothing. The cue
words are data (`contest` in `data/cameo/cues.yaml`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventscope.common.patterns import words_pattern
from eventscope.records import Article, Sentence


@dataclass(frozen=True)
class ContestCues:
    words: re.Pattern[str]
    score: re.Pattern[str]
    score_verbs: re.Pattern[str]
    article_sentences: int
    article_share: float
    roots: frozenset[str]

    @classmethod
    def from_data(cls, data: dict) -> ContestCues:
        def any_of(words: list[str]) -> re.Pattern[str]:
            return words_pattern(map(re.escape, words))

        return cls(any_of(data["words"]), re.compile(data["score"]), any_of(data["score_verbs"]),
                   int(data["article_sentences"]), float(data["article_share"]), frozenset(data["roots"]))

    def is_contest(self, sentence: Sentence) -> bool:
        text = sentence.text
        return bool(self.words.search(text) or (self.score.search(text) and self.score_verbs.search(text)))

    def contest_sentences(self, article: Article) -> set[int]:
        """Indexes of the sentences that code no event: the sport ones, or all of a sport report."""
        found = {s.index for s in article.sentences if self.is_contest(s)}
        if len(found) >= self.article_sentences and len(found) >= self.article_share * len(article.sentences):
            return {s.index for s in article.sentences}
        return found
