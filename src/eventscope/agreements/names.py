"""Signatories' names as strings: titles taken off, and one spelling kept per person across
outlets ("Hossein Dehghan", "Hossein Dehqan", "Dehghan").

Spellings are compared by the one name matcher, `common.names.same_name`; a lone surname is
a signatory of the same agreement whose surname it matches. The titles are in
`data/agreements.yaml`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from eventscope.agreements.cues import Cues
from eventscope.common.names import same_name


def clean_person_name(name: str, cues: Cues) -> str:
    """A person's name without leading titles ("Major General Erfan al-Hiyali" -> "Erfan al-Hiyali")."""
    words = name.strip(" ,.'\"“”‘’").split()
    stripped = True
    while stripped and len(words) > 1:
        stripped = False
        lowered = " ".join(words).lower()
        for title in cues.person_titles:
            if lowered.startswith(title + " "):
                words = words[len(title.split()):]
                stripped = True
                break
    return " ".join(words)


def same_signatory(first: str, second: str) -> bool:
    """True for spellings of one signatory ("Hossein Dehghan", "Hossein Dehqan", "Dehghan")."""
    return same_name(first, second, lone_surname=True)


def merge_signatories(names: Iterable[str]) -> list[str]:
    """One name per person: the most reported spelling, then the longest, then alphabetical."""
    counts = Counter(names)
    ordered = sorted(counts, key=lambda n: (-counts[n], -len(n), n))
    people: list[list[str]] = []
    for name in ordered:
        group = next((g for g in people if any(same_signatory(name, other) for other in g)), None)
        if group is None:
            people.append([name])
        else:
            group.append(name)
    return sorted(group[0] for group in people)
