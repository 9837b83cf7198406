"""`briefgen diff`: a semantic diff of two versions of a brief."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED, SEED_SOURCE

from briefgen.commands.diff import to_json, to_markdown, to_text
from briefgen.model.diff import semantic_diff, word_diff
from briefgen.reading.loader import load_brief
from briefgen.validation.validate import validate


def _edited(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    text = SEED.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "new.yaml"
    path.write_text(text, encoding="utf-8")
    shutil.copy(SEED_SOURCE, tmp_path)
    return path


def _diff(tmp_path: Path, *edits: tuple[str, str]):  # noqa: ANN202
    return semantic_diff(validate(load_brief(SEED)),
                         validate(load_brief(_edited(tmp_path, *edits))))


def test_raised_likelihood_shows_the_derived_level(tmp_path: Path) -> None:
    result = _diff(tmp_path, ("    likelihood: likely\n    impact: major\n    trend: stable",
                              "    likelihood: very-likely\n    impact: major\n    trend: stable"))
    [change] = [c for c in result.changes if c.section == "risks"]
    assert (change.item, change.field, change.old, change.new) == (
        "risk-militia-deadlock", "likelihood", "likely", "very-likely")
    assert change.note == "level high (16) → high (20)"


def test_added_and_removed_items_and_a_flipped_stance(tmp_path: Path) -> None:
    brief = validate(load_brief(SEED))
    quote = brief.quotes[-1]
    result = _diff(
        tmp_path,
        ("parties:\n", "parties:\n  - id: egypt\n    name: Egypt\n    type: state\n"),
        ("    stance: supports", "    stance: opposes"),
        ("  bluf: >-\n    Russia and Turkey have failed",
         "  bluf: >-\n    Russia and Turkey have again failed"),
    )
    kinds = {(c.section, c.kind, c.item) for c in result.changes}
    assert ("parties", "added", "egypt") in kinds
    [flip] = [c for c in result.changes if c.section == "positions"]
    assert (flip.old, flip.new, flip.note) == ("supports", "opposes", "stance flipped")
    assert ("+", "again") in result.bluf
    assert quote.id not in {c.item for c in result.changes}


def test_removed_item_is_reported(tmp_path: Path) -> None:
    older = _edited(tmp_path, ("parties:\n", "parties:\n  - id: egypt\n    name: Egypt\n"
                                             "    type: state\n"))
    result = semantic_diff(validate(load_brief(older)), validate(load_brief(SEED)))
    assert [(c.section, c.kind, c.item, c.name) for c in result.changes] == [
        ("parties", "removed", "egypt", "Egypt")]


def test_word_diff() -> None:
    assert word_diff("a b c d", "a x c d e") == [("=", "a"), ("-", "b"), ("+", "x"),
                                                ("=", "c d"), ("+", "e")]


def test_formats(tmp_path: Path) -> None:
    result = _diff(tmp_path, ('version: "1.0"', 'version: "1.1"'),
                   ("parties:\n", "parties:\n  - id: egypt\n    name: Egypt\n    type: state\n"))
    assert "version 1.0 → 1.1" in to_text(result)
    assert "+ added Egypt [egypt]" in to_text(result)
    assert "\033[" not in to_text(result) and "\033[32m+\033[0m" in to_text(result, colour=True)
    assert to_markdown(result).startswith("### What changed since version 1.0")
    data = json.loads(to_json(result))
    assert data["changes"][0]["field"] == "version"
    unchanged = semantic_diff(validate(load_brief(SEED)), validate(load_brief(SEED)))
    assert unchanged.empty and to_text(unchanged).endswith(": none\n")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.fail("git is needed for 'briefgen diff --rev'")
    shutil.copy(SEED, tmp_path)
    shutil.copy(SEED_SOURCE, tmp_path)
    for command in (["init", "-q"], ["add", "."],
                    ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "v1"]):
        subprocess.run(["git", *command], cwd=tmp_path, check=True, capture_output=True)
    return tmp_path


def test_rev_compares_with_the_committed_version(repo: Path) -> None:
    brief = repo / SEED.name
    brief.write_text(brief.read_text(encoding="utf-8").replace('version: "1.0"',
                                                              'version: "1.1"', 1))
    result = run("diff", SEED.name, "--rev", "HEAD", "--format", "json", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["new_version"] == "1.1"
    missing = run("diff", SEED.name, "--rev", "no-such-rev", cwd=repo)
    assert missing.returncode == 1 and "cannot read" in missing.stderr
    assert "Traceback" not in missing.stderr
    assert run("diff", SEED.name, cwd=repo).returncode == 2


def test_diff_names_items_as_the_box_does_and_shows_new_changelog_entries(
        tmp_path: Path) -> None:
    """`briefgen diff` and the "What changed" box of `build --since` name a changed risk the
    same way, by its printed label and title (the diff adds the id); the diff also prints
    the changelog entries the new version adds."""
    new = _edited(tmp_path, ('version: "1.0"', 'version: "1.1"'),
                  ("      note: First issue.\n",
                   "      note: First issue.\n    - version: \"1.1\"\n"
                   "      date: \"2020-02-21\"\n      note: Raised the militia risk.\n"),
                  ("    likelihood: likely\n    impact: major\n    trend: stable",
                   "    likelihood: very-likely\n    impact: major\n    trend: stable"))
    shutil.copy(SEED, tmp_path / "old.yaml")
    result = run("diff", "old.yaml", "new.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    [risk] = [line for line in result.stdout.splitlines() if "likelihood" in line]
    brief = validate(load_brief(new))
    number = [r.id for r in brief.risks].index("risk-militia-deadlock") + 1
    title = brief.risks[number - 1].title
    assert f"R{number} {title} [risk-militia-deadlock]: likelihood likely → very likely" in risk
    assert "+ 1.1 (2020-02-21): Raised the militia risk." in result.stdout
    built = run("build", "new.yaml", "--since", "old.yaml", "--format", "md", "--out", "out",
                cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    box = (tmp_path / "out" / f"{brief.meta.id}.md").read_text(encoding="utf-8")
    assert f"R{number}](#risk-militia-deadlock) {title} — likelihood likely → very likely" \
        in box
