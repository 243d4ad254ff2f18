"""Agreements: memoranda, accords and treaties found in an article (`find_agreements`) and
merged across the articles that report them (`merge_agreements`)."""

from eventscope.agreements.cues import Cues, load_cues
from eventscope.agreements.finder import find_agreements
from eventscope.agreements.merge import merge_agreements
from eventscope.agreements.sentences import kind_in_sentence

__all__ = ["Cues", "find_agreements", "kind_in_sentence", "load_cues", "merge_agreements"]
