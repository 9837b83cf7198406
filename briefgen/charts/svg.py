"""Shared pieces of briefgen's charts: SVG built with ElementTree, so every text is escaped.

Each chart computes its layout as data first, which the tests check; the SVG
is only a drawing of that data. The templates only place the result.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

# The PDF has only "briefgen Sans" (styles/pdf-fonts.css); a browser takes the next it has.
CHART_FONTS = "'briefgen Sans', 'Noto Sans', 'DejaVu Sans', Arial, sans-serif"


def el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str | float) -> ET.Element:
    """A child element; `stroke_width` becomes `stroke-width`, `class_` becomes `class`."""
    element = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): str(v)
                                          for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


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
