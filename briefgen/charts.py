"""Figures as inline SVG, built with ElementTree so that every text is escaped.

The layout is computed as data first (`matrix_cells`), which the tests check;
the SVG is only a drawing of that data.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from briefgen import derive
from briefgen.view import RiskView

# The PDF has only "briefgen Sans" (styles/pdf-fonts.css); a browser takes the next it has.
CHART_FONTS = "'briefgen Sans', 'Noto Sans', 'DejaVu Sans', Arial, sans-serif"
LEVEL_COLOURS = {"low": "#cfe8d5", "medium": "#ffe08a", "high": "#f4a09a"}
LEVEL_TEXT = {"low": "Low (score 1–6)", "medium": "Medium (8–12)", "high": "High (15–25)"}
LIKELIHOOD_AXIS = ("Very unlikely or less", "Unlikely", "Even chance", "Likely",
                   "Very likely or more")
IMPACT_AXIS = ("Negligible", "Minor", "Moderate", "Major", "Severe")


def matrix_cells(risks: list[RiskView]) -> dict[tuple[int, int], list[RiskView]]:
    """Risks by (likelihood points, impact points), in the brief's order."""
    cells: dict[tuple[int, int], list[RiskView]] = {}
    for view in risks:
        key = (derive.likelihood_points(view.risk.likelihood),
               derive.impact_points(view.risk.impact))
        cells.setdefault(key, []).append(view)
    return cells


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str | float) -> ET.Element:
    element = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): str(v)
                                          for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def risk_matrix(risks: list[RiskView], chart_id: str = "risk-matrix") -> str:
    """A 5×5 likelihood × impact grid coloured by derived level, every risk placed."""
    cell, left, top = 76, 112, 16
    width, height = left + 5 * cell + 16, top + 5 * cell + 92
    svg = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "role": "img",
                             "font-family": CHART_FONTS,
                             "viewBox": f"0 0 {width} {height}", "class": "chart risk-matrix",
                             "aria-labelledby": f"{chart_id}-title {chart_id}-desc"})
    _el(svg, "title", "Risk matrix: likelihood against impact", id=f"{chart_id}-title")
    placed = "; ".join(f"{v.label} {v.risk.title}: {v.risk.likelihood}, {v.risk.impact}, "
                       f"{v.level} ({v.score})" for v in risks)
    _el(svg, "desc", f"Each risk is placed by its likelihood (across) and impact (up). {placed}",
        id=f"{chart_id}-desc")
    for li in range(1, 6):
        for im in range(1, 6):
            level = derive.risk_level(li * im)
            x, y = left + (li - 1) * cell, top + (5 - im) * cell
            _el(svg, "rect", x=x, y=y, width=cell, height=cell, fill=LEVEL_COLOURS[level],
                stroke="#ffffff", stroke_width=2)
    for (li, im), views in sorted(matrix_cells(risks).items()):
        x0, y0 = left + (li - 1) * cell, top + (5 - im) * cell
        per_row = 2 if len(views) <= 4 else 3
        size = 30 if per_row == 2 else 22
        for n, view in enumerate(views):
            col, row = n % per_row, n // per_row
            cx = x0 + (col + 0.5) * cell / per_row
            cy = y0 + 6 + size / 2 + row * (size + 4)
            group = _el(svg, "g", class_="marker")
            _el(group, "circle", cx=f"{cx:.1f}", cy=f"{cy:.1f}", r=f"{size / 2:.1f}",
                fill="#1f2a44")
            _el(group, "text", view.label, x=f"{cx:.1f}", y=f"{cy + 4:.1f}",
                text_anchor="middle", font_size=11 if size > 24 else 9, fill="#ffffff",
                font_weight="bold")
    for i, name in enumerate(IMPACT_AXIS, start=1):
        _el(svg, "text", name, x=left - 8, y=f"{top + (5 - i) * cell + cell / 2 + 4:.1f}",
            text_anchor="end", font_size=11, fill="#333333")
    for i, name in enumerate(LIKELIHOOD_AXIS, start=1):
        words = name.split(" ")
        half = (len(words) + 1) // 2
        for line, chunk in enumerate((" ".join(words[:half]), " ".join(words[half:]))):
            if chunk:
                _el(svg, "text", chunk, x=f"{left + (i - 1) * cell + cell / 2:.1f}",
                    y=top + 5 * cell + 16 + line * 13, text_anchor="middle", font_size=10.5,
                    fill="#333333")
    _el(svg, "text", "Likelihood →", x=f"{left + 2.5 * cell:.1f}", y=top + 5 * cell + 48,
        text_anchor="middle", font_size=12, font_weight="bold", fill="#1f2a44")
    _el(svg, "text", "Impact →", x=14, y=f"{top + 2.5 * cell:.1f}", text_anchor="middle",
        font_size=12, font_weight="bold", fill="#1f2a44",
        transform=f"rotate(-90 14 {top + 2.5 * cell:.1f})")
    legend_y = top + 5 * cell + 64
    for n, level in enumerate(("low", "medium", "high")):
        x = left + n * 128
        _el(svg, "rect", x=x, y=legend_y, width=14, height=14, fill=LEVEL_COLOURS[level],
            stroke="#888888", stroke_width=0.5)
        _el(svg, "text", LEVEL_TEXT[level], x=x + 20, y=legend_y + 11, font_size=11,
            fill="#333333")
    return ET.tostring(svg, encoding="unicode")


