"""Events told by a noun: a support verb whose object names the act.

News tells many acts as nouns: "police made several arrests", "launched an attack on the
camp", "paid tribute to", "filed a lawsuit against". The verb dictionary codes the verb,
and a support verb ("make", "launch", "pay") has no code of its own, so these acts were
lost. Here the noun (`data/cameo/event_nouns.yaml`) gives the code: through the verb it
names, whose patterns read the words after the noun ("an attack on X" like "attack X"),
or a code of its own. The support verb keeps tense, negation, modality and the actors.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources

import yaml

from eventscope.common.parse import DependencyParse
from eventscope.events.verbs import VerbDictionary, VerbNeeds, VerbPattern, match_pattern
from eventscope.records import Token

EVENT_NOUNS_FILE = "event_nouns.yaml"


@dataclass(frozen=True)
class EventNoun:
    """How one noun codes: through `verb`'s dictionary entry, or `code`; `by` overrides
    either for particular support verbs (a None there: no event with that verb)."""

    verb: str | None = None
    code: str | None = None
    by: Mapping[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class NounCoding:
    """What a noun gave: the code, the rule that names the noun, and the noun itself."""

    code: str
    rule: str
    noun: Token
    pattern: VerbPattern | None
    matched: list[Token]


@dataclass(frozen=True)
class EventNouns:
    support_verbs: frozenset[str]
    nouns: Mapping[str, EventNoun]
    quantity_nouns: frozenset[str] = frozenset()

    def code(
        self, parse: DependencyParse, verb: Token, objects: Sequence[Token], dictionary: VerbDictionary,
        clause: Sequence[Token],
    ) -> NounCoding | None:
        """The code of the first event noun among the support verb's `objects`."""
        support = verb.lemma.lower()
        if support not in self.support_verbs:
            return None
        for noun in [self._counted(parse, o) for o in objects]:
            entry = self.nouns.get(noun.lemma.lower())
            if entry is None or noun.pos not in ("NOUN", "PROPN"):
                continue
            if support in entry.by:
                code = entry.by[support]
                return NounCoding(code, f"NOUN-{noun.lemma.lower()}+{support}", noun, None, []) if code else None
            if entry.code:
                return NounCoding(entry.code, f"NOUN-{noun.lemma.lower()}", noun, None, [])
            if entry.verb:
                return self.through_verb(parse, noun, entry.verb, dictionary, clause)
        return None

    def _counted(self, parse: DependencyParse, noun: Token) -> Token:
        """"a string of arrests" -> "arrests"; any other noun is itself."""
        if noun.lemma.lower() not in self.quantity_nouns:
            return noun
        of = next((c for c in parse.children[noun.i] if c.dep == "prep" and c.lemma.lower() == "of"), None)
        counted = parse.child(of, {"pobj"}) if of is not None else None
        return counted or noun

    @staticmethod
    def through_verb(
        parse: DependencyParse, noun: Token, verb_lemma: str, dictionary: VerbDictionary, clause: Sequence[Token]
    ) -> NounCoding | None:
        as_verb = replace(noun, text=verb_lemma, lemma=verb_lemma, pos="VERB")
        entries = dictionary.lookup(as_verb)
        if not entries:
            return None
        after = [t for t in clause if t.i > noun.i]
        match = match_pattern([e.block for e in entries], parse.tokens[: noun.i], after, None)
        if match is not None and match[0].code:
            pattern, matched = match
            return NounCoding(pattern.code, f"NOUN-{noun.lemma.lower()}:{pattern.id}", noun, pattern, matched)
        default = next((e.code for e in entries if e.code), None)
        if default is None:
            return None
        return NounCoding(default, f"NOUN-{noun.lemma.lower()}:{entries[0].block.name}-default", noun, None, [])

    def with_support_verbs(self, needs: Mapping[str, VerbNeeds]) -> dict[str, VerbNeeds]:
        """The triage's verb needs, a support verb also met by any event noun in the
        sentence (so "made an arrest" is parsed although "make" codes only by pattern)."""
        extended = dict(needs)
        opener: list[tuple[frozenset[str], ...]] = [()]
        for verb in self.support_verbs:
            known = extended.get(verb, VerbNeeds(default=False))
            openers = {word: list(rest) for word, rest in known.openers.items()}
            for noun in self.nouns:
                openers.setdefault(noun, []).extend(opener)
            extended[verb] = replace(known, openers=openers)
        return extended


@functools.lru_cache(maxsize=1)
def load_event_nouns() -> EventNouns:
    """The shipped support verbs and event nouns, read once per process."""
    text = resources.files("eventscope.data").joinpath("cameo", EVENT_NOUNS_FILE).read_text("utf-8")
    data = yaml.safe_load(text)
    nouns = {
        noun: EventNoun(verb=entry.get("verb"), code=entry.get("code"), by=dict(entry.get("by") or {}))
        for noun, entry in data["nouns"].items()
    }
    return EventNouns(frozenset(data["support_verbs"]), nouns, frozenset(data["quantity_nouns"]))
