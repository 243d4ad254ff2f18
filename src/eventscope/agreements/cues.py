"""The cue tables of the agreements register, compiled once from `data/agreements.yaml`.

Kinds of agreement, status words, the words that mark parties, places and persons,
provision labels and the merge window are data; this module only turns them into patterns
and sets.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import regex
import yaml

from eventscope.common.patterns import alternation, words_pattern
from eventscope.records import Actor, AgreementStatus

CUES_FILE = "agreements.yaml"
STATUS_ORDER: tuple[AgreementStatus, ...] = ("proposed", "signed", "implemented")
# Statuses of an agreement already signed: only these sentences tell its signatories, place and date.
SIGNED: tuple[AgreementStatus, ...] = ("signed", "implemented")


@dataclass(frozen=True)
class Kind:
    """`reference` kinds ("the document") only point back to an agreement already named;
    without `places_on_noun`, "in X" on the noun is where the agreement applies ("a ceasefire
    in Idlib"), not where it was signed."""

    family: str
    rank: int
    reference: bool = False
    places_on_noun: bool = True


@dataclass(frozen=True)
class Cues:
    """The compiled contents of `agreements.yaml`."""

    kinds: dict[str, Kind]
    kind_patterns: list[tuple[re.Pattern[str], str, bool]]  # (pattern, kind name, plural)
    any_kind: regex.Pattern[str]  # all of them at once: most sentences name no agreement
    generic_family: str
    status_verbs: dict[str, AgreementStatus]
    object_verbs: frozenset[str]
    status_phrases: list[tuple[re.Pattern[str], AgreementStatus]]
    modals: frozenset[str]
    definite_words: frozenset[str]
    distinct_words: frozenset[str]
    failure_verbs: frozenset[str]
    pair_references: re.Pattern[str]
    pair_lookback: int
    negations: frozenset[str]
    reporting_verbs: frozenset[str]
    place_prepositions: frozenset[str]
    party_prepositions: frozenset[str]
    non_party_sectors: frozenset[str]
    organisation_parties: dict[str, str]  # CAMEO actor code -> party code (NATO, EU)
    dateline: re.Pattern[str]
    person_titles: tuple[str, ...]
    provisions: list[tuple[str, re.Pattern[str]]]
    window_days: int  # reports' dates this many days apart or less agree

    def family_of(self, kind: str) -> str:
        """The kind's family; a kind no longer in the cue table (a stored record) is its own."""
        return self.kinds[kind].family if kind in self.kinds else kind

    def families_compatible(self, first: str, second: str) -> bool:
        """The generic family joins every other: "the agreement" may be the memorandum."""
        return first == second or self.generic_family in (first, second)

    def party_of(self, actor: Actor) -> str | None:
        """The party code of an actor: its country's ISO-3 code, or an organisation's code."""
        return actor.country or self.organisation_parties.get(actor.code or "")

    def kind_rank(self, kind: str) -> int:
        """How specific a kind is; a kind no longer in the cue table (a stored record) ranks lowest."""
        return self.kinds[kind].rank if kind in self.kinds else 0


def status_rank(status: AgreementStatus | None) -> int:
    """How far an agreement has come (-1 without a status)."""
    return STATUS_ORDER.index(status) if status else -1


@functools.lru_cache(maxsize=1)
def load_cues() -> Cues:
    """Read and compile the cue tables once per process."""
    text = resources.files("eventscope.data").joinpath(CUES_FILE).read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    kinds = {
        name: Kind(family=spec["family"], rank=int(spec["rank"]),
                   reference=bool(spec.get("reference", False)),
                   places_on_noun=bool(spec.get("places_on_noun", True)))
        for name, spec in data["kinds"].items()
    }
    kind_patterns = [
        (words_pattern([pattern]), name, plural)
        for name, spec in data["kinds"].items()
        for plural, key in ((False, "singular"), (True, "plural"))
        for pattern in spec.get(key, [])
    ]
    status_verbs: dict[str, AgreementStatus] = {}
    object_verbs: set[str] = set()
    status_phrases = []
    for status in STATUS_ORDER:
        spec = data["status"][status]
        status_verbs.update({verb: status for verb in spec.get("verbs", [])})
        status_verbs.update({verb: status for verb in spec.get("object_verbs", [])})
        object_verbs.update(spec.get("object_verbs", []))
        status_phrases += [(words_pattern([phrase]), status) for phrase in spec.get("phrases", [])]
    return Cues(
        kinds=kinds,
        kind_patterns=kind_patterns,
        # The `regex` module searches this long case-blind alternation twice as fast as `re`
        # (the triage asks it of every sentence); the kind patterns then decide.
        any_kind=regex.compile(alternation([pattern for spec in data["kinds"].values()
                                             for key in ("singular", "plural") for pattern in spec.get(key, [])]),
                               regex.IGNORECASE),
        generic_family=data["generic_family"],
        status_verbs=status_verbs,
        object_verbs=frozenset(object_verbs),
        status_phrases=status_phrases,
        modals=frozenset(data["modals"]),
        definite_words=frozenset(data["definite_words"]),
        distinct_words=frozenset(data["distinct_words"]),
        failure_verbs=frozenset(data["failure_verbs"]),
        pair_references=words_pattern(data["pair_references"]),
        pair_lookback=int(data["pair_lookback"]),
        negations=frozenset(data["negations"]),
        reporting_verbs=frozenset(data["reporting_verbs"]),
        place_prepositions=frozenset(data["place_prepositions"]),
        party_prepositions=frozenset(data["party_prepositions"]),
        non_party_sectors=frozenset(data["non_party_sectors"]),
        organisation_parties=dict(data["organisation_parties"]),
        dateline=re.compile(data["dateline"]),
        person_titles=tuple(sorted((t.lower() for t in data["person_titles"]), key=len, reverse=True)),
        provisions=[(label, words_pattern(patterns)) for label, patterns in data["provisions"].items()],
        window_days=int(data["merge"]["window_days"]),
    )
