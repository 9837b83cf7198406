"""The timeline strip: events along a time axis, partial dates drawn as spans."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from briefgen.model.values import DATE
from briefgen.rendering.charts.svg import Frame, el, root, text_of
from briefgen.rendering.i18n import Translator, translator

ENGLISH = translator("en")


@dataclass(frozen=True)
class StripMark:
    """One event on the timeline strip: a dot (exact day) or a bar (a month or a year)."""

    label: str
    title: str
    x0: float
    x1: float
    row: int
    kind: str


def date_span(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day a date of any precision covers: `2019` is the whole year."""
    match = DATE.match(text)
    if match is None:
        raise ValueError(text)
    year = int(match["y"])
    if not match["m"]:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(match["m"])
    if not match["d"]:
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
        return dt.date(year, month, 1), last
    day = dt.date(year, month, int(match["d"]))
    return day, day


def _joined(labels: list[str]) -> str:
    """The labels of events that share a mark, each named: `T4, T5, T6`, never `T4–T6`, which
    reads as one event or hides the ones between."""
    return ", ".join(sorted(labels, key=lambda label: (len(label), label)))


def clipped_span(text: str, cutoff: dt.date | None) -> tuple[dt.date, dt.date]:
    """The days a date covers on the strip: a year or a month ends at the cut-off if the
    cut-off falls inside it (`2020` in a brief dated 20 February 2020 covers 1 January to 20
    February). An exact day is never moved: a scheduled event may lie after the cut-off."""
    first, last = date_span(text)
    if cutoff is not None and first != last and first <= cutoff < last:
        last = cutoff
    return first, last


def timeline_layout(events: list[tuple[str, str, str, str]], left: float,
                    width: float, cutoff: dt.date | None = None,
                    ) -> tuple[list[StripMark], dt.date, dt.date]:
    """Place (label, title, date, kind) events on a strip `width` wide.

    Events a few points apart share one mark and one label, which names each of them. A
    partial date (a month or a year) is drawn as a bar over the time it covers, up to the
    cut-off, with its dot at its start, where the time it names begins. Each label takes the
    highest row where it overlaps no label and, as far as any row allows, its leader line
    crosses no label above it and it covers no leader line going to a lower row.
    """
    spans = [clipped_span(date, cutoff) for _label, _title, date, _kind in events]
    start = min(s for s, _ in spans)
    end = max(e for _, e in spans)
    days = max(1, (end - start).days)
    groups: dict[tuple[int, int], list[int]] = {}
    for n, (first, last) in enumerate(spans):  # a shared key: within a few points on the strip
        key = (round((first - start).days / days * width / 4),
               round((last - start).days / days * width / 4))
        groups.setdefault(key, []).append(n)
    pending = []
    for members in groups.values():
        first = min(spans[n][0] for n in members)
        last = max(spans[n][1] for n in members)
        x0 = left + width * (first - start).days / days
        x1 = left + width * (last - start).days / days
        kinds = {events[n][3] for n in members}
        pending.append((x0, x1, _joined([events[n][0] for n in members]),
                        "; ".join(f"{events[n][0]}: {events[n][1]}" for n in members),
                        kinds.pop() if len(kinds) == 1 else "event"))
    placed: list[tuple[int, float, float, float]] = []  # row, left, right, leader x
    marks: list[StripMark] = []
    for x0, x1, label, title, kind in sorted(pending, key=lambda p: (p[0], p[1])):
        centre = x0
        half = len(label) * 3.2 + 3
        low, high = centre - half, centre + half

        def cost(row: int, low: float = low, high: float = high, centre: float = centre) -> int:
            """Crossings this row would cause; None-like (large) where labels would overlap."""
            if any(r == row and not (high + 4 < a or low - 4 > b) for r, a, b, _x in placed):
                return 1_000
            return sum(1 for r, a, b, x in placed
                       if (r < row and a - 2 <= centre <= b + 2)
                       or (r > row and low - 2 <= x <= high + 2))

        costs = [cost(row) for row in range(len(placed) + 1)]
        row = costs.index(min(costs))  # the highest row with the fewest crossings
        placed.append((row, low, high, centre))
        marks.append(StripMark(label, title, x0, x1, row, kind))
    return marks, start, end


def _ticks(start: dt.date, end: dt.date,
           tr: Translator = ENGLISH) -> list[tuple[dt.date, str]]:
    """Year ticks for a long span, month ticks (`Feb 2020`, `févr. 2020`) for a short one."""
    if (end - start).days > 540:
        return [(dt.date(y, 1, 1), str(y)) for y in range(start.year, end.year + 1)
                if dt.date(y, 1, 1) >= start] or [(start, str(start.year))]
    ticks = []
    current = dt.date(start.year, start.month, 1)
    while current <= end:
        if current >= start:
            ticks.append((current, tr.month(current)))
        current = dt.date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return ticks or [(start, tr.month(start))]


KIND_COLOURS = {"event": "#1f3a68", "agreement": "#2e7d32", "statement": "#5b6475",
                "deadline": "#c62828", "scheduled": "#ef6c00"}


def timeline_strip(events: list[tuple[str, str, str, str]], chart_id: str = "timeline",
                   tr: Translator = ENGLISH, cutoff: str | None = None) -> str:
    """Events along a time axis; partial dates are drawn as bars over the time they cover,
    never past the brief's cut-off `cutoff` (meta.date). In a right-to-left brief time runs
    from right to left."""
    left, width = 24.0, 652.0
    frame = Frame(700, tr.rtl)
    marks, start, end = timeline_layout(events, left, width,
                                        date_span(cutoff)[0] if cutoff else None)
    rows = max((m.row for m in marks), default=0) + 1
    axis_y = 40.0
    height = axis_y + 34 + rows * 18
    svg = root("timeline-strip", 700, height, chart_id, tr.gettext("Timeline of events"),
               "; ".join(f"{label}: {date}, {title}" for label, title, date, _k in events))
    el(svg, "line", x1=left, y1=axis_y, x2=left + width, y2=axis_y, stroke="#1f2a44",
        stroke_width=1.5)
    days = max(1, (end - start).days)
    for day, text in _ticks(start, end, tr):
        x = frame.x(left + width * (day - start).days / days)
        el(svg, "line", x1=f"{x:.1f}", y1=axis_y - 4, x2=f"{x:.1f}", y2=axis_y + 4,
            stroke="#1f2a44")
        el(svg, "text", text, x=f"{x:.1f}", y=axis_y - 9, text_anchor="middle", font_size=10,
            fill="#333333")
    for mark in marks:
        colour = KIND_COLOURS.get(mark.kind, KIND_COLOURS["event"])
        group = el(svg, "g", class_=f"mark mark-{mark.kind}")
        el(group, "title", mark.title)
        if mark.x1 - mark.x0 >= 3:
            el(group, "rect", x=f"{frame.left(mark.x0, mark.x1 - mark.x0):.1f}", y=axis_y - 3,
               width=f"{mark.x1 - mark.x0:.1f}", height=6, rx=3, fill=colour,
               fill_opacity=0.35)
        centre = frame.x(mark.x0)
        el(group, "circle", cx=f"{centre:.1f}", cy=axis_y, r=4, fill=colour)
        label_y = axis_y + 22 + mark.row * 18
        el(group, "line", x1=f"{centre:.1f}", y1=axis_y + 4, x2=f"{centre:.1f}",
            y2=label_y - 10, stroke=colour, stroke_width=0.6)
        el(group, "text", mark.label, x=f"{centre:.1f}", y=f"{label_y:.1f}",
            text_anchor="middle", font_size=10, font_weight="bold", fill=colour)
    return text_of(svg)
