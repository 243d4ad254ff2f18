"""Sentence triage: which sentences are worth a full parse.

Parsing is most of the cost of a run, yet most news sentences can carry neither an event
nor an agreement. An event needs a verb the coder can code and an actor. A cheap look at
each sentence (spaCy tokens from the sentence splitter, no tagger/parser/NER) decides, in
two rounds per article:

1. anchors: a sentence naming an agreement ("memorandum", "treaty") or a dictionary
   actor (country, demonym, capital, known person or group), or a role ("minister",
   "spokesman") beside a capitalised name, or an abbreviated title or a tag marking a
   person ("Sen. Feinstein (D-Calif.)"), with a codable verb, is parsed. Actor
   sentences are parsed even without a codable verb: the actors stage learns from them
   who the people of the article are ("John Kerry" there makes "Mr Kerry" an actor
   later; leaving them out lost 4% of events on held-out BBC articles);
2. followers: a sentence with a codable verb and a name seen in the parsed anchors (a
   person's surname, an organisation, an acronym) is parsed too, and so is one with "he",
   "she", "his" or "they" right after a parsed sentence (its person or group is named there).

A verb is codable when one of the forms the model's rule lemmatiser could give it is a
verb of the coder's dictionary with a default code (light verbs such as "make" have none)
or with a pattern whose words all occur in the sentence ("be at war" needs "war").
Other sentences keep empty tokens (`Sentence.parsed` is False); the actors, events and
agreements stages skip them. Setting `nlp.parse: all` parses everything instead.
`bench/triage.py` measures what this saves and loses against parsing everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from eventscope.errors import SettingsError
from eventscope.nlp.analyse import load_pipeline
from eventscope.records import Entity
from eventscope.settings import Settings

NAME_LABELS = frozenset({"PERSON", "ORG"})
# Pronouns that stand for an actor named just before (a person, or a group for "they").
REFERRING_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "they"})
PARSE_MODES = ("candidates", "all")
FORMS_LIMIT = 200_000  # words whose lemma forms are remembered before starting afresh


class NamedSpan(Protocol):
    """A dictionary match in a sentence's text: an actor, or a role word ("minister")."""

    @property
    def is_role(self) -> bool: ...


class VerbNeeds(Protocol):
    """What the coder needs before a verb form can give a code (`events.verbs.VerbNeeds`)."""

    @property
    def default(self) -> bool: ...

    def met_by_pattern(self, vocabulary: set[str]) -> bool: ...


@dataclass(frozen=True)
class LemmaRules:
    """The rule lemmatiser's tables for one part of speech: exceptions, then suffix rules."""

    exceptions: dict[str, list[str]]
    rules: tuple[tuple[str, str], ...]

    def candidates(self, word: str) -> list[str]:
        """Every lemma the lemmatiser could give `word` with this part of speech."""
        found = list(self.exceptions.get(word, ()))
        found += [word[: len(word) - len(old)] + new for old, new in self.rules if word.endswith(old)]
        return found


