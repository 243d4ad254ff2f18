"""One options object: defaults shipped in the package, a user file merged over them.

The shipped YAML (`data/settings.yaml`) is the one source of defaults and the schema: a key
it does not have, or a value of another kind than its default, is an error that names the key,
so a misspelt setting never goes silently unused. Settings are read once and passed down
explicitly; no module keeps mutable globals.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from eventscope.errors import SettingsError

DEFAULTS_FILE = "settings.yaml"


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


@cache
def _defaults_text() -> str:
    return resources.files("eventscope.data").joinpath(DEFAULTS_FILE).read_text("utf-8")


def defaults() -> dict[str, Any]:
    """The shipped defaults, a fresh copy each call."""
    return yaml.safe_load(_defaults_text()) or {}


def _kind(default: Any) -> str:
    if default is None:
        return "a text, a number or null"
    if isinstance(default, bool):
        return "true or false"
    if isinstance(default, (int, float)):
        return "a number"
    names: dict[type, str] = {str: "a text", list: "a list", dict: "a mapping"}
    return names.get(type(default), type(default).__name__)


def _fits(value: Any, default: Any) -> bool:
    """Whether `value` is of the kind of its shipped default (null defaults take a text or a number)."""
    if default is None:
        return value is None or (isinstance(value, (str, int, float)) and not isinstance(value, bool))
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, type(default))


def check_settings(values: dict[str, Any], schema: dict[str, Any], where: str = "") -> None:
    """Raise `SettingsError` naming the first key that `schema` (the defaults) lacks, or whose
    value is of another kind than its default."""
    for key, value in values.items():
        name = f"{where}{key}"
        if key not in schema:
            close = difflib.get_close_matches(str(key), [str(k) for k in schema], n=1)
            hint = f" (did you mean {where}{close[0]!s}?)" if close else ""
            raise SettingsError(f"unknown setting {name!r}{hint}")
        default = schema[key]
        if isinstance(default, dict) and default and isinstance(value, dict):
            check_settings(value, default, f"{name}.")
        elif not _fits(value, default):
            raise SettingsError(f"setting {name!r} must be {_kind(default)}, not {value!r}")


@dataclass(frozen=True)
class Settings:
    """All tunable options, grouped by stage (`settings.get("nlp.model")`)."""

    values: dict[str, Any] = field(default_factory=defaults)

    def section(self, name: str) -> dict[str, Any]:
        return dict(self.values.get(name, {}))

    def get(self, dotted: str) -> Any:
        """The value of `section.key`; its default lives in the shipped YAML only, so asking
        for a key it does not have is a programming error."""
        node: Any = self.values
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                raise SettingsError(f"unknown setting {dotted!r}")
            node = node[part]
        return node

    def with_overrides(self, overrides: dict[str, Any]) -> Settings:
        """A copy with `{"section.key": value}` overrides applied (None values are ignored)."""
        nested: dict[str, Any] = {}
        for dotted, value in overrides.items():
            if value is None:
                continue
            node = nested
            *parents, leaf = dotted.split(".")
            for part in parents:
                node = node.setdefault(part, {})
            node[leaf] = value
        check_settings(nested, defaults())
        return Settings(_merge(self.values, nested))


def load_settings(path: str | Path | None = None) -> Settings:
    """The package defaults, with the YAML file at `path` merged over them."""
    values = defaults()
    if path is not None:
        try:
            user = yaml.safe_load(Path(path).read_text("utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise SettingsError(f"{path}: cannot read settings: {exc}") from exc
        if not isinstance(user, dict):
            raise SettingsError(f"{path}: settings must be a mapping of sections")
        try:
            check_settings(user, values)
        except SettingsError as exc:
            raise SettingsError(f"{path}: {exc}") from None
        values = _merge(values, user)
    return Settings(values)
