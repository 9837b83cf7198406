"""`briefgen schema`: a JSON Schema that accepts every valid brief and helps editors catch typos."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import CONTRACT, ROOT, SEED, STRESS

LANG = ROOT / "tests" / "fixtures" / "lang"
BRIEFS = [SEED, STRESS, *CONTRACT.rglob("*.yaml"), *LANG.glob("*.yaml"),
          ROOT / "tests" / "fixtures" / "audiences" / "canary.yaml"]  # marked and varied


class EditorLoader(yaml.SafeLoader):
    """YAML as the YAML language server reads it (1.2 core): a date is text, not a timestamp."""


EditorLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    result = run("schema", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("brief", BRIEFS, ids=lambda p: p.name)
def test_every_valid_brief_passes_the_schema(validator, brief: Path) -> None:
    data = yaml.load(brief.read_text(encoding="utf-8"), Loader=EditorLoader)
    errors = [f"{list(e.path)}: {e.message[:120]}" for e in validator.iter_errors(data)]
    assert errors == []


def test_a_scaffold_passes_the_schema_it_points_to(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    assert run("new", "fresh-brief", cwd=tmp_path).returncode == 0
    brief = (tmp_path / "seeds" / "fresh-brief.yaml").read_text(encoding="utf-8")
    first = brief.splitlines()[0]
    assert first == "# yaml-language-server: $schema=../brief.schema.json"
    schema = json.loads((tmp_path / "brief.schema.json").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(
        yaml.load(brief, Loader=EditorLoader))) == []
    mine = tmp_path / "brief.schema.json"
    mine.write_text("{}", encoding="utf-8")  # a project's own schema is never replaced by new
    assert run("new", "second-brief", cwd=tmp_path).returncode == 0
    assert mine.read_text(encoding="utf-8") == "{}"


def _with(data: dict, path: list, value: object) -> dict:
    copy = json.loads(json.dumps(data))
    target = copy
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return copy


def test_the_schema_underlines_what_check_refuses(validator) -> None:
    data = json.loads(json.dumps(yaml.load(SEED.read_text(encoding="utf-8"),
                                           Loader=EditorLoader)))
    mistakes = {
        "a misspelt key": _with(data, ["meta", "titel"], "x"),
        "a word outside a vocabulary": _with(data, ["risks", 0, "likelihood"], "probable"),
        "an id that is not a slug": _with(data, ["risks", 0, "id"], "Risk One"),
        "a date that is not ISO 8601": _with(data, ["meta", "date"], "19/02/2020"),
        "a missing required key": {k: v for k, v in data.items() if k != "summary"},
        "a marking that is not a level": _with(data, ["risks", 0, "tlp"], "secret"),
        "a variant keyed by a word": _with(data, ["meta", "title"], {"clera": "x"}),
        "an empty variant mapping": _with(data, ["summary", "bluf"], {}),
        "a variant of an id": _with(data, ["risks", 0, "id"], {"clear": "r-1"}),
    }
    for name, broken in mistakes.items():
        assert list(validator.iter_errors(broken)), name


def test_schema_out_writes_a_file(tmp_path: Path) -> None:
    result = run("schema", "--out", "brief.schema.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "brief.schema.json").read_text())["title"] == "briefgen brief"
