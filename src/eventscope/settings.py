"""One options object: defaults shipped in the package, a user file merged over them.

Settings are read once and passed down explicitly; no module keeps mutable globals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class Settings:
    """All tunable options, grouped by stage (`settings.section("nlp")["model"]`)."""

    values: dict[str, Any] = field(default_factory=dict)

    def section(self, name: str) -> dict[str, Any]:
        return dict(self.values.get(name, {}))

    def get(self, dotted: str, default: Any = None) -> Any:
        node: Any = self.values
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
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
        return Settings(_merge(self.values, nested))


def load_settings(path: str | Path | None = None) -> Settings:
    """The package defaults, with the YAML file at `path` merged over them."""
    text = resources.files("eventscope.data").joinpath(DEFAULTS_FILE).read_text("utf-8")
    values = yaml.safe_load(text) or {}
    if path is not None:
        try:
            user = yaml.safe_load(Path(path).read_text("utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise SettingsError(f"{path}: cannot read settings: {exc}") from exc
        if not isinstance(user, dict):
            raise SettingsError(f"{path}: settings must be a mapping of sections")
        values = _merge(values, user)
    return Settings(values)
