"""Signatories' names as strings: titles taken off, and spellings of one person told apart
from other people across outlets ("Hossein Dehghan", "Hossein Dehqan", "Dehghan").

The thresholds (`merge.name_score`, `surname_score`, `forename_score`), titles and name
particles are in `data/agreements.yaml`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rapidfuzz import fuzz

from eventscope.agreements.cues import Cues, load_cues


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


def _name_parts(name: str, cues: Cues) -> list[str]:
    """Lower-case words of a name without particles that outlets keep or drop ("al-Hiyali")."""
    words = name.lower().replace("-", " ").split()
    return [w for w in words if w not in cues.name_particles]


def same_person(first: str, second: str, cues: Cues | None = None) -> bool:
    """True for spellings of one name ("Hossein Dehghan", "Hossein Dehqan", "Dehghan")."""
    cues = cues or load_cues()
    a, b = _name_parts(first, cues), _name_parts(second, cues)
    if not a or not b:
        return first == second
    if fuzz.ratio(" ".join(a), " ".join(b)) >= cues.merge["name_score"]:
        return True
    if fuzz.ratio(a[-1], b[-1]) < cues.merge["surname_score"]:
        return False
    return len(a) == 1 or len(b) == 1 or fuzz.ratio(a[0], b[0]) >= cues.merge["forename_score"]


def merge_signatories(names: Iterable[str], cues: Cues | None = None) -> list[str]:
    """One name per person: the most reported spelling, then the longest, then alphabetical."""
    counts = Counter(names)
    ordered = sorted(counts, key=lambda n: (-counts[n], -len(n), n))
    people: list[list[str]] = []
    for name in ordered:
        group = next((g for g in people if any(same_person(name, other, cues) for other in g)), None)
        if group is None:
            people.append([name])
        else:
            group.append(name)
    return sorted(group[0] for group in people)
