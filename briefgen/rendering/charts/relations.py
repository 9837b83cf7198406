"""The relations diagram: parties round an ellipse, edges styled by type, every label clear.

The layout is data (`relations_layout`) so the tests can check what a reader
needs: every party placed, no two boxes or labels overlapping, directed
edges marked. Parties are ordered so that related ones sit near each other,
which keeps edges short; parallel edges between one pair bow apart.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from briefgen.model import derive
from briefgen.rendering.charts.svg import Frame, el, root, text_of
from briefgen.rendering.i18n import Translator, translator

ENGLISH = translator("en")

EDGE_STYLES: dict[str, dict[str, str]] = {
    "backer": {"stroke": "#1f2a44", "stroke-width": "2"},
    "member-of": {"stroke": "#5b6475", "stroke-width": "1.5"},
    "ally": {"stroke": "#2e7d32", "stroke-width": "2"},
    "partner": {"stroke": "#1565c0", "stroke-width": "1.5", "stroke-dasharray": "6 3"},
    "adversary": {"stroke": "#c62828", "stroke-width": "2.5"},
    "rival": {"stroke": "#ef6c00", "stroke-width": "2", "stroke-dasharray": "3 3"},
    "mediator": {"stroke": "#6a1b9a", "stroke-width": "1.5", "stroke-dasharray": "1 3"},
}
MIN_GAP = 14.0
NODE_FONT = 13.0
LABEL_FONT = 10.5
WRAP = 15


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle, by its centre and size."""

    x: float
    y: float
    width: float
    height: float

    def overlaps(self, other: Box, gap: float = 1.0) -> bool:
        return (abs(self.x - other.x) * 2 < self.width + other.width + gap * 2
                and abs(self.y - other.y) * 2 < self.height + other.height + gap * 2)


@dataclass(frozen=True)
class Node:
    id: str
    lines: tuple[str, ...]
    box: Box


@dataclass(frozen=True)
class PlacedEdge:
    edge: derive.Edge
    start: tuple[float, float]
    control: tuple[float, float]
    end: tuple[float, float]
    label: str
    label_box: Box


@dataclass(frozen=True)
class Layout:
    left: float
    width: float
    top: float
    height: float
    nodes: dict[str, Node]
    edges: list[PlacedEdge]


def wrap_label(text: str, width: int = WRAP, max_lines: int = 4) -> tuple[str, ...]:
    """Break a name into at most `max_lines` lines of about `width` characters."""
    lines: list[str] = []
    for word in text.split():
        while len(word) > width + 4:  # a very long word is cut where it must be
            lines.append(word[:width])
            word = word[width:]
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = [*lines[:max_lines - 1], lines[max_lines - 1] + "…"]
    return tuple(lines) or ("",)


def _text_width(text: str, size: float) -> float:
    return len(text) * size * 0.56


def party_order(ids: list[str], edges: list[derive.Edge]) -> list[str]:
    """Related parties next to each other: start from the best connected, then keep
    taking the party with the most ties to those already placed (ties: the brief's order)."""
    degree = Counter(end for e in edges for end in (e.source, e.target))
    links: dict[str, Counter[str]] = {i: Counter() for i in ids}
    for e in edges:
        links[e.source][e.target] += 1
        links[e.target][e.source] += 1
    rank = {ident: n for n, ident in enumerate(ids)}
    order: list[str] = []
    left = set(ids)
    while left:
        if order:
            best = max(left, key=lambda i: (sum(links[i][p] for p in order), degree[i],
                                            -rank[i]))
        else:
            best = max(left, key=lambda i: (degree[i], -rank[i]))
        order.append(best)
        left.discard(best)
    return order


def _node_boxes(names: dict[str, str], order: list[str]) -> dict[str, Node]:
    """Boxes round an ellipse, grown until no two boxes come within MIN_GAP of each other."""
    shapes = []
    for ident in order:
        lines = wrap_label(names[ident])
        shapes.append((ident, lines, max(_text_width(line, NODE_FONT) for line in lines) + 14,
                       len(lines) * (NODE_FONT + 2) + 8))
    count = max(1, len(order))
    a, b = 150.0 + count * 8, 90.0 + count * 8
    while True:
        nodes = {}
        for n, (ident, lines, width, height) in enumerate(shapes):
            angle = -math.pi / 2 + 2 * math.pi * n / count
            nodes[ident] = Node(ident, lines, Box(a * math.cos(angle), b * math.sin(angle),
                                                  width, height))
        boxes = [node.box for node in nodes.values()]
        if not any(p.overlaps(q, MIN_GAP / 2) for i, p in enumerate(boxes)
                   for q in boxes[i + 1:]):
            return nodes
        a, b = a * 1.06, b * 1.06


