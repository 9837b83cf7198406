"""Which briefs an index lists: per audience, by its released summary, newest first."""

from __future__ import annotations

import datetime as dt
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
    today = dt.date(2020, 6, 1)
    assert stale_marks(version("a", "2020", "a", status="superseded"), today) == ["superseded"]
    assert stale_marks(version("a", "2020", "a"), today) == []


def test_a_brief_past_its_review_date_or_a_risk_s_horizon_is_marked_on_its_day(
        tmp_path: Path) -> None:
    """The marks come from the dates the summary keeps, judged on the index's day: a review
    due by 2020-03 is past on 1 April, not on 31 March."""
    risk = {"id": "r-1", "label": "R1", "title": "Renewed fighting", "horizon_date": "2020-03-15",
            "horizon_passes_on": "2020-03-16"}
    due = version("a", "2020-02-01", "a", review_by="2020-03", review_passes_on="2020-04-01",
                  risks=[risk, {"id": "r-2", "label": "R2", "title": "Undated",
                                 "horizon_date": None}])
    assert stale_marks(due, dt.date(2020, 3, 15)) == []
    assert stale_marks(due, dt.date(2020, 3, 16)) == [
        "the horizon of risk R1, Renewed fighting, ended 2020-03-15"]
    assert stale_marks(due, dt.date(2020, 4, 1)) == [
        "past its review date 2020-03",
        "the horizon of risk R1, Renewed fighting, ended 2020-03-15"]
    (tmp_path / "a.html").write_text("x", encoding="utf-8")
    listed = {"format": FORMAT, "id": "a", "versions": {"": due}}
    assert entries([listed], tmp_path, None, dt.date(2020, 3, 1))[0].stale == ()
    late = entries([listed], tmp_path, None, dt.date(2020, 4, 1))[0]
    assert late.stale[0] == "past its review date 2020-03" and late.ended == ("r-1",)


def test_the_outputs_an_analyst_opens_are_linked_in_order(tmp_path: Path) -> None:
    for name in ("a.docx", "a.md", "a.pdf", "a.html", "a.json", "a.figures.csv"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = entries([record("a", "2020")], tmp_path, None)
    assert found[0].files == ("a.html", "a.pdf", "a.md", "a.docx")
    assert Entry(found[0].summary, ("a.docx",)).link("html") == "a.docx"
