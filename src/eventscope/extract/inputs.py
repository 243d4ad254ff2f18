"""Inputs: the files and folders given become `RawInput`s, one per article.

`read_inputs` walks the paths given on the command line and yields one `RawInput` per
article (a text or HTML file, a JSON line), or a `BadInput` for anything that cannot be
one, so a bad file never stops a batch. Bytes are decoded by `decode`.
"""

from __future__ import annotations

import codecs
import json
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

import regex

from eventscope.errors import BadInput
from eventscope.records import RawInput
from eventscope.settings import Settings

log = logging.getLogger(__name__)

KINDS: dict[str, Literal["text", "html", "jsonl"]] = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
}
META_FIELDS = ("url", "title", "outlet", "published")
# Bytes inspected for NUL bytes before a file is taken for text.
SNIFF_BYTES = 8192
# charset_normalizer's "chaos" ratio above which a guessed encoding is not trusted.
MAX_CHAOS = 0.1
# Byte-order marks of the UTF-16/32 encodings, whose text is full of NUL bytes (UTF-32 first:
# its little-endian mark starts with UTF-16's).
UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
META_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", regex.IGNORECASE)


def read_inputs(
    paths: Iterable[str | Path], settings: Settings, meta: dict[str, str] | None = None
) -> Iterator[RawInput | BadInput]:
    """Every article in the given files and folders, in a deterministic order.

    Folders are walked recursively in sorted order and files with other extensions
    are skipped; a file named directly must have a supported extension. Problems are
    yielded as `BadInput`, never raised. `meta` (`outlet`, `published`) applies to every
    input, except where a JSON line states its own.
    """
    meta = dict(meta or {})
    for raw in _read_paths(paths, settings):
        if isinstance(raw, RawInput) and meta:
            raw.meta = {**meta, **raw.meta}
        yield raw


def count_inputs(paths: Iterable[str | Path]) -> int:
    """How many inputs `read_inputs` will yield, at most (files, and non-blank JSON lines),
    counted cheaply so that progress can be shown against a total."""
    total = 0
    for given in paths:
        path = Path(given)
        files = _walk(path) if path.is_dir() else [path] if path.is_file() else []
        for file in files:
            kind = KINDS.get(file.suffix.lower())
            if kind == "jsonl":
                try:
                    with file.open("rb") as stream:
                        total += max(1, sum(1 for line in stream if line.strip()))
                except OSError:
                    total += 1
            elif kind is not None or not path.is_dir():
                total += 1
    return total


def missing_paths(paths: Iterable[str | Path]) -> list[str]:
    """The paths given that are neither a file nor a folder."""
    return [str(path) for path in paths if not Path(path).exists()]


def _read_paths(paths: Iterable[str | Path], settings: Settings) -> Iterator[RawInput | BadInput]:
    for given in paths:
        given_text = str(given)
        path = Path(given)
        if path.is_dir():
            for file in _walk(path):
                source = os.path.join(given_text, file.relative_to(path).as_posix())
                if file.suffix.lower() in KINDS:
                    yield from _read_file(file, source, settings)
        elif path.is_file():
            if path.suffix.lower() not in KINDS:
                yield BadInput(given_text, f"unsupported file type {path.suffix or '(none)'!r}")
            else:
                yield from _read_file(path, given_text, settings)
        else:
            yield BadInput(given_text, "no such file or folder")


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            yield Path(root) / name


def _read_file(path: Path, source: str, settings: Settings) -> Iterator[RawInput | BadInput]:
    kind = KINDS[path.suffix.lower()]
    limit = int(settings.get("extract.max_file_bytes"))
    try:
        size = path.stat().st_size
        if kind == "jsonl":
            yield from _read_jsonl(path, source, limit)
            return
        if size == 0:
            yield BadInput(source, "empty file")
            return
        if size > limit:
            yield BadInput(source, f"file too large ({size} bytes > {limit})")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield BadInput(source, f"cannot read file: {exc.strerror or exc}")
        return
    try:
        text = decode(data, html=kind == "html")
    except BadInput as exc:
        yield BadInput(source, exc.reason)
        return
    if not text.strip():
        yield BadInput(source, "empty file")
        return
    yield RawInput(source=source, content=text, kind="html" if kind == "html" else "text")


def decode(data: bytes, html: bool = False) -> str:
    """Bytes to text: by byte-order mark, UTF-8, the page's declared charset, then a
    confident guess. Raises `BadInput` (with an empty source) for binary or unknown data."""
    for bom, encoding in UNICODE_BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise BadInput("", f"cannot decode text (invalid {encoding})") from None
    if b"\x00" in data[:SNIFF_BYTES]:
        raise BadInput("", "binary file (NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = META_CHARSET.search(data[:4096]) if html else None
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise BadInput("", "cannot decode text (not UTF-8, encoding unknown)")
    log.debug("decoded as %s (chaos %.2f)", best.encoding, best.chaos)
    return str(best)


def _read_jsonl(path: Path, source: str, limit: int) -> Iterator[RawInput | BadInput]:
    """One article per line, read streaming; a bad line is reported and the rest still read."""
    found = False
    with path.open("rb") as stream:
        if b"\x00" in stream.read(SNIFF_BYTES):
            yield BadInput(source, "binary file (NUL bytes)")
            return
        stream.seek(0)
        for number, raw_line in enumerate(stream, start=1):
            where = f"{source}:{number}"
            if not raw_line.strip():
                continue
            found = True
            if len(raw_line) > limit:
                yield BadInput(source, f"line too large ({len(raw_line)} bytes > {limit})", number)
                continue
            try:
                record = json.loads(raw_line.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield BadInput(source, f"malformed JSON line: {exc}", number)
                continue
            if not isinstance(record, dict):
                yield BadInput(source, "JSON line is not an object", number)
                continue
            kind: Literal["text", "html"] = "text" if _non_empty(record.get("text")) else "html"
            content = record.get(kind)
            if not isinstance(content, str) or not content.strip():
                yield BadInput(source, "JSON line has no 'text' or 'html'", number)
                continue
            meta = {
                key: _valid_unicode(record[key])
                for key in META_FIELDS
                if _non_empty(record.get(key))
            }
            ignored = [key for key in META_FIELDS if key in record and key not in meta]
            if ignored:
                log.info("%s: ignoring %s (not a non-empty string)", where, ", ".join(ignored))
            url = meta.get("url")
            yield RawInput(
                source=url or where,
                content=_valid_unicode(content),
                kind=kind,
                meta=meta,
                line=number,
            )
    if not found:
        yield BadInput(source, "empty file")


def _valid_unicode(text: str) -> str:
    """JSON escapes can encode lone surrogates, which no encoder accepts: replace them."""
    return regex.sub(r"[\ud800-\udfff]", "\ufffd", text)


def _non_empty(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())
