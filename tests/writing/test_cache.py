"""Incremental builds: nothing changed costs nothing, and any changed input rebuilds."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, SEED, SEED_SOURCE

from briefgen.build import build
from briefgen.writing import cache

SEED_ID = "idlib-talks-2020-02-20"
FORMATS = ("md", "html")


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    """A project with its own templates and styles (copies of the built-ins), an image and fonts."""
    project = tmp_path / "proj"
    (project / "seeds").mkdir(parents=True)
    shutil.copy(SEED_SOURCE, project / "seeds")
    text = SEED.read_text(encoding="utf-8").replace(
        "  bluf: >-\n", "  bluf: >-\n    ![A map](map.png)\n\n", 1)
    (project / "seeds" / SEED.name).write_text(text, encoding="utf-8")
    (project / "seeds" / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    shutil.copytree(ROOT / "styles", project / "styles")
    shutil.copytree(ROOT / "templates", project / "templates")
    (project / "fonts").mkdir()
    (project / "briefgen.toml").write_text("", encoding="utf-8")
    return project


def _status(project: Path, **kwargs: object) -> str:
    report = build([project / "seeds"], project / "output", **{"formats": FORMATS, **kwargs})
    [result] = report.results
    assert result.status in ("built", "current"), result
    return result.status


def test_nothing_changed_means_nothing_rebuilt(proj: Path) -> None:
    assert _status(proj) == "built"
    before = {p.name: p.stat().st_mtime_ns for p in (proj / "output").glob("*.*")}
    assert _status(proj) == "current"
    assert {p.name: p.stat().st_mtime_ns for p in (proj / "output").glob("*.*")} == before
    assert _status(proj, force=True) == "built"


def _append(path: Path, text: str) -> None:
    path.write_bytes(path.read_bytes() + text.encode())


CHANGES: dict[str, Callable[[Path], None]] = {
    "brief": lambda p: _append(p / "seeds" / SEED.name, "\n# a comment\n"),
    "local source": lambda p: _append(p / "seeds" / SEED_SOURCE.name, "\n"),
    "image": lambda p: _append(p / "seeds" / "map.png", "\0"),
    "template": lambda p: _append(p / "templates" / "brief.md.j2", "\n"),
    "style": lambda p: _append(p / "styles" / "screen.css", "\n"),
    "font": lambda p: (p / "fonts" / "extra.ttf").write_bytes(b"font"),
    "an output edited": lambda p: _append(p / "output" / f"{SEED_ID}.md", "tampered"),
    "an output deleted": lambda p: (p / "output" / f"{SEED_ID}.html").unlink(),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_changing_any_one_input_rebuilds(proj: Path, change: str) -> None:
    assert _status(proj) == "built"
    assert _status(proj) == "current"
    CHANGES[change](proj)
    assert _status(proj) == "built"
    assert _status(proj) == "current"
    if change == "an output edited":
        assert "tampered" not in (proj / "output" / f"{SEED_ID}.md").read_text(encoding="utf-8")


def test_changing_the_options_rebuilds(proj: Path) -> None:
    assert _status(proj) == "built"
    assert _status(proj, formats=("md",)) == "built"
    assert _status(proj, formats=("md",)) == "current"


def test_a_new_briefgen_rebuilds(proj: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _status(proj) == "built"
    monkeypatch.setattr(cache, "_code_digest", lambda: "another briefgen")
    assert _status(proj) == "built"


def test_a_refused_edit_then_undone_reuses_the_outputs(proj: Path) -> None:
    brief = proj / "seeds" / SEED.name
    good = brief.read_bytes()
    assert _status(proj) == "built"
    brief.write_bytes(good.replace(b"likelihood: likely", b"likelihood: probable", 1))
    report = build([proj / "seeds"], proj / "output", FORMATS)
    assert report.results[0].status == "refused"
    brief.write_bytes(good)
    assert _status(proj) == "current"


def test_the_cache_lives_at_the_project_root_not_in_the_output(proj: Path) -> None:
    """A shared or zipped output folder carries no record of what the build read."""
    assert _status(proj) == "built"
    assert not (proj / "output" / cache.CACHE_DIR).exists()
    kept = sorted(p.name for p in (proj / cache.CACHE_DIR).glob("*.json"))
    # the build record, the brief's summary for the desk index, and the index's key
    assert sorted(name.endswith(".summary.json") + 2 * name.startswith("index-")
                  for name in kept) == [0, 1, 2]
    elsewhere = build([proj / "seeds"], proj / "elsewhere", formats=FORMATS)
    assert [r.status for r in elsewhere.results] == ["built"]  # another folder, its own record
    assert _status(proj) == "current"


def test_an_old_cache_in_the_output_folder_is_moved_over(proj: Path) -> None:
    """Outputs an older briefgen recorded in `output/.briefgen-cache/` stay current."""
    assert _status(proj) == "built"
    assert _status(proj, theme="one-pager") == "built"
    brief = (proj / "seeds" / SEED.name).resolve()
    old_key = cache.digest(str(brief).encode())[:24]
    old_dir = proj / "output" / cache.CACHE_DIR
    old_dir.mkdir()
    records = [p for p in (proj / cache.CACHE_DIR).glob("*.json")
               if not p.name.startswith("index-")]  # the desk index's key has its own name
    for record in sorted(records):  # as the old layout named them
        record.rename(old_dir / f"{old_key}{record.name[24:]}")
    other = old_dir / f"{'0' * 24}.json"  # another brief's: left alone
    other.write_bytes(b"{}")
    moved = {p.read_bytes() for p in old_dir.glob(f"{old_key}*.json")}
    assert len(moved) == 3  # the brief's and the one-pager's records, and its summary
    assert _status(proj) == "current"
    assert {p.read_bytes() for p in (proj / cache.CACHE_DIR).glob("*.json")
            if not p.name.startswith("index-")} == moved
    assert sorted(old_dir.iterdir()) == [other]
    assert _status(proj, theme="one-pager") == "current"
    other.unlink()
    assert _status(proj) == "current"
    assert not old_dir.exists()  # gone once nothing is left in it
