"""The leak test: nothing marked above an audience's level reaches any byte of its version.

`tests/fixtures/audiences/canary.yaml` is a TLP:RED brief with items, text
variants, ids, file names, a source file, an image and a comment at every
level. Each holds a canary named for the lowest level that may see it
("ZQ" or "zq-", the level, then what it is; the comment canary lives
only in a YAML comment). The brief is built as an analyst builds it, with
both themes and every audience below its own level. Then every place of
every file of each version (`leaks.file_places`: the Markdown, the HTML's
bytes with its comments and attributes, each PDF stream decoded, every PDF
string and name, the outline, the metadata, the page text, each attachment
and its name, every part of the Word document unzipped, and the file's own
name) is searched for every canary.

A version must carry no canary above its level, and must carry every canary
at or below it (somewhere: so that the search is shown to find what is
there). The full version carries them all, the comment's included.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from leaks import FIXTURE, canaries, file_places, holds, rank

AUDIENCES = ("clear", "green", "amber", "amber+strict")  # below the brief's own TLP:RED
THEMES = ("brief", "one-pager")
FORMATS = ("md", "html", "pdf", "docx", "json", "csv")
FILES = ("md", "html", "pdf", "docx", "json", "figures.csv", "risks.csv")  # what FORMATS write
pytestmark = pytest.mark.xdist_group("leaks")

@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The canary brief built with both themes and every audience, from the command line."""
    project = tmp_path_factory.mktemp("leaks") / "desk"
    shutil.copytree(FIXTURE, project / "briefs")
    (project / "pyproject.toml").write_text("", encoding="utf-8")  # the project's root
    audiences = [arg for level in AUDIENCES for arg in ("--audience", level)]
    for theme in THEMES:
        done = subprocess.run([sys.executable, "-m", "briefgen", "build", "briefs", "--out",
                               "out", "--theme", theme, "--jobs", "1", "--format",
                               ",".join(FORMATS), *audiences],
                              cwd=project, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr
    return project / "out"


def version_files(out: Path, theme: str, level: str | None) -> list[Path]:
    stem = "canary-brief" + ("" if theme == "brief" else f".{theme}")
    stem += "" if level is None else f".tlp-{level}"
    files = [out / f"{stem}.{ext}" for ext in FILES]
    assert all(f.is_file() for f in files), sorted(p.name for p in out.iterdir())
    return files


def places_of(files: list[Path]) -> dict[str, bytes]:
    return {where: blob for f in files for where, blob in file_places(f).items()}


def test_the_fixture_holds_a_canary_of_every_kind() -> None:
    found = canaries()
    assert {level for level in found.values()} == {"green", "amber", "amber+strict", "red",
                                                   "comment"}
    assert len(found) >= 40, found
    for a in found:  # no canary hides inside another, so each search is its own
        assert not [b for b in found if a != b and a.lower() in b.lower()], a


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("level", AUDIENCES)
def test_a_released_version_carries_nothing_above_its_level(outputs: Path, theme: str,
                                                            level: str) -> None:
    places = places_of(version_files(outputs, theme, level))
    leaked = [f"{token} ({above}) in {where}" for token, above in canaries().items()
              if rank(above) > rank(level) for where, blob in places.items()
              if holds(blob, token)]
    assert not leaked, "\n".join(leaked)
    missing = [token for token, at in canaries().items() if rank(at) <= rank(level)
               and not any(holds(blob, token) for blob in places.values())]
    assert not missing, f"the {level} version lacks what it may carry: {missing}"


@pytest.mark.parametrize("theme", THEMES)
def test_the_full_version_carries_every_canary(outputs: Path, theme: str) -> None:
    places = places_of(version_files(outputs, theme, None))
    missing = [token for token in canaries()
               if not any(holds(blob, token) for blob in places.values())]
    assert not missing, missing


def test_no_file_written_is_named_for_what_it_withholds(outputs: Path) -> None:
    names = [p.relative_to(outputs).as_posix() for p in outputs.rglob("*")]  # a cache too
    released = len(THEMES) * len(AUDIENCES) * len(FILES) + len(AUDIENCES) * 3  # and desk indexes
    assert len([n for n in names if ".tlp-" in n]) == released, names
    assert not [n for n in names for token in canaries() if holds(n.encode(), token)]


@pytest.mark.parametrize("level", AUDIENCES)
def test_a_released_pdf_gives_back_a_brief_that_check_accepts(outputs: Path, tmp_path: Path,
                                                              level: str) -> None:
    """`extract` writes the released YAML and only the sources that version cites; `check`
    accepts them as they are, at the version's own level."""
    pdf = version_files(outputs, "brief", level)[FILES.index("pdf")]
    done = subprocess.run([sys.executable, "-m", "briefgen", "extract", str(pdf), "--out",
                           str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in tmp_path.iterdir())
    sources = ["open.txt", "zq-amber-file.txt"] if rank(level) >= rank("amber") else ["open.txt"]
    assert written == sorted([f"canary-brief.tlp-{level}.yaml", *sources])
    yaml_file = tmp_path / f"canary-brief.tlp-{level}.yaml"
    assert b"#" not in yaml_file.read_bytes().replace(b"](#", b""), "a comment travelled"
    checked = subprocess.run([sys.executable, "-m", "briefgen", "check", yaml_file.name],
                             cwd=tmp_path, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"tlp: {level}" in yaml_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("level", AUDIENCES)
def test_an_audience_s_desk_index_lists_its_version_and_nothing_above_it(outputs: Path,
                                                                        level: str) -> None:
    """index.tlp-L.html, index.tlp-L.md and feed.tlp-L.xml are made from the released
    versions' summaries alone: the brief is listed, by its released title, and no canary
    above the level is in any byte (the full index, for contrast, holds the red ones)."""
    files = [outputs / f"{stem}.tlp-{level}.{ext}"
             for stem, ext in (("index", "html"), ("index", "md"), ("feed", "xml"))]
    places = places_of(files)
    leaked = [f"{token} ({above}) in {where}" for token, above in canaries().items()
              if rank(above) > rank(level) for where, blob in places.items()
              if holds(blob, token)]
    assert not leaked, "\n".join(leaked)
    for released in files:
        assert b"Crossing talks stall" in released.read_bytes(), released.name
        # links to the version built last, the one-pager
        assert f"canary-brief.one-pager.tlp-{level}.".encode() in released.read_bytes()
    for full in ("index.html", "index.md", "feed.xml"):
        assert holds((outputs / full).read_bytes(), "ZQREDTITLE"), full


def test_the_search_finds_a_canary_wherever_it_is(outputs: Path) -> None:
    """The search itself works in each kind of place: a canary planted in the page text of
    the full PDF, its outline and metadata, and its attachment, is found in each."""
    places = places_of(version_files(outputs, "brief", None))
    for where in ("page text", "outline", "metadata", "strings and names",
                  "attachment canary.yaml #0", "part word/document.xml",
                  "part docProps/core.xml"):
        assert any(holds(blob, "ZQREDTITLE") or holds(blob, "ZQCOMMENTTOP")
                   for name, blob in places.items() if name.endswith(where)), where


@pytest.mark.parametrize("level", AUDIENCES)
def test_a_released_json_is_the_released_brief_alone(outputs: Path, level: str) -> None:
    """The JSON of a released version is marked with its audience's level, and every item
    in it is marked at or below that level (the canaries above show nothing else leaks)."""
    data = json.loads(version_files(outputs, "brief", level)[FILES.index("json")].read_bytes())
    assert data["meta"]["tlp"] == level
    marks = [item["tlp"] for items in data.values() if isinstance(items, list)
             for item in items if isinstance(item, dict) and "tlp" in item]
    assert marks and all(rank(mark) <= rank(level) for mark in marks), marks
