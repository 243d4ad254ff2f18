"""Navigation over one parsed sentence: heads, dependents and subtrees of `Token` records.

The events stage reads the dependency parse through this, never through spaCy objects.
"""

from __future__ import annotations

from collections.abc import Collection

from eventscope.records import Sentence, Token


class DependencyParse:
    """Index helpers over one sentence's tokens (`Token.i` and `Token.head` are in-sentence)."""

    def __init__(self, sentence: Sentence) -> None:
        self.sentence = sentence
        self.tokens = sentence.tokens
        self.children: list[list[Token]] = [[] for _ in self.tokens]
        for token in self.tokens:
            if token.head != token.i:
                self.children[token.head].append(token)

    def head(self, token: Token) -> Token | None:
        return None if token.head == token.i else self.tokens[token.head]

    def subtree(self, token: Token, stop: Collection[str] = frozenset()) -> list[Token]:
        """The token and its descendants, not entering dependents whose relation is in `stop`."""
        found = [token]
        stack = [token]
        while stack:
            for child in self.children[stack.pop().i]:
                if child.dep not in stop:
                    found.append(child)
                    stack.append(child)
        return sorted(found, key=lambda t: t.i)

    def child(self, token: Token, deps: Collection[str]) -> Token | None:
        return next((c for c in self.children[token.i] if c.dep in deps), None)

    def governors(self, token: Token) -> list[int]:
        """Indices of the token's heads, nearest first, up to the root."""
        found: list[int] = []
        current = self.head(token)
        while current is not None and current.i not in found:
            found.append(current.i)
            current = self.head(current)
        return found