@dataclass(frozen=True)
class SentenceTriage:
    """The cheap tests of one process. What the later stages look for (actors, codable
    verbs, agreement kinds) comes in as callables and tables (see `load_triage`)."""

    find_actors: Callable[[str], Sequence[NamedSpan]]
    names_a_person: Callable[[str], bool]
    agreement_kind: Callable[[str], object | None]
    verb_needs: Mapping[str, VerbNeeds]
    pattern_only: frozenset[str]
    verb_lemmas: LemmaRules
    noun_lemmas: LemmaRules
    stop_words: frozenset[str]
    _forms: dict[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict, compare=False)

    def is_anchor(self, sentence, text: str) -> bool:
        """A sentence naming an agreement or a dictionary actor, or a role beside a name
        and a codable verb (`sentence` is a spaCy Span, `text` its text)."""
        if self.agreement_kind(text) is not None:
            return True
        spans = self.find_actors(text)
        if any(not span.is_role for span in spans):
            return True
        if (spans and self.names_someone(sentence)) or self.names_a_person(text):
            return self.can_code(sentence)
        return False

    def names_someone(self, sentence) -> bool:
        """A capitalised word past the first: a role alone ("the company said") rarely
        refers to an actor the parse could resolve; beside a name it does."""
        return any(token.text[:1].isupper() for token in sentence[1:])

    def is_follower(self, sentence, names: set[str]) -> bool:
        """A sentence with a codable verb and a name already known from the article's anchors."""
        if not any(token.text[:1].isupper() and token.lower_ in names for token in sentence):
            return False
        return self.can_code(sentence)

    def refers_back(self, sentence) -> bool:
        """A sentence with "he", "she", "his" or "they" right after a parsed sentence: its
        person or group is likely named there ("Heydari said ... He discussed", "The Tories
        ... They said"), and it passes them on to the next ("He added ...") even when it
        codes nothing itself."""
        return any(token.lower_ in REFERRING_PRONOUNS for token in sentence)

    def can_code(self, sentence) -> bool:
        """True when some word of the sentence may be a verb the coder can code here."""
        words = {token.lower_ for token in sentence}
        vocabulary = set(words)
        for word in words:
            vocabulary |= self.forms(word)[1]
        for word in words:
            verbs = self.forms(word)[0]
            plain = self.pattern_only.isdisjoint(verbs)
            for form in verbs:
                needs = self.verb_needs.get(form)
                if needs is not None and ((needs.default and plain) or needs.met_by_pattern(vocabulary)):
                    return True
        return False

    def forms(self, word: str) -> tuple[frozenset[str], frozenset[str]]:
        """`word` with the lemmas it could have as a verb, and with those it could have at all."""
        found = self._forms.get(word)
        if found is None:
            if len(self._forms) > FORMS_LIMIT:
                self._forms.clear()  # bounded memory on any corpus
            verbs = frozenset([word, *self.verb_lemmas.candidates(word)])
            found = (verbs, verbs | frozenset(self.noun_lemmas.candidates(word)))
            self._forms[word] = found
        return found

    def name_words(self, entities: Iterable[Entity]) -> set[str]:
        """Lower-cased capitalised words of people and organisations: what other sentences refer by."""
        return {
            word.lower()
            for entity in entities
            if entity.label in NAME_LABELS
            for word in entity.text.split()
            if word[:1].isupper() and len(word) > 1 and word.lower() not in self.stop_words
        }


def triage_wanted(settings: Settings) -> bool:
    """Whether `nlp.parse` asks for the triage (`candidates`) rather than a parse of every sentence (`all`)."""
    mode = settings.get("nlp.parse")
    if mode not in PARSE_MODES:
        raise SettingsError(f"nlp.parse must be one of {', '.join(PARSE_MODES)}, not {mode!r}")
    return mode == "candidates"


def load_triage(
    settings: Settings,
    *,
    find_actors: Callable[[str], Sequence[NamedSpan]],
    names_a_person: Callable[[str], bool],
    agreement_kind: Callable[[str], object | None],
    verb_needs: Mapping[str, VerbNeeds],
    pattern_only: frozenset[str],
) -> SentenceTriage:
    """The triage of the settings' model, told by the later stages what they look for (so
    it imports none of them): `find_actors` gives a text's dictionary matches and
    `names_a_person` whether it marks someone by a title or tag the dictionary may not know
    (actors),
    `agreement_kind` the agreement kind a text names or None (agreements), `verb_needs`
    what each verb form of the coder's dictionary needs and `pattern_only` the verbs only
    a pattern codes (events)."""
    nlp = load_pipeline(settings.get("nlp.model"))
    return SentenceTriage(
        find_actors=find_actors,
        names_a_person=names_a_person,
        agreement_kind=agreement_kind,
        verb_needs=verb_needs,
        pattern_only=pattern_only,
        verb_lemmas=_lemma_rules(nlp, "verb"),
        noun_lemmas=_lemma_rules(nlp, "noun"),
        stop_words=frozenset(nlp.Defaults.stop_words),
    )


def _lemma_rules(nlp, pos: str) -> LemmaRules:
    """The pipeline's rule-lemmatiser tables for `pos` (empty without a rule lemmatiser)."""
    if "lemmatizer" not in nlp.pipe_names:
        return LemmaRules({}, ())
    lookups = nlp.get_pipe("lemmatizer").lookups
    exceptions = lookups.get_table("lemma_exc").get(pos, {}) if lookups.has_table("lemma_exc") else {}
    rules = lookups.get_table("lemma_rules").get(pos, []) if lookups.has_table("lemma_rules") else []
    return LemmaRules(dict(exceptions), tuple((old, new) for old, new in rules))
