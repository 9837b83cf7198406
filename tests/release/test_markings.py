"""What `check` refuses in a brief's markings, each problem at the analyst's own line.

Each case is the small valid BASE brief with one edit; the expected message
names the line the analyst would look at. Some run through the CLI (exit 1,
the problem on stderr, no traceback); the rest through `check_brief`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from marking import line_of

from briefgen.errors import BriefRefused
from briefgen.reading.loader import load_brief
from briefgen.validation.validate import check_brief

SOURCE = ("Talks ended without agreement, officials said.\n\n"
          "\"We will keep talking,\" the envoy said.\n")

BASE = """\
schema: briefgen/1
meta:
  id: t
  title:
    amber: The amber title
    clear: The clear title
  date: "2026-11-30"
  language: en
  tlp: amber
sources:
  - id: src
    tlp: clear
    title: An article
    local_path: source.txt
summary:
  bluf:
    clear: Talks failed.
    amber: Talks failed, and more.
  points:
    - tlp: clear
      text: Talks ended.
      evidence: [q-envoy]
parties:
  - id: p-a
    tlp: clear
    name: A
    type: state
people:
  - id: envoy
    tlp: clear
    name: The envoy
    party: p-a
quotes:
  - id: q-envoy
    tlp: clear
    text: We will keep talking
    speaker: envoy
    source: src
risks:
  - id: r-amber
    title: An amber risk
    likelihood: likely
    impact: major
    trend: stable
    confidence: low
    evidence: [q-envoy]
recommendations:
  - id: rec-a
    tlp: clear
    text: Watch the talks.
