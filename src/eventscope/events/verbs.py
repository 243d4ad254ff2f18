"""Verb-pattern dictionaries: PETRARCH's format read into plain data, matched on a parse.

A dictionary is a set of verb blocks. Each block lists verbs (with their irregular
forms) and patterns: words that must occur before and after the verb (`* ` marks the
verb) and the CAMEO code the pattern assigns. PETRARCH matches these on Treebank
phrases; here a pattern's words must occur, in order, among the verb's own clause
tokens (after the verb) or earlier in the sentence (before it). Source/target markers
(`$`, `+`, `^`, `%`) are dropped: the events stage finds the actors from the parse.

The packaged dictionary is `data/cameo/verbs.json`, converted once from Phoenix
CAMEO.2.0.txt with `read_petrarch_verbs` + `VerbDictionary.to_json`; any other
PETRARCH-format file (e.g. a validation suite's verbs) is read the same way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventscope.errors import SettingsError
from eventscope.records import Token

NO_CODE = "---"
PREPOSITION_DEPS = ("prep", "prt", "agent", "dative")  # not "to" marking an infinitive
CLAUSE_LINKS = ("xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "parataxis")
# Words that end phrasal-verb patterns ("FIRE * OFF", "CALL * OFF", "STEP * DOWN"): there they
# are the verb's particle, not a preposition heading a place ("fired missiles off the coast").
PARTICLES = frozenset({"off", "up", "out", "down", "away", "back"})
_CODE = re.compile(r"\[([^\]]*)\]")
_MARKERS = {"$", "+", "^", "%", "|"}

Element = tuple[tuple[str, ...], ...]  # alternatives, each a run of consecutive words


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """One pattern: `before`/`after` elements in order; `code` source->target, `paired`
    the code for the reverse event (target->source) when the dictionary gives one."""

    id: str
    block: str
    code: str
    paired: str = ""
    before: tuple[Element, ...] = ()
    after: tuple[Element, ...] = ()
    adjacent: bool = False  # a multi-word verb: its words touch the verb ("carried out")
    # The first words each element may open with: a pattern whose element finds none of
    # its own in a sentence cannot match there (tested before any matching in order).
    before_firsts: tuple[frozenset[str], ...] = field(init=False, repr=False, compare=False)
    after_firsts: tuple[frozenset[str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "before_firsts", _first_words(self.before))
        object.__setattr__(self, "after_firsts", _first_words(self.after))

    @property
    def size(self) -> int:
        return len(self.before) + len(self.after)


def _first_words(elements: tuple[Element, ...]) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(alternative[0] for alternative in element) for element in elements)


@dataclass(slots=True)
class VerbBlock:
    name: str
    code: str
    paired: str = ""
    patterns: list[VerbPattern] = field(default_factory=list)
    # Positions of the patterns by a word their first element opens with (after the verb
    # when they have words there, else before it); built on first use, once loaded.
    _openers: dict[tuple[bool, str], list[int]] | None = field(default=None, repr=False, compare=False)
    _bare: list[int] = field(default_factory=list, repr=False, compare=False)

    def candidates(self, before_words: set[str], after_words: set[str]) -> list[VerbPattern]:
        """The patterns that can open among these words, in listed order (a verb like "say"
        has hundreds of patterns; a sentence can open few)."""
        if self._openers is None:
            self._openers = {}
            for position, pattern in enumerate(self.patterns):
                firsts = pattern.after_firsts or pattern.before_firsts
                if not firsts:
                    self._bare.append(position)
                for word in firsts[0] if firsts else ():
                    self._openers.setdefault((bool(pattern.after_firsts), word), []).append(position)
        found = set(self._bare)
        for after, words in ((True, after_words), (False, before_words)):
            for word in words:
                found.update(self._openers.get((after, word), ()))
        return [self.patterns[position] for position in sorted(found)]


@dataclass(slots=True)
class VerbEntry:
    """A verb form's place in a block; `code` is its default (None: patterns only)."""

    block: VerbBlock
    code: str | None