def _border(box: Box, toward: tuple[float, float]) -> tuple[float, float]:
    """Where the line from the box's centre toward a point leaves the box."""
    dx, dy = toward[0] - box.x, toward[1] - box.y
    if dx == 0 and dy == 0:
        return box.x, box.y
    scale = min(box.width / 2 / abs(dx) if dx else math.inf,
                box.height / 2 / abs(dy) if dy else math.inf)
    return box.x + dx * scale, box.y + dy * scale


def _point(start: tuple[float, float], control: tuple[float, float], end: tuple[float, float],
           t: float) -> tuple[float, float]:
    """A point on the quadratic Bézier curve start-control-end."""
    u = 1 - t
    return (u * u * start[0] + 2 * u * t * control[0] + t * t * end[0],
            u * u * start[1] + 2 * u * t * control[1] + t * t * end[1])


def _edge_label(edge: derive.Edge, tr: Translator) -> str:
    return tr.term("relation", edge.type) + (f" ({tr.term('relation-trend', edge.trend)})"
                                             if edge.trend and edge.trend != "unknown" else "")


def relations_layout(names: dict[str, str], edges: list[derive.Edge],
                     tr: Translator = ENGLISH) -> Layout:
    """Where every related party's box, every edge and every edge label goes.

    Parties with no recorded relation are left out: the diagram is about ties.
    Coordinates are centred on (0, 0); `left` and `top` frame the drawing.
    """
    related = [ident for ident in names if any(ident in (e.source, e.target) for e in edges)]
    order = party_order(related, edges)
    nodes = _node_boxes(names, order)
    taken = [node.box for node in nodes.values()]
    pair_count: Counter[frozenset[str]] = Counter()
    placed: list[PlacedEdge] = []
    for edge in edges:
        a, b = nodes[edge.source].box, nodes[edge.target].box
        pair = frozenset((edge.source, edge.target))
        nth = pair_count[pair]
        pair_count[pair] += 1
        bend = (0, 26, -26, 52, -52)[nth % 5]
        mid = ((a.x + b.x) / 2, (a.y + b.y) / 2)
        length = math.hypot(b.x - a.x, b.y - a.y) or 1
        control = (mid[0] - (b.y - a.y) / length * bend * 2,
                   mid[1] + (b.x - a.x) / length * bend * 2)
        start, end = _border(a, control), _border(b, control)
        label = _edge_label(edge, tr)
        size = (_text_width(label, LABEL_FONT) + 6, LABEL_FONT + 4)
        box = None
        for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.35, 0.65, 0.25, 0.75, 0.45, 0.55, 0.2, 0.8):
            x, y = _point(start, control, end, t)
            candidate = Box(x, y, *size)
            if not any(candidate.overlaps(other) for other in taken):
                box = candidate
                break
        if box is None:  # crowded: stack the label clear of everything, near the middle
            x, y = _point(start, control, end, 0.5)
            box = Box(x, y, *size)
            while any(box.overlaps(other) for other in taken):
                box = Box(box.x, box.y + size[1] + 1, *size)
        taken.append(box)
        placed.append(PlacedEdge(edge, start, control, end, label, box))
    if not taken:
        return Layout(0, 600, 0, 100, nodes, placed)
    left = min(box.x - box.width / 2 for box in taken) - 12
    right = max(box.x + box.width / 2 for box in taken) + 12
    top = min(box.y - box.height / 2 for box in taken) - 12
    bottom = max(box.y + box.height / 2 for box in taken) + 12
    width = max(right - left, 600.0)  # room for the legend; a small graph sits centred
    left -= (width - (right - left)) / 2
    return Layout(left, width, top, bottom - top, nodes, placed)


def mirrored(layout: Layout) -> Layout:
    """The same drawing seen in a mirror, for a right-to-left brief: the first party still
    at the top, the others following round to the left."""
    def flip(box: Box) -> Box:
        return Box(-box.x, box.y, box.width, box.height)

    def point(at: tuple[float, float]) -> tuple[float, float]:
        return -at[0], at[1]

    nodes = {ident: Node(node.id, node.lines, flip(node.box)) for ident, node in
             layout.nodes.items()}
    edges = [PlacedEdge(e.edge, point(e.start), point(e.control), point(e.end), e.label,
                        flip(e.label_box)) for e in layout.edges]
    return Layout(-(layout.left + layout.width), layout.width, layout.top, layout.height,
                  nodes, edges)


