"""HTML to PDF with WeasyPrint, reaching only the project's own files.

WeasyPrint is imported here and nowhere else, lazily, so that `briefgen
--help` and `briefgen check` never pay for it. One FontConfiguration serves
every PDF a process makes: loading the shipped faces is paid once.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from briefgen.project.paths import builtin_dir, find_style, project_root

if TYPE_CHECKING:
    from weasyprint.document import Document
    from weasyprint.text.fonts import FontConfiguration

    from briefgen.writing.attachments import Embedded

PDF_STYLESHEETS = ("pdf-fonts.css", "pdf.css")
# Images already decoded, by URL, kept across the PDFs of one `--jobs` worker (a house logo
# is decoded once, not once per brief); None elsewhere, so that a long-lived `watch` worker
# never keeps an image a style names after the file has changed. Bounded by recycling.
shared_images: dict[str, Any] | None = None
VARIANTS = ("pdf/a-3b", "pdf/ua-1", "pdf/a-3a+ua-1")
# The variants WeasyPrint is asked for: "pdf/a-3a+ua-1" is WeasyPrint's tagged PDF/A-3a,
# which `tagging.claim_ua` then also identifies as PDF/UA-1.
ENGINE_VARIANTS = {"pdf/a-3a+ua-1": "pdf/a-3a"}
# Every PDF is tagged, the default and pdf/a-3b included, and its structure tree repaired
# (rendering/tagging.py): the cost is measured in bench/tagging.py, and README.md ("Is the
# default PDF tagged?") gives the figures behind the decision.


def allowed_roots(brief_path: Path) -> list[Path]:
    """The brief's folder, the project's styles, templates and fonts, and the built-ins."""
    roots = [brief_path.resolve().parent, *(builtin_dir(name) for name in
                                            ("styles", "templates", "fonts"))]
    project = project_root(brief_path)
    if project is not None:
        roots += [project / name for name in ("styles", "templates", "fonts")]
    return roots


class _MissingGlyphs(logging.Filter):
    """WeasyPrint names a missing glyph once per line of text; `check` names it once per field."""

    def filter(self, record: logging.LogRecord) -> bool:
        return ".notdef glyph" not in record.getMessage()


def fontconfig_text() -> str:
    """A fontconfig that knows only the faces briefgen ships.

    The shipped folder is listed so that text always has a face to fall back
    on, even when a project's own styles name fonts that do not load; the
    machine's font folders are not, so they can never change a PDF.
    """
    folder = escape(str(builtin_dir("fonts")))
    return ('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
            f"<fontconfig><dir>{folder}</dir>"
            '<cachedir prefix="xdg">fontconfig</cachedir></fontconfig>\n')


@cache
def shared_font_config() -> FontConfiguration:
    """A FontConfiguration built from `fontconfig_text()`.

    Fontconfig reads FONTCONFIG_FILE when the configuration is made, so the
    variable points at a temporary file only for that moment, and the
    process's own value is restored.
    """
    logging.getLogger("weasyprint").addFilter(_MissingGlyphs())
    previous = os.environ.get("FONTCONFIG_FILE")
    with tempfile.TemporaryDirectory(prefix="briefgen-fc-") as folder:
        config = Path(folder) / "fonts.conf"
        config.write_text(fontconfig_text(), encoding="utf-8")
        os.environ["FONTCONFIG_FILE"] = str(config)
        try:
            from weasyprint.text.fonts import FontConfiguration

            return FontConfiguration()
        finally:
            if previous is None:
                del os.environ["FONTCONFIG_FILE"]
            else:
                os.environ["FONTCONFIG_FILE"] = previous


@dataclass
class LaidOut:
    """A PDF laid out in memory: its page count is known before a byte is written."""

    document: Document
    options: dict[str, Any]
    variant: str | None = None

    @property
    def pages(self) -> int:
        return len(self.document.pages)

    def write(self) -> bytes:
        from briefgen.rendering.tagging import repair

        data = self.document.write_pdf(**self.options)
        return repair(data, ua=self.variant == "pdf/a-3a+ua-1")

    def gap_before(self, css_class: str) -> float | None:
        """When the first box whose element has `css_class` opens a page (its heading aside)
        and was pushed there whole, the blank height in millimetres at the foot of the page
        before it; None when it was not pushed."""
        from weasyprint.formatting_structure import boxes

        for number, page in enumerate(self.document.pages):
            stack = [page._page_box]
            while stack:
                box = stack.pop()
                element = getattr(box, "element", None)
                if isinstance(box, boxes.ReplacedBox) and element is not None and \
                        css_class in (element.get("class") or "").split():
                    if number == 0:
                        return None
                    page_box = page._page_box
                    top = box.position_y - page_box.content_box_y()
                    if top > 0.15 * page_box.height:  # not at the top of its page
                        return None
                    blank = (1 - self.filled(number - 1)) * page_box.height
                    return blank * 25.4 / 96  # CSS px to mm
                stack.extend(getattr(box, "children", ()))
        return None

    def filled(self, number: int) -> float:
        """How much of page `number` (from 0) its content fills, top to foot, from 0 to 1:
        the lowest edge of any box laid out on it, the running header and footer aside."""
        from weasyprint.formatting_structure import boxes

        page = self.document.pages[number]._page_box
        top = page.content_box_y()
        height = page.height
        lowest = top
        stack = [child for child in page.children if not isinstance(child, boxes.MarginBox)]
        while stack:
            box = stack.pop()
            if isinstance(box, (boxes.TextBox, boxes.ReplacedBox)) or (
                    isinstance(box, boxes.BlockBox) and box.style["border_bottom_width"]):
                lowest = max(lowest, box.position_y + box.margin_height()
                             - box.margin_bottom)
            stack.extend(getattr(box, "children", ()))
        return max(0.0, min(1.0, (lowest - top) / height)) if height else 0.0


def lay_out(html: str, brief_path: Path, *, stamp: dt.datetime,
            embedded: tuple[Embedded, ...] = (), variant: str | None = None) -> LaidOut:
    """Lay out `html` (already self-contained) as PDF pages, set in the shipped fonts.

    `stamp` dates the attachments, so that the same brief always gives the
    same bytes; the document's own dates come from the HTML's metadata.
    """
    from weasyprint import CSS, HTML, Attachment

    from briefgen.rendering.fetcher import ProjectFetcher

    fetcher = ProjectFetcher(allowed_roots(brief_path))
    fonts = shared_font_config()
    project = project_root(brief_path)
    stylesheets = [CSS(filename=str(find_style(name, project)), url_fetcher=fetcher,
                       font_config=fonts) for name in PDF_STYLESHEETS]
    attachments = [Attachment(string=item.data, name=item.name, description=item.description,
                              created=stamp, modified=stamp, relationship=item.relationship,
                              url_fetcher=fetcher)
                   for item in embedded]
    from briefgen.rendering.tagging import install

    install()
    options = {"stylesheets": stylesheets, "attachments": attachments, "pdf_tags": True,
               "pdf_variant": ENGINE_VARIANTS.get(variant or "", variant),
               "pdf_identifier": _identifier(html, embedded), "cache": shared_images}
    source = HTML(string=html, base_url=brief_path.resolve().parent.as_uri() + "/",
                  url_fetcher=fetcher)
    return LaidOut(source.render(font_config=fonts, **options), options, variant)


def render_pdf(html: str, brief_path: Path, *, stamp: dt.datetime,
               embedded: tuple[Embedded, ...] = (), variant: str | None = None) -> bytes:
    """Lay out and write in one step."""
    return lay_out(html, brief_path, stamp=stamp, embedded=embedded, variant=variant).write()


def _identifier(html: str, embedded: tuple[Embedded, ...]) -> bytes:
    """A document ID derived from the content, never from the clock or chance."""
    import hashlib

    digest = hashlib.md5(html.encode("utf-8"), usedforsecurity=False)
    for item in embedded:
        digest.update(item.name.encode("utf-8") + b"\0" + item.data)
    return digest.hexdigest().encode("ascii")