@dataclass(slots=True)
class VerbDictionary:
    """Verb forms -> the blocks listing them, with per-verb default codes.

    A form may sit in several blocks (a plain verb in one, a multi-word verb such as
    `+RUN_INTO` in another): all their patterns compete, and only plain entries give
    a default code.
    """

    blocks: dict[str, VerbBlock] = field(default_factory=dict)
    forms: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)

    def add_form(self, form: str, block: str, code: str | None) -> None:
        entries = self.forms.setdefault(form, [])
        if (block, code) not in entries:
            entries.append((block, code))

    def lookup(self, token: Token) -> list[VerbEntry]:
        """Entries for the token's own form first, then for its lemma."""
        found: list[VerbEntry] = []
        seen: set[tuple[str, str | None]] = set()
        for key in (token.text.lower(), token.lemma.lower()):
            for block, code in self.forms.get(key, []):
                if (block, code) not in seen:
                    seen.add((block, code))
                    found.append(VerbEntry(self.blocks[block], code))
        return found

    def to_json(self) -> dict:
        return {
            "forms": {form: [list(e) for e in entries] for form, entries in sorted(self.forms.items())},
            "blocks": {
                name: {
                    "code": block.code,
                    "paired": block.paired,
                    "patterns": [
                        {
                            "id": p.id,
                            "code": p.code,
                            "paired": p.paired,
                            "before": [[" ".join(alt) for alt in el] for el in p.before],
                            "after": [[" ".join(alt) for alt in el] for el in p.after],
                            "adjacent": p.adjacent,
                        }
                        for p in block.patterns
                    ],
                }
                for name, block in self.blocks.items()
            },
        }

    @classmethod
    def from_json(cls, data: dict) -> VerbDictionary:
        def elements(raw: list[list[str]]) -> tuple[Element, ...]:
            return tuple(tuple(tuple(alt.split(" ")) for alt in el) for el in raw)

        blocks = {}
        for name, raw in data["blocks"].items():
            block = VerbBlock(name=name, code=raw["code"], paired=raw.get("paired", ""))
            block.patterns = [
                VerbPattern(
                    id=p["id"],
                    block=name,
                    code=p["code"],
                    paired=p.get("paired", ""),
                    before=elements(p["before"]),
                    after=elements(p["after"]),
                    adjacent=bool(p.get("adjacent", False)),
                )
                for p in raw["patterns"]
            ]
            blocks[name] = block
        forms = {form: [(b, c) for b, c in entries] for form, entries in data["forms"].items()}
        return cls(blocks=blocks, forms=forms)

    def merge(self, other: VerbDictionary) -> None:
        """Add `other`'s blocks and forms; its patterns and verb defaults come first."""
        for name, block in other.blocks.items():
            if name in self.blocks:
                self.blocks[name].patterns[:0] = block.patterns
            else:
                self.blocks[name] = block
        for form, entries in other.forms.items():
            existing = [e for e in self.forms.get(form, []) if e not in entries]
            self.forms[form] = list(entries) + existing


def split_code(raw: str) -> tuple[str, str]:
    """`[042:043]` -> ("042", "043"); `[:020]` -> ("", "020"); `[---]` -> ("", "")."""
    main, _, paired = raw.strip().partition(":")
    main = "" if main.strip() == NO_CODE else main.strip()
    paired = "" if paired.strip() == NO_CODE else paired.strip()
    return main, paired


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def _expand_synset(name: str, synsets: dict[str, list[str]], seen: frozenset = frozenset()) -> list[tuple[str, ...]]:
    alternatives: list[tuple[str, ...]] = []
    for member in synsets.get(name, []):
        words = member.replace("_", " ").split()
        if len(words) == 1 and words[0].startswith("&") and words[0] not in seen:
            alternatives.extend(_expand_synset(words[0], synsets, seen | {name}))
        elif words:
            alternatives.append(tuple(_word(w) for w in words))
    return alternatives


def _word(raw: str) -> str:
    return raw.strip("_").lower()


