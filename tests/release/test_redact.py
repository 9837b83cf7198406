"""`release.redact`: each audience's version of a brief, made from the analyst's data."""

from __future__ import annotations

from pathlib import Path

import pytest
from marking import loaded_text

from briefgen.model.view import build_view
from briefgen.release.redact import release
from briefgen.validation.validate import check_brief

SOURCE = "Talks ended without agreement, officials said. The crossing stays open.\n"

BRIEF = """\
schema: briefgen/1
meta:
  id: t
  title:
    amber: The amber title
    green: The green title
  subtitle: A subtitle at the brief's level
  date: "2026-11-30"
  language: en
  tlp: amber
  authors:
    - name: An analyst
    - name: {clear: The desk}
  tags: [plain, {clear: open}]
sources:
  - id: src
    tlp: clear
    title: An article
    local_path: source.txt
summary:
  bluf:
    clear: The clear bottom line.
    amber: The amber bottom line.
  points:
    - text: An amber point.
    - tlp: clear
      text: A clear point.
risks:
  - id: r-a
    tlp: clear
    title: First
    likelihood: likely
    impact: major
    trend: stable
    confidence: low
  - id: r-b
    title: Withheld
    likelihood: likely
    impact: major
    trend: stable
    confidence: low
  - id: r-c
    tlp: green
    title: Third
    likelihood: likely
    impact: major
    trend: stable
    confidence: low
  - id: r-d
    tlp: amberr
    title: A typo in its marking
    likelihood: likely
    impact: major
    trend: stable
    confidence: low
humanitarian:
  tlp: clear
  summary: {clear: Clear needs., amber: Amber needs.}
  needs:
    - tlp: clear
      text: A clear need.
    - text: An unmarked need counts at the brief's level.
  outlook:
    tlp: green
    text: A green outlook.
"""


def test_each_audience_sees_its_items_and_the_variant_of_its_highest_level() -> None:
    data = loaded_text(BRIEF).data
    clear = release(data, "clear", "amber").data
    assert [r["id"] for r in clear["risks"]] == ["r-a"]
    assert clear["summary"] == {"bluf": "The clear bottom line.",
                                "points": [{"tlp": "clear", "text": "A clear point."}]}
    assert clear["meta"]["tlp"] == "clear"
    assert clear["meta"]["tags"] == ["open"]
    assert clear["meta"]["authors"] == [{"name": "The desk"}]  # the plain one goes whole
    assert "subtitle" not in clear["meta"] and "title" not in clear["meta"]
    assert clear["humanitarian"] == {"tlp": "clear", "summary": "Clear needs.",
                                     "needs": [{"tlp": "clear", "text": "A clear need."}]}
    green = release(data, "green", "amber").data
    assert [r["id"] for r in green["risks"]] == ["r-a", "r-c"]
    assert green["meta"]["title"] == "The green title"
    assert green["humanitarian"]["outlook"]["text"] == "A green outlook."
    strict = release(data, "amber+strict", "amber").data
    assert strict["meta"]["title"] == "The amber title"  # the highest it may see
    assert [r["id"] for r in strict["risks"]] == ["r-a", "r-b", "r-c"]  # r-d: never


def test_the_full_version_keeps_every_item_and_takes_the_brief_level_variant() -> None:
    data = loaded_text(BRIEF).data
    full = release(data, None, "amber")
    assert [r["id"] for r in full.data["risks"]] == ["r-a", "r-b", "r-c", "r-d"]
    assert full.data["meta"]["title"] == "The amber title"
    assert full.data["meta"]["tlp"] == "amber"
    assert not full.withheld and not full.unseen


def test_a_required_text_with_no_variant_for_the_audience_is_unseen() -> None:
    found = release(loaded_text(BRIEF).data, "clear", "amber")
    assert ("meta", "title") in found.unseen
    assert ("meta", "subtitle") in found.withheld


def test_every_released_place_maps_to_where_the_analyst_wrote_it() -> None:
    found = release(loaded_text(BRIEF).data, "green", "amber")
    assert found.origin[("risks", 1, "title")] == ("risks", 2, "title")
    assert found.origin[("meta", "title")] == ("meta", "title", "green")
    assert found.origin[("meta", "tlp")] == ("meta", "tlp")


def test_an_unmarked_brief_is_its_own_full_version() -> None:
    text = BRIEF.replace("  tlp: amber\n", "  tlp: red\n", 1)
    data = loaded_text(text).data
    assert release(data, None, "red").data["risks"] == release(data, "red", "red").data["risks"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "source.txt").write_text(SOURCE, encoding="utf-8")
    return tmp_path


def _checked(folder: Path, text: str, audiences: tuple[str, ...]):
    from briefgen.reading.loader import load_brief

    (folder / "brief.yaml").write_text(text, encoding="utf-8")
    return check_brief(load_brief(folder / "brief.yaml", name="brief.yaml"), audiences)


def test_numbering_has_no_gap_where_an_item_is_withheld(folder: Path) -> None:
    text = BRIEF.replace("tlp: amberr", "tlp: green")
    checked = _checked(folder, text, ("green",))
    view = build_view(checked.releases["green"].brief, None)
    assert [view.labels[r.id].text for r in view.brief.risks] == ["R1", "R2", "R3"]
    full = build_view(checked.brief, None)
    assert [full.labels[r.id].text for r in full.brief.risks] == ["R1", "R2", "R3", "R4"]


def test_a_variant_above_its_item_is_remembered_for_the_released_yaml() -> None:
    text = BRIEF.replace("    text: A clear point.\n",
                         "    text: {clear: A clear point., green: A green word on it.}\n")
    found = release(loaded_text(text).data, "green", "amber")
    assert found.data["summary"]["points"][0]["text"] == "A green word on it."
    assert found.raised == {("summary", "points", 0, "text"): "green"}
    assert release(loaded_text(text).data, "clear", "amber").raised == {}
