"""Shared pieces of briefgen's charts: SVG built with ElementTree, so every text is escaped.

Each chart computes its layout as data first, which the tests check; the SVG
is only a drawing of that data. The templates only place the result.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from briefgen.rendering.charts.shaping import visual
from briefgen.rendering.i18n import text_direction

# The PDF has only "briefgen Sans" and "briefgen Naskh" (styles/pdf-fonts.css) and the files
# behind them; a browser takes the first it has. No spaces after the commas: WeasyPrint's SVG
# text splits the list on commas alone and would not find a name that starts with a space.
CHART_FONTS = ("'briefgen Sans','Noto Sans','briefgen Naskh','Noto Naskh Arabic','DejaVu Sans',"
               "Arial,sans-serif")


def el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str | float) -> ET.Element:
    """A child element; `stroke_width` becomes `stroke-width`, `class_` becomes `class`."""
    element = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): str(v)
                                          for k, v in attrs.items()})
    if text is not None and tag == "text" and visual(text) != text:
        # Right-to-left text, already shaped and in the order it is seen (charts/shaping.py)
        text = visual(text)
        element.set("direction", "ltr")
        element.set("unicode-bidi", "bidi-override")
    if text is not None:
        element.text = text
    return element


@dataclass(frozen=True)
class Frame:
    """A chart's horizontal axis, mirrored for a right-to-left brief: what starts at the
    left of an English chart starts at the right of an Arabic one."""

    width: float
    rtl: bool = False

    def x(self, x: float) -> float:
        return self.width - x if self.rtl else x

    def left(self, x: float, width: float) -> float:
        """The left edge of something `width` wide whose left edge is `x` unmirrored."""
        return self.width - x - width if self.rtl else x

    def anchor(self, anchor: str) -> str:
        swap = {"start": "end", "end": "start"}
        return swap.get(anchor, anchor) if self.rtl else anchor

    def arrow(self, label: str) -> str:
        """An axis name with an arrow pointing the way values grow: `Likelihood →`, and
        `← الاحتمال` on a mirrored chart, whichever script the name is in."""
        if not self.rtl:
            return f"{label} →"
        return f"{label} ←" if text_direction(label) == "rtl" else f"← {label}"


def root(kind: str, width: float, height: float, chart_id: str, title: str,
         description: str) -> ET.Element:
    """An accessible <svg>: role img, labelled by its own <title> and <desc>."""
    svg = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "role": "img",
                             "font-family": CHART_FONTS,
                             "viewBox": f"0 0 {width:.0f} {height:.0f}",
                             "class": f"chart {kind}",
                             "aria-labelledby": f"{chart_id}-title {chart_id}-desc"})
    el(svg, "title", title, id=f"{chart_id}-title")
    el(svg, "desc", description, id=f"{chart_id}-desc")
    return svg


def text_of(svg: ET.Element) -> str:
    return ET.tostring(svg, encoding="unicode")
