"""Names compared up to spelling: the one matcher every stage uses for people and acronyms.

A person's name is compared through a transliteration-aware key (rules in
`data/actors/transliteration.yaml`): Dehghan and Dehqan, Suleimani and Soleimani give the
same or a very close key, and rapidfuzz decides what "very close" is. Two full names are
one person when first and last names agree, or when one name is the end of the other; a
lone surname is a person only where the names are known to belong together (the signatories
of one agreement), since across a corpus it may name several people.
Organisations are compared through their short forms ("PMUs" -> "PMU", "Islamic
Revolutionary Guard Corps" -> "IRGC").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

import yaml
from rapidfuzz import fuzz

from eventscope.records import Actor

# -- person names ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Transliteration:
    """Spelling rules of person names: key substitutions and how close two keys must be."""

    substitutions: tuple[tuple[re.Pattern[str], str], ...]
    min_ratio: float
    max_dropped_letters: int


@functools.lru_cache(maxsize=1)
def transliteration() -> Transliteration:
    """The rules, read once per process: package data, the same for every run and setting."""
    text = resources.files("eventscope.data").joinpath("actors", "transliteration.yaml").read_text("utf-8")
    config = yaml.safe_load(text)
    rules = tuple((re.compile(pattern), replacement) for pattern, replacement in config["substitutions"])
    return Transliteration(rules, float(config["min_ratio"]), int(config["max_dropped_letters"]))


def ascii_fold(text: str) -> str:
    """Strip diacritics: `Brasília` -> `Brasilia`."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """A spelling-tolerant key: Dehghan and Dehqan, Suleimani and Soleimani give the same key."""
    text = ascii_fold(name).lower()
    for pattern, replacement in transliteration().substitutions:
        text = pattern.sub(replacement, text)
    return text.strip()


def is_latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ord(ch) < 0x250 for ch in letters)


@functools.lru_cache(maxsize=1 << 16)
def name_forms(names: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Each Latin-script name as a tuple of name-key tokens (other scripts are not compared)."""
    forms = (tuple(name_key(name).split()) for name in dict.fromkeys(names) if is_latin(name))
    return tuple(form for form in forms if form)


def person_names(actor: Actor) -> tuple[tuple[str, ...], ...]:
    """Each Latin-script alias as a tuple of name-key tokens."""
    return name_forms((actor.name, *actor.aliases))


def surname_compatible(a: str, b: str, rules: Transliteration) -> bool:
    """Same surname up to spelling: close keys, or one extends the other by a letter or so."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if long.startswith(short) and len(long) - len(short) <= rules.max_dropped_letters and len(short) >= 4:
        return True
    return fuzz.ratio(a, b) >= rules.min_ratio and a[0] == b[0]


def full_names_agree(x: tuple[str, ...], y: tuple[str, ...], rules: Transliteration) -> bool:
    """Two full names (key tokens, two words or more) that agree up to spelling: first and
    last names both compatible, or one name is the end of the other ("Abbas Ibrahim" in
    "Tariq Abbas Ibrahim"). A lone surname agrees with nothing here."""
    if len(x) < 2 or len(y) < 2:
        return False
    if surname_compatible(x[-1], y[-1], rules) and surname_compatible(x[0], y[0], rules):
        return True
    short, long = sorted((x, y), key=len)
    return len(short) < len(long) and all(
        surname_compatible(p, q, rules) for p, q in zip(short, long[len(long) - len(short) :])
    )


def same_person(a: Actor, b: Actor, rules: Transliteration) -> bool:
    """Whether any full name of one actor agrees with any full name of the other."""
    return any(full_names_agree(x, y, rules) for x in person_names(a) for y in person_names(b))


def same_name(first: str, second: str, rules: Transliteration | None = None, *, lone_surname: bool = False) -> bool:
    """Whether two written names are one person by the rules of `same_person`, for stages
    that hold names rather than actors ("Hossein Dehghan", "Hossein Dehqan").

    With `lone_surname`, a one-word name is also the person whose surname it matches
    ("Dehghan" = "Hossein Dehqan"): right for names already known to belong together (the
    signatories of one agreement), not for a whole corpus, where `merge_actors` must first
    see whether the surname is ambiguous.
    """
    rules = rules or transliteration()
    for x in name_forms((first,)):
        for y in name_forms((second,)):
            if full_names_agree(x, y, rules):
                return True
            if lone_surname and min(len(x), len(y)) == 1 and surname_compatible(x[-1], y[-1], rules):
                return True
    return False


# -- organisation short forms ---------------------------------------------------------------------


def acronym_key(text: str) -> str:
    """`PMUs` -> `PMU`, `U.N.` -> `UN`: the comparable form of a short upper-case name."""
    compact = re.sub(r"[^A-Za-z]", "", text)
    if len(compact) > 2 and compact.endswith("s") and compact[:-1].isupper():
        compact = compact[:-1]
    return compact.upper() if compact.isupper() else ""


def abbreviates(short: str, text_before: str) -> bool:
    """Whether `short` ("PMUs") fits the words just before it ("Popular Mobilization Units")."""
    letters = acronym_key(short)
    if not letters:
        return False
    words = re.findall(r"[A-Za-z]+", text_before)[-len(letters) - 3 :]
    capitals = [w[0].upper() for w in words if w[0].isupper()]
    return "".join(capitals).endswith(letters) or letters in initials(" ".join(words))


def initials(name: str) -> str:
    """`Islamic Revolutionary Guard Corps` -> `IRGC` (function words skipped)."""
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in {"of", "the", "and", "for", "al"}]
    return "".join(w[0] for w in words).upper() if len(words) >= 2 else ""