def _described(names: dict[str, str], edge: derive.Edge, tr: Translator) -> str:
    relation = tr.term("relation", edge.type)
    text = (tr.gettext("%(source)s %(relation)s of %(target)s", source=names[edge.source],
               relation=relation, target=names[edge.target]) if edge.directed else
            tr.gettext("%(source)s %(relation)s with %(target)s", source=names[edge.source],
               relation=relation, target=names[edge.target]))
    return text + (f" ({tr.term('relation-trend', edge.trend)})" if edge.trend else "")


def relations_diagram(names: dict[str, str], edges: list[derive.Edge],
                      chart_id: str = "relations", tr: Translator = ENGLISH) -> str:
    """Parties as boxes round an ellipse; edges styled and labelled by type, arrows on
    directed ones (`backer`, `member-of`), a legend below. Mirrored for a right-to-left
    brief."""
    layout = relations_layout(names, edges, tr)
    if tr.rtl:
        layout = mirrored(layout)
    used = [kind for kind in EDGE_STYLES if any(e.type == kind for e in edges)]
    legend_rows = (len(used) + 3) // 4
    described = "; ".join(_described(names, e, tr) for e in edges)
    svg = root("relations-diagram", layout.width, layout.height + 8 + legend_rows * 20, chart_id,
               tr.gettext("Relations between the parties"),
               described or tr.gettext("No relations recorded."))
    drawing = el(svg, "g", transform=f"translate({-layout.left:.1f} {-layout.top:.1f})")
    defs = el(svg, "defs")
    for kind in sorted(derive.DIRECTED):
        marker = el(defs, "marker", id=f"{chart_id}-arrow-{kind}", viewBox="0 0 10 10",
                    refX=9, refY=5, markerWidth=7, markerHeight=7, orient="auto-start-reverse")
        el(marker, "path", d="M0,0 L10,5 L0,10 z", fill=EDGE_STYLES[kind]["stroke"])
    for item in layout.edges:
        (x1, y1), (cx, cy), (x2, y2) = item.start, item.control, item.end
        path = el(drawing, "path", d=f"M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}",
                  fill="none", class_=f"edge edge-{item.edge.type}",
                  **{k.replace("-", "_"): v for k, v in EDGE_STYLES[item.edge.type].items()})
        if item.edge.directed:
            path.set("marker-end", f"url(#{chart_id}-arrow-{item.edge.type})")
        el(path, "title", f"{names[item.edge.source]} — {item.label} — {names[item.edge.target]}")
    for item in layout.edges:
        box = item.label_box
        el(drawing, "rect", x=f"{box.x - box.width / 2:.1f}",
           y=f"{box.y - box.height / 2:.1f}", width=f"{box.width:.1f}",
           height=f"{box.height:.1f}", rx=2, fill="#ffffff", fill_opacity=0.92)
        el(drawing, "text", item.label, x=f"{box.x:.1f}", y=f"{box.y + LABEL_FONT / 3:.1f}",
           text_anchor="middle", font_size=LABEL_FONT,
           fill=EDGE_STYLES[item.edge.type]["stroke"])
    for node in layout.nodes.values():
        box = node.box
        group = el(drawing, "g", class_="node")
        el(group, "rect", x=f"{box.x - box.width / 2:.1f}", y=f"{box.y - box.height / 2:.1f}",
           width=f"{box.width:.1f}", height=f"{box.height:.1f}", rx=5, fill="#ffffff",
           stroke="#1f2a44", stroke_width=1.2)
        first = box.y - (len(node.lines) - 1) * (NODE_FONT + 2) / 2 + NODE_FONT / 3
        for i, line in enumerate(node.lines):
            el(group, "text", line, x=f"{box.x:.1f}", y=f"{first + i * (NODE_FONT + 2):.1f}",
               text_anchor="middle", font_size=NODE_FONT, fill="#1f2a44")
    frame = Frame(layout.width, tr.rtl)
    for n, kind in enumerate(used):
        x, y = 16 + (n % 4) * (layout.width - 32) / 4, layout.height + 8 + (n // 4) * 20
        line = el(svg, "line", x1=f"{frame.x(x):.1f}", y1=f"{y:.1f}",
                  x2=f"{frame.x(x + 30):.1f}", y2=f"{y:.1f}",
                  **{k.replace("-", "_"): v for k, v in EDGE_STYLES[kind].items()})
        if kind in derive.DIRECTED:
            line.set("marker-end", f"url(#{chart_id}-arrow-{kind})")
        words = tr.term("relation", kind)
        el(svg, "text", frame.arrow(words) if kind in derive.DIRECTED else words,
           x=f"{frame.x(x + 36):.1f}", y=f"{y + 4:.1f}", font_size=10, fill="#333333",
           **({"text_anchor": "end"} if frame.rtl else {}))
    return text_of(svg)
