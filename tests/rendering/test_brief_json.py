"""`--format json`: the validated brief as JSON, valid against `briefgen schema`, and the same
brief again when read back."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import CONTRACT, SEED

from briefgen.build import build
from briefgen.model import Brief
from briefgen.model.schema import brief_schema
from briefgen.reading.loader import load_brief
from briefgen.validation.validate import validate

BRIEFS = {"seed": SEED, "full": CONTRACT / "full" / "full-format.yaml",
          "minimal": CONTRACT / "minimal" / "minimal.yaml"}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("json")
    report = build(list(BRIEFS.values()), out, ("json",))
    assert report.ok, report.results
    return {name: next(p for r in report.results if r.path == path for p in r.outputs)
            for name, path in BRIEFS.items()}


@pytest.mark.parametrize("name", BRIEFS)
def test_the_json_is_valid_against_the_schema_briefgen_prints(written: dict[str, Path],
                                                             name: str) -> None:
    path = written[name]
    assert path.name == f"{load_brief(BRIEFS[name]).data['meta']['id']}.json"
    validator = jsonschema.Draft202012Validator(brief_schema())
    errors = [f"{list(e.path)}: {e.message}" for e in
              validator.iter_errors(json.loads(path.read_bytes()))]
    assert not errors, errors


@pytest.mark.parametrize("name", BRIEFS)
def test_the_json_reads_back_as_the_validated_brief(written: dict[str, Path], name: str) -> None:
    data = json.loads(written[name].read_bytes())
    assert Brief.model_validate(data) == validate(load_brief(BRIEFS[name]))
    assert written[name].read_bytes().endswith(b"}\n")


def test_the_json_holds_what_was_written_and_only_that(written: dict[str, Path]) -> None:
    data = json.loads(written["full"].read_bytes())
    assert list(data)[:3] == ["schema", "meta", "sources"]  # the format's order
    assert data["meta"]["review_by"] == "2020-03-09"
    assert data["meta"]["coverage"]["adm1"] == ["Jabal Ruwayda"]
    assert data["risks"][0]["horizon_date"] == "2020-02-28"
    minimal = json.loads(written["minimal"].read_bytes())
    assert "subtitle" not in minimal["meta"]  # an absent key stays absent, never null
    text = written["full"].read_text(encoding="utf-8")
    assert "رانيا" in text  # UTF-8, not \u escapes


def test_the_same_brief_gives_the_same_bytes(written: dict[str, Path], tmp_path: Path) -> None:
    report = build([SEED], tmp_path, ("json",))
    assert report.results[0].outputs[0].read_bytes() == written["seed"].read_bytes()
