"""Alliances: whether a pair of parties amounts to an alliance, in ATOP's and DCAD's terms,
with the sentences that show it (`assess_alliance`)."""

from eventscope.alliance.assess import assess_alliance, check_party
from eventscope.alliance.format import format_alliance
from eventscope.alliance.records import AllianceAssessment

__all__ = ["AllianceAssessment", "assess_alliance", "check_party", "format_alliance"]
