"""Sentence triage: which sentences are worth a full parse.

Parsing is most of the cost of a run, yet most news sentences can carry neither an event
nor an agreement. A cheap look at each sentence (spaCy tokens from the sentence splitter,
no tagger/parser/NER) decides, in two rounds per article:

1. anchors: a sentence naming a dictionary actor (country, demonym, capital, known
   person or group) or an agreement ("memorandum", "treaty"), or a role ("minister",
   "spokesman") next to a trigger word, is parsed: the actors stage learns from it who
   the people and organisations of the article are;
2. followers: a sentence with a trigger word (a form of a verb in the event coder's
   dictionary, lemmatised with the model's own lemma tables) and a name seen in the
   parsed anchors (a person's surname, an organisation, an acronym) is parsed too.

Other sentences keep empty tokens (`Sentence.parsed` is False); the actors, events and
agreements stages skip them. Setting `nlp.parse: all` parses everything instead.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from eventscope import actors, agreements
from eventscope.actor_kb import ActorKB
from eventscope.agreements import Cues
from eventscope.records import Entity
from eventscope.settings import Settings

log = logging.getLogger(__name__)

NAME_LABELS = frozenset({"PERSON", "ORG"})
PARSE_MODES = ("candidates", "all")


@dataclass(frozen=True)
class SentenceTriage:
    """The cheap tests of one process: actor dictionary, trigger forms and agreement cues."""

    actor_kb: ActorKB
    trigger_forms: frozenset[str]
    verb_exceptions: dict[str, list[str]]
    verb_rules: tuple[tuple[str, str], ...]
    agreement_cues: Cues
    stop_words: frozenset[str]

    def is_anchor(self, sentence) -> bool:
        """A sentence naming a dictionary actor, a role or an agreement (`sentence` is a spaCy Span)."""
        text = sentence.text
        spans = actors.find_actor_spans(text, self.actor_kb)
        if any(not span.is_role for span in spans):
            return True
        if agreements.kind_in_sentence(text, self.agreement_cues) is not None:
            return True
        return bool(spans) and self.has_trigger(sentence)

    def is_follower(self, sentence, names: set[str]) -> bool:
        """A sentence with a trigger word and a name already known from the article's anchors."""
        if not any(token.text[:1].isupper() and token.lower_ in names for token in sentence):
            return False
        return self.has_trigger(sentence)

    def has_trigger(self, sentence) -> bool:
        return any(self.is_trigger(token.lower_) for token in sentence)

    def is_trigger(self, word: str) -> bool:
        """True when a lemma the model's rule lemmatiser could give `word` is a trigger form."""
        if word in self.trigger_forms:
            return True
        if any(lemma in self.trigger_forms for lemma in self.verb_exceptions.get(word, ())):
            return True
        return any(
            word.endswith(old) and word[: len(word) - len(old)] + new in self.trigger_forms
            for old, new in self.verb_rules
        )


    def name_words(self, entities: Iterable[Entity]) -> set[str]:
        """Lower-cased capitalised words of people and organisations: what other sentences refer by."""
        return {
            word.lower()
            for entity in entities
            if entity.label in NAME_LABELS
            for word in entity.text.split()
            if word[:1].isupper() and len(word) > 1 and word.lower() not in self.stop_words
        }


def load_triage(settings: Settings, actor_kb: ActorKB, coder) -> SentenceTriage | None:
    """The triage for these settings, or None when `nlp.parse` is `all`."""
    from eventscope.errors import SettingsError
    from eventscope.nlp import load_pipeline

    mode = settings.get("nlp.parse", "candidates")
    if mode not in PARSE_MODES:
        raise SettingsError(f"nlp.parse must be one of {', '.join(PARSE_MODES)}, not {mode!r}")
    if mode == "all":
        return None
    nlp = load_pipeline(settings.get("nlp.model"))
    exceptions: dict[str, list[str]] = {}
    rules: list[tuple[str, str]] = []
    if "lemmatizer" in nlp.pipe_names:
        lookups = nlp.get_pipe("lemmatizer").lookups
        if lookups.has_table("lemma_exc"):
            exceptions = dict(lookups.get_table("lemma_exc").get("verb", {}))
        if lookups.has_table("lemma_rules"):
            rules = [(old, new) for old, new in lookups.get_table("lemma_rules").get("verb", [])]
    return SentenceTriage(
        actor_kb=actor_kb,
        trigger_forms=frozenset(form for form in coder.verbs.forms if " " not in form),
        verb_exceptions=exceptions,
        verb_rules=tuple(rules),
        agreement_cues=agreements.load_cues(),
        stop_words=frozenset(nlp.Defaults.stop_words),
    )
