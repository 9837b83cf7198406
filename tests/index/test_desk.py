"""Writing the index: untouched when nothing changed, never over a brief's own outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.index.desk import DeskClash, write_index
from briefgen.index.summary import FORMAT


def record(ident: str, audiences: tuple[str, ...] = ()) -> dict:
    def version(stem: str, tlp: str) -> dict:
        return {"id": ident, "stem": stem, "title": f"Brief {ident}", "subtitle": None,
                "date": "2026-11-02", "version": None, "status": "final", "tlp": tlp,
                "classification": None, "fictional": False, "language": "en",
                "authors": [], "tags": [], "countries": [], "bluf": "Bottom line.",
                "changelog": [], "risks": []}

    versions = {"": version(ident, "amber")}
    versions |= {a: version(f"{ident}.tlp-{a}", a) for a in audiences}
    return {"format": FORMAT, "path": f"/d/{ident}.yaml", "id": ident, "versions": versions}


def test_an_unchanged_index_is_not_rewritten(tmp_path: Path) -> None:
    for name in ("a.html", "a.tlp-clear.html"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    written = write_index(tmp_path, [record("a", ("clear",))], ("clear",))
    assert sorted(p.name for p in written) == sorted(
        ["index.html", "index.md", "feed.xml", "index.tlp-clear.html", "index.tlp-clear.md",
         "feed.tlp-clear.xml"])
    stamps = {p: p.stat().st_mtime_ns for p in written}
    write_index(tmp_path, [record("a", ("clear",))], ("clear",))
    assert {p: p.stat().st_mtime_ns for p in written} == stamps
    assert "TLP:CLEAR" in (tmp_path / "index.tlp-clear.html").read_text(encoding="utf-8")


def test_a_brief_named_index_keeps_its_outputs(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("the brief itself", encoding="utf-8")
    with pytest.raises(DeskClash, match="meta.id is 'index'"):
        write_index(tmp_path, [record("index")], ())
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "the brief itself"