def _elements(words: Sequence[str], synsets: dict[str, list[str]]) -> tuple[Element, ...]:
    result: list[Element] = []
    for raw in words:
        raw = raw.strip("(){}")
        if not raw or raw in _MARKERS:
            continue
        if raw.startswith("&"):
            alternatives = _expand_synset(raw, synsets)
            if alternatives:
                result.append(tuple(alternatives))
            continue
        result.append(tuple((_word(alt),) for alt in raw.split("/") if _word(alt)))
    return tuple(el for el in result if el)


def _pattern_words(text: str) -> tuple[list[str], list[str]] | None:
    """Split a pattern's text at the verb marker `*` into words before and after."""
    text = text.replace("_", " ").replace("(", " ( ").replace(")", " ) ")
    text = text.replace("{", " ").replace("}", " ").replace("*", " * ")
    words = text.split()
    if "*" not in words:
        return None
    star = words.index("*")
    return words[:star], words[star + 1 :]


def read_petrarch_verbs(path: Path, prefix: str = "") -> VerbDictionary:
    """Read a PETRARCH-format verb dictionary (synsets, verb blocks, patterns).

    Pattern ids are `<prefix><BLOCK>-<n>` (`-v<n>` for multi-word verbs).
    """
    try:
        lines = Path(path).read_text("utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read verb dictionary: {exc}") from exc
    synsets: dict[str, list[str]] = {}
    raw_blocks: list[tuple[str, str, list[tuple[str, str]], list[str]]] = []
    current_synset: str | None = None
    in_html_comment = False
    for raw_line in lines:
        stripped = raw_line.strip()
        if in_html_comment or stripped.startswith("<!--"):
            in_html_comment = "-->" not in stripped
            continue
        line = _strip_comment(stripped)
        if not line:
            current_synset = None
            continue
        if line.startswith("&"):
            current_synset = line.split()[0]
            synsets[current_synset] = []
            continue
        if current_synset and line.startswith("+"):
            synsets[current_synset].append(line[1:].strip())
            continue
        current_synset = None
        if line.startswith("~"):
            continue  # a transformation (PETRARCH rewrites coded events with it), not a verb
        if line.startswith("---"):
            inner = line.strip("- ").strip()
            name = inner.split()[0] if inner else ""
            code = _CODE.search(inner)
            raw_blocks.append((name, code.group(1) if code else NO_CODE, [], []))
        elif raw_blocks and line.startswith("-"):
            raw_blocks[-1][3].append(line[1:].strip())
        elif raw_blocks:
            code = _CODE.search(line)
            raw_blocks[-1][2].append((_CODE.sub(" ", line).strip(), code.group(1) if code else ""))

    dictionary = VerbDictionary()
    for block_index, (name, block_code, verbs, patterns) in enumerate(raw_blocks):
        key = name if name not in dictionary.blocks else f"{name}#{block_index}"
        main, paired = split_code(block_code)
        block = VerbBlock(name=key, code=main, paired=paired)
        dictionary.blocks[key] = block
        for n, text in enumerate(patterns, start=1):
            code = _CODE.search(text)
            parts = _pattern_words(_CODE.sub(" ", text))
            if code is None or parts is None:
                continue
            p_main, p_paired = split_code(code.group(1))
            before, after = _elements(parts[0], synsets), _elements(parts[1], synsets)
            if not before and not after:
                continue  # only actor markers: the parse decides those
            block.patterns.append(
                VerbPattern(
                    id=f"{prefix}{key}-{n}",
                    block=key,
                    code=p_main,
                    paired=p_paired,
                    before=before,
                    after=after,
                )
            )
        for n, (verb_text, verb_code) in enumerate(verbs, start=1):
            _add_verb(dictionary, block, verb_text, verb_code, synsets, f"{prefix}{key}-v{n}")
    return dictionary


