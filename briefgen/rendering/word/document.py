"""The Word brief: the View as a .docx, in memory, with the PDF's sections in the PDF's order.

Every paragraph takes a named style (Title, Heading 1–3, Quote, List Bullet, List
Number, Caption, and briefgen's own Marking, Label and TLP styles), never direct
formatting, so Word's navigation pane lists the sections and a house reference
document (`[build] docx_reference` in briefgen.toml) restyles the whole brief.

Sources are endnote-style: the numbered "Sources and method" section, as in the PDF,
and every reference to a source (`S3`) is a link to its entry there. python-docx has no
footnote API, and the brief's own labels already number the sources.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm

from briefgen.model.derive import moment
from briefgen.rendering.i18n import Translator, translator
from briefgen.rendering.word import ooxml
from briefgen.rendering.word.front import FrontMatter
from briefgen.rendering.word.parties import PartiesAndSources
from briefgen.rendering.word.sections import Sections
from briefgen.rendering.word.styles import add_styles

if TYPE_CHECKING:
    from docx.document import Document

    from briefgen.model.view import View
    from briefgen.project.branding import Branding
    from briefgen.rendering.markdown import Images

PAGE_SIZES = {"A4": (Mm(210), Mm(297)), "A5": (Mm(148), Mm(210)),
              "letter": (Mm(215.9), Mm(279.4)), "legal": (Mm(215.9), Mm(355.6))}


def render_docx(view: View, branding: Branding, images: Images, theme: str = "brief") -> bytes:
    """The brief as the bytes of a .docx: the same input gives the same bytes. The
    one-pager theme gives the one-pager's content (the bottom line, key figures, top
    risks and recommendations); every other theme, the full brief."""
    return WordBrief(view, branding, images, one_pager=theme == "one-pager").build()


class WordBrief(FrontMatter, Sections, PartiesAndSources):
    """One Word document being written, top to bottom, from one View."""

    def __init__(self, view: View, branding: Branding, images: Images,
                 one_pager: bool = False) -> None:
        self.one_pager = one_pager
        self.view = view
        self.brief = view.brief
        self.meta = view.brief.meta
        self.tr: Translator = translator(self.meta.language)
        self.context = {"_": self.tr}
        self.rtl = view.rtl
        self.branding = branding
        self.images = images
        reference = branding.docx_reference
        self.doc: Document = docx.Document(io.BytesIO(reference) if reference else None)
        self.bookmarks: dict[str, str] = {}
        self.marks = 0

    # ------------------------------------------------------------------ the document

    def build(self) -> bytes:
        self._clear_body()
        self.style_ids = add_styles(self.doc, self.rtl)
        self._page()
        self._properties()
        self._markings_block()
        self.paragraph(self.meta.title, "Title")
        if self.one_pager:
            self._one_pager()
        else:
            self._brief()
        self._colophon()
        for section in self.doc.sections:
            self._header_footer(section)
        out = io.BytesIO()
        self.doc.save(out)
        return ooxml.fixed_package(out.getvalue())

    def _brief(self) -> None:
        if self.meta.subtitle:
            self.paragraph(self.meta.subtitle, "Subtitle")
        if self.meta.fictional:
            self.paragraph(self._("FICTIONAL: this brief describes an invented situation."),
                           "Intense Quote")
        self._details()
        self._since()
        if self.view.has_contents:
            self._contents()
        for key, title in self.view.sections:
            heading = self.heading(self._(title), 1)
            self.bookmark(heading, self.view.anchors[key])
            getattr(self, f"_{key}")()

    def _clear_body(self) -> None:
        """A house reference document lends its styles, page and headers, not its text."""
        body = self.doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)

    def _page(self) -> None:
        """The paper the house style names, A4 unless it names another; a house reference
        document keeps its own when the project names no paper."""
        paper = self.branding.paper or ("A4" if not self.branding.docx_reference else None)
        for section in self.doc.sections:
            if paper:
                width, height = PAGE_SIZES[paper]
                section.orientation = WD_ORIENT.PORTRAIT
                section.page_width, section.page_height = width, height
                section.left_margin = section.right_margin = Mm(22)
                section.top_margin = section.bottom_margin = Mm(22)
            if self.rtl:
                sectpr = section._sectPr
                ooxml.add_in_order(sectpr, "w:bidi", ooxml.AFTER_SECTION_BIDI)

    def _properties(self) -> None:
        """Core properties from `meta`, dated by the brief, never by the clock."""
        props = self.doc.core_properties

        def clean(text: str) -> str:  # python-docx holds a property to 255 characters
            return ooxml.xml_text(text)[:255]

        when = moment(self.meta.date).replace(tzinfo=None)
        props.title = clean(self.meta.title)
        props.subject = clean(self.meta.subtitle or "")
        props.author = clean("; ".join(author.name for author in self.meta.authors))
        props.keywords = clean(", ".join(self.meta.tags))
        props.category = clean(self._marking_text())
        props.language = self.meta.language
        props.created = when
        props.modified = when
        props.last_modified_by = "briefgen"
        props.revision = 1
        props.comments = clean(" ".join(filter(None, (self.meta.id, self.meta.version))))
        props.identifier = clean(self.meta.id)
        props.version = clean(self.meta.version or "")
        props.content_status = self.meta.status or ""
        props.last_printed = when

    # ------------------------------------------------------------------ small pieces
