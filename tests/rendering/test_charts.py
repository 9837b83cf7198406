"""Charts are computed as data in Python; the SVG is checked as XML that names everything."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import CONTRACT, SEED

from briefgen.model import derive
from briefgen.model.view import View, build_view
from briefgen.reading.loader import load_brief
from briefgen.rendering.charts import relations_diagram, risk_matrix, timeline_strip
from briefgen.rendering.charts.relations import mirrored, relations_layout, wrap_label
from briefgen.rendering.charts.shaping import visual
from briefgen.rendering.charts.timeline import date_span, timeline_layout
from briefgen.rendering.i18n import translator
from briefgen.validation.validate import validate

SVG = "{http://www.w3.org/2000/svg}"
BRIEFS = [SEED, CONTRACT / "full" / "full-format.yaml"]
ARABIC = Path(__file__).resolve().parent.parent / "fixtures" / "lang" / "idlib-ar.yaml"


def _view(path: Path) -> View:
    return build_view(validate(load_brief(path)))


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)  # parses as XML, or the test fails here
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text
    return [node.text or "" for node in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("path", BRIEFS, ids=lambda p: p.stem)
def test_risk_matrix_places_every_risk_in_its_cell(path: Path) -> None:
    view = _view(path)
    cells = {(cell.likelihood, cell.impact): cell.risks for row in view.matrix for cell in row}
    for item in view.risks:
        key = (derive.likelihood_points(item.risk.likelihood),
               derive.impact_points(item.risk.impact))
        assert item in cells[key]
    texts = _texts(risk_matrix(view.risks, view.matrix))
    assert sorted(t for t in texts if t.startswith("R") and t[1:].isdigit()) == \
        sorted(item.label for item in view.risks)
    desc = ET.fromstring(risk_matrix(view.risks, view.matrix)).find(f"{SVG}desc").text
    assert all(item.risk.title in desc for item in view.risks)


@pytest.mark.parametrize("path", BRIEFS, ids=lambda p: p.stem)
def test_relations_diagram_names_every_related_party_without_overlap(path: Path) -> None:
    view = _view(path)
    names = {party.id: party.name for party in view.brief.parties}
    related = {end for edge in view.edges for end in (edge.source, edge.target)}
    layout = relations_layout(names, view.edges)
    assert set(layout.nodes) == related
    boxes = [node.box for node in layout.nodes.values()] + [e.label_box for e in layout.edges]
    for i, box in enumerate(boxes):
        for other in boxes[i + 1:]:
            assert not box.overlaps(other, gap=0), (box, other)
    svg = relations_diagram(names, view.edges)
    texts = _texts(svg)
    for ident in related:
        for line in wrap_label(names[ident]):
            assert line in texts
    root = ET.fromstring(svg)
    paths = list(root.iter(f"{SVG}path"))
    directed = [p for p in paths if p.get("marker-end")]
    assert len(directed) == sum(1 for e in view.edges if e.directed)


def test_relations_stay_legible_with_twenty_parties() -> None:
    names = {f"p{n}": f"Party number {n} with a fairly long name" for n in range(20)}
    edges = [derive.Edge(f"p{n}", f"p{(n * 7) % 20}", kind) for n, kind in
             zip(range(20), ["ally", "rival", "backer", "partner", "adversary"] * 4,
                 strict=True) if n != (n * 7) % 20]
    layout = relations_layout(names, edges)
    boxes = [node.box for node in layout.nodes.values()] + [e.label_box for e in layout.edges]
    assert not any(a.overlaps(b, gap=0) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    # printed across the 174 mm text width, the party names must stay at least 6 pt tall
    from briefgen.rendering.charts.relations import NODE_FONT

    assert NODE_FONT * 174 / layout.width / 0.3528 >= 6


def test_timeline_spans_and_label_rows() -> None:
    assert date_span("2019") == (derive.dt.date(2019, 1, 1), derive.dt.date(2019, 12, 31))
    assert date_span("2020-02") == (derive.dt.date(2020, 2, 1), derive.dt.date(2020, 2, 29))
    events = [("T1", "a", "2020-02-19", "event"), ("T2", "b", "2020-02-19", "statement"),
              ("T3", "c", "2019", "agreement"), ("T4", "d", "2020-02-20T00:28", "deadline")]
    marks, start, end = timeline_layout(events, 0, 600)
    assert (start, end) == (derive.dt.date(2019, 1, 1), derive.dt.date(2020, 2, 20))
    # days a point apart: one mark, whose label names each event
    assert [m.label for m in marks] == ["T3", "T1, T2, T4"]
    assert marks[0].x1 - marks[0].x0 > 100  # a year-only date is drawn as the year it spans
    assert marks[0].x0 == 0  # and its dot is where the year starts


def test_a_year_only_event_ends_at_the_cut_off() -> None:
    """`2020` in a brief whose cut-off is 20 February 2020 is drawn from 1 January to the
    cut-off, never to 31 December; an exact scheduled date after the cut-off stays."""
    cutoff = derive.dt.date(2020, 2, 20)
    events = [("T1", "a", "2019-06-01", "event"), ("T2", "b", "2020", "event")]
    marks, start, end = timeline_layout(events, 0, 600, cutoff)
    assert end == cutoff
    assert marks[1].x0 == pytest.approx(600 * 214 / 264)  # 1 January 2020 on the strip
    assert marks[1].x1 == 600
    events.append(("T3", "c", "2020-03-01", "scheduled"))
    _marks, _start, end = timeline_layout(events, 0, 600, cutoff)
    assert end == derive.dt.date(2020, 3, 1)


def test_timeline_labels_never_overlap_or_sit_on_a_leader_line() -> None:
    events = [(f"T{n}", f"event {n}", f"2023-11-{1 + n % 3:02d}", "event") for n in range(1, 13)]
    events += [("T13", "a year", "2019", "agreement"), ("T14", "late", "2027-05", "deadline")]
    marks, _start, _end = timeline_layout(events, 0, 652)
    # three days in one month of an eight-year strip are one point: one mark, whose label names
    # every event, never a range ("T1–T12") that reads as one
    assert [m.label for m in marks] == ["T13", ", ".join(f"T{n}" for n in range(1, 13)), "T14"]
    extents = [(m.row, m.x0 - len(m.label) * 3.2 - 3, m.x0 + len(m.label) * 3.2 + 3, m.x0)
               for m in marks]
    for row, low, high, _x in extents:
        for other_row, other_low, other_high, other_x in extents:
            if (row, low) == (other_row, other_low):
                continue
            assert not (row == other_row and low < other_high and other_low < high)
            assert not (other_row > row and low <= other_x <= high), "a label hides a leader"


@pytest.mark.parametrize("path", BRIEFS, ids=lambda p: p.stem)
def test_timeline_strip_labels_every_event(path: Path) -> None:
    view = _view(path)
    events = [(view.labels[e.id].text, e.event, e.date, e.kind or "event") for e in view.timeline]
    texts = " ".join(_texts(timeline_strip(events)))
    shown = set()
    for text in texts.replace(",", " ").split():
        assert "–" not in text, f"a range hides which events share a mark: {text}"
        shown.add(text)
    assert {label for label, *_rest in events} <= shown


def test_right_to_left_chart_text_is_shaped_and_in_visual_order() -> None:
    """WeasyPrint draws SVG text a letter at a time: Arabic must arrive joined and in the
    order it is seen; text without right-to-left letters is left alone."""
    assert visual("Russia (NATO) 15–25") == "Russia (NATO) 15–25"
    assert visual("لا") == "\ufefb"  # lam-alef, one ligature
    assert visual("بيت") == "\ufe96\ufef4\ufe91"  # final teh, medial yeh, initial beh
    shown = visual("مرتفع (15–25)")
    assert shown.startswith("(25–15) ") and shown.endswith("\ufee3")  # initial meem, far right
    assert visual("حلف شمال الأطلسي (NATO)").startswith("(NATO) ")
    assert visual("احتمال (1–9٪)").startswith("(٪9–1) ")  # numbers after Arabic letters


def test_arabic_charts_are_mirrored_and_their_text_is_drawn_as_shaped() -> None:
    view = _view(ARABIC)
    tr = translator("ar")
    matrix = ET.fromstring(risk_matrix(view.risks, view.matrix, tr=tr))
    cells = [r for r in matrix.iter(f"{SVG}rect") if r.get("width") == "76"]
    assert max(float(r.get("x")) for r in cells if r.get("fill") == "#f4a09a") < \
        max(float(r.get("x")) for r in cells if r.get("fill") == "#cfe8d5")  # likely: left
    english = ET.fromstring(risk_matrix(view.risks, view.matrix))
    assert [t.text for t in english.iter(f"{SVG}text")][-4:-3] == ["Impact →"]
    labels = [t for t in matrix.iter(f"{SVG}text") if t.get("unicode-bidi") == "bidi-override"]
    assert labels and all(t.get("direction") == "ltr" for t in labels)
    assert visual("الاحتمال ←") in [t.text for t in labels]  # the arrow points left

    names = {party.id: party.name for party in view.brief.parties}
    layout = relations_layout(names, view.edges, tr)
    seen = mirrored(layout)
    assert all(seen.nodes[i].box.x == -node.box.x for i, node in layout.nodes.items())
    assert seen.left == -(layout.left + layout.width)
    diagram = ET.fromstring(relations_diagram(names, view.edges, tr=tr))
    assert diagram.find(f"{SVG}title").text == "العلاقات بين الأطراف"

    events = [(view.labels[e.id].text, e.event, e.date, e.kind or "event") for e in view.timeline]
    strip = ET.fromstring(timeline_strip(events, tr=tr))
    ticks = {t.text: float(t.get("x")) for t in strip.iter(f"{SVG}text") if t.text.isdigit()}
    assert ticks["2018"] > ticks["2020"]  # time runs from the right
