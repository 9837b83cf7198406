"""A chart's SVG drawn as a PNG, for outputs that cannot show SVG (the Word brief).

CairoSVG, from WeasyPrint's makers, draws the same SVG the PDF shows; the labels
are already shaped and ordered there (`shaping`), so right-to-left text draws as
it prints. The same SVG gives the same PNG bytes: cairo writes no time or name.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from briefgen.rendering.charts.svg import CHART_FONTS

SVG_NS = "{http://www.w3.org/2000/svg}"
# CairoSVG draws with the first family named, through fontconfig. The charts name
# briefgen's own families first, which only the PDF's @font-face defines: once WeasyPrint
# has laid out a PDF in the same process, fontconfig would find them and the PNG would
# change with it. DejaVu Sans is the system's sans (every Debian install has it), with
# Arabic presentation forms, so every build draws with the same font.
PNG_FONT = "DejaVu Sans"


def chart_png(svg: str, width: int) -> tuple[bytes, str, str]:
    """The PNG of `svg`, `width` pixels wide, and the chart's title and description (its
    alternative text)."""
    import cairosvg  # imported when a Word brief is built, never for `check`

    tree = ET.fromstring(svg)
    title = (tree.findtext(f"{SVG_NS}title") or tree.findtext("title") or "").strip()
    description = (tree.findtext(f"{SVG_NS}desc") or tree.findtext("desc") or "").strip()
    drawn = svg.replace(f'font-family="{CHART_FONTS}"', f'font-family="{PNG_FONT}"')
    png = cairosvg.svg2png(bytestring=drawn.encode("utf-8"), output_width=width,
                           background_color="white", unsafe=False)
    return png, title, description
