"""Cue lists as regular expressions: one alternation of whole words, compiled once by the
stage that owns the cues."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(patterns: Iterable[str]) -> str:
    """`a|b|c` as whole words: `\\b(?:a|b|c)\\b`."""
    return r"\b(?:" + "|".join(patterns) + r")\b"


def words_pattern(patterns: Iterable[str]) -> re.Pattern[str]:
    """Any of `patterns` (regular expressions) as a whole word, in any case."""
    return re.compile(alternation(patterns), re.IGNORECASE)
