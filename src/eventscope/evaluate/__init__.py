"""Scoring eventscope against gold sets: PETRARCH2 validation records, PLOVER gold standard
records (`petrarch2`, `plover`), ECB+ story clusters (`stories`) and the real-news event set
of this repository (`realnews`)."""
