"""A chart's SVG drawn as a PNG, for outputs that cannot show SVG (the Word brief).

CairoSVG, from WeasyPrint's makers, draws the same SVG the PDF shows; the labels
are already shaped and ordered there (`shaping`), so right-to-left text draws as
it prints. The same SVG gives the same PNG bytes: cairo writes no time or name.

CairoSVG finds its font by name through fontconfig's current configuration, and
WeasyPrint, once it has laid out a PDF in the same process, leaves its own there
(the brief's @font-face fonts only), where "DejaVu Sans" finds DejaVu Sans Mono. So
the charts are drawn with fontconfig's system configuration made current for the
drawing, and the one before put back after: the PNG is the same whichever outputs
the build made first.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from briefgen.rendering.charts.svg import CHART_FONTS

SVG_NS = "{http://www.w3.org/2000/svg}"
# CairoSVG draws with the first family named. The charts name briefgen's own families
# first, which only the PDF's @font-face defines; DejaVu Sans is the system's sans, on
# every Debian install, with the Arabic presentation forms the labels are shaped into.
PNG_FONT = "DejaVu Sans"


def chart_png(svg: str, width: int) -> tuple[bytes, str, str]:
    """The PNG of `svg`, `width` pixels wide, and the chart's title and description (its
    alternative text)."""
    import cairosvg  # imported when a Word brief is built, never for `check`

    tree = ET.fromstring(svg)
    title = (tree.findtext(f"{SVG_NS}title") or tree.findtext("title") or "").strip()
    description = (tree.findtext(f"{SVG_NS}desc") or tree.findtext("desc") or "").strip()
    drawn = svg.replace(f'font-family="{CHART_FONTS}"', f'font-family="{PNG_FONT}"')
    with system_fonts():
        png = cairosvg.svg2png(bytestring=drawn.encode("utf-8"), output_width=width,
                               background_color="white", unsafe=False)
    return png, title, description


@cache
def _fontconfig() -> tuple[ctypes.CDLL, int] | None:
    """fontconfig, and its system configuration loaded once; None where there is none."""
    name = ctypes.util.find_library("fontconfig")
    if name is None:
        return None
    library = ctypes.CDLL(name)
    for function in ("FcInitLoadConfigAndFonts", "FcConfigGetCurrent"):
        getattr(library, function).restype = ctypes.c_void_p
    library.FcConfigSetCurrent.argtypes = [ctypes.c_void_p]
    library.FcConfigReference.argtypes = [ctypes.c_void_p]
    library.FcConfigReference.restype = ctypes.c_void_p
    library.FcConfigDestroy.argtypes = [ctypes.c_void_p]
    config = library.FcInitLoadConfigAndFonts()
    return (library, config) if config else None


@contextmanager
def system_fonts() -> Iterator[None]:
    """fontconfig's system configuration as the current one, for the block."""
    found = _fontconfig()
    if found is None:
        yield
        return
    library, config = found
    before = library.FcConfigReference(library.FcConfigGetCurrent())
    library.FcConfigSetCurrent(config)
    try:
        yield
    finally:
        if before:
            library.FcConfigSetCurrent(before)
            library.FcConfigDestroy(before)  # the reference taken above
