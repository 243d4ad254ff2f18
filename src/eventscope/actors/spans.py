"""The actor dictionary's matches in one parsed sentence, aligned to its tokens: what the
actors stage adds to the parse (`common.parse.DependencyParse`) it reads."""

from __future__ import annotations

from dataclasses import dataclass

from eventscope.actors.kb import ActorKB, ActorSpan
from eventscope.common.parse import DependencyParse
from eventscope.records import Sentence


@dataclass
class AlignedSpans:
    """A sentence's parse and its dictionary spans, each with the token range it covers."""

    parse: DependencyParse
    spans: list[ActorSpan]
    span_tokens: list[tuple[int, int]]  # token range [first, last] of each span, (-1, -1) if none
    covering: list[int | None]  # for each token, the first span covering it

    @classmethod
    def build(cls, sentence: Sentence, kb: ActorKB) -> AlignedSpans:
        parse = DependencyParse(sentence)
        spans = kb.find_spans(sentence.text, sentence.start)
        span_tokens = [parse.token_range(span.start, span.end) for span in spans]
        covering: list[int | None] = [None] * len(parse.tokens)
        for n, (first, last) in reversed(list(enumerate(span_tokens))):
            if first >= 0:
                covering[first : last + 1] = [n] * (last + 1 - first)
        return cls(parse, spans, span_tokens, covering)

    def span_at(self, index: int) -> int | None:
        """The first span covering token `index` (None outside the sentence)."""
        return self.covering[index] if 0 <= index < len(self.covering) else None

    def is_role_at(self, index: int) -> bool:
        n = self.span_at(index)
        return n is not None and self.spans[n].is_role