EDGE_STYLES: dict[str, dict[str, str]] = {
    "backer": {"stroke": "#1f2a44", "stroke-width": "2"},
    "member-of": {"stroke": "#5b6475", "stroke-width": "1.5"},
    "ally": {"stroke": "#2e7d32", "stroke-width": "2"},
    "partner": {"stroke": "#1565c0", "stroke-width": "1.5", "stroke-dasharray": "6 3"},
    "adversary": {"stroke": "#c62828", "stroke-width": "2.5"},
    "rival": {"stroke": "#ef6c00", "stroke-width": "2", "stroke-dasharray": "3 3"},
    "mediator": {"stroke": "#6a1b9a", "stroke-width": "1.5", "stroke-dasharray": "1 3"},
}


@dataclass(frozen=True)
class Node:
    id: str
    lines: tuple[str, ...]
    x: float
    y: float
    width: float
    height: float


def wrap_label(text: str, width: int = 18, max_lines: int = 3) -> tuple[str, ...]:
    """Break a name into at most `max_lines` lines of about `width` characters."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = [*lines[:max_lines - 1], " ".join(lines[max_lines - 1:])]
    return tuple(line if len(line) <= width + 6 else line[:width + 5] + "…" for line in lines)


def circle_layout(names: dict[str, str], radius: float, centre: float) -> list[Node]:
    """Parties evenly round a circle, starting at the top, in the brief's order."""
    nodes: list[Node] = []
    count = max(1, len(names))
    for n, (ident, label) in enumerate(names.items()):
        angle = -math.pi / 2 + 2 * math.pi * n / count
        lines = wrap_label(label)
        width = max(len(line) for line in lines) * 6.4 + 16
        height = len(lines) * 13 + 10
        nodes.append(Node(ident, lines, centre + radius * math.cos(angle),
                          centre + radius * math.sin(angle), width, height))
    return nodes


def _border_point(node: Node, towards: Node) -> tuple[float, float]:
    """Where the segment from `node`'s centre towards `towards` leaves its box."""
    dx, dy = towards.x - node.x, towards.y - node.y
    if dx == 0 and dy == 0:
        return node.x, node.y
    scale = min(node.width / 2 / abs(dx) if dx else math.inf,
                node.height / 2 / abs(dy) if dy else math.inf)
    return node.x + dx * scale, node.y + dy * scale


def relations_diagram(names: dict[str, str], edges: list[derive.Edge],
                      chart_id: str = "relations") -> str:
    """Parties as boxes round a circle; edges styled by type, directed ones with arrows."""
    count = len(names)
    radius = max(120.0, count * 26.0)
    size = 2 * radius + 220
    centre = size / 2
    nodes = {node.id: node for node in circle_layout(names, radius, centre)}
    svg = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "role": "img",
                             "font-family": CHART_FONTS,
                             "viewBox": f"0 0 {size:.0f} {size + 40:.0f}",
                             "class": "chart relations-diagram",
                             "aria-labelledby": f"{chart_id}-title {chart_id}-desc"})
    _el(svg, "title", "Relations between the parties", id=f"{chart_id}-title")
    described = "; ".join(f"{names[e.source]} {e.type.replace('-', ' ')}"
                          f"{' of' if e.directed else ' with'} {names[e.target]}"
                          + (f" ({e.trend})" if e.trend else "") for e in edges)
    _el(svg, "desc", described or "No relations recorded.", id=f"{chart_id}-desc")
    defs = _el(svg, "defs")
    for kind in ("backer", "member-of"):
        marker = _el(defs, "marker", id=f"{chart_id}-arrow-{kind}", viewBox="0 0 10 10",
                     refX=9, refY=5, markerWidth=7, markerHeight=7, orient="auto-start-reverse")
        _el(marker, "path", d="M0,0 L10,5 L0,10 z", fill=EDGE_STYLES[kind]["stroke"])
    for edge in edges:
        a, b = nodes[edge.source], nodes[edge.target]
        x1, y1 = _border_point(a, b)
        x2, y2 = _border_point(b, a)
        style = dict(EDGE_STYLES[edge.type])
        line = ET.SubElement(svg, "line", {"x1": f"{x1:.1f}", "y1": f"{y1:.1f}",
                                           "x2": f"{x2:.1f}", "y2": f"{y2:.1f}", **style,
                                           "class": f"edge edge-{edge.type}"})
        if edge.directed:
            line.set("marker-end", f"url(#{chart_id}-arrow-{edge.type})")
        _el(line, "title", f"{names[edge.source]} — {edge.type} — {names[edge.target]}")
    for node in nodes.values():
        group = _el(svg, "g", class_="node")
        _el(group, "rect", x=f"{node.x - node.width / 2:.1f}", y=f"{node.y - node.height / 2:.1f}",
            width=f"{node.width:.1f}", height=f"{node.height:.1f}", rx=5, fill="#ffffff",
            stroke="#1f2a44", stroke_width=1.2)
        first = node.y - (len(node.lines) - 1) * 6.5 + 4
        for i, text in enumerate(node.lines):
            _el(group, "text", text, x=f"{node.x:.1f}", y=f"{first + i * 13:.1f}",
                text_anchor="middle", font_size=11, fill="#1f2a44")
    used = [kind for kind in EDGE_STYLES if any(e.type == kind for e in edges)]
    for n, kind in enumerate(used):
        x, y = 16 + (n % 4) * (size - 32) / 4, size + 4 + (n // 4) * 18
        legend = ET.SubElement(svg, "line", {"x1": f"{x:.1f}", "y1": f"{y:.1f}",
                                             "x2": f"{x + 28:.1f}", "y2": f"{y:.1f}",
                                             **EDGE_STYLES[kind]})
        if kind in ("backer", "member-of"):
            legend.set("marker-end", f"url(#{chart_id}-arrow-{kind})")
        _el(svg, "text", kind.replace("-", " ") + (" (→)" if kind in derive.DIRECTED else ""),
            x=f"{x + 34:.1f}", y=f"{y + 4:.1f}", font_size=11, fill="#333333")
    return ET.tostring(svg, encoding="unicode")
