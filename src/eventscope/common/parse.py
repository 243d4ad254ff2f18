"""Navigation over one parsed sentence: heads, dependents and subtrees of `Token` records.

The actors, events and agreements stages read the dependency parse through this, never
through spaCy objects.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection
from functools import cached_property

from eventscope.records import Sentence, Token

VERB_POS = frozenset({"VERB", "AUX"})  # parts of speech that head a clause


class DependencyParse:
    """Index helpers over one sentence's tokens (`Token.i` and `Token.head` are in-sentence)."""

    def __init__(self, sentence: Sentence) -> None:
        self.sentence = sentence
        self.tokens = sentence.tokens
        self.children: list[list[Token]] = [[] for _ in self.tokens]
        for token in self.tokens:
            if token.head != token.i:
                self.children[token.head].append(token)

    @cached_property
    def starts(self) -> list[int]:
        """Each token's article character offset, for `token_range` (built on first use)."""
        return [token.start for token in self.tokens]

    def head(self, token: Token) -> Token | None:
        return None if token.head == token.i else self.tokens[token.head]

    def subtree(self, token: Token, stop: Collection[str] = frozenset()) -> list[Token]:
        """The token and its descendants, not entering dependents whose relation is in `stop`.

        Each token comes once even in a malformed parse with a head cycle: every other token
        is reached through its one head, so only a cycle back to `token` could repeat one."""
        origin = token.i
        found = [token]
        stack = [token]
        while stack:
            for child in self.children[stack.pop().i]:
                if child.dep not in stop and child.i != origin:
                    found.append(child)
                    stack.append(child)
        return sorted(found, key=lambda t: t.i)

    def first_conjunct(self, token: Token) -> Token:
        """The first conjunct of a coordination ("Gondor" in "Arnor, Osgiliath and Gondor" -> "Arnor")."""
        seen: set[int] = set()
        while token.dep == "conj" and token.i not in seen:
            seen.add(token.i)
            token = self.tokens[token.head]
        return token

    def child(self, token: Token, deps: Collection[str]) -> Token | None:
        return next((c for c in self.children[token.i] if c.dep in deps), None)

    def ancestors(self, token: Token) -> list[Token]:
        """The token's heads, nearest first, up to the root."""
        found: list[Token] = []
        seen: set[int] = set()
        current = self.head(token)
        while current is not None and current.i not in seen:
            found.append(current)
            seen.add(current.i)
            current = self.head(current)
        return found

    def governors(self, token: Token) -> list[int]:
        """Indices of the token's heads, nearest first, up to the root."""
        return [t.i for t in self.ancestors(token)]

    def nearest_verb(self, token: Token) -> Token | None:
        """The verb of the token's clause: the token itself or its nearest verbal head."""
        return next((t for t in [token, *self.ancestors(token)] if t.pos in VERB_POS), None)

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """The tokens that begin within the characters [start, end) of the article."""
        return [t for t in self.tokens if start <= t.start < end]

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """[first, last] indices of the tokens overlapping the characters [start, end) of the
        article, (-1, -1) if none."""
        starts = self.starts
        first = max(bisect.bisect_right(starts, start) - 1, 0)
        if first < len(starts) and self.tokens[first].end <= start:
            first += 1
        last = bisect.bisect_left(starts, end) - 1
        return (first, last) if first <= last else (-1, -1)

    def token_at(self, offset: int) -> Token | None:
        """The token covering an article character offset."""
        return next((t for t in self.tokens if t.start <= offset < t.end), None)

    def root_of(self, tokens: list[Token]) -> Token:
        """The token of a span whose head lies outside the span (the first, if none does)."""
        indices = {t.i for t in tokens}
        for token in tokens:
            if token.head not in indices or token.head == token.i:
                return token
        return tokens[0]