"""


def problems(tmp_path: Path, text: str, audiences: tuple[str, ...] = ("clear",),
             default: str | None = None) -> list[str]:
    (tmp_path / "source.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "brief.yaml").write_text(text, encoding="utf-8")
    try:
        check_brief(load_brief(tmp_path / "brief.yaml", name="brief.yaml"), audiences, default)
    except BriefRefused as exc:
        return [str(p) for p in exc.problems]
    return []


def edit(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_the_base_brief_is_accepted_for_every_audience(tmp_path: Path) -> None:
    assert problems(tmp_path, BASE, ("clear", "green", "amber")) == []


def test_an_item_marked_above_the_brief_is_refused_at_its_marking(tmp_path: Path) -> None:
    text = edit("  - id: r-amber\n", "  - id: r-amber\n    tlp: red\n")
    line = line_of(text, ("risks", 0, "tlp"))
    assert problems(tmp_path, text, ()) == [
        f"brief.yaml:{line}:10: risks[r-amber].tlp: 'r-amber' is marked TLP:RED, above the brief's "
        "own TLP:AMBER (meta.tlp); an item may not be marked above the brief"]


def test_a_citation_of_a_higher_item_names_both_items_and_both_levels(tmp_path: Path) -> None:
    text = edit("    text: Watch the talks.\n",
                "    text: Watch the talks.\n    related: [r-amber]\n")
    line = line_of(text, ("recommendations", 0, "related", 0))
    found = problems(tmp_path, text, ())
    assert found == [
        f"brief.yaml:{line}:15: recommendations[rec-a].related[0]: 'rec-a' (TLP:CLEAR) cites "
        "'r-amber', which is marked TLP:AMBER; the TLP:CLEAR version of 'rec-a' would point "
        "at what it does not carry: mark 'r-amber' clear or lower, or mark 'rec-a' amber"]
    # Also with an audience asked for: said once, as a leak, not again as a dangling id.
    assert problems(tmp_path, text, ("clear",)) == found


def test_an_item_without_an_id_is_named_by_its_place(tmp_path: Path) -> None:
    text = edit("      evidence: [q-envoy]\n", "      evidence: [q-envoy, r-amber]\n")
    assert problems(tmp_path, text, ()) == [
        f"brief.yaml:{line_of(text, ('summary', 'points', 0, 'evidence', 1))}:27: "
        "summary.points[0].evidence[1]: summary.points[0] (TLP:CLEAR) cites 'r-amber', "
        "which is marked TLP:AMBER; the TLP:CLEAR version of summary.points[0] would point at "
        "what it does not carry: mark 'r-amber' clear or lower, or mark summary.points[0] "
        "amber"]


@pytest.mark.parametrize("href", ["#r-amber", "#%72-amber"])
def test_an_anchor_link_to_a_higher_item_is_a_citation(tmp_path: Path, href: str) -> None:
    text = edit("    text: Watch the talks.\n", f"    text: Watch [the risk]({href}).\n")
    found = problems(tmp_path, text, ())
    assert len(found) == 1 and "links to 'r-amber', which is marked TLP:AMBER" in found[0]
    assert found[0].startswith(f"brief.yaml:{line_of(text, ('recommendations', 0, 'text'))}:")


def test_a_link_in_a_variant_counts_at_the_variant_level(tmp_path: Path) -> None:
    text = edit("    amber: Talks failed, and more.\n",
                "    amber: Talks failed; see [the risk](#r-amber).\n")
    assert problems(tmp_path, text, ("clear",)) == []
    text = edit("    clear: Talks failed.\n", "    clear: See [the risk](#r-amber).\n")
    found = problems(tmp_path, text, ())
    assert len(found) == 1 and "its TLP:CLEAR variant" in found[0], found


def test_variants_keyed_by_a_word_that_is_not_a_level(tmp_path: Path) -> None:
    text = edit("    clear: The clear title\n", "    clera: The clear title\n")
    found = problems(tmp_path, text)
    line = line_of(text, ("meta", "title", "clera"))
    assert f"brief.yaml:{line}:5: meta.title.clera: 'clera' is not a TLP level; did you mean " \
           "'clear'? a text's variants are keyed by clear, green, amber, amber+strict, red" \
           in found
    assert len(found) == 1  # not again as a title the TLP:CLEAR version lacks
    text = edit("    clear: The clear title\n", "")
    assert problems(tmp_path, text) == [
        "brief.yaml:4:3: meta.title: required, and the "
        "TLP:CLEAR version has no text for it (it has text for amber only); add a variant "
        "such as 'clear: …'"]


def test_a_variant_above_the_brief_and_an_empty_mapping(tmp_path: Path) -> None:
    text = edit("    amber: Talks failed, and more.\n", "    red: Talks failed, and more.\n")
    found = problems(tmp_path, text, ())
    assert found == [f"brief.yaml:{line_of(text, ('summary', 'bluf', 'red'))}:5: "
                     "summary.bluf.red: a TLP:RED variant in a TLP:AMBER brief; no variant may "
                     "be marked above meta.tlp"]
    text = edit("    text: Watch the talks.\n", "    text: {}\n")
    assert any("recommendations[rec-a].text: expected text, found an empty mapping" in p
               for p in problems(tmp_path, text, ()))


def test_a_variant_that_yaml_reads_as_a_boolean(tmp_path: Path) -> None:
    text = edit("    clear: Talks failed.\n", "    clear: no\n")
    found = problems(tmp_path, text, ())
    assert f"brief.yaml:{line_of(text, ('summary', 'bluf', 'clear'))}:12: summary.bluf.clear: " \
           "each variant is text, and 'no' is not: put it in quotes (\"no\")" in found


def test_markings_need_a_brief_level(tmp_path: Path) -> None:
    text = edit("  tlp: amber\n", "")
    found = problems(tmp_path, text, ("clear",))
    assert any("sources[src].tlp: this item is marked, but the brief has no TLP of its own" in p
               for p in found)
    assert any("meta: cannot make the TLP:CLEAR version: the brief has no TLP of its own" in p
               for p in found)
    assert problems(tmp_path, text, ("clear",), default="amber") == []  # briefgen.toml's


def test_a_misquote_only_the_released_version_shows_is_refused(tmp_path: Path) -> None:
    text = edit("    text: We will keep talking\n",
                "    text:\n      amber: We will keep talking\n"
                "      clear: We shall keep talking\n")
    assert problems(tmp_path, text, ()) == []  # the full version quotes correctly
    found = problems(tmp_path, text, ("clear",))
    line = line_of(text, ("quotes", 0, "text", "clear"))
    assert len(found) == 1 and found[0].startswith(
        f"brief.yaml:{line}:14: quotes[q-envoy].text.clear: in the TLP:CLEAR version: not found "
        "verbatim in source 'src'"), found


def test_a_version_left_with_no_source(tmp_path: Path) -> None:
    text = edit("    tlp: clear\n    title: An article\n", "    title: An article\n")
    found = problems(tmp_path, text, ("clear",))
    assert f"brief.yaml:{line_of(text, ('sources',))}:3: sources: in the TLP:CLEAR version: " \
           "needs at least one item marked clear or lower" in found


def test_check_refuses_a_leak_from_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "source.txt").write_text(SOURCE, encoding="utf-8")
    text = edit("    text: Watch the talks.\n",
                "    text: Watch the talks.\n    related: [r-amber]\n")
    (tmp_path / "brief.yaml").write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "briefgen", "check", "brief.yaml",
                           "--audience", "clear"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    line = line_of(text, ("recommendations", 0, "related", 0))
    assert f"brief.yaml:{line}:15: recommendations[rec-a].related[0]: 'rec-a' (TLP:CLEAR) cites " \
           "'r-amber'" in done.stdout + done.stderr
    built = subprocess.run([sys.executable, "-m", "briefgen", "build", "brief.yaml", "--out",
                            "out", "--audience", "clear"], cwd=tmp_path, capture_output=True,
                           text=True)
    assert built.returncode == 1 and not (tmp_path / "out").exists()
