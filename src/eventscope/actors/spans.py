"""A parsed sentence seen by the actors stage: tokens, dependency children and the
dictionary spans aligned to token indices."""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass

from eventscope.actors.kb import ActorKB, ActorSpan
from eventscope.records import Sentence, Token


@dataclass
class SentenceView:
    """A parsed sentence with its dictionary spans aligned to token indices."""

    sentence: Sentence
    spans: list[ActorSpan]
    span_tokens: list[tuple[int, int]]  # token range [first, last] of each span
    children: dict[int, list[int]]
    starts: list[int]  # each token's character offset

    @classmethod
    def build(cls, sentence: Sentence, kb: ActorKB) -> SentenceView:
        children: dict[int, list[int]] = defaultdict(list)
        for token in sentence.tokens:
            if token.head != token.i:
                children[token.head].append(token.i)
        view = cls(sentence, kb.find_spans(sentence.text, sentence.start), [], children,
                   [token.start for token in sentence.tokens])
        view.span_tokens = [view.token_range(span.start, span.end) for span in view.spans]
        return view

    @property
    def tokens(self) -> list[Token]:
        return self.sentence.tokens

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """[first, last] indices of the tokens overlapping characters [start, end), (-1, -1) if none."""
        first = max(bisect.bisect_right(self.starts, start) - 1, 0)
        if first < len(self.starts) and self.tokens[first].end <= start:
            first += 1
        last = bisect.bisect_left(self.starts, end) - 1
        return (first, last) if first <= last else (-1, -1)

    def span_at(self, index: int) -> int | None:
        for n, (first, last) in enumerate(self.span_tokens):
            if first <= index <= last:
                return n
        return None

    def subtree(self, index: int) -> set[int]:
        found, stack = set(), [index]
        while stack:
            node = stack.pop()
            if node not in found:
                found.add(node)
                stack.extend(self.children.get(node, []))
        return found

    def is_role_at(self, index: int) -> bool:
        n = self.span_at(index)
        return n is not None and self.spans[n].is_role


def conj_root(view: SentenceView, index: int) -> int:
    """The first conjunct of a coordination ("Gondor" in "Arnor, Osgiliath and Gondor" -> "Arnor")."""
    seen = set()
    while 0 <= index < len(view.tokens) and view.tokens[index].dep == "conj" and index not in seen:
        seen.add(index)
        index = view.tokens[index].head
    return index
