"""Writing the index: untouched when nothing changed, never over a brief's own outputs."""

from __future__ import annotations

import datetime as dt
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
    kept = tmp_path.parent / f"{tmp_path.name}-cache"
    written = write_index(tmp_path, [record("a", ("clear",))], ("clear",), kept=kept)
    assert sorted(p.name for p in written) == sorted(
        ["index.html", "index.md", "feed.xml", "index.tlp-clear.html", "index.tlp-clear.md",
         "feed.tlp-clear.xml"])
    stamps = {p: p.stat().st_mtime_ns for p in written}
    write_index(tmp_path, [record("a", ("clear",))], ("clear",), kept=kept)
    assert {p: p.stat().st_mtime_ns for p in written} == stamps
    assert [p.name for p in tmp_path.iterdir() if p.is_dir()] == []  # the key is kept apart
    assert len(list(kept.glob("index-*.json"))) == 1
    assert "TLP:CLEAR" in (tmp_path / "index.tlp-clear.html").read_text(encoding="utf-8")


def test_a_brief_named_index_keeps_its_outputs(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("the brief itself", encoding="utf-8")
    with pytest.raises(DeskClash, match="meta.id is 'index'"):
        write_index(tmp_path, [record("index")], (), kept=tmp_path.parent / "kept")
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "the brief itself"


def test_the_day_a_review_date_passes_the_index_says_so_and_not_before(tmp_path: Path) -> None:
    """The same day twice renders nothing the second time; the day after the review date
    rewrites the index with the mark, in HTML and Markdown; the feed does not change."""
    (tmp_path / "a.html").write_text("x", encoding="utf-8")
    due = record("a")
    due["versions"][""] |= {"review_by": "2026-11-30", "review_passes_on": "2026-12-01"}
    kept = tmp_path.parent / f"{tmp_path.name}-cache"
    html, md, feed = (tmp_path / n for n in ("index.html", "index.md", "feed.xml"))

    def index_on(day: dt.date) -> dict[Path, int]:
        write_index(tmp_path, [due], (), day, kept)
        return {p: p.stat().st_mtime_ns for p in (html, md, feed, *kept.iterdir())}

    before = index_on(dt.date(2026, 11, 30))
    assert "Out of date" not in html.read_text(encoding="utf-8")
    assert index_on(dt.date(2026, 11, 30)) == before
    after = index_on(dt.date(2026, 12, 1))
    assert "Out of date: past its review date 2026-11-30." in html.read_text(encoding="utf-8")
    assert "> Out of date: past its review date 2026-11-30." in md.read_text(encoding="utf-8")
    assert after[html] != before[html] and after[feed] == before[feed]
    assert index_on(dt.date(2026, 12, 1)) == after


def test_an_older_briefgen_s_key_in_the_output_folder_is_removed(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("x", encoding="utf-8")
    (tmp_path / ".briefgen-cache").mkdir()
    (tmp_path / ".briefgen-cache" / "index.json").write_text("{}", encoding="utf-8")
    write_index(tmp_path, [record("a")], (), kept=tmp_path.parent / f"{tmp_path.name}-cache")
    assert not (tmp_path / ".briefgen-cache").exists()
