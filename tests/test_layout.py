"""The package's layout: a package per stage, data flowing one way, no import cycles, small modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "eventscope"
# Each stage may import only the ones before it (and the shared core: records, settings,
# errors, streams, common).
ORDER = ["extract", "nlp", "actors", "events", "agreements", "stories", "store", "pipeline", "dyads",
         "alliance", "evaluate", "interfaces"]
CORE = {"records", "settings", "errors", "streams", "common", "data", "__init__", "__main__"}
MAX_LINES = 600


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


class _Imports(ast.NodeVisitor):
    """Every eventscope module a file imports when it runs, at the top or inside a function
    (imports under `if TYPE_CHECKING:` never run and are left out)."""

    def __init__(self) -> None:
        self.found: set[str] = set()

    def visit_If(self, node: ast.If) -> None:
        if isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.module and node.module.startswith("eventscope"):
            self.found.add(node.module)
            self.found.update(f"{node.module}.{alias.name}" for alias in node.names)

    def visit_Import(self, node: ast.Import) -> None:
        self.found.update(alias.name for alias in node.names if alias.name.startswith("eventscope"))


def imports_of(path: Path) -> set[str]:
    visitor = _Imports()
    visitor.visit(ast.parse(path.read_text("utf-8")))
    return visitor.found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {i for i in imports_of(path) if i in modules and i != name} for name, path in modules.items()}


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_no_stage_imports_a_later_one(graph):
    backwards = [
        (module, target) for module, targets in graph.items() for target in targets
        if stage_of(module) in ORDER and stage_of(target) in ORDER
        and ORDER.index(stage_of(target)) > ORDER.index(stage_of(module))
    ]
    assert backwards == []


def test_the_shared_core_imports_no_stage(graph):
    core = [(m, t) for m, targets in graph.items() if stage_of(m) in CORE - {"__init__", "__main__"}
            for t in targets if stage_of(t) in ORDER]
    assert core == []


def test_there_is_no_import_cycle(graph):
    """Function-level imports count too: a cycle hidden inside a function is still a cycle.
    A package's __init__ re-exporting its own modules is not a cycle."""
    def edges(module: str) -> set[str]:
        return {t for t in graph[module] if not (module.startswith(t + ".") and t in graph)}

    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(module: str, path: list[str]) -> bool:
        state[module] = 1
        for target in edges(module):
            if state.get(target) == 1:
                cycle.extend(path[path.index(target):] + [module, target] if target in path else [module, target])
                return True
            if target not in state and visit(target, [*path, module]):
                return True
        state[module] = 2
        return False

    for module in sorted(graph):
        if module not in state and visit(module, []):
            break
    assert cycle == []


def test_no_module_is_over_six_hundred_lines():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert long == {}


def _booleans(value, where: str) -> list[str]:
    """Where a list item or a mapping key is a boolean (a flag's value may be one)."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found += [f"{where}: key {key}"] if isinstance(key, bool) else []
            found += _booleans(item, f"{where}/{key}")
    elif isinstance(value, list):
        for item in value:
            found += [f"{where}: {item}"] if isinstance(item, bool) else _booleans(item, where)
    return found


def test_word_lists_in_the_data_files_hold_no_yaml_booleans():
    """YAML reads a bare on, off, yes, no, true or false as a boolean: a cue list holding
    the preposition "on" or the negation "no" must quote it, or the word silently never
    matches (it once made "called on Sweden to ..." lose its target)."""
    import yaml

    data = Path(__file__).resolve().parents[1] / "src" / "eventscope" / "data"
    found = [w for path in sorted(data.rglob("*.yaml")) if path.name != "settings.yaml"
             for w in _booleans(yaml.safe_load(path.read_text("utf-8")), path.name)]
    assert found == []
