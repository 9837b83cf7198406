"""Which briefs an index lists: per audience, by its released summary, newest first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefgen.index.listing import Entry, entries, file_names, stale_marks
from briefgen.index.summary import FORMAT


def version(ident: str, date: str, stem: str, **more: Any) -> dict[str, Any]:
    return {"id": ident, "date": date, "stem": stem, "status": "final"} | more


def record(ident: str, date: str, audiences: tuple[str, ...] = ()) -> dict[str, Any]:
    versions = {"": version(ident, date, ident)}
    versions |= {a: version(ident, date, f"{ident}.tlp-{a}") for a in audiences}
    return {"format": FORMAT, "path": f"/desk/{ident}.yaml", "id": ident, "versions": versions}


def test_an_audience_s_index_lists_only_the_versions_released_to_it(tmp_path: Path) -> None:
    for name in ("old.html", "old.tlp-clear.html", "new.md", "new.html", "gone.html"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    records = [record("old", "2020-01-05", ("clear",)), record("new", "2021-03"),
               record("gone", "2022-01-01", ("clear",))]
    (tmp_path / "gone.html").unlink()  # a summary whose outputs are not in this folder
    full = entries(records, tmp_path, None)
    assert [e.summary["id"] for e in full] == ["new", "old"]
    assert full[0].files == ("new.html", "new.md") and full[0].link("md") == "new.md"
    clear = entries(records, tmp_path, "clear")
    assert [(e.summary["id"], e.files) for e in clear] == [("old", ("old.tlp-clear.html",))]
    assert entries(records, tmp_path, "green") == []


def test_one_id_is_listed_once_and_an_old_summary_is_not_listed(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("x", encoding="utf-8")
    old = record("a", "2020-01-01") | {"format": FORMAT - 1}
    assert entries([old], tmp_path, None) == []
    twice = [record("a", "2020-01-01"), record("a", "2024-01-01")]
    assert [e.summary["date"] for e in entries(twice, tmp_path, None)] == ["2020-01-01"]


def test_names_and_marks() -> None:
    assert file_names("amber+strict") == {"html": "index.tlp-amber+strict.html",
                                          "md": "index.tlp-amber+strict.md",
                                          "feed": "feed.tlp-amber+strict.xml"}
    assert stale_marks(Entry(version("a", "2020", "a", status="superseded"), ("a.html",))) \
        == ["superseded"]
    assert stale_marks(Entry(version("a", "2020", "a"), ("a.html",))) == []