def _add_verb(
    dictionary: VerbDictionary,
    block: VerbBlock,
    text: str,
    code: str,
    synsets: dict[str, list[str]],
    pattern_id: str,
) -> None:
    """A plain verb registers its forms; a multi-word verb (`+ASK_FOR`, `KLM_+RST`)
    becomes a pattern of its block around the `+`-marked word."""
    head, _, irregular = text.partition("{")
    head = head.strip()
    # Only the words inside the braces: two entries keep an old TABARI comment after them
    # ("RIP {RIPPING RIPS RIPPED};shan   7/11/93").
    forms = [f.strip("+") for f in irregular.partition("}")[0].split()]
    verb_main = split_code(code)[0] if code else block.code
    if "_" in head or head.startswith("+"):
        words = head.split("_")
        marked = [i for i, w in enumerate(words) if w.startswith("+")] or [0]
        star = marked[0]
        verb = _word(words[star].lstrip("+"))
        main, paired = split_code(code) if code else (block.code, block.paired)
        block.patterns.insert(
            0,
            VerbPattern(
                id=pattern_id,
                block=block.name,
                code=main,
                paired=paired,
                before=_elements(words[:star], synsets),
                after=_elements(words[star + 1 :], synsets),
                adjacent=True,
            ),
        )
        dictionary.add_form(verb, block.name, None)
        return
    for form in [head, *forms]:
        if form:
            dictionary.add_form(_word(form), block.name, verb_main)


@dataclass(frozen=True, slots=True)
class VerbNeeds:
    """What the coder needs before a verb form can give a code: nothing when it has a
    default code, else the words of one of its coding patterns. Tested on a sentence's
    bag of words, it tells before any parse whether the sentence can carry an event."""

    default: bool
    bare: bool = False  # a coding pattern with no words at all
    # A word that opens coding patterns -> the first words of each one's other elements.
    openers: dict[str, list[tuple[frozenset[str], ...]]] = field(default_factory=dict)

    def met_by_pattern(self, vocabulary: set[str]) -> bool:
        return self.bare or any(
            _possible(rest, vocabulary) for word in vocabulary for rest in self.openers.get(word, ())
        )


def verb_needs(dictionary: VerbDictionary) -> dict[str, VerbNeeds]:
    """`VerbNeeds` of every one-word verb form of the dictionary."""
    needs: dict[str, VerbNeeds] = {}
    for form, entries in dictionary.forms.items():
        if " " in form:
            continue
        blocks = [dictionary.blocks[block] for block, _ in entries]
        default = any(code is not None and (code or block.paired) for block, (_, code) in zip(blocks, entries))
        bare = False
        openers: dict[str, list[tuple[frozenset[str], ...]]] = {}
        for pattern in (p for block in blocks for p in block.patterns if p.code or p.paired):
            firsts = pattern.before_firsts + pattern.after_firsts
            if not firsts:
                bare = True
            for word in firsts[0] if firsts else ():
                openers.setdefault(word, []).append(firsts[1:])
        needs[form] = VerbNeeds(default, bare, openers)
    return needs


def load_verb_dictionary(path: Path) -> VerbDictionary:
    """A dictionary from our JSON form or from a PETRARCH text file, by suffix."""
    if Path(path).suffix == ".json":
        try:
            return VerbDictionary.from_json(json.loads(Path(path).read_text("utf-8")))
        except (OSError, ValueError, KeyError) as exc:
            raise SettingsError(f"{path}: cannot read verb dictionary: {exc}") from exc
    return read_petrarch_verbs(path)


Forms = Sequence[tuple[str, str]]  # (text, lemma) of each token, lowercased


def _forms(tokens: Sequence[Token]) -> list[tuple[str, str]]:
    return [(t.text.lower(), t.lemma.lower()) for t in tokens]


def _matches_at(forms: Forms, index: int, words: tuple[str, ...]) -> bool:
    if index + len(words) > len(forms):
        return False
    return all(w in forms[index + k] for k, w in enumerate(words))


def _match_in_order(forms: Forms, elements: tuple[Element, ...]) -> list[int] | None:
    """Indices (into `forms`) of the first in-order match of every element, or None."""
    position = 0
    matched: list[int] = []
    for element in elements:
        found = None
        for index in range(position, len(forms)):
            for alternative in element:
                if _matches_at(forms, index, alternative):
                    found = (index, len(alternative))
                    break
            if found:
                break
        if found is None:
            return None
        matched.extend(range(found[0], found[0] + found[1]))
        position = found[0] + found[1]
    return matched


