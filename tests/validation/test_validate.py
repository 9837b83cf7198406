"""Validation: a typed Brief and the sources it was checked against, or every problem at once,
each at its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED, SEED_SOURCE

from briefgen.errors import BriefRefused
from briefgen.model import Brief
from briefgen.reading.loader import load_brief
from briefgen.validation.validate import check_brief, validate


def _refused(text: str, folder: Path) -> list[str]:
    brief = folder / "seed.yaml"
    brief.write_text(text, encoding="utf-8")
    (folder / SEED_SOURCE.name).write_bytes(SEED_SOURCE.read_bytes())
    with pytest.raises(BriefRefused) as refused:
        validate(load_brief(brief))
    return [str(p).removeprefix(f"{brief}:") for p in refused.value.problems]


def test_the_seed_is_a_brief_checked_against_the_exact_bytes_of_its_source() -> None:
    checked = check_brief(load_brief(SEED))
    assert isinstance(checked.brief, Brief)
    [(path, data)] = checked.sources.values()
    assert path == SEED_SOURCE.resolve() and data == SEED_SOURCE.read_bytes()
    assert validate(load_brief(SEED)) == checked.brief


def test_every_problem_is_reported_in_one_pass_sorted_by_line(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.strip().startswith("confidence:"))
    last = max(i for i, line in enumerate(lines) if line.strip().startswith("likelihood:"))
    lines[first] = lines[first].replace("confidence:", "confidance:")
    lines[last] = lines[last].split("likelihood:")[0] + "likelihood: probable\n"
    found = _refused("".join(lines), tmp_path)
    assert len(found) >= 2
    assert [int(p.split(":")[0]) for p in found] == sorted(int(p.split(":")[0]) for p in found)
    assert any(f"{first + 1}:" in p.split(" ")[0] and "did you mean 'confidence'?" in p
               for p in found)
    assert any(p.startswith(f"{last + 1}:") and "'probable' is not one of" in p for p in found)


def test_a_quote_not_in_its_source_names_the_nearest_passage(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    quote = "make any new demands during talks with Turkey"
    assert quote in text
    found = _refused(text.replace(quote, "make any new requests during talks with Turkey", 1),
                     tmp_path)
    assert any("not found verbatim in source" in p and "the nearest passage" in p
               for p in found), found
