"""What a text says about alliance obligations, sentence by sentence and clause by clause
(`read_statements`).

A sentence states an obligation when it uses one of its phrases. Whether it is stated,
denied or proposed is a matter of the clause around the phrase, by general rules: a
negation cue before the phrase in its clause, or a verb's negation just after it, denies it
("does not commit either side to come to the defence of the other", "a defence pact was
not signed"), a proposal cue or modal there proposes it ("Iran suggested that the two armies come to each
other's aid"). A cue's own words ("not to attack each other") and
side clauses (", which does not cover trade,") reach nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from eventscope.alliance.cues import AllianceCues

Stance = Literal["stated", "denied", "proposed"]

# A sentence ends after . ! or ? (and any closing quote or bracket) before a capital, a
# digit or an opening quote; a line break always ends one.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")


@dataclass(frozen=True)
class Statement:
    """One obligation phrase of a text: `sentence` and `span` are offsets into that text."""

    type: str
    stance: Stance
    sentence: tuple[int, int]
    span: tuple[int, int]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of a text as (start, end) offsets, without surrounding space."""
    spans, start = [], 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + len(piece.rstrip())))
        if match:
            start = match.end()
    return spans


def _clause_start(sentence: str, position: int, cues: AllianceCues) -> int:
    """Where the clause holding `position` begins."""
    starts = [m.end() for m in cues.clause_breaks.finditer(sentence, 0, position) if m.end() <= position]
    return max(starts, default=0)


def _clause_tail(sentence: str, position: int, cues: AllianceCues) -> int:
    """Where the first `trailing_words` words after `position` end, before any punctuation
    ("an attack on both, not merely on one" has no tail)."""
    words = re.match(rf"(?:[\s'’]*\w+){{0,{cues.trailing_words}}}", sentence[position:])
    return position + (words.end() if words else 0)


def _cue_within(pattern: re.Pattern[str], sentence: str, region: tuple[int, int],
                shielded: list[tuple[int, int]]) -> bool:
    """True when the pattern occurs in the region outside every shielded range."""
    return any(
        not any(s <= m.start() < e for s, e in shielded)
        for m in pattern.finditer(sentence, *region)
    )


def sentence_statements(sentence: str, cues: AllianceCues) -> list[tuple[str, Stance, tuple[int, int]]]:
    """(type, stance, span) of every obligation phrase in one sentence; spans are sentence-local."""
    found: list[tuple[str, int, int]] = []
    for obligation in cues.obligations:
        if obligation.requires is not None and not obligation.requires.search(sentence):
            continue
        for pattern in obligation.cues:
            for match in pattern.finditer(sentence):
                if not any(t == obligation.name and s < match.end() and match.start() < e for t, s, e in found):
                    found.append((obligation.name, match.start(), match.end()))
    side_clauses = [m.span() for m in cues.side_clauses.finditer(sentence)]
    statements: list[tuple[str, Stance, tuple[int, int]]] = []
    for name, start, end in sorted(found, key=lambda f: f[1]):
        # Other phrases' own words and side clauses not holding this phrase are no cue for it.
        shielded = [(s, e) for _, s, e in found if (s, e) != (start, end)]
        shielded += [(s, e) for s, e in side_clauses if not s <= start < e]
        before = (_clause_start(sentence, start, cues), start)
        after = (end, _clause_tail(sentence, end, cues))
        stance: Stance = "stated"
        if (_cue_within(cues.negations, sentence, before, shielded)
                or _cue_within(cues.trailing_negations, sentence, after, shielded)):
            stance = "denied"
        elif (_cue_within(cues.proposals, sentence, before, shielded)
              or _cue_within(cues.trailing_proposals, sentence, after, shielded)):
            stance = "proposed"
        statements.append((name, stance, (start, end)))
    return statements


def read_statements(text: str, cues: AllianceCues) -> list[Statement]:
    """Every obligation phrase of the text, with its sentence and stance."""
    statements = []
    for start, end in sentence_spans(text):
        for name, stance, (s, e) in sentence_statements(text[start:end], cues):
            statements.append(Statement(name, stance, (start, end), (start + s, start + e)))
    return statements
