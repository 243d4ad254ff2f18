"""Events: who did what to whom, coded in CAMEO and PLOVER over the dependency parse
(`code_events`), with modality, attribution, date, place, evidence span and rule."""

from eventscope.events.coder import code_events, load_coder

__all__ = ["code_events", "load_coder"]
