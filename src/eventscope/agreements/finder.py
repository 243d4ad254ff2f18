"""The agreements register: treaties, memoranda and deals between identified countries.

`find_agreements` reads one article: a sentence that names a single agreement, at least two
party countries (from the resolved actor mentions) and a status cue ("signed", "proposed",
"entered into force") anchors a record; other sentences of the article that speak of the
agreement ("the memorandum", "multiple agreements signed on July 23") add its date,
place and provisions. A plural like "signed 22 agreements" names a batch of unidentified
instruments, so it never makes a record on its own. Parties are the countries in the clause
that signs or proposes (subjects, "with"/"between" partners, the agreement's own modifiers),
never the reporting agency, the dateline, the venue or a country the agreement is about. The
date is a written date first, then a weekday or "today" counted back from the publication
date, then the events stage's date for the sentence; a phrase that dates the reporting
("said on Monday") dates nothing.

`merge_agreements` folds the reports of several articles and outlets into one record per
agreement, with an id that depends only on its parties, kind family and date.

Cue words, provision labels and thresholds live in `data/agreements.yaml`.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import regex
import yaml
from rapidfuzz import fuzz

from eventscope.records import (
    Agreement,
    AgreementStatus,
    Article,
    Mention,
    Sentence,
    Token,
    content_id,
    iso_date,
)

log = logging.getLogger(__name__)

CUES_FILE = "agreements.yaml"
STATUS_ORDER: tuple[AgreementStatus, ...] = ("proposed", "signed", "implemented")
# Statuses of an agreement already signed: only these sentences tell its signatories, place and date.
SIGNED: tuple[AgreementStatus, ...] = ("signed", "implemented")


@dataclass(frozen=True)
class Kind:
    """`reference` kinds ("the document") only point back to an agreement already named;
    without `places_on_noun`, "in X" on the noun is where the agreement applies ("a ceasefire
    in Idlib"), not where it was signed."""

    name: str
    family: str
    rank: int
    reference: bool = False
    places_on_noun: bool = True


@dataclass(frozen=True)
class Cues:
    """The compiled contents of `agreements.yaml`."""

    kinds: dict[str, Kind]
    kind_patterns: list[tuple[re.Pattern[str], str, bool]]  # (pattern, kind name, plural)
    any_kind: regex.Pattern[str]  # all of them at once: most sentences name no agreement
    generic_family: str
    status_verbs: dict[str, AgreementStatus]
    object_verbs: frozenset[str]
    status_phrases: list[tuple[re.Pattern[str], AgreementStatus]]
    modals: frozenset[str]
    definite_words: frozenset[str]
    distinct_words: frozenset[str]
    failure_verbs: frozenset[str]
    pair_references: re.Pattern[str]
    pair_lookback: int
    negations: frozenset[str]
    reporting_verbs: frozenset[str]
    place_prepositions: frozenset[str]
    party_prepositions: frozenset[str]
    non_party_sectors: frozenset[str]
    dateline: re.Pattern[str]
    person_titles: tuple[str, ...]
    name_particles: frozenset[str]
    provisions: list[tuple[str, re.Pattern[str]]]
    merge: dict[str, float]
    months: dict[str, int]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    explicit_dates: tuple[re.Pattern[str], ...]
    relative_dates: re.Pattern[str]


def _alternation(patterns: Iterable[str]) -> str:
    return r"\b(?:" + "|".join(patterns) + r")\b"


def _words(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile(_alternation(patterns), re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def load_cues() -> Cues:
    """Read and compile the cue tables once per process."""
    text = resources.files("eventscope.data").joinpath(CUES_FILE).read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    kinds = {
        name: Kind(name=name, family=spec["family"], rank=int(spec["rank"]),
                   reference=bool(spec.get("reference", False)),
                   places_on_noun=bool(spec.get("places_on_noun", True)))
        for name, spec in data["kinds"].items()
    }
    kind_patterns = [
        (_words([pattern]), name, plural)
        for name, spec in data["kinds"].items()
        for plural, key in ((False, "singular"), (True, "plural"))
        for pattern in spec.get(key, [])
    ]
    status_verbs: dict[str, AgreementStatus] = {}
    object_verbs: set[str] = set()
    status_phrases = []
    for status in STATUS_ORDER:
        spec = data["status"][status]
        status_verbs.update({verb: status for verb in spec.get("verbs", [])})
        status_verbs.update({verb: status for verb in spec.get("object_verbs", [])})
        object_verbs.update(spec.get("object_verbs", []))
        status_phrases += [(_words([phrase]), status) for phrase in spec.get("phrases", [])]
    months = {name.lower(): int(number) for name, number in data["months"].items()}
    weekdays = {name.lower(): int(number) for name, number in data["weekdays"].items()}
    month_names = "|".join(sorted(months, key=len, reverse=True))
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
    year = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
    explicit_dates = (
        re.compile(rf"\b(?P<month>{month_names})\.?\s+{day}{year}", re.IGNORECASE),
        re.compile(rf"\b{day}\s+(?:of\s+)?(?P<month>{month_names})\b\.?{year}", re.IGNORECASE),
        re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    )
    relative_names = list(weekdays) + list(data["relative_days"])
    return Cues(
        kinds=kinds,
        kind_patterns=kind_patterns,
        # The `regex` module searches this long case-blind alternation twice as fast as `re`
        # (the triage asks it of every sentence); the kind patterns then decide.
        any_kind=regex.compile(_alternation([pattern for spec in data["kinds"].values()
                                             for key in ("singular", "plural") for pattern in spec.get(key, [])]),
                               regex.IGNORECASE),
        generic_family=data["generic_family"],
        status_verbs=status_verbs,
        object_verbs=frozenset(object_verbs),
        status_phrases=status_phrases,
        modals=frozenset(data["modals"]),
        definite_words=frozenset(data["definite_words"]),
        distinct_words=frozenset(data["distinct_words"]),
        failure_verbs=frozenset(data["failure_verbs"]),
        pair_references=_words(data["pair_references"]),
        pair_lookback=int(data["pair_lookback"]),
        negations=frozenset(data["negations"]),
        reporting_verbs=frozenset(data["reporting_verbs"]),
        place_prepositions=frozenset(data["place_prepositions"]),
        party_prepositions=frozenset(data["party_prepositions"]),
        non_party_sectors=frozenset(data["non_party_sectors"]),
        dateline=re.compile(data["dateline"]),
        person_titles=tuple(sorted((t.lower() for t in data["person_titles"]), key=len, reverse=True)),
        name_particles=frozenset(data["name_particles"]),
        provisions=[(label, _words(patterns)) for label, patterns in data["provisions"].items()],
        merge={key: float(value) for key, value in data["merge"].items()},
        months=months,
        weekdays=weekdays,
        relative_days={name.lower(): int(days) for name, days in data["relative_days"].items()},
        explicit_dates=explicit_dates,
        relative_dates=_words(relative_names),
    )


# --- reading one sentence -------------------------------------------------------------------


@dataclass
class SentenceReport:
    """What one sentence says about an agreement; `parties` are ISO-3 codes."""

    sentence: Sentence
    kind: str
    plural: bool
    definite: bool
    distinct: bool
    reference: bool
    parties: frozenset[str]
    status: AgreementStatus | None
    signatories: list[str] = field(default_factory=list)
    explicit_date: dt.date | None = None
    relative_date: dt.date | None = None
    event_date: dt.date | None = None
    place: str | None = None
    provisions: list[str] = field(default_factory=list)

    @property
    def is_anchor(self) -> bool:
        """A sentence that on its own establishes an agreement between identified parties."""
        return (not self.plural and not self.reference and len(self.parties) >= 2
                and self.status is not None)


class ParsedSentence:
    """Dependency helpers over one sentence's tokens (indices are sentence-local)."""

    def __init__(self, sentence: Sentence) -> None:
        self.sentence = sentence
        self.tokens = sentence.tokens
        self.children: dict[int, list[Token]] = {}
        for token in self.tokens:
            if token.head != token.i:
                self.children.setdefault(token.head, []).append(token)

    def tokens_in(self, start: int, end: int) -> list[Token]:
        return [t for t in self.tokens if start <= t.start < end]

    def token_at(self, offset: int) -> Token | None:
        return next((t for t in self.tokens if t.start <= offset < t.end), None)

    def subtree(self, token: Token) -> set[int]:
        found, stack = set(), [token]
        while stack:
            current = stack.pop()
            if current.i not in found:
                found.add(current.i)
                stack.extend(self.children.get(current.i, []))
        return found

    def ancestors(self, token: Token) -> list[Token]:
        chain: list[Token] = []
        current = token
        while current.head != current.i and len(chain) < len(self.tokens):
            current = self.tokens[current.head]
            chain.append(current)
        return chain

    def root_of(self, tokens: list[Token]) -> Token:
        """The token of a span whose head lies outside the span."""
        indices = {t.i for t in tokens}
        for token in tokens:
            if token.head not in indices or token.head == token.i:
                return token
        return tokens[0]


def _acts_on(parsed: ParsedSentence, verb: Token, noun: list[Token]) -> bool:
    """True when the agreement is what the verb acts on: its object or passive subject
    ("reached a deal", "the accord was concluded") or the noun it describes ("the deal struck")."""
    root = parsed.root_of(noun)
    if verb.head == root.i and verb.dep in {"acl", "relcl"}:
        return True
    return _nearest_verb(parsed, root) == verb


def _status_of_verb(parsed: ParsedSentence, token: Token, noun: list[Token], cues: Cues) -> AgreementStatus | None:
    word = token.text.lower()
    status = cues.status_verbs.get(word)
    # "a sign of", "air strikes": nouns spelled like a cue; "the signing" is the act itself.
    if status is None or (token.pos == "NOUN" and not word.endswith("ing")):
        return None
    if word in cues.object_verbs and not _acts_on(parsed, token, noun):
        return None
    if token.dep == "xcomp" and parsed.tokens[token.head].lemma.lower() in cues.failure_verbs:
        return None
    governors = [token, *[a for a in parsed.ancestors(token)[:1] if token.dep in {"conj", "xcomp"}]]
    modifiers = {c.text.lower() for g in governors for c in parsed.children.get(g.i, [])
                 if c.dep in {"aux", "auxpass", "neg"}}
    if modifiers & cues.negations:
        return None
    hypothetical = bool(modifiers & cues.modals) or "to" in modifiers
    if hypothetical and status == "signed":
        return "proposed"
    if hypothetical and status == "implemented":
        return None
    return status


def sentence_status(parsed: ParsedSentence, noun: list[Token], cues: Cues) -> tuple[AgreementStatus | None, list[Token]]:
    """The most advanced status the sentence's cues support (None without a cue), and the
    tokens that carry it."""
    found: set[AgreementStatus] = set()
    verbs, phrases = [], []
    for token in parsed.tokens:
        status = _status_of_verb(parsed, token, noun, cues)
        if status:
            found.add(status)
            verbs.append(token)
    noun_root = parsed.root_of(noun)
    for pattern, status in cues.status_phrases:
        for match in pattern.finditer(parsed.sentence.text):
            at = parsed.token_at(parsed.sentence.start + match.start())
            if at is None or at.text.lower() in cues.status_verbs:
                continue
            # A phrase speaks of the agreement only in its own clause ("the accord would open
            # flights") or one describing it ("a truce that took effect"), not in a side remark
            # ("the treaty, which critics said would fail").
            verb = _nearest_verb(parsed, at)
            if verb is None or noun_root.i in parsed.subtree(verb) or verb.head == noun_root.i:
                found.add(status)
                phrases.append(at)
    if not found:
        return None, []
    # The verbs name the clause; phrases ("would", "plan to") only when no verb does.
    return max(found, key=STATUS_ORDER.index), verbs or phrases


def _nearest_verb(parsed: ParsedSentence, token: Token) -> Token | None:
    for candidate in [token, *parsed.ancestors(token)]:
        if candidate.pos in {"VERB", "AUX"}:
            return candidate
    return None


def clause_verbs(parsed: ParsedSentence, cue_tokens: list[Token], cues: Cues) -> set[int]:
    """The verbs of the clause that signs or proposes: the cue verbs, the verbs they complete
    or are coordinated with ("met ... and signed", "was ready to sign"), the verb an infinitive
    of purpose serves ("arrived to sign"), and the speaker's verb when the clause refers back
    to the speaker ("Norway said it would sign")."""
    verbs: set[int] = set()
    stack = [v for v in (_nearest_verb(parsed, t) for t in cue_tokens) if v is not None]
    while stack:
        verb = stack.pop()
        if verb.i in verbs:
            continue
        verbs.add(verb.i)
        children = parsed.children.get(verb.i, [])
        stack += [c for c in children if c.dep == "conj" and c.pos in {"VERB", "AUX"}]
        if verb.head == verb.i:
            continue
        head = parsed.tokens[verb.head]
        if (
            verb.dep in {"conj", "xcomp", "acomp"}
            or verb.dep == "advcl" and _is_infinitive(parsed, verb)
            or verb.dep == "ccomp" and head.lemma.lower() in cues.reporting_verbs
            and any(c.dep == "nsubj" and c.pos == "PRON" for c in children)
        ):
            stack.append(head)
    return verbs


def _is_infinitive(parsed: ParsedSentence, verb: Token) -> bool:
    return any(c.tag == "TO" for c in parsed.children.get(verb.i, []))


def agreement_phrase(parsed: ParsedSentence, noun: list[Token]) -> set[int]:
    """The agreement noun and the infinitive that states its content ("a deal to import gas
    from Iran"), whose countries are parties too."""
    phrase = {t.i for t in noun}
    stack = [
        c for t in noun for c in parsed.children.get(t.i, [])
        if c.dep in {"acl", "relcl", "advcl"} and _is_infinitive(parsed, c)
    ]
    while stack:
        verb = stack.pop()
        if verb.i not in phrase:
            phrase.add(verb.i)
            stack += [c for c in parsed.children.get(verb.i, []) if c.dep == "conj"]
    return phrase


def _in_clause(parsed: ParsedSentence, tokens: list[Token], verbs: set[int], noun: set[int],
               prepositions: frozenset[str] | None = None, start: Token | None = None) -> bool:
    """True when the span belongs to the signing clause or modifies the agreement noun; with
    `prepositions`, only through those ("a deal with Chile", not "a deal on Chile's debt")."""
    start = start or parsed.root_of(tokens)
    for current in [start, *parsed.ancestors(start)]:
        if current.i in noun or current.i in verbs:
            return True
        if current.pos in {"VERB", "AUX"}:
            return False
        if prepositions is not None and current.pos == "ADP" and current.text.lower() not in prepositions:
            return False
    return True


def _excluded_tokens(parsed: ParsedSentence, cues: Cues) -> set[int]:
    """Tokens that cannot name a party, signatory or place: datelines, sources, side clauses."""
    excluded: set[int] = set()
    dateline = cues.dateline.match(parsed.sentence.text)
    if dateline:
        excluded |= {t.i for t in parsed.tokens_in(parsed.sentence.start,
                                                   parsed.sentence.start + dateline.end())}
    status_tokens = {t.i for t in parsed.tokens if t.text.lower() in cues.status_verbs}
    for token in parsed.tokens:
        if token.text.lower() == "according":
            excluded |= parsed.subtree(token)
        if token.dep == "relcl" and not _is_infinitive(parsed, token):
            clause = parsed.subtree(token)
            if not clause & status_tokens:
                excluded |= clause
    return excluded


def _place_preposition(parsed: ParsedSentence, tokens: list[Token], cues: Cues) -> Token | None:
    """The "in"/"at" whose object the span is (or names: "in Syria's Idlib province")."""
    current = parsed.root_of(tokens)
    while current.dep in {"conj", "appos", "compound", "poss"} and current.head != current.i:
        current = parsed.tokens[current.head]
    if current.dep != "pobj" or current.head == current.i:
        return None
    preposition = parsed.tokens[current.head]
    return preposition if preposition.text.lower() in cues.place_prepositions else None


def sentence_parties(parsed: ParsedSentence, mentions: list[Mention], excluded: set[int],
                     scope: tuple[set[int], set[int]], cues: Cues) -> frozenset[str]:
    """Countries of the actors the sentence names as taking part."""
    parties = set()
    for mention in mentions:
        actor = mention.actor
        if not actor.country or (actor.sector or "") in cues.non_party_sectors:
            continue
        tokens = parsed.tokens_in(mention.start, mention.end)
        if not tokens or any(t.i in excluded for t in tokens):
            continue
        # A place ("signed in Baghdad") is where it happened, not who took part.
        if _place_preposition(parsed, tokens, cues) is not None or not _in_clause(parsed, tokens, *scope, cues.party_prepositions):
            continue
        parties.add(actor.country)
    return frozenset(parties)


def clean_person_name(name: str, cues: Cues) -> str:
    """A person's name without leading titles ("Major General Erfan al-Hiyali" -> "Erfan al-Hiyali")."""
    words = name.strip(" ,.'\"“”‘’").split()
    stripped = True
    while stripped and len(words) > 1:
        stripped = False
        lowered = " ".join(words).lower()
        for title in cues.person_titles:
            if lowered.startswith(title + " "):
                words = words[len(title.split()):]
                stripped = True
                break
    return " ".join(words)


def sentence_signatories(parsed: ParsedSentence, mentions: list[Mention], excluded: set[int],
                         scope: tuple[set[int], set[int]], cues: Cues) -> list[str]:
    """Persons named in a signing sentence as its subjects, agents or partners, not those in
    reporting or side clauses or merely present ("in the presence of").

    A resolved person keeps its actor's name unless the entity around it names more of it
    ("Liu He" for an actor named "Liu")."""
    people = [e for e in parsed.sentence.entities if e.label == "PERSON"]
    spans: list[tuple[int, int, str]] = []
    for mention in (m for m in mentions if m.actor.kind == "person"):
        name = mention.actor.name
        around = [e.text for e in people if e.start <= mention.start and mention.end <= e.end]
        if around and name in around[0] and len(around[0]) > len(name):
            name = around[0]
        spans.append((mention.start, mention.end, name))
    for entity in people:
        if not any(s < entity.end and entity.start < e for s, e, _ in spans):
            spans.append((entity.start, entity.end, entity.text))
    names = []
    for start, end, name in sorted(spans):
        tokens = parsed.tokens_in(start, end)
        if not tokens or any(t.i in excluded for t in tokens):
            continue
        # "met his counterpart in Tehran, General X": the parser hangs the name on the place.
        root = parsed.root_of(tokens)
        place_head = parsed.tokens[root.head]
        preposition = _place_preposition(parsed, [place_head], cues) if root.dep in {"appos", "conj"} else None
        walk_from = parsed.tokens[preposition.head] if preposition is not None else root
        if _in_clause(parsed, tokens, *scope, cues.party_prepositions, start=walk_from):
            cleaned = clean_person_name(name, cues)
            if cleaned and cleaned not in names:
                names.append(cleaned)
    return names


def sentence_place(parsed: ParsedSentence, excluded: set[int], cues: Cues) -> str | None:
    """The first "in <place>" of the sentence outside the reporting and side clauses."""
    for entity in parsed.sentence.entities:
        if entity.label not in {"GPE", "LOC", "FAC"}:
            continue
        tokens = parsed.tokens_in(entity.start, entity.end)
        preposition = _place_preposition(parsed, tokens, cues) if tokens else None
        if preposition is not None and not {t.i for t in tokens} & excluded and preposition.head not in excluded:
            return entity.text
    return None


def sentence_provisions(text: str, cues: Cues) -> list[str]:
    return [label for label, pattern in cues.provisions if pattern.search(text)]


def _resolve_year(month: int, day: int, year: int | None, published: dt.date | None) -> dt.date | None:
    """The date, a missing year being the publication's (or the year before, for a later day)."""
    try:
        if year is None:
            if published is None:
                return None
            year = published.year
            if dt.date(year, month, day) > published:
                year -= 1
        return dt.date(year, month, day)
    except ValueError:
        return None


def _said_when(parsed: ParsedSentence, start: int, end: int, cues: Cues) -> bool:
    """True for a time phrase that dates the reporting ("Gazprom said on Wednesday")."""
    tokens = parsed.tokens_in(parsed.sentence.start + start, parsed.sentence.start + end)
    verb = _nearest_verb(parsed, parsed.root_of(tokens)) if tokens else None
    return verb is not None and verb.lemma.lower() in cues.reporting_verbs


def _dates_the_reporting(parsed: ParsedSentence, cues: Cues) -> bool:
    text = parsed.sentence.text
    matches = [m for p in (*cues.explicit_dates, cues.relative_dates) for m in p.finditer(text)]
    return any(_said_when(parsed, *m.span(), cues) for m in matches)


def explicit_date(parsed: ParsedSentence, published: dt.date | None, cues: Cues) -> dt.date | None:
    """A day-level date written in the sentence; a missing year comes from the publication date."""
    text = parsed.sentence.text
    for pattern in cues.explicit_dates:
        match = next((m for m in pattern.finditer(text) if not _said_when(parsed, *m.span(), cues)), None)
        if not match:
            continue
        month_text = match.group("month").lower()
        month = cues.months.get(month_text) or int(month_text)
        year = int(match.group("year")) if match.group("year") else None
        date = _resolve_year(month, int(match.group("day")), year, published)
        if date:
            return date
    return None


def relative_date(parsed: ParsedSentence, published: dt.date | None, cues: Cues) -> dt.date | None:
    """ "on Sunday", "today", "yesterday", counted back from the publication date."""
    if published is None:
        return None
    matches = cues.relative_dates.finditer(parsed.sentence.text)
    match = next((m for m in matches if not _said_when(parsed, *m.span(), cues)), None)
    if not match:
        return None
    word = match.group(0).lower()
    if word in cues.relative_days:
        return published - dt.timedelta(days=cues.relative_days[word])
    back = (published.weekday() - cues.weekdays[word]) % 7
    if back == 0 and parsed.sentence.text[: match.start()].rstrip().lower().endswith("last"):
        back = 7  # "last Sunday" in a Sunday paper is a week ago
    return published - dt.timedelta(days=back)


def kind_in_sentence(text: str, cues: Cues) -> tuple[str, bool, tuple[int, int]] | None:
    """The most specific agreement kind the sentence names: (kind, plural, span).

    Overlapping matches keep the longest ("memorandum of agreement" over "agreement").
    """
    if cues.any_kind.search(text) is None:
        return None
    found = [
        (match.start(), match.end(), name, plural)
        for pattern, name, plural in cues.kind_patterns
        for match in pattern.finditer(text)
    ]
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    kept: list[tuple[int, int, str, bool]] = []
    for candidate in found:
        if not kept or candidate[0] >= kept[-1][1]:
            kept.append(candidate)
    if not kept:
        return None
    best = max(kept, key=lambda m: (cues.kinds[m[2]].rank, not m[3]))
    plural = all(m[3] for m in kept if not cues.kinds[m[2]].reference)
    return best[2], plural, (best[0], best[1])


def _pair_named_before(article: Article, index: int, cues: Cues) -> frozenset[str]:
    """The two countries a sentence's "the two countries" refers to: those of the nearest of
    the previous sentences that names exactly two."""
    for previous in range(index - 1, max(index - 1 - cues.pair_lookback, -1), -1):
        countries = frozenset(
            m.actor.country for m in article.mentions
            if m.sentence == previous and m.actor.country
            and (m.actor.sector or "") not in cues.non_party_sectors
        )
        if len(countries) == 2:
            return countries
    return frozenset()


def read_sentence(article: Article, sentence: Sentence, cues: Cues) -> SentenceReport | None:
    """What the sentence says about an agreement, or None when it names none."""
    found = kind_in_sentence(sentence.text, cues)
    if found is None or not sentence.parsed:
        return None
    kind, plural, (start, end) = found
    parsed = ParsedSentence(sentence)
    noun = parsed.tokens_in(sentence.start + start, sentence.start + end)
    if not noun or any(t.pos in {"VERB", "AUX"} for t in noun):
        return None
    modifiers = [c for c in parsed.children.get(parsed.root_of(noun).i, []) if c.dep in {"det", "poss", "amod"}]
    definite = any(c.dep == "poss" or c.text.lower() in cues.definite_words for c in modifiers)
    if cues.kinds[kind].reference and not definite:
        return None
    mentions = [m for m in article.mentions if m.sentence == sentence.index]
    excluded = _excluded_tokens(parsed, cues)
    status, cue_tokens = sentence_status(parsed, noun, cues)
    scope = (clause_verbs(parsed, cue_tokens, cues), agreement_phrase(parsed, noun))
    parties = sentence_parties(parsed, mentions, excluded, scope, cues)
    if not parties and cues.pair_references.search(sentence.text):
        parties = _pair_named_before(article, sentence.index, cues)
    report = SentenceReport(
        sentence=sentence,
        kind=kind,
        plural=plural,
        definite=definite,
        distinct=any(c.text.lower() in cues.distinct_words for c in modifiers),
        reference=cues.kinds[kind].reference,
        parties=parties,
        status=status,
        provisions=sentence_provisions(sentence.text, cues),
    )
    if status in SIGNED:
        report.signatories = sentence_signatories(parsed, mentions, excluded, scope, cues)
        on_noun = set() if cues.kinds[kind].places_on_noun else {t.i for t in noun}
        report.place = sentence_place(parsed, excluded | on_noun, cues)
        report.explicit_date = explicit_date(parsed, article.published, cues)
        report.relative_date = relative_date(parsed, article.published, cues)
        # The events stage dates an untimed past-tense report to its publication day, which
        # says nothing of the signing and would split it from other outlets' reports; and it
        # may take the day of the reporting ("said on Wednesday") for the day of the event.
        event_dates = sorted(e.date for e in article.events
                             if e.sentence_index == sentence.index and e.date is not None
                             and e.date != article.published)
        if event_dates and not _dates_the_reporting(parsed, cues):
            report.event_date = event_dates[0]
    return report


# --- one article ----------------------------------------------------------------------------


def _families_compatible(first: str, second: str, cues: Cues) -> bool:
    return first == second or cues.generic_family in (first, second)


def _family(kind: str, cues: Cues) -> str:
    return cues.kinds[kind].family if kind in cues.kinds else kind


def _kind_rank(kind: str, cues: Cues) -> int:
    """How specific a kind is; a kind no longer in the cue table (a stored record) ranks lowest."""
    return cues.kinds[kind].rank if kind in cues.kinds else 0


def _continuation(article: Article, report: SentenceReport) -> Sentence | None:
    """The sentence a describing sentence introduces ("the memorandum includes," + quote)."""
    if not report.sentence.text.rstrip().endswith((":", ",")):
        return None
    return next((s for s in article.sentences if s.index == report.sentence.index + 1), None)


@dataclass
class Draft:
    """One agreement of an article: the sentences that establish it and those that describe it."""

    anchors: list[SentenceReport]
    attached: list[SentenceReport] = field(default_factory=list)
    extra: list[Sentence] = field(default_factory=list)

    @property
    def parties(self) -> frozenset[str]:
        return self.anchors[0].parties

    def family(self, cues: Cues) -> str:
        families = {_family(a.kind, cues) for a in self.anchors} - {cues.generic_family}
        return min(families) if families else cues.generic_family

    def accepts(self, report: SentenceReport, cues: Cues) -> bool:
        if not _families_compatible(_family(report.kind, cues), self.family(cues), cues):
            return False
        if report.is_anchor:
            window = int(cues.merge["window_days"])
            dates = [a.explicit_date for a in self.anchors]
            # "signed the memorandum" refers back even when it names one party more or less.
            related = report.parties <= self.parties or report.parties >= self.parties
            same_parties = report.parties == self.parties or report.definite and related
            return same_parties and all(_dates_compatible(report.explicit_date, d, window) for d in dates)
        return report.parties <= self.parties

    @property
    def status_rank(self) -> int:
        return max(_rank(a.status) for a in self.anchors)

    def distance(self, index: int) -> tuple[bool, int]:
        """Nearest anchor, preferring one before the sentence (a reference looks back)."""
        return min((a.sentence.index > index, abs(a.sentence.index - index)) for a in self.anchors)


def _rank(status: AgreementStatus | None) -> int:
    return STATUS_ORDER.index(status) if status else -1


def _first_date(reports: list[SentenceReport]) -> dt.date | None:
    """Written dates first, then weekdays and "today", then the events stage's dates."""
    signing = [r for r in reports if r.status in SIGNED]
    for attribute in ("explicit_date", "relative_date", "event_date"):
        dates = [getattr(r, attribute) for r in signing if getattr(r, attribute)]
        if dates:
            return dates[0]
    return None


def _build(article: Article, draft: Draft, cues: Cues) -> Agreement:
    """One per-article record from a draft's sentences."""
    members = sorted([*draft.anchors, *draft.attached], key=lambda r: (not r.is_anchor, r.sentence.index))
    kind = min(members, key=lambda r: -cues.kinds[r.kind].rank).kind
    status = max((r.status for r in members if r.status), key=STATUS_ORDER.index)
    signatories: list[str] = []
    for report in members:
        if report.status in SIGNED:
            signatories += [n for n in report.signatories if n not in signatories]
    provisions = {p for r in members for p in r.provisions}
    provisions |= {p for s in draft.extra for p in sentence_provisions(s.text, cues)}
    by_index = {r.sentence.index: r.sentence for r in members}
    by_index.update({s.index: s for s in draft.extra})
    date = _first_date(members)
    parties = sorted(draft.parties)
    return Agreement(
        id=agreement_id(parties, _family(kind, cues), date),
        kind=kind,
        parties=parties,
        signatories=signatories,
        date=date,
        place=next((r.place for r in members if r.place), None),
        provisions=sorted(provisions),
        status=status,
        article_ids=[article.id],
        story_id=article.story_id,
        evidence=[(article.id, s.start, s.end) for _, s in sorted(by_index.items())],
    )


def find_agreements(article: Article) -> Article:
    """Fill `article.agreements` with the agreements the article reports.

    Needs the sentences (nlp) and the actor mentions (actors); event dates are used when the
    events stage ran. Agreements without at least two identified party countries are not kept.
    """
    cues = load_cues()
    reports = [r for r in (read_sentence(article, s, cues) for s in article.sentences) if r]
    drafts: list[Draft] = []
    for report in (r for r in reports if r.is_anchor):
        draft = next((d for d in drafts if d.accepts(report, cues)), None)
        if draft is None:
            drafts.append(Draft(anchors=[report]))
        else:
            draft.anchors.append(report)
    for report in reports:
        if report.is_anchor or report.distinct or not (report.status or report.definite or report.parties):
            continue
        candidates = [d for d in drafts if d.accepts(report, cues)]
        if not report.definite:
            # An indefinite report claiming more than the anchors ("signed an agreement" near a
            # proposal) is about another agreement.
            candidates = [d for d in candidates if _rank(report.status) <= d.status_rank]
        if candidates:
            min(candidates, key=lambda d: d.distance(report.sentence.index)).attached.append(report)
    for draft in drafts:
        for report in [*draft.anchors, *draft.attached]:
            continuation = _continuation(article, report)
            if continuation is not None:
                draft.extra.append(continuation)
    article.agreements = merge_agreements(_build(article, d, cues) for d in drafts)
    log.debug("article %s: %d agreements", article.id, len(article.agreements))
    return article


# --- across articles ------------------------------------------------------------------------


def agreement_id(parties: Iterable[str], family: str, date: dt.date | None) -> str:
    """Stable id over what identifies an agreement: its parties, kind family and date."""
    return content_id("agreement", ",".join(sorted(parties)), family, iso_date(date) or "")


def _name_parts(name: str, cues: Cues) -> list[str]:
    """Lower-case words of a name without particles that outlets keep or drop ("al-Hiyali")."""
    words = name.lower().replace("-", " ").split()
    return [w for w in words if w not in cues.name_particles]


def same_person(first: str, second: str, cues: Cues | None = None) -> bool:
    """True for spellings of one name ("Hossein Dehghan", "Hossein Dehqan", "Dehghan")."""
    cues = cues or load_cues()
    a, b = _name_parts(first, cues), _name_parts(second, cues)
    if not a or not b:
        return first == second
    if fuzz.ratio(" ".join(a), " ".join(b)) >= cues.merge["name_score"]:
        return True
    if fuzz.ratio(a[-1], b[-1]) < cues.merge["surname_score"]:
        return False
    return len(a) == 1 or len(b) == 1 or fuzz.ratio(a[0], b[0]) >= cues.merge["forename_score"]


def merge_signatories(names: Iterable[str], cues: Cues | None = None) -> list[str]:
    """One name per person: the most reported spelling, then the longest, then alphabetical."""
    counts = Counter(names)
    ordered = sorted(counts, key=lambda n: (-counts[n], -len(n), n))
    people: list[list[str]] = []
    for name in ordered:
        group = next((g for g in people if any(same_person(name, other, cues) for other in g)), None)
        if group is None:
            people.append([name])
        else:
            group.append(name)
    return sorted(group[0] for group in people)


def _dates_compatible(first: dt.date | None, second: dt.date | None, window: int) -> bool:
    return first is None or second is None or abs((first - second).days) <= window


@dataclass
class _Cluster:
    family: str
    members: list[Agreement]

    @property
    def dates(self) -> list[dt.date]:
        return [m.date for m in self.members if m.date]


def _sort_key(agreement: Agreement) -> tuple:
    return (agreement.date is None, agreement.date or dt.date.min, agreement.kind,
            sorted(agreement.article_ids), sorted(agreement.evidence), agreement.id)


def _overlap(agreement: Agreement, cluster: _Cluster, cues: Cues) -> int:
    names = [n for m in cluster.members for n in m.signatories]
    shared_people = sum(any(same_person(a, b, cues) for b in names) for a in agreement.signatories)
    provisions = {p for m in cluster.members for p in m.provisions}
    return shared_people * 2 + len(provisions & set(agreement.provisions))


def _most_reported(values: Iterable[tuple[Any, int]]) -> Any:
    """The value told by most articles (ties: the smallest), so a merge split over several
    runs chooses as one run would."""
    counts: Counter = Counter()
    for value, weight in values:
        if value is not None:
            counts[value] += weight
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def _combine(cluster: _Cluster, cues: Cues) -> Agreement:
    members = cluster.members
    weights = [(m, len(m.article_ids) or 1) for m in members]
    best_rank = max(_kind_rank(m.kind, cues) for m in members)
    kind = _most_reported((m.kind, w) for m, w in weights if _kind_rank(m.kind, cues) == best_rank)
    parties = sorted(members[0].parties)
    date = _most_reported((m.date, w) for m, w in weights)
    return Agreement(
        id=agreement_id(parties, _family(kind, cues), date),
        kind=kind,
        parties=parties,
        signatories=merge_signatories((n for m, w in weights for n in m.signatories for _ in range(w)), cues),
        date=date,
        place=_most_reported((m.place, w) for m, w in weights),
        provisions=sorted({p for m in members for p in m.provisions}),
        status=max((m.status for m in members), key=STATUS_ORDER.index),
        article_ids=sorted({a for m in members for a in m.article_ids}),
        story_id=_most_reported((m.story_id, w) for m, w in weights),
        evidence=sorted({e for m in members for e in m.evidence}),
    )


def merge_agreements(agreements: Iterable[Agreement], existing: Iterable[Agreement] = ()) -> list[Agreement]:
    """One record per agreement across articles, whatever order the reports come in.

    Reports merge when they have the same parties, compatible kind families (a generic
    "agreement" joins a memorandum) and dates within `merge.window_days` or unknown. An
    undated report joins the compatible agreement sharing most signatories and provisions.
    """
    cues = load_cues()
    window = int(cues.merge["window_days"])
    by_parties: dict[tuple[str, ...], list[Agreement]] = {}
    for agreement in [*existing, *agreements]:
        by_parties.setdefault(tuple(sorted(set(agreement.parties))), []).append(agreement)
    merged = []
    for group in by_parties.values():
        # Specific kinds first, so generic reports find the family they belong to.
        ordered = sorted(group, key=lambda a: (_family(a.kind, cues) == cues.generic_family, _sort_key(a)))
        clusters: list[_Cluster] = []
        for agreement in ordered:
            family = _family(agreement.kind, cues)
            candidates = [
                c for c in clusters
                if _families_compatible(family, c.family, cues)
                and all(_dates_compatible(agreement.date, d, window) for d in c.dates)
            ]
            if candidates:
                best = max(candidates, key=lambda c: (_overlap(agreement, c, cues), -clusters.index(c)))
                best.members.append(agreement)
                if best.family == cues.generic_family:
                    best.family = family
            else:
                clusters.append(_Cluster(family=family, members=[agreement]))
        merged += [_combine(c, cues) for c in clusters]
    return sorted(merged, key=lambda a: (a.date is None, a.date or dt.date.min, a.id))