def _match_adjacent(forms: Forms, elements: tuple[Element, ...], start: int) -> list[int] | None:
    """Indices of a consecutive match of all elements beginning at `start`, or None."""
    position = start
    matched: list[int] = []
    for element in elements:
        width = next((len(a) for a in element if _matches_at(forms, position, a)), 0)
        if not width:
            return None
        matched.extend(range(position, position + width))
        position += width
    return matched


def _match_before_verb(forms: Forms, elements: tuple[Element, ...]) -> list[int] | None:
    """A consecutive match of all elements ending right before the verb."""
    for start in range(len(forms) - 1, -1, -1):
        found = _match_adjacent(forms, elements, start)
        if found is not None and found[-1] == len(forms) - 1:
            return found
    return None


def _possible(firsts: tuple[frozenset[str], ...], vocabulary: set[str]) -> bool:
    """Cheap test before matching in order: every element's first word occurs at all."""
    return all(not words.isdisjoint(vocabulary) for words in firsts)


def _reaches_verb(after: Sequence[Token], matched: list[int], verb: Token | None) -> bool:
    """A pattern opening with a preposition ("* ON", "* AT") means the verb's own phrase:
    the preposition must sit in the verb's phrase, as in PETRARCH, not in a verb
    governed by it ("want to capitalise on") or coordinated with it."""
    if verb is None or not matched or after[matched[0]].dep not in PREPOSITION_DEPS:
        return True
    by_index = {t.i: t for t in after}
    current: Token | None = after[matched[0]]
    while current is not None and current.head != verb.i:
        if current.dep in CLAUSE_LINKS:
            return False
        current = by_index.get(current.head)
    return current is not None and current.dep not in CLAUSE_LINKS


def _ends_in_preposition(after: Sequence[Token], matched: list[int]) -> bool:
    """A pattern ending in a particle word matched a preposition with its own object: "off"
    in "fired two missiles off its east coast" is where, not "fired off" a letter."""
    if not matched:
        return False
    last = after[matched[-1]]
    return last.text.lower() in PARTICLES and last.dep == "prep" and any(
        t.head == last.i and t.dep == "pobj" for t in after)


def match_pattern(
    blocks: Sequence[VerbBlock], before: Sequence[Token], after: Sequence[Token], verb: Token | None = None
) -> tuple[VerbPattern, list[Token]] | None:
    """The most specific pattern of the verb's blocks matching the words around it.

    `before` are the sentence tokens preceding the verb, `after` the verb's own clause
    tokens following it. Ties go to the pattern listed first, as in PETRARCH. Given the
    `verb`, a pattern opening with a preposition must find it in the verb's own phrase.
    """
    before_forms, after_forms = _forms(before), _forms(after)
    before_words = {w for pair in before_forms for w in pair}
    after_words = {w for pair in after_forms for w in pair}
    best: tuple[VerbPattern, list[Token]] | None = None
    for pattern in (p for block in blocks for p in block.candidates(before_words, after_words)):
        if best is not None and pattern.size <= best[0].size:
            continue
        if pattern.adjacent and not (pattern.code or pattern.paired):
            continue  # a multi-word verb without a code of its own only names the verb
        if not (_possible(pattern.before_firsts, before_words) and _possible(pattern.after_firsts, after_words)):
            continue
        if pattern.adjacent:
            low = _match_before_verb(before_forms, pattern.before) if pattern.before else []
            high = _match_adjacent(after_forms, pattern.after, 0) if pattern.after else []
        else:
            low = _match_in_order(before_forms, pattern.before) if pattern.before else []
            high = _match_in_order(after_forms, pattern.after) if pattern.after else []
        if low is None or high is None or not _reaches_verb(after, high, verb) or _ends_in_preposition(after, high):
            continue
        best = (pattern, [before[i] for i in low] + [after[i] for i in high])
    return best
