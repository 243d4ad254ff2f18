"""Quotations and their speakers across sentences: news quotes a speaker over several
sentences ('Mr MacDonald told BBC News: "The reason ... ." / "I think ..."'), or gives a
wholly quoted sentence whose speaker the sentence before names ('Mr Hain said the poster
should go. "It clearly overstepped the mark."').

A quoted sentence has no speech verb of its own, so the speaker's judgements, appeals and
stated intents in it were lost. A quotation is the text between quote marks in one
paragraph (a quotation left open at a paragraph's end closes there, as news reopens it in
the next one). Its speaker is who speaks by a speech verb outside the marks in a sentence
the quotation is part of ('"...," he said', 'X added: "..."'), else who speaks last in the
sentence just before it. Inside the marks the first person ("I", "we") is the speaker;
"he" or "they" is someone else, left to the actors stage.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from eventscope.common.parse import DependencyParse
from eventscope.events.appeals import quoted_appeals, speakers
from eventscope.events.arguments import SentenceArguments
from eventscope.events.evaluation import quoted_judgements
from eventscope.records import Event, Mention, Sentence, Token

RULE = "quote-speaker"
CHAIN = 4  # quoted sentences in a row a speaker named before them may speak


@dataclass(frozen=True)
class QuoteMarks:
    """The quote marks of the `quotes` cue block: those that open, close, or do either."""

    opening: frozenset[str]
    closing: frozenset[str]
    either: frozenset[str]

    @classmethod
    def from_cues(cls, cues: Mapping) -> QuoteMarks:
        return cls(frozenset(cues["opening"]), frozenset(cues["closing"]), frozenset(cues["either"]))

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        """Any mark, or a line break (which closes a quotation left open)."""
        return re.compile("|".join(map(re.escape, sorted({"\n", *self.opening, *self.closing, *self.either}))))


def quotations(text: str, marks: QuoteMarks) -> list[tuple[int, int]]:
    """(start, end) of the text inside each quotation, paragraph by paragraph. A straight
    mark opens when it starts a word and closes otherwise; an opening mark inside an open
    quotation starts a new one (the next paragraph's, when paragraphs were run together)."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for found in marks.pattern.finditer(text):
        i, char = found.start(), found.group()
        if char == "\n" or char in marks.closing or char in marks.either and not _starts_word(text, i):
            if opened is not None and i > opened:
                spans.append((opened, i))
            opened = None
        else:
            if opened is not None and i > opened:
                spans.append((opened, i))
            opened = i + 1
    if opened is not None and opened < len(text):
        spans.append((opened, len(text)))
    return spans


def _starts_word(text: str, i: int) -> bool:
    """True for a mark after a space (or at the start) and before a word: an opening one."""
    return (i == 0 or text[i - 1].isspace()) and i + 1 < len(text) and not text[i + 1].isspace()


def _within(spans: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    return next((span for span in spans if span[0] <= offset < span[1]), None)


def _words(sentence: Sentence) -> list[Token]:
    return [t for t in sentence.tokens if t.pos not in ("PUNCT", "SPACE")]


def quoted_span(sentence: Sentence, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quotation a sentence lies wholly inside (all its words), if any."""
    words = _words(sentence)
    if not words:
        return None
    span = _within(spans, words[0].start)
    return span if span is not None and all(span[0] <= t.start < span[1] for t in words) else None


@dataclass
class QuoteSpeakers:
    """Who speaks each quoted sentence of one article: told what every parsed sentence
    says outside quote marks (`see`), then asked per sentence (`speaker_of`)."""

    spans: list[tuple[int, int]]
    order: list[int]
    quoted: dict[int, tuple[int, int]]
    pronouns: frozenset[str]
    speaking: dict[int, list[Mention]] = field(default_factory=dict)
    touching: dict[int, set[tuple[int, int]]] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str, sentences: Iterable[Sentence], cues: Mapping) -> QuoteSpeakers:
        """The quotations of an article's text, by the `quotes` cue block."""
        spans = quotations(text, QuoteMarks.from_cues(cues))
        order: list[int] = []
        quoted: dict[int, tuple[int, int]] = {}
        for sentence in sentences:
            order.append(sentence.index)
            span = quoted_span(sentence, spans)
            if span is not None:
                quoted[sentence.index] = span
        return cls(spans, order, quoted, frozenset(cues["first_person"]))

    def see(self, sentence: Sentence, parse: DependencyParse, arguments: SentenceArguments, cues: Mapping) -> None:
        """Note who speaks in a parsed sentence outside quote marks (by a speech verb or
        "according to"), and the quotations it has words in."""
        found = speakers(parse, arguments, frozenset(cues["evaluation"]["speech_verbs"]),
                         cues["attribution"]["according"])
        self.speaking[sentence.index] = [speaker for verb, speaker, _ in found
                                         if _within(self.spans, verb.start) is None]
        self.touching[sentence.index] = {span for t in _words(sentence)
                                         if (span := _within(self.spans, t.start)) is not None}

    def speaker_of(self, sentence: Sentence) -> Mention | None:
        """The speaker of a sentence wholly inside a quotation."""
        span = self.quoted.get(sentence.index)
        return None if span is None else self._speaker(sentence, span)

    def _speaker(self, sentence: Sentence, span: tuple[int, int]) -> Mention | None:
        """Who speaks a quotation from this sentence: who speaks outside the marks in a
        sentence sharing it, else, for a wholly quoted sentence, the last speaker of the
        sentence before, or before the quoted sentences running up to it (news quotes one
        speaker over several paragraphs)."""
        sharing = [self.speaking[i][0] for i in self.order
                   if self.speaking.get(i) and span in self.touching.get(i, ())]
        if sharing:
            return sharing[0]
        if sentence.index not in self.quoted:
            return None
        position = self.order.index(sentence.index)
        for before in reversed(self.order[max(0, position - CHAIN):position]):
            if self.speaking.get(before):
                return self.speaking[before][-1]
            if before not in self.quoted:
                return None
        return None

    def is_quoted(self, sentence: Sentence) -> bool:
        return sentence.index in self.quoted

    def first_person(self, sentence: Sentence, mentions: list[Mention]) -> list[Mention]:
        """The speaker as each first-person pronoun inside quote marks that no mention
        covers yet ("we will extend the pay": the speaker will)."""
        covered = {m.start for m in mentions}
        found = []
        for token in sentence.tokens:
            if token.text.lower() not in self.pronouns or token.start in covered:
                continue
            span = _within(self.spans, token.start)
            speaker = self._speaker(sentence, span) if span is not None else None
            if speaker is not None:
                found.append(replace(speaker, sentence=sentence.index, start=token.start,
                                     end=token.start + len(token.text), text=token.text, rule=RULE, role=None))
        return found


def quoted_clauses(parse: DependencyParse) -> list[Token]:
    """The clauses a quoted sentence says: its root and the clauses coordinated with it."""
    roots = [t for t in parse.tokens if t.dep == "ROOT"]
    found = list(roots)
    for current in found:
        found += [c for c in parse.children[current.i] if c.dep == "conj" and c.pos in ("VERB", "AUX")]
    return found


@dataclass(frozen=True)
class QuotedAct:
    """A speech act of a quoted sentence: where it is told, its code, rule and evidence word."""

    verb: Token
    code: str
    rule: str
    word: Token
    source: Mention
    target: Mention | None


def quoted_acts(parse: DependencyParse, arguments: SentenceArguments, cues: dict,
                speaker: Mention) -> Iterator[QuotedAct]:
    """The appeals and judgements a quoted sentence's speaker makes in it of an actor it
    names, ruled as those a speech verb reports. Away from its speech verb, a judgement or
    appeal of no one named ("health rates are lamentable") is commentary."""
    clauses = quoted_clauses(parse)
    for appeal in quoted_appeals(parse, arguments, cues, speaker, clauses):
        if appeal.target is not None:
            yield QuotedAct(appeal.verb, appeal.code, f"APPEAL-{appeal.modal.lemma.lower()}", appeal.modal,
                            appeal.source, appeal.target)
    for judged in quoted_judgements(parse, arguments, cues, speaker, clauses):
        if judged.target is not None:
            yield QuotedAct(judged.verb, judged.code, f"SPEECH-{judged.word.lemma.lower()}", judged.word,
                            judged.source, judged.target)


def with_voice(plain: list[Event], voiced: list[Event]) -> list[Event]:
    """A sentence's events once its quoted "I" and "we" stand for the speaker: an act the
    pronoun now takes part in counts when both its parties are named ("we are ready to
    negotiate with Israel"), and replaces the act as coded without it; the speaker alone
    doing a thing ("we will help", "I recognise") is mostly talk of itself."""
    def parties(e: Event) -> tuple:
        return e.cameo.code, e.trigger, e.source_actor and e.source_actor.id, e.target_actor and e.target_actor.id

    told = {parties(e) for e in plain}
    new = [e for e in voiced if e.source_actor is not None and e.target_actor is not None and parties(e) not in told]
    replaced = {(e.cameo.code, e.trigger) for e in new}
    return [e for e in plain if (e.cameo.code, e.trigger) not in replaced] + new
