"""Scoring eventscope against gold sets: PETRARCH2 validation records, PLOVER gold
standard records (`petrarch2`, `plover`) and ECB+ story clusters (`stories`)."""
