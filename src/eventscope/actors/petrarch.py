"""The PETRARCH/TABARI dictionary format: `.actors` files of phrases with dated codes and
`.agents` files of role words, as users bring them (`--actors FILE`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventscope.actors.kb import ACRONYM_MAX_LETTERS, CodeSpell, phrase_key
from eventscope.errors import SettingsError

_COMMENT_BLOCK = re.compile(r"<!--.*?-->", re.DOTALL)
_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")


def display_name(petrarch_phrase: str) -> str:
    """`HOSEIN_DEHQAN_` -> `Hosein Dehqan`; short all-capital single words stay acronyms."""
    words = petrarch_phrase.replace("_", " ").split()
    if len(words) == 1 and len(words[0]) <= ACRONYM_MAX_LETTERS:
        return words[0]
    return " ".join(word.capitalize() if word.isupper() else word for word in words)


@dataclass(slots=True)
class DictionaryEntry:
    """One PETRARCH actor record: a primary phrase, its `+` synonyms and dated codes."""

    phrase: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[CodeSpell] = field(default_factory=list)
    comment: str = ""


def _petrarch_lines(text: str) -> Iterator[tuple[str, str]]:
    """Content lines with comments removed, as (content, trailing comment)."""
    text = _COMMENT_BLOCK.sub("", text)
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith(("#", "<!")):
            continue
        content, _, comment = raw.partition("#")
        if content.strip():
            yield content.rstrip(), comment.strip()


def petrarch_date(text: str) -> dt.date | None:
    """YYMMDD (00-30 -> 20YY) or YYYYMMDD; None when it is not a valid date."""
    digits = text.strip()
    try:
        if len(digits) == 8:
            return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        if len(digits) == 6:
            year = int(digits[:2])
            year += 2000 if year <= 30 else 1900
            return dt.date(year, int(digits[2:4]), int(digits[4:]))
    except ValueError:
        return None
    return None


def parse_code_block(block: str) -> CodeSpell | None:
    """`IRNGOV 040901-090930`, `IRN <20030320`, `IRN >20060520` -> a dated code."""
    parts = block.split(None, 1)
    if not parts:
        return None
    code = parts[0].strip()
    if not code or set(code) <= set("-+#~"):
        return None
    restriction = parts[1].replace(" ", "") if len(parts) > 1 else ""
    start = end = None
    if restriction.startswith("<"):
        end = petrarch_date(restriction[1:])
    elif restriction.startswith(">"):
        start = petrarch_date(restriction[1:])
    elif "-" in restriction:
        first, _, last = restriction.partition("-")
        start, end = petrarch_date(first), petrarch_date(last)
    return CodeSpell(code, start, end)


def parse_petrarch_actors(text: str) -> list[DictionaryEntry]:
    """Parse a PETRARCH/TABARI `.actors` dictionary.

    A record is a phrase (words joined by `_` or spaces, optionally followed by its
    `[CODE]`), then `+synonym` lines, then indented `[CODE date]` lines.
    """
    entries: list[DictionaryEntry] = []
    current: DictionaryEntry | None = None
    for content, comment in _petrarch_lines(text):
        stripped = content.strip()
        codes = [spell for block in _CODE_BLOCK.findall(stripped) if (spell := parse_code_block(block))]
        phrase = _CODE_BLOCK.sub("", stripped).strip()
        if stripped.startswith("["):
            if current is not None:
                current.codes.extend(codes)
            continue
        if phrase.startswith("+"):
            if current is not None and phrase[1:].strip():
                current.synonyms.append(phrase[1:].strip())
                current.codes.extend(codes)
            continue
        if not phrase:
            continue
        current = DictionaryEntry(phrase=phrase, codes=codes, comment=comment)
        entries.append(current)
    return entries


def parse_petrarch_agents(text: str) -> dict[str, str]:
    """Parse a PETRARCH `.agents` dictionary into {lower-case phrase: agent code}.

    Handles `!MARKER! = A, B` substitution sets, `{PLURAL}`/`{}` plural forms, regular
    plurals, and codes written `~GOV` (suffix) or `NGO~` (prefix); the `~` is dropped.
    """
    markers: dict[str, list[str]] = {}
    agents: dict[str, str] = {}

    def store(phrase: str, code: str) -> None:
        key = phrase_key(phrase.replace("_", " "))
        if key:
            agents.setdefault(key, code)

    for content, _ in _petrarch_lines(text):
        if "!" in content and "=" in content and "[" not in content:
            name, _, values = content.partition("=")
            markers[name.strip().strip("!")] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        if "[" not in content:
            continue
        head, _, rest = content.partition("[")
        code = rest.partition("]")[0].replace("~", "").strip()
        if not code:
            continue
        plural: str | None = None
        if "{" in head:
            plural = head[head.find("{") + 1 : head.find("}")].strip()
            head = head[: head.find("{")]
        phrase = head.strip()
        marker = re.search(r"!(\w+)!", phrase)
        if marker:
            for value in markers.get(marker.group(1), []):
                store(phrase.replace(marker.group(), value), code)
            continue
        words = phrase.replace("_", " ").split()
        if words and words[-1] in markers:  # a bare stem naming a substitution set (MINIST)
            for value in markers[words[-1]]:
                store(" ".join(words[:-1] + [value]), code)
            continue
        store(phrase, code)
        if plural is None:
            plural = regular_plural(phrase)
        if plural:
            store(plural, code)
    return agents


def regular_plural(phrase: str) -> str:
    """PETRARCH's automatic plural of the last word: -Y -> -IES, -S -> -SES, else -S."""
    phrase = phrase.rstrip("_ ")
    if not phrase:
        return ""
    if phrase[-1] in "yY" and phrase[-2:-1].lower() not in ("a", "e", "o", "u"):
        return phrase[:-1] + ("IES" if phrase.isupper() else "ies")
    suffix = "ES" if phrase[-1] in "sSxX" or phrase.upper().endswith(("CH", "SH")) else "S"
    return phrase + (suffix if phrase.isupper() else suffix.lower())


def _dictionary_text(path: Path, what: str) -> str:
    """A user's dictionary file: stray bytes are replaced, an unreadable file is a settings error."""
    try:
        return path.read_text("utf-8", errors="replace")
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read {what} dictionary: {exc}") from exc


def read_petrarch_actors(path: Path) -> list[DictionaryEntry]:
    return parse_petrarch_actors(_dictionary_text(path, "actor"))


def read_petrarch_agents(path: Path) -> dict[str, str]:
    return parse_petrarch_agents(_dictionary_text(path, "agents"))
