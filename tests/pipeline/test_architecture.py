"""The shape of the package: stages that import only what lies below them, no cycles, small
modules, templates in parts, and docs that name every module (docs/architecture.md)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "briefgen"
TEMPLATES = ROOT / "templates"
MAX_MODULE_LINES = 300
MAX_TOP_MODULES = 8
MAX_TEMPLATE_LINE = 160

# What each stage may import at run time (lazy imports count; imports only for type checking
# do not, though they count for cycles). The same table is in docs/architecture.md.
MAY_IMPORT = {
    "errors": set(),
    "model": {"errors"},
    "project": {"errors", "model"},
    "reading": {"errors", "project"},
    "rendering": {"errors", "model", "project"},
    "release": {"errors", "model", "reading", "rendering"},
    "validation": {"errors", "model", "project", "reading", "rendering", "release"},
    "stages": {"errors", "project"},
    "writing": {"errors", "model", "project", "stages"},
    "schedule": {"errors", "project", "reading", "stages", "writing"},
    "workers": {"rendering"},
    "index": {"errors", "model", "project", "rendering", "writing"},
    "build": {"errors", "model", "project", "reading", "rendering", "release", "validation",
              "stages", "writing", "schedule", "workers", "index"},
    "commands": {"errors", "model", "project", "reading", "rendering", "release", "validation",
                 "stages", "writing", "schedule", "workers", "index", "build"},
    "__main__": {"commands"},
}


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path) -> list[tuple[str, bool]]:
    """Every briefgen module `path` imports, anywhere in it, and whether only for typing."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only |= {id(n) for child in node.body for n in ast.walk(child)}
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name.startswith("briefgen.") or name == "briefgen":
                found.append((name, id(node) in typing_only))
    return found


GRAPH = {name: _imports(path) for name, path in MODULES.items()}


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "briefgen"


def test_no_import_cycle_even_counting_lazy_and_type_checking_imports() -> None:
    edges = {m: {target for target, _ in found if target != m} for m, found in GRAPH.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                cycle = path[path.index(target):] + [target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module)


def test_each_stage_imports_only_what_lies_below_it() -> None:
    wrong = [f"{module} imports {target}"
             for module, found in GRAPH.items() for target, typing in found
             if not typing and _stage(target) not in {_stage(module), "briefgen"}
             and _stage(target) not in MAY_IMPORT[_stage(module)]]
    assert not wrong, "\n".join(wrong)


def test_modules_are_small_and_few_sit_at_the_top() -> None:
    long = {name: n for name, p in MODULES.items()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, f"modules over {MAX_MODULE_LINES} lines: {long}"
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} \
        == {"commands", "index", "model", "project", "reading", "release", "rendering",
            "validation", "writing"}


def test_every_stage_and_module_is_on_the_map() -> None:
    """README's "How it works" table and docs/architecture.md stay true to the code."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## How it works", 1)[1].split("\n## ", 1)[0]
    architecture = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for path in MODULES.values():
        relative = path.relative_to(ROOT).as_posix()
        if path.name == "__init__.py" and path.parent != PACKAGE:
            continue
        shown = path.relative_to(PACKAGE).with_suffix("").as_posix()
        assert f"`{shown}`" in table or f"`{relative}`" in table, \
            f"README's How it works table does not name {relative}"
    for stage, allowed in MAY_IMPORT.items():
        row = re.search(rf"^\| `{re.escape(stage)}`[^|]*\|([^|]*)\|", architecture, re.M)
        assert row, f"docs/architecture.md has no row for {stage}"
        listed = set(re.findall(r"`([a-z_]+)`", row[1]))
        assert listed == allowed, f"docs/architecture.md: {stage} may import {sorted(allowed)}"


def _blocks(template: Path) -> set[str]:
    """Every block a template and the partials it includes declare."""
    text = template.read_text(encoding="utf-8")
    return set(re.findall(r"{%-?\s*block\s+(\w+)", text))


def test_templates_are_in_parts_with_short_lines_and_the_same_blocks() -> None:
    long = [f"{p.relative_to(ROOT)}:{n}" for p in sorted(TEMPLATES.rglob("*.j2"))
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
            if len(line) > MAX_TEMPLATE_LINE]
    assert not long, f"template lines over {MAX_TEMPLATE_LINE} characters: {long}"
    html, md = _blocks(TEMPLATES / "brief.html.j2"), _blocks(TEMPLATES / "brief.md.j2")
    assert html == md, f"only in HTML: {sorted(html - md)}; only in Markdown: {sorted(md - html)}"
    assert {"summary", "risks", "parties", "timeline", "sources"} <= html
