"""Agreements: memoranda, accords and treaties found in an article (`find_agreements`) and
merged across the articles that report them (`merge_agreements`)."""

from eventscope.agreements.finder import (
    find_agreements,
    kind_in_sentence,
    load_cues,
    merge_agreements,
)

__all__ = ["find_agreements", "kind_in_sentence", "load_cues", "merge_agreements"]
