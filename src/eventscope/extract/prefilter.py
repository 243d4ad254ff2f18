"""The cue prefilter: the words every match of a cue pattern contains.

A cue that may match anywhere in a block would scan every block of every page; knowing
words one of which each of its matches contains, the cleaner searches only blocks that
have one of them, which never changes a verdict. The words are read from the pattern by
a small reader of the regex syntax the cues use; a pattern it cannot read gets no words
(and is then searched everywhere).
"""

from __future__ import annotations

import regex

# A quantifier in a cue pattern (a lazy or possessive mark may follow it).
QUANTIFIER = regex.compile(r"(?P<symbol>[?*+])|\{(?P<least>\d*)(?:,\d*)?\}")


def fold(text: str) -> str:
    """`text` as a cue's words are looked up in it: casefolded, so that whatever a cue
    pattern matches case-insensitively folds to the same words (tests check this for every
    character of the words). `regex` matches "İ" with "i", but casefolding makes it "i" and
    a combining dot, so that dot goes again."""
    return text.casefold().replace("i\u0307", "i")


def required_words(pattern: str) -> tuple[str, ...]:
    """Words (folded) one of which every match of `pattern` contains, or () when the
    pattern uses syntax not read here (flags, lookarounds, back-references, classes with
    nested brackets) or has no such words.

    Where the pattern requires several words in sequence, the most telling are taken:
    "(sign up|subscribe) (for|to) (our|the) .{0,40}newsletter" gives ("newsletter",).
    """
    try:
        required, end = _read_alternatives(pattern, 0)
    except ValueError:
        return ()
    if end != len(pattern) or not required:
        return ()
    return tuple(sorted({fold(word) for word in _most_telling(required)}))


def _most_telling(required: list[frozenset[str]]) -> frozenset[str]:
    """The word set least likely to be in a block by chance: the one whose shortest word
    is the longest, of fewer words on a tie."""
    return max(required, key=lambda words: (min(map(len, words)), -len(words)))


# A pattern is read as alternatives of sequences of atoms, each atom maybe quantified. Each
# reader returns what a match must contain, as a list of word sets (a word of each set in
# the match), and the position after what it read.


def _read_alternatives(pattern: str, at: int) -> tuple[list[frozenset[str]], int]:
    branches = []
    while True:
        required, at = _read_sequence(pattern, at)
        branches.append(required)
        if pattern[at : at + 1] != "|":
            break
        at += 1
    if len(branches) == 1:
        return branches[0], at
    if not all(branches):
        return [], at  # a branch without words: the alternatives require none
    return [frozenset().union(*map(_most_telling, branches))], at


def _read_sequence(pattern: str, at: int) -> tuple[list[frozenset[str]], int]:
    required: list[frozenset[str]] = []
    literal = ""  # characters matched as they are, in a row
    while at < len(pattern) and pattern[at] not in "|)":
        atom, at = _read_atom(pattern, at)
        least, at = _read_quantifier(pattern, at)
        if isinstance(atom, str) and least is None:
            literal += atom
            continue
        if literal:
            required.append(frozenset({literal}))
            literal = ""
        if isinstance(atom, list) and (least is None or least > 0):
            required.extend(atom)
    if literal:
        required.append(frozenset({literal}))
    return required, at


def _read_atom(pattern: str, at: int) -> tuple[str | list[frozenset[str]] | None, int]:
    """A literal character, a group's requirements, or None for any other atom."""
    char = pattern[at]
    if char == "(":
        if pattern.startswith("(?:", at):
            at += 3
        elif pattern.startswith("(?P<", at):
            at = pattern.index(">", at) + 1
        elif pattern.startswith("(?", at):
            raise ValueError("flags or a lookaround")
        else:
            at += 1
        required, at = _read_alternatives(pattern, at)
        if pattern[at : at + 1] != ")":
            raise ValueError("unclosed group")
        return required, at + 1
    if char == "[":
        at += 2 if pattern.startswith("[^", at) else 1
        if pattern[at : at + 1] == "]":
            raise ValueError("class starting with ]")
        while pattern[at : at + 1] != "]":
            if pattern[at : at + 1] in ("[", ""):
                raise ValueError("nested or unclosed class")
            at += 2 if pattern[at] == "\\" else 1
        return None, at + 1
    if char == "\\":
        escaped = pattern[at + 1 : at + 2]
        if escaped in ("p", "P") and pattern.startswith("{", at + 2):
            return None, pattern.index("}", at) + 1
        if escaped and escaped in "bBdDsSwW":
            return None, at + 2
        if not escaped or escaped.isalnum():
            raise ValueError("escape")
        return escaped, at + 2
    if char in ".^$":
        return None, at + 1
    if char in "?*+{}[]":
        raise ValueError("quantifier or bracket out of place")
    return char, at + 1


def _read_quantifier(pattern: str, at: int) -> tuple[int | None, int]:
    """The least number of repeats the quantifier at `at` allows (None: no quantifier)."""
    found = QUANTIFIER.match(pattern, at)
    if found is None:
        return None, at
    at = found.end() + (pattern[found.end() : found.end() + 1] in ("?", "+"))
    if found.group("symbol"):
        return (1 if found.group("symbol") == "+" else 0), at
    return int(found.group("least") or 0), at
