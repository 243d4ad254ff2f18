"""Whom an act is against when an "anti-" word says so: "anti-government protesters
rallied" is a protest against the government, "expressed anti-Trump sentiment" a
disapproval of Trump, "anti-American demonstrations" protests against the United States.

The parse gives such an act no target: the opposed party is a modifier of the actors or of
the act's noun. An "anti-" word's stem names the party when it is an actor already named in
the sentence or the article ("Trump", "Israel"), a country's name or demonym ("American"),
or a word for the state (`opposed.state_words` in `data/cameo/cues.yaml`: "government",
"regime"), which is the government of the country the modified actor belongs to, else of
the country the article is about. Any other stem ("anti-war", "anti-corruption") names no
party. The party is recorded as a mention of the stem (rule `opposed`) so its evidence is
stored; it is only ever a target, never a source.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass

from eventscope.actors.build import country_rows
from eventscope.common.parse import DependencyParse
from eventscope.events.implied import state_actor
from eventscope.records import Actor, Article, Mention, Token, content_id

RULE = "opposed"


@functools.cache
def country_words() -> Mapping[str, Actor]:
    """Lower-cased country names, variants and demonyms -> the country, from the actors'
    country table (the same id as the actors stage gives the country)."""
    words: dict[str, Actor] = {}
    for row in country_rows():
        iso3 = row["iso3"]
        country = Actor(id=content_id("actor", f"country:{iso3}"), name=row["name"], code=iso3, country=iso3,
                        sector=None, aliases=[row["name"]], kind="country")
        for cell in (row["name"], row["variants"], row["demonyms"]):
            for word in cell.split("|"):
                if word.strip():
                    words.setdefault(word.strip().lower(), country)
    return words


@dataclass(frozen=True)
class OpposedWords:
    """`prefixes`: words marking opposition ("anti"); `state_words`: stems naming a
    country's state, with its sector and label."""

    prefixes: frozenset[str]
    state_words: Mapping[str, tuple[str, str]]

    @classmethod
    def from_cues(cls, cues: dict) -> OpposedWords:
        data = cues["opposed"]
        return cls(frozenset(data["prefixes"]),
                   {word: (entry["sector"], entry["label"]) for word, entry in data["state_words"].items()})

    def stems(self, parse: DependencyParse) -> list[Token]:
        """The stems of the sentence's "anti-" words: "anti - government" as the parser splits it."""
        tokens = parse.tokens
        return [t for t in tokens[2:] if tokens[t.i - 1].text == "-" and tokens[t.i - 2].text.lower() in self.prefixes
                and tokens[t.i - 2].end == tokens[t.i - 1].start and tokens[t.i - 1].end == t.start]

    def parties(self, parse: DependencyParse, mentions: list[Mention], article: Article) -> tuple[Mention, ...]:
        """The mention of the party each "anti-" stem of the sentence names, in text order: the
        sentence's own mention of it, else a new one (added to the article's mentions)."""
        found = []
        for stem in self.stems(parse):
            if any(m.start <= stem.start < m.end and (m.start, m.end) != (stem.start, stem.end) for m in mentions):
                continue  # "anti-Syria journalist" read as one actor: the actors stage's reading stands
            covering = next((m for m in mentions if (m.start, m.end) == (stem.start, stem.end)), None) or next(
                (m for m in article.mentions if m.rule == RULE and m.start == stem.start), None)  # coded before
            actor = None if covering else self._actor(parse, stem, mentions, article)
            if actor is not None:
                covering = Mention(sentence=parse.sentence.index, start=stem.start, end=stem.end, text=stem.text,
                                   actor=actor, rule=RULE)
                article.mentions.append(covering)
            if covering is not None:
                found.append(covering)
        return tuple(found)

    def _actor(self, parse: DependencyParse, stem: Token, mentions: list[Mention], article: Article) -> Actor | None:
        """The party a stem no mention covers names: the state, a country, or one named before."""
        word = stem.text.lower()
        if word in self.state_words:
            sector, label = self.state_words[word]
            modified = parse.head(stem)
            owner = next((m for m in mentions if modified is not None and m.start <= modified.start < m.end), None)
            return state_actor((owner.actor.country if owner else None) or article.country, sector, label)
        if word in country_words():
            return dataclasses.replace(country_words()[word], aliases=[stem.text])
        named = [m for m in article.mentions if m.actor.kind != "country" and m.rule != RULE
                 and m.text.split()[-1].lower() == word]
        return named[-1].actor if named else None
