"""`release.document`: a released brief's YAML, written from its model, loads back as itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from conftest import SEED, SEED_SOURCE

from briefgen.reading.loader import load_brief
from briefgen.release.document import released_name, released_yaml
from briefgen.validation.validate import check_brief, validate


def test_the_released_seed_loads_back_to_the_same_brief(tmp_path: Path) -> None:
    released = check_brief(load_brief(SEED), ("clear",)).releases["clear"].brief
    text = released_yaml(released)
    shutil.copy(SEED_SOURCE, tmp_path)
    (tmp_path / "back.yaml").write_bytes(text)
    assert validate(load_brief(tmp_path / "back.yaml")) == released
    assert b"\n#" not in text and not text.startswith(b"#")  # no comment of the analyst's
    assert "sourcing_note: |-\n" in text.decode("utf-8")  # paragraphs as a literal block


def test_tricky_strings_stay_strings() -> None:
    from briefgen.model import Brief

    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    data["meta"].update(version="1.10", subtitle="no", tags=["yes", "2020-02-20", "null", "~"])
    brief = Brief.model_validate(data)
    again = yaml.safe_load(released_yaml(brief))
    assert again["meta"]["version"] == "1.10" and again["meta"]["subtitle"] == "no"
    assert again["meta"]["tags"] == ["yes", "2020-02-20", "null", "~"]


def test_the_name_is_the_id_and_level_alone() -> None:
    assert released_name("idlib", "amber+strict") == "idlib.tlp-amber+strict.yaml"
