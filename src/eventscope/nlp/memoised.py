"""Memoised drop-in replacements for spaCy's lemmatizer and attribute ruler.

Both components spend most of their time in per-token Python, yet their output for
a token depends only on a few of its attributes. These subclasses compute it once
per distinct key, keep it on the component instance and write whole columns back
with `Doc.from_array`. They keep the parents' configs and serialization, so a
packaged pipeline loads its own lookups and patterns into them: pass
`memoised_overrides(model)` as `config=` to `spacy.load(model)`. Importing this
module registers the factories.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy
from spacy import util
from spacy.attrs import DEP, IDS, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.lang.en import English
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.pipeline.attributeruler import attribute_ruler_score
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab
from thinc.api import Model
from thinc.types import Ints2d

# A single-token rule whose pattern tests only these attributes has the same
# outcome on every token with the same values, so its result is memoised per key.
RULER_KEY = (TAG, LOWER, DEP, IS_SPACE)
# Entries a memo holds before it starts afresh: memory stays bounded on any corpus
# (a BBC article adds about 100 keys at first, fewer and fewer as the memo warms).
MEMO_LIMIT = 300_000
# Attributes the memoised ruler can write; set_token_attrs writes these to the
# token only (never to its lexeme), so writing them as columns is equivalent.
RULER_TARGETS = (POS, TAG, MORPH, LEMMA, DEP)
# Key attributes whose values no rule names are all the same to the rules: in a key they
# become this one value (a string hash equal to it is a 1 in 2**64 chance).
UNNAMED = 1


class IndexedWords(list):
    """A word list of the lemma index that answers `in` from a set. The rule lemmatiser
    asks whether each candidate form is in the list of its part of speech (57,000 nouns):
    scanning it was most of the cost of lemmatising a new word."""

    def __init__(self, words: Iterable[str]) -> None:
        super().__init__(words)
        self.words = frozenset(self)

    def __contains__(self, word: object) -> bool:
        return word in self.words


class MemoLemmatizer(EnglishLemmatizer):
    """English lemmatizer that lemmatizes each (ORTH, POS, MORPH) once.

    In "rule" and "lookup" modes the lemma is a function of the token's text,
    coarse tag and morphology only, so the memo gives the same lemmas. Tokens
    that already have a lemma keep it unless `overwrite` is set. The lemma index
    lists answer membership from sets (`IndexedWords`).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            if len(doc):
                self._set_lemmas(doc)
            return doc
        except Exception as e:  # noqa: BLE001 - spaCy's error handler decides
            return error_handler(self.name, self, [doc], e)

    def _validate_tables(self, error_message: str = Errors.E912) -> None:
        """Runs whenever tables are loaded: the index lists become `IndexedWords` then."""
        super()._validate_tables(error_message)
        if self.lookups.has_table("lemma_index"):
            index = self.lookups.get_table("lemma_index")
            for pos in list(index.keys()):
                if not isinstance(index[pos], IndexedWords):
                    index[pos] = IndexedWords(index[pos])

    def _set_lemmas(self, doc: Doc) -> None:
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        if len(self.memo) > MEMO_LIMIT:
            self.memo.clear()
        memo = self.memo
        strings = self.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                found = memo[key] = strings.add(self.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], cast(Ints2d, lemmas))


@English.factory(
    "memo_lemmatizer",
    assigns=["token.lemma"],
    default_config={
        "model": None,
        "mode": "rule",
        "overwrite": False,
        "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"},
    },
    default_score_weights={"lemma_acc": 1.0},
)
def make_memo_lemmatizer(
    nlp: Language,
    model: Model | None,
    name: str,
    mode: str,
    overwrite: bool,
    scorer: Callable | None,
) -> MemoLemmatizer:
    return MemoLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)


