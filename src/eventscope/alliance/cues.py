"""The cue tables of the alliance assessment, compiled once from `data/alliance.yaml`.

Obligation types and their phrases, the words that deny or propose, where clauses end,
and which provision labels are defence cooperation are data; this module only turns them
into patterns.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from eventscope.common.patterns import words_pattern

CUES_FILE = "alliance.yaml"


@dataclass(frozen=True)
class ObligationType:
    """An ATOP obligation: its phrases, the verdict it supports, and what the sentence must
    also speak of (`requires`, None when nothing)."""

    name: str
    verdict: str
    cues: tuple[re.Pattern[str], ...]
    requires: re.Pattern[str] | None


@dataclass(frozen=True)
class AllianceCues:
    """The compiled contents of `alliance.yaml`; `obligations` are strongest first."""

    obligations: tuple[ObligationType, ...]
    negations: re.Pattern[str]
    proposals: re.Pattern[str]
    clause_breaks: re.Pattern[str]
    side_clauses: re.Pattern[str]
    trailing_words: int
    trailing_negations: re.Pattern[str]
    trailing_proposals: re.Pattern[str]
    defence_cooperation: tuple[str, ...]
    cooperation_verdict: str
    no_tie_verdict: str
    proposal_modalities: frozenset[str]
    proposal_quad_classes: frozenset[int]

    @property
    def verdicts(self) -> tuple[str, ...]:
        """Every verdict, strongest first."""
        return (*(o.verdict for o in self.obligations), self.cooperation_verdict, self.no_tie_verdict)


def _raw(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def load_alliance_cues() -> AllianceCues:
    """Read and compile the cue tables once per process."""
    text = resources.files("eventscope.data").joinpath(CUES_FILE).read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    obligations = tuple(
        ObligationType(
            name=name,
            verdict=spec["verdict"],
            cues=tuple(words_pattern([cue]) for cue in spec["cues"]),
            requires=words_pattern(spec["requires"]) if spec.get("requires") else None,
        )
        for name, spec in data["obligations"].items()
    )
    return AllianceCues(
        obligations=obligations,
        negations=words_pattern(data["negations"]),
        proposals=words_pattern(data["proposals"]),
        clause_breaks=_raw(data["clause_breaks"]),
        side_clauses=_raw(data["side_clauses"]),
        trailing_words=int(data["trailing_words"]),
        trailing_negations=words_pattern(data["trailing_negations"]),
        trailing_proposals=words_pattern(data["trailing_proposals"]),
        defence_cooperation=tuple(data["defence_cooperation"]),
        cooperation_verdict=data["cooperation_verdict"],
        no_tie_verdict=data["no_tie_verdict"],
        proposal_modalities=frozenset(data["proposal_modalities"]),
        proposal_quad_classes=frozenset(int(q) for q in data["proposal_quad_classes"]),
    )
