"""Pronouns: whom "he", "she" or "his" and a subject "they" stand for.

A reader takes "he" for the person the story follows, named just before, and "They have
said ..." for the group that was the subject just before ("The Tories ... They"). Only a
main clause's "they" is read as a group ("saying they stemmed from ..." is often a thing,
and the events stage links a clause's pronoun to its governor's subject); "it" is too
often the weather, a plan or a clause, and "them" an object with many candidates. A definite
count ("the four", "the pair") is the group counted so before ("all four Britons").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from eventscope.actors.kb import ActorKB, ActorSpan
from eventscope.actors.make import actor_from_entry
from eventscope.records import Actor, Article, Mention

PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"they"})
PRONOUN_REACH = 2  # sentences back a pronoun looks for what it stands for
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
COUNT_WINDOW = 30  # characters before a group's mention where its count may stand
DEFINITE_COUNT = frozenset({"the"})  # "the four", not "four" or "all four" (a new group)


def person_antecedent(candidates: Iterable[tuple[int, int, Actor]]) -> Actor | None:
    """Of (subject rank, offset, person) candidates before "he": the last one named as a main
    clause's subject (rank 2), as a reader follows the story's protagonist, else the last one
    named as any clause's subject (rank 1: "as Cardinal X backed Mr Howard's stance"), else
    the last one named."""
    found = max(candidates, key=lambda c: (c[0], c[1]), default=None)
    return found[2] if found else None


def group_antecedent(mentions: Iterable[Mention], plural_subjects: set[int], plurals: set[int], sentence: int,
                     offset: int) -> Actor | None:
    """The group a subject "they" at `offset` of sentence `sentence` stands for: the last
    plural subject that is no person ("the Tories", "unionists", "Police") in this sentence
    or the two before; failing that, the last plural group named in this sentence or the one
    before, in any role ("... opposed by the Liberal Democrats. They have said ..."); or None."""
    near = [m for m in mentions if m.actor.kind != "person" and m.end <= offset]
    found = [m for m in near if id(m) in plural_subjects and 0 <= sentence - m.sentence <= PRONOUN_REACH]
    found = found or [m for m in near if id(m) in plurals and 0 <= sentence - m.sentence <= 1]
    return max(found, key=lambda m: m.start).actor if found else None


def counted_group(text: str, mentions: Iterable[Mention], counts: dict[str, int], word: str, offset: int) -> Actor | None:
    """The group a definite count (`word`: "four", "pair") at `offset` stands for: the last
    group named before it with that count right before its name ("all four Britons", "two
    London Assembly members"), or None."""
    wanted = counts[word]
    for mention in sorted(mentions, key=lambda m: m.start, reverse=True):
        if mention.end > offset or mention.actor.kind == "person":
            continue
        before = re.findall(r"[\w-]+", text[max(0, mention.start - COUNT_WINDOW) : mention.start])[-2:]
        if any(counts.get(w.lower()) == wanted or (w.isdigit() and int(w) == wanted) for w in before):
            return mention.actor
    return None


@dataclass
class KnownPeople:
    """The dictionary's people in the raw text of an article's sentences, parsed or not, so
    a sentence the triage leaves unparsed still lends its people to a later "he"."""

    kb: ActorKB
    article: Article
    _spans: dict[int, list[ActorSpan]] = field(default_factory=dict)

    def before(self, sentence: int, offset: int) -> list[tuple[ActorSpan, Actor]]:
        """Those named in sentence `sentence` or the two before, ending before `offset`."""
        found = []
        for other in self.article.sentences:
            if 0 <= sentence - other.index <= PRONOUN_REACH:
                for span in self._people(other.index, other.text, other.start):
                    if span.end <= offset and span.entry is not None:
                        actor = actor_from_entry(span.entry, self.kb, self.article.published, span.text)
                        actor.kind = "person"
                        found.append((span, actor))
        return found

    def _people(self, index: int, text: str, start: int) -> list[ActorSpan]:
        spans = self._spans.get(index)
        if spans is None:
            spans = [s for s in self.kb.find_spans(text, start) if s.entry is not None and s.entry.kind == "person"]
            self._spans[index] = spans
        return spans