@dataclass
class NamedValues:
    """The values of one key attribute (its `column` in RULER_KEY) that some rule names:
    `values` (sorted) and those matching a rule's regex `patterns`."""

    column: int
    values: numpy.ndarray
    patterns: list[re.Pattern[str]]
    known: dict[int, bool] = field(default_factory=dict)  # value seen -> whether a pattern matches it

    def named(self, column: numpy.ndarray, strings: Any) -> numpy.ndarray:
        """Which entries of a key column some rule names."""
        listed = numpy.zeros(len(column), dtype=bool)
        if len(self.values):
            at = numpy.minimum(numpy.searchsorted(self.values, column), len(self.values) - 1)
            listed = self.values[at] == column  # a binary search: isin compares with each value in turn
        if not self.patterns:
            return listed
        if len(self.known) > MEMO_LIMIT:
            self.known.clear()
        entries, known = column.tolist(), self.known
        for value in {value for value in entries if value not in known}:
            known[value] = any(pattern.search(strings[value]) for pattern in self.patterns)
        return listed | numpy.array([known[value] for value in entries], dtype=bool)


class MemoAttributeRuler(AttributeRuler):
    """Attribute ruler that evaluates single-token rules once per token key.

    The parent matches all rules on the unmodified doc, then applies each match's
    attrs in order of rule id. Here the rules of one token that test only
    RULER_KEY attributes are evaluated once per distinct key, on a probe doc, and
    their combined effect is memoised as a row of a table. All other rules
    (several tokens, operators, other attributes) still run through a Matcher on
    the unmodified doc; where both kinds hit a token their attrs are applied in
    rule-id order, so later rules win exactly as in the parent. If any rule
    writes an attribute outside RULER_TARGETS, the parent's code runs instead.
    """

    def __init__(
        self,
        vocab: Vocab,
        name: str = "attribute_ruler",
        *,
        validate: bool = False,
        scorer: Callable | None = attribute_ruler_score,
    ) -> None:
        super().__init__(vocab, name, validate=validate, scorer=scorer)
        self.memo: dict[tuple[int, ...], int] = {}
        self._compiled = False

    def add(self, patterns: Iterable[Any], attrs: dict, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._compiled = False

    def clear(self) -> None:
        super().clear()
        self._compiled = False

    def _compile(self) -> None:
        """Split the rules into memoised and matched ones, and start an empty memo.

        Matched rules are only run on short windows starting at the tokens whose key
        can open one of their patterns, when every such pattern has a fixed length
        and a first token tested on RULER_KEY attributes only; else on the whole doc.
        """
        self._single = Matcher(self.vocab, validate=self.validate)
        self._multi = Matcher(self.vocab, validate=self.validate)
        self._openers = Matcher(self.vocab, validate=self.validate)
        self._windowed = True
        for i, index in enumerate(self.indices):
            key = self.vocab.strings[str(i)]
            patterns = self.matcher.get(key)[1]
            if index in (0, -1) and all(len(p) == 1 and _tests_key_only(p[0]) for p in patterns):
                self._single.add(key, patterns)
                continue
            self._multi.add(key, patterns)
            for pattern in patterns:
                if all("OP" not in token for token in pattern) and _tests_key_only(pattern[0]):
                    self._openers.add(str(len(pattern)), [pattern[:1]])
                else:
                    self._windowed = False
        self._named = self._named_values([p for rule in self.patterns for p in cast(list, rule["patterns"])])
        written = {attr for attrs in self.attrs for attr in attrs}
        self._memoisable = written <= set(RULER_TARGETS)
        self._targets = [attr for attr in RULER_TARGETS if attr in written]
        self._column = {attr: j for j, attr in enumerate(self._targets)}
        self.memo = {}
        self._rules: list[tuple[int, ...]] = []
        self._values = numpy.zeros((0, len(self._targets)), dtype=numpy.uint64)
        self._setting = numpy.zeros((0, len(self._targets)), dtype=bool)
        self._opens = numpy.zeros(0, dtype=numpy.intp)
        self._compiled = True

    def _named_values(self, patterns: list[list[dict]]) -> list[NamedValues]:
        """Per string-valued key attribute that the patterns test only by value (equal, IN,
        NOT_IN, REGEX): the values they name. Keys then hold `UNNAMED` for every other value,
        so "minister" and "treaty" share a key and the memo learns a few thousand keys
        instead of tens of thousands."""
        values: dict[int, set[int]] = {attr: set() for attr in (TAG, LOWER, DEP)}
        patterns_of: dict[int, list[re.Pattern[str]]] = {attr: [] for attr in values}
        any_value: set[int] = set()  # attributes a comparison or fuzzy match tests: every value may differ
        for pattern in patterns:
            for token in pattern:
                for name, test in token.items():
                    attr = IDS.get(name.upper()) if isinstance(name, str) else name
                    if attr not in values:
                        continue
                    tests = test if isinstance(test, dict) else {"IN": [test]}
                    if not set(tests) <= {"IN", "NOT_IN", "REGEX"}:
                        any_value.add(attr)
                        continue
                    for op, listed in tests.items():
                        if op == "REGEX":
                            patterns_of[attr].append(re.compile(str(listed)))
                        else:
                            values[attr].update(self.vocab.strings.add(str(value)) for value in listed)
        return [
            NamedValues(RULER_KEY.index(attr), numpy.array(sorted(found), dtype=numpy.uint64), patterns_of[attr])
            for attr, found in values.items()
            if attr not in any_value
        ]

    def __call__(self, doc: Doc) -> Doc:
        if not self._compiled:
            self._compile()
        if not self._memoisable:
            return super().__call__(doc)
        error_handler = self.get_error_handler()
        try:
            if len(doc) and self._targets:
                self._apply(doc)
            return doc
        except Exception as e:  # noqa: BLE001 - spaCy's error handler decides
            return error_handler(self.name, self, [doc], e)

    def _apply(self, doc: Doc) -> None:
        n_key = len(RULER_KEY)
        columns = doc.to_array([*RULER_KEY, *self._targets])
        current = columns[:, n_key:]
        key_columns = columns[:, :n_key].copy()
        for named in self._named:
            column = key_columns[:, named.column]
            column[~named.named(column, self.vocab.strings)] = UNNAMED
        keys = list(zip(*(key_columns[:, c].tolist() for c in range(n_key))))
        if len(self.memo) > MEMO_LIMIT:
            self._compile()
        missing = {key: i for i, key in enumerate(keys) if key not in self.memo}
        if missing:
            self._learn(doc, missing, columns)
        rows = numpy.array([self.memo[key] for key in keys], dtype=numpy.intp)
        result = numpy.where(self._setting[rows], self._values[rows], current)
        for i, rules in self._multi_targets(doc, rows).items():
            values, setting = self._effect(sorted([*self._rules[rows[i]], *rules]))
            result[i] = numpy.where(setting, values, current[i])
        doc.from_array(self._targets, cast(Ints2d, result))

    def _multi_targets(self, doc: Doc, rows: numpy.ndarray) -> dict[int, list[int]]:
        """Ids of the matched (not memoised) rules, by the token each one writes."""
        if self._windowed:
            opens = self._opens[rows].tolist()
            windows = [doc[i : i + length] for i, length in enumerate(opens) if length]
        else:
            windows = [doc[:]]
        targets: dict[int, list[int]] = {}
        for window in windows:
            for match_id, start, end in self._multi(window, allow_missing=True, as_spans=False):
                rule = int(self.vocab.strings[match_id])
                span = Span(doc, window.start + start, window.start + end, label=match_id)
                index = self.indices[rule]
                try:
                    token = span[index]
                except IndexError:
                    raise ValueError(
                        Errors.E1001.format(
                            patterns=self.matcher.get(span.label),
                            span=[t.text for t in span],
                            index=index,
                        )
                    ) from None
                targets.setdefault(token.i, []).append(rule)
        return targets

    def _learn(self, doc: Doc, missing: dict[tuple[int, ...], int], columns: numpy.ndarray) -> None:
        """Memoise the effect of the single-token rules for new keys, found on a probe doc.

        `missing` maps each key to a token of `doc` carrying it, `columns` are the doc's
        RULER_KEY columns first. The probe has one token per key with that token's text
        (so the same lexeme, hence the same LOWER and IS_SPACE), TAG and DEP.
        """
        keys = list(missing)
        tokens = list(missing.values())
        probe = Doc(self.vocab, words=[doc[i].text for i in tokens])
        tag_dep = [RULER_KEY.index(TAG), RULER_KEY.index(DEP)]
        probe.from_array([TAG, DEP], cast(Ints2d, columns[tokens][:, tag_dep]))
        found: list[list[int]] = [[] for _ in keys]
        if len(self._single):
            for match_id, start, _ in self._single(probe, allow_missing=True, as_spans=False):
                found[start].append(int(self.vocab.strings[match_id]))
        first = len(self._rules)
        size = first + len(keys)
        if size > len(self._opens):
            capacity = max(size, 2 * len(self._opens))
            self._values = _grown(self._values, capacity)
            self._setting = _grown(self._setting, capacity)
            self._opens = _grown(self._opens, capacity)
        for row, (key, rules) in enumerate(zip(keys, found), first):
            rules.sort()
            self.memo[key] = row
            self._rules.append(tuple(rules))
            self._values[row], self._setting[row] = self._effect(rules)
        if len(self._openers):
            for match_id, start, _ in self._openers(probe, allow_missing=True, as_spans=False):
                length = int(self.vocab.strings[match_id])
                self._opens[first + start] = max(self._opens[first + start], length)

    def _effect(self, rules: Iterable[int]) -> tuple[numpy.ndarray, numpy.ndarray]:
        """The values the rules write, applied in the given order, and which columns they set."""
        values = numpy.zeros(len(self._targets), dtype=numpy.uint64)
        setting = numpy.zeros(len(self._targets), dtype=bool)
        for rule in rules:
            for attr, value in self.attrs[rule].items():
                values[self._column[attr]] = value
                setting[self._column[attr]] = True
        return values, setting


def _tests_key_only(token: dict) -> bool:
    """Whether a token of a Matcher pattern tests only RULER_KEY attributes (no operator)."""
    names = [IDS.get(name.upper()) if isinstance(name, str) else name for name in token]
    return all(name in RULER_KEY for name in names)


def _grown(array: numpy.ndarray, capacity: int) -> numpy.ndarray:
    """A copy of `array` with `capacity` rows, the new ones zero."""
    grown = numpy.zeros((capacity, *array.shape[1:]), dtype=array.dtype)
    grown[: len(array)] = array
    return grown


@Language.factory(
    "memo_attribute_ruler",
    default_config={
        "validate": False,
        "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"},
    },
)
def make_memo_attribute_ruler(
    nlp: Language, name: str, validate: bool, scorer: Callable | None
) -> MemoAttributeRuler:
    return MemoAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


def memoised_overrides(model: str | Path) -> dict[str, Any]:
    """Config overrides for `spacy.load(model, config=...)` swapping in the memoised components.

    `model` is an installed pipeline package or a pipeline directory. Only components
    built by the "attribute_ruler" factory, or by "lemmatizer" in an English pipeline,
    are swapped; their other settings and their data on disk stay the package's.
    """
    config = util.load_config(_pipeline_dir(model) / "config.cfg", interpolate=False)
    swaps = {"attribute_ruler": "memo_attribute_ruler"}
    if config["nlp"]["lang"] == "en":
        swaps["lemmatizer"] = "memo_lemmatizer"
    return {
        "components": {
            name: {"factory": swaps[component["factory"]]}
            for name, component in config["components"].items()
            if component.get("factory") in swaps
        }
    }


def _pipeline_dir(model: str | Path) -> Path:
    """The directory holding a pipeline's config, as `spacy.load` finds it."""
    if isinstance(model, str) and util.is_package(model):
        path = util.get_package_path(model)
        meta = util.get_model_meta(path)
        return path / f"{meta['lang']}_{meta['name']}-{meta['version']}"
    return Path(model)
