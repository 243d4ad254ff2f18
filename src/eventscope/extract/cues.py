"""The boilerplate cues: the patterns of `data/boilerplate.yaml`, each naming a kind of page
furniture (share lines, paywall boxes, comment sections, bylines), compiled once."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

import regex
import yaml

from eventscope.extract.prefilter import fold, required_words

BOILERPLATE_FILE = "boilerplate.yaml"
CUE_FLAGS = regex.IGNORECASE | regex.V0


@dataclass(frozen=True)
class Cue:
    """One boilerplate pattern with the kind of furniture it names."""

    kind: str
    pattern: regex.Pattern
    why: str
    anywhere: bool = False  # metadata cues: also read inside the page's trailing part
    words: tuple[str, ...] = ()  # every match contains one of these (folded), when known


@dataclass(frozen=True)
class Cues:
    """The compiled contents of `boilerplate.yaml`."""

    drop: tuple[Cue, ...]
    tail: tuple[Cue, ...]
    box: tuple[Cue, ...]
    strip_prefix: tuple[Cue, ...]
    byline: tuple[Cue, ...]
    outlet: tuple[Cue, ...]
    date_label: regex.Pattern
    updated_label: regex.Pattern

    def first(self, cues: Iterable[Cue], text: str) -> Cue | None:
        """The first of `cues` that matches `text` (the prefilter skips those that cannot)."""
        folded = fold(text)
        for cue in cues:
            if cue.words and not any(map(folded.__contains__, cue.words)):
                continue  # cannot match: the text lacks the cue's words
            if cue.pattern.search(text):
                return cue
        return None


def _compile(entries: Iterable[dict], kind: str) -> tuple[Cue, ...]:
    """The cues of `entries`. A pattern anchored at the start of a block fails at once on
    most blocks; one that may match anywhere scans the whole block, so it is only searched
    in blocks that have one of its words."""
    return tuple(
        Cue(
            kind,
            regex.compile(entry["pattern"], CUE_FLAGS),
            entry["why"],
            entry.get("anywhere", False),
            () if entry["pattern"].startswith("^") else required_words(entry["pattern"]),
        )
        for entry in entries
    )


@functools.lru_cache(maxsize=1)
def load_cues() -> Cues:
    """Read and compile the boilerplate cues once per process."""
    text = resources.files("eventscope.data").joinpath(BOILERPLATE_FILE).read_text("utf-8")
    data = yaml.safe_load(text)
    drop = tuple(cue for kind, entries in data["drop"].items() for cue in _compile(entries, kind))
    meta = data["metadata"]
    return Cues(
        drop=drop,
        tail=_compile(data["tail"], "tail"),
        box=_compile(data["box"], "box"),
        strip_prefix=_compile(data["strip_prefix"], "dateline"),
        byline=_compile(meta["byline"], "byline"),
        outlet=_compile(meta["outlet"], "outlet"),
        date_label=regex.compile(meta["date_label"], regex.IGNORECASE),
        updated_label=regex.compile(meta["updated_label"], regex.IGNORECASE),
    )
