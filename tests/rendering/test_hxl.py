"""`--format csv`: figures and risks as CSV with an HXL hashtag row, read back with libhxl,
the HXL reference library, column by column."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import hxl
import pytest
from conftest import CONTRACT, SEED

from briefgen.build import build
from briefgen.model.view import build_view
from briefgen.reading.loader import load_brief
from briefgen.rendering.hxl import figure_columns, is_hashtag, risk_columns
from briefgen.validation.validate import validate

FULL = CONTRACT / "full" / "full-format.yaml"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("csv")
    report = build([SEED, FULL], folder, ("csv",))
    assert report.ok, report.results
    assert sorted(p.name for r in report.results for p in r.outputs) == sorted(
        f"{ident}.{kind}.csv" for ident in ("idlib-talks-2020-02-20", "full-format")
        for kind in ("figures", "risks"))
    return folder


def _hxl(path: Path) -> hxl.model.Dataset:
    return hxl.data(str(path), hxl.InputOptions(allow_local=True))


@pytest.mark.parametrize("brief", [SEED, FULL])
def test_libhxl_reads_every_column_and_each_figure_round_trips(out: Path, brief: Path) -> None:
    view = build_view(validate(load_brief(brief)))
    ident = view.brief.meta.id
    data = _hxl(out / f"{ident}.figures.csv")
    columns = figure_columns(view)
    assert [c.display_tag for c in data.columns] == [tag for _h, tag, _v in columns]
    assert data.headers == [header for header, _t, _v in columns]
    rows = list(data)
    assert [r.get("#meta+id") for r in rows] == [f.id for f in view.brief.key_figures]
    for row, figure in zip(rows, view.brief.key_figures, strict=True):
        assert row.get("#meta+brief+id") == ident
        assert row.get("#indicator+name") == figure.label
        assert row.get("#meta+display") == figure.display
        assert _number(_exact(data, row, "#indicator+value+num")) == figure.value
        assert (_exact(data, row, "#date") or None) == figure.date
        own = [value for column, value in zip(data.columns, row.values, strict=True)
               if figure.hxl and column.display_tag == figure.hxl]
        assert [_number(v) for v in own] == ([figure.value] if figure.hxl else [])
        assert row.get("#meta+tlp") == (figure.tlp or view.brief.meta.tlp)


def _exact(data: hxl.model.Dataset, row: hxl.model.Row, tag: str) -> str | None:
    """The value of the one column tagged exactly `tag` (libhxl's `get` would take the next
    column matching the tag when this one is empty)."""
    [value] = [v for c, v in zip(data.columns, row.values, strict=True) if c.display_tag == tag]
    return value


def _number(text: str | None) -> float | None:
    return None if text in (None, "") else float(text)


def test_an_hxl_tool_finds_figures_by_their_own_tags(out: Path) -> None:
    """What a data team does: filter on `#affected+idps` and `#inneed`, across attributes."""
    rows = list(_hxl(out / "full-format.figures.csv"))
    brief = validate(load_brief(FULL))
    idps = [f.value for f in brief.key_figures if f.hxl == "#affected+idps+ind"
            and f.value is not None]
    assert idps
    found = [_number(r.get("#affected+idps")) for r in rows if r.get("#affected+idps")]
    assert found == idps
    assert [_number(r.get("#inneed")) for r in rows if r.get("#inneed")] == [
        f.value for f in brief.key_figures if f.hxl == "#inneed+ind" and f.value is not None]
    assert {r.get("#adm1+name") for r in rows} == {"Jabal Ruwayda"}
    assert {r.get("#country+code") for r in rows} == {"XSQ; XDM"}


@pytest.mark.parametrize("brief", [SEED, FULL])
def test_each_risk_round_trips_with_its_derived_level(out: Path, brief: Path) -> None:
    view = build_view(validate(load_brief(brief)))
    data = _hxl(out / f"{view.brief.meta.id}.risks.csv")
    assert [c.display_tag for c in data.columns] == [t for _h, t, _v in risk_columns(view)]
    rows = list(data)
    assert len(rows) == len(view.risks) > 0
    for row, item in zip(rows, view.risks, strict=True):
        risk = item.risk
        assert (row.get("#meta+id"), row.get("#meta+ref")) == (risk.id, item.label)
        assert row.get("#description+title") == risk.title
        assert row.get("#severity+level") == item.level
        assert int(row.get("#severity+score+num")) == item.score
        assert row.get("#meta+likelihood") == risk.likelihood
        assert (_exact(data, row, "#date+horizon") or None) == risk.horizon_date
        assert (row.get("#meta+affected+id") or "").split("; ") == (risk.affected or [""])
        assert (row.get("#date+review") or None) == view.brief.meta.review_by


def test_the_files_are_rfc_4180_utf_8_and_the_same_every_time(out: Path,
                                                             tmp_path: Path) -> None:
    again = build([FULL], tmp_path, ("csv",)).results[0].outputs
    for path in again:
        data = path.read_bytes()
        assert data == (out / path.name).read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf")  # no byte-order mark: libhxl reads row 1
        text = data.decode("utf-8")
        assert text.endswith("\r\n")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert len({len(row) for row in rows}) == 1  # every row as wide as the header


@pytest.mark.parametrize(("tag", "ok"), [
    ("#affected+idps+ind", True), ("#inneed", True), ("#adm1+name", True),
    ("affected", False), ("#affected idps", False), ("#1st", False), ("#loc+", False),
    ("#affected+ind\n", False)])
def test_what_counts_as_a_hashtag(tag: str, ok: bool) -> None:
    assert is_hashtag(tag) is ok
