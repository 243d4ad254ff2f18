"""Language analysis: sentences, tokens, parses and entities from spaCy (`analyse`), with the
triage that parses only the sentences that can carry an event or name an actor."""

from eventscope.nlp.analyse import analyse, load_pipeline

__all__ = ["analyse", "load_pipeline"]
