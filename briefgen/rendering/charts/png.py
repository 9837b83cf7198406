"""A chart's SVG drawn as a PNG, for outputs that cannot show SVG (the Word brief).

CairoSVG, from WeasyPrint's makers, draws the same SVG the PDF shows; the labels
are already shaped and ordered there (`shaping`), so right-to-left text draws as
it prints. The same SVG gives the same PNG bytes: cairo writes no time or name.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

SVG_NS = "{http://www.w3.org/2000/svg}"


def chart_png(svg: str, width: int) -> tuple[bytes, str, str]:
    """The PNG of `svg`, `width` pixels wide, and the chart's title and description (its
    alternative text)."""
    import cairosvg  # imported when a Word brief is built, never for `check`

    tree = ET.fromstring(svg)
    title = (tree.findtext(f"{SVG_NS}title") or tree.findtext("title") or "").strip()
    description = (tree.findtext(f"{SVG_NS}desc") or tree.findtext("desc") or "").strip()
    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=width,
                           background_color="white", unsafe=False)
    return png, title, description
