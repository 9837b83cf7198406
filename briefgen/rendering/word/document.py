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
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.exceptions import UnrecognizedImageError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from briefgen.model.derive import moment
from briefgen.model.language import is_rtl
from briefgen.rendering import charts, markdown
from briefgen.rendering.charts.png import chart_png
from briefgen.rendering.filters.words import (
    colon,
    figure_amount,
    likelihood_scale,
    likelihood_words,
    pgettext,
)
from briefgen.rendering.i18n import Translator, text_direction, translator
from briefgen.rendering.what_changed import describe_change, elide
from briefgen.rendering.word import ooxml

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from markdown_it.token import Token

    from briefgen.model.quotes import Quote
    from briefgen.model.view import RiskView, View
    from briefgen.project.branding import Branding
    from briefgen.rendering.markdown import Images

PAGE_SIZES = {"A4": (Mm(210), Mm(297)), "A5": (Mm(148), Mm(210)),
              "letter": (Mm(215.9), Mm(279.4)), "legal": (Mm(215.9), Mm(355.6))}
CHART_WIDTH = Mm(160)
TEXT_WIDTH = Mm(166)  # A4 less 22 mm margins: what a table spans
CHART_PIXELS = 1600  # the PNG's width: sharp when printed at 160 mm (about 250 dpi)
TLP_COLOURS = {"red": ("FF2B2B", "000000"), "amber": ("FFC000", "000000"),
               "amber+strict": ("FFC000", "000000"), "green": ("33FF00", "000000"),
               "clear": ("FFFFFF", "000000")}
BOOKMARK = re.compile(r"[^A-Za-z0-9_]")


def render_docx(view: View, branding: Branding, images: Images, theme: str = "brief") -> bytes:
    """The brief as the bytes of a .docx: the same input gives the same bytes. The
    one-pager theme gives the one-pager's content (the bottom line, key figures, top
    risks and recommendations); every other theme, the full brief."""
    return WordBrief(view, branding, images, one_pager=theme == "one-pager").build()


class WordBrief:
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
        self._styles()
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

    def _one_pager(self) -> None:
        """The one-pager's sections, as its HTML theme has them."""
        view, meta = self.view, self.meta
        line = [self.date(meta.date)]
        if meta.version:
            line.append(f"{self._('Version')} {meta.version}")
        if meta.authors:
            line.append(self._("; ").join(a.name + (f" ({a.org})" if a.org else "")
                                          for a in meta.authors))
        self.paragraph(" · ".join(line), "Brief Details")
        self.heading(self._("Bottom line up front"), 1)
        self.md(self.brief.summary.bluf, "Intense Quote")
        if self.brief.key_figures:
            self.heading(self._("Key figures"), 1)
            for figure in self.brief.key_figures:
                para = self.paragraph(style="List Bullet")
                self.run(para, figure.display, "Strong")
                self.run(para, " " + figure.label + (f" ({self.date(figure.date)})"
                                                     if figure.date else ""))
        if view.risks:
            self.heading(self._("Top risks"), 1)
            for item in view.top_risks:
                self.heading(item.risk.title, 2)
                self.chips(self.paragraph(), [pair for n, pair in
                                              enumerate(self.risk_labels(item)) if n != 3])
                self.md(item.risk.description)
        if self.brief.recommendations:
            self.heading(self._("Recommendations"), 1)
            for n, rec in enumerate(view.top_recommendations):
                MarkdownWriter(self, "List Number", restart=n == 0).write(rec.text)
        sources = self._("; ").join(
            s.title + (self._(", ") + s.publisher if s.publisher else "")
            + (self._(", ") + self.date(s.issued) if s.issued else "")
            for s in self.brief.sources)
        para = self.paragraph(style="Caption")
        self.run(para, self.colon(self._("Sources")) + " " + sources + ". ")
        self.run(para, self._("A one-page summary of the full brief, %(id)s.", id=meta.id))

    def _clear_body(self) -> None:
        """A house reference document lends its styles, page and headers, not its text."""
        body = self.doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)

    def _styles(self) -> None:
        """The styles briefgen adds: each only where the reference document has none."""
        styles = self.doc.styles
        names = {style.name for style in styles}

        def add(name: str, kind: WD_STYLE_TYPE, base: str | None = None) -> Any:
            if name in names:
                return None
            style = styles.add_style(name, kind)
            if base:
                style.base_style = styles[base]
            style.quick_style = True
            return style

        for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4",
                     "Quote", "Intense Quote", "List Bullet", "List Number", "Caption"):
            if name not in names:  # a house document that dropped a built-in style
                add(name, WD_STYLE_TYPE.PARAGRAPH, "Normal")
        if (style := add("Marking", WD_STYLE_TYPE.PARAGRAPH, "Normal")) is not None:
            style.font.bold = True
            style.font.size = Pt(9)
            style.font.all_caps = True
            style.paragraph_format.space_after = Pt(4)
        if (style := add("Brief Details", WD_STYLE_TYPE.PARAGRAPH, "Normal")) is not None:
            style.font.size = Pt(9.5)
            style.paragraph_format.space_after = Pt(1)
        if (style := add("Label", WD_STYLE_TYPE.CHARACTER)) is not None:
            style.font.bold = True
            style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x68)
        if (style := add("Item Label", WD_STYLE_TYPE.CHARACTER)) is not None:
            style.font.bold = True
        for level, (fill, _ink) in TLP_COLOURS.items():
            name = f"TLP {level.upper()}"
            if (style := add(name, WD_STYLE_TYPE.CHARACTER)) is not None:
                style.font.bold = True
                style.font.color.rgb = RGBColor.from_string(fill if level != "clear"
                                                             else "000000")
        if (style := add("Inserted Text", WD_STYLE_TYPE.CHARACTER)) is not None:
            style.font.underline = True
            style.font.color.rgb = RGBColor(0x1B, 0x5E, 0x20)
        if (style := add("Deleted Text", WD_STYLE_TYPE.CHARACTER)) is not None:
            style.font.strike = True
            style.font.color.rgb = RGBColor(0xB7, 0x1C, 0x1C)
        if (style := add("Item Heading", WD_STYLE_TYPE.PARAGRAPH, "Normal")) is not None:
            style.font.bold = True  # a recommendation's or question's head: not an outline level
            style.paragraph_format.space_before = Pt(8)
            style.paragraph_format.keep_with_next = True
        if (style := add("Figure", WD_STYLE_TYPE.PARAGRAPH, "Normal")) is not None:
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            style.paragraph_format.keep_with_next = True  # a chart stays with its caption
        if (style := add("Attribution", WD_STYLE_TYPE.PARAGRAPH, "Normal")) is not None:
            style.font.size = Pt(9)
            style.font.color.rgb = RGBColor(0x55, 0x5B, 0x66)
            style.paragraph_format.space_after = Pt(8)
            style.paragraph_format.left_indent = Mm(10)
        if (style := add("Hyperlink", WD_STYLE_TYPE.CHARACTER)) is not None:
            style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x68)
            style.font.underline = True
        if (style := add("Code", WD_STYLE_TYPE.CHARACTER)) is not None:
            style.font.name = "DejaVu Sans Mono"
        normal = styles["Normal"]
        rpr = normal.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        if fonts.get(qn("w:cs")) is None:
            fonts.set(qn("w:cs"), "Noto Naskh Arabic")
        if self.rtl:
            for name in ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3",
                         "Heading 4", "Quote", "Intense Quote", "List Bullet", "List Number",
                         "Caption", "Marking", "Brief Details", "Attribution", "Item Heading",
                         "Figure", "Header", "Footer"):
                if name in {s.name for s in styles}:
                    ppr = styles[name].element.get_or_add_pPr()
                    if ppr.find(qn("w:bidi")) is None:
                        ppr.append(OxmlElement("w:bidi"))
                    ppr_jc = ppr.find(qn("w:jc"))
                    if ppr_jc is not None and ppr_jc.get(qn("w:val")) == "left":
                        ppr_jc.set(qn("w:val"), "right")

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
                if sectpr.find(qn("w:bidi")) is None:
                    bidi = OxmlElement("w:bidi")
                    anchor = sectpr.find(qn("w:rtlGutter")) or sectpr.find(qn("w:docGrid"))
                    if anchor is not None:
                        anchor.addprevious(bidi)
                    else:
                        sectpr.append(bidi)

    def _properties(self) -> None:
        """Core properties from `meta`, dated by the brief, never by the clock."""
        props = self.doc.core_properties
        when = moment(self.meta.date).replace(tzinfo=None)
        props.title = self.meta.title
        props.subject = self.meta.subtitle or ""
        props.author = "; ".join(author.name for author in self.meta.authors)
        props.keywords = ", ".join(self.meta.tags)
        props.category = self._marking_text()
        props.language = self.meta.language
        props.created = when
        props.modified = when
        props.last_modified_by = "briefgen"
        props.revision = 1
        props.comments = f"{self.meta.id}" + (f" {self.meta.version}" if self.meta.version
                                              else "")
        props.identifier = self.meta.id
        props.version = self.meta.version or ""
        props.content_status = self.meta.status or ""
        props.last_printed = when

    # ------------------------------------------------------------------ small pieces

    def _(self, message: str, **params: Any) -> str:
        return self.tr.gettext(message, **params)

    def colon(self, label: str) -> str:
        return colon(self.context, label)

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        para = self.doc.add_paragraph(style=style)
        if self.rtl:
            ooxml.set_bidi(para)
        if text:
            self.run(para, text)
        return para

    def heading(self, text: str, level: int) -> Paragraph:
        return self.paragraph(text, f"Heading {level}")

    def run(self, para: Paragraph, text: str, style: str | None = None) -> Any:
        """A run of text; right-to-left text is marked so, with its language."""
        run = para.add_run(text, style=style)
        self._direction(run, text)
        return run

    def _direction(self, run: Any, text: str) -> None:
        if ooxml.has_rtl(text) or (self.rtl and text_direction(text) is None):
            ooxml.set_rtl(run, self.meta.language if is_rtl(self.meta.language) else "ar-SA")

    def bookmark(self, para: Paragraph, ident: str) -> None:
        name = self.bookmark_name(ident)
        self.marks += 1
        ooxml.add_bookmark(para, name, self.marks)

    def bookmark_name(self, ident: str) -> str:
        """A Word bookmark name for an id: letters, digits and `_`, at most 40, unique."""
        if ident not in self.bookmarks:
            base = "b_" + BOOKMARK.sub("_", ident)[:30]
            name, n = base, 1
            while name in self.bookmarks.values():
                n += 1
                name = f"{base}_{n}"
            self.bookmarks[ident] = name
        return self.bookmarks[ident]

    def ref(self, para: Paragraph, ident: str) -> None:
        """A reference to an item, by its label (`R2`, `S1`, a party's name), linked."""
        label = self.view.labels[ident]
        run = ooxml.add_link(para, label.text, anchor=self.bookmark_name(ident))
        self._direction(run, label.text)

    def refs(self, ids: Iterable[str], title: str | None = None) -> None:
        ids = list(ids)
        if not ids:
            return
        para = self.paragraph()
        self.run(para, self.colon(title or self._("Evidence")), "Label")
        para.add_run(" ")
        for n, ident in enumerate(ids):
            if n:
                self.run(para, self._(", "))
            self.ref(para, ident)

    def label(self, para: Paragraph, ident: str) -> None:
        self.run(para, self.view.labels[ident].text, "Item Label")
        para.add_run(" ")

    def chips(self, para: Paragraph, pairs: Iterable[tuple[str | None, str]]) -> None:
        """`Level: high (16) · Likelihood: likely (55–80 %)`: a label's name in Label style."""
        for n, (name, value) in enumerate(pairs):
            if n:
                para.add_run(" · ")
            if name:
                self.run(para, self.colon(name), "Label")
                para.add_run(" ")
            self.run(para, value)

    def term(self, value: str | None, name: str) -> str:
        return "" if value is None else self.tr.term(name, value)

    def date(self, text: str) -> str:
        return self.tr.date(str(text))

    def judgement(self, kind: str | None, likelihood: str | None,
                  confidence: str | None) -> None:
        pairs: list[tuple[str | None, str]] = []
        if kind:
            pairs.append((None, self.term(kind, "kind").capitalize()))
        if likelihood:
            pairs.append((self._("Likelihood"), likelihood_words(likelihood, self.tr)))
        if confidence:
            pairs.append((self._("Confidence"), self.term(confidence, "confidence")))
        if pairs:
            self.chips(self.paragraph(), pairs)

    def md(self, text: str | None, style: str | None = None) -> None:
        """A Markdown field as Word paragraphs: lists in List styles, quotes in Quote."""
        if text:
            MarkdownWriter(self, style).write(text)

    def table(self, heads: list[str], rows: list[list[Any]], caption: str | None = None,
              widths: list[float] | None = None) -> Table:
        """A table with a repeated header row; a cell is text or a function that fills it."""
        if caption:
            self.paragraph(caption, "Caption")
        table = self.doc.add_table(rows=1, cols=len(heads))
        table.style = self.doc.styles["Table Grid"] if "Table Grid" in {
            s.name for s in self.doc.styles} else None
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        if self.rtl:
            ooxml.set_bidi_table(table)
        head = table.rows[0]
        trpr = head._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:tblHeader"))
        for cell, title in zip(head.cells, heads, strict=True):
            para = cell.paragraphs[0]
            if self.rtl:
                ooxml.set_bidi(para)
            self.run(para, title, "Strong")
        for values in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, values, strict=True):
                para = cell.paragraphs[0]
                if self.rtl:
                    ooxml.set_bidi(para)
                if callable(value):
                    value(cell, para)
                else:
                    self.run(para, str(value))
        widths = widths or [1.0] * len(heads)
        total = sum(widths)
        table.autofit = False  # the widths below, not the text's, as LibreOffice reads them
        for column, share in zip(table.columns, widths, strict=True):
            column.width = int(TEXT_WIDTH * share / total)
            for cell in column.cells:
                cell.width = int(TEXT_WIDTH * share / total)
        self.paragraph()
        return table

    def chart(self, svg: str, caption: str | None) -> None:
        """A chart as a PNG drawn from its SVG, with the SVG's title and description as
        its alternative text, and its caption under it."""
        png, title, description = chart_png(svg, CHART_PIXELS)
        para = self.paragraph(style="Figure")
        run = para.add_run()
        shape = run.add_picture(io.BytesIO(png), width=CHART_WIDTH)
        doc_pr = shape._inline.docPr
        doc_pr.set("title", title)
        doc_pr.set("descr", f"{title}. {description}" if description else title)
        if caption:
            self.paragraph(caption, "Caption")

    # ------------------------------------------------------------------ the front matter

    def _marking_text(self) -> str:
        parts = []
        if self.meta.classification:
            parts.append(self.term(self.meta.classification, "classification").upper())
        if self.meta.tlp:
            parts.append(f"TLP:{self.meta.tlp.upper()}")
        if self.meta.fictional:
            parts.append(self._("FICTIONAL — NOT A REAL SITUATION"))
        return " · ".join(parts)

    def _markings(self, para: Paragraph) -> None:
        """The classification and TLP, the TLP in its colour's style."""
        first = True
        if self.meta.classification:
            self.run(para, self.term(self.meta.classification, "classification").upper())
            first = False
        if self.meta.tlp:
            if not first:
                para.add_run("  ·  ")
            para.add_run(f"TLP:{self.meta.tlp.upper()}", style=f"TLP {self.meta.tlp.upper()}")
            first = False
        if self.meta.fictional:
            if not first:
                para.add_run("  ·  ")
            self.run(para, self._("FICTIONAL — NOT A REAL SITUATION"))

    def _markings_block(self) -> None:
        if self.meta.classification or self.meta.tlp or self.meta.fictional:
            self._markings(self.paragraph(style="Marking"))
        if self.branding.organisation:
            self.paragraph(self.branding.organisation, "Brief Details")

    def _header_footer(self, section: Any) -> None:
        """The banners at the top and bottom of every page of every section, and the page
        number, "Page N of M", in the brief's language."""
        for part, with_page in ((section.header, False), (section.footer, True)):
            part.is_linked_to_previous = False
            body = part._element
            for child in list(body):
                body.remove(child)
            para = part.add_paragraph(style="Header" if not with_page else "Footer")
            if self.rtl:
                ooxml.set_bidi(para)
            self._markings(para)
            if with_page:
                before, between, after = self.tr.page_parts()
                para.add_run("    ")
                self.run(para, before)
                ooxml.add_field(para, "PAGE", "1")
                self.run(para, between)
                ooxml.add_field(para, "NUMPAGES", "1")
                if after:
                    self.run(para, after)

    def _details(self) -> None:
        meta = self.meta
        rows: list[tuple[str, str]] = [(self._("Date"), self.date(meta.date))]
        if meta.version:
            rows.append((self._("Version"), meta.version))
        if meta.status:
            rows.append((self._("Status"), self.term(meta.status, "status").capitalize()))
        if meta.authors:
            names = []
            for author in meta.authors:
                name = author.name + (f" {author.name_native}" if author.name_native else "")
                extra = [x for x in (author.role, author.org) if x]
                names.append(name + (f" ({self._(', ').join(extra)})" if extra else ""))
            rows.append((self._("Authors") if len(meta.authors) > 1 else self._("Author"),
                         self._("; ").join(names)))
        if meta.coverage and meta.coverage.countries:
            rows.append((self._("Countries"), self._(", ").join(meta.coverage.countries)))
        if meta.coverage and meta.coverage.areas:
            rows.append((self._("Areas"), self._("; ").join(meta.coverage.areas)))
        if meta.tags:
            rows.append((self._("Tags"), self._(", ").join(meta.tags)))
        for name, value in rows:
            para = self.paragraph(style="Brief Details")
            self.run(para, self.colon(name), "Label")
            para.add_run(" ")
            self.run(para, value)

    def _since(self) -> None:
        since = self.view.since
        if since is None:
            return
        title = (self._("What changed since version %(version)s", version=since.version)
                 if since.version else
                 self._("What changed since %(against)s", against=since.against))
        self.paragraph(title, "Intense Quote")
        diff = since.diff
        if diff is None:
            self.paragraph(self._("This brief is new: it did not exist at %(against)s.",
                                  against=since.against), "Quote")
            return
        if diff.empty:
            self.paragraph(self._("Nothing a reader would notice: the judgements, items and "
                                  "markings are as they were."), "Quote")
            return
        if since.bluf_changed:
            para = self.paragraph(style="Quote")
            self.run(para, self.colon(self._("Bottom line, reworded")), "Label")
            for op, words in diff.bluf:
                para.add_run(" ")
                style = {"-": "Deleted Text", "+": "Inserted Text"}.get(op)
                self.run(para, words if style else elide(words), style)
        for change in diff.changes:
            para = self.paragraph(style="List Bullet")
            self.run(para, self.colon(self.term(change.section, "change-section")), "Label")
            para.add_run(" ")
            label = self.view.labels.get(change.item)
            if change.kind != "removed" and label and label.kind not in ("party", "person"):
                self.ref(para, change.item)
                para.add_run(" ")
            if change.name != change.field:
                self.run(para, f"{change.name} — ")
            self.run(para, describe_change(self.context, change))

    def _contents(self) -> None:
        """A contents list of links to the sections; Word's navigation pane has the rest."""
        self.paragraph(self._("Contents"), "TOC Heading" if "TOC Heading" in {
            s.name for s in self.doc.styles} else "Heading 4")
        for key, title in self.view.sections:
            para = self.paragraph(style="List Number")
            ooxml.add_link(para, self._(title), anchor=self.bookmark_name(self.view.anchors[key]))
            if key == self.view.sections[0][0]:
                ooxml.restart_numbering(self.doc, para)

    def _colophon(self) -> None:
        meta = self.meta
        parts = [meta.title, self.date(meta.date)]
        if meta.version:
            parts.append(self._("version %(version)s", version=meta.version))
        if meta.classification:
            parts.append(self.term(meta.classification, "classification").upper())
        if meta.tlp:
            parts.append(f"TLP:{meta.tlp.upper()}")
        self.paragraph(" — ".join(parts), "Caption")

    # ------------------------------------------------------------------ the sections

    def _summary(self) -> None:
        summary = self.brief.summary
        self.heading(self._("Bottom line up front"), 2)
        self.md(summary.bluf, "Intense Quote")
        for n, point in enumerate(summary.points):
            MarkdownWriter(self, "List Number", restart=n == 0).write(point.text)
            self.judgement(point.kind, point.likelihood, point.confidence)
            if point.basis:
                para = self.paragraph()
                self.run(para, self.colon(self._("Basis")), "Label")
                para.add_run(" ")
                MarkdownWriter(self, None).inline_into(para, point.basis)
            self.refs(point.evidence)

    def _key_figures(self) -> None:
        for figure in self.brief.key_figures:
            head = self.heading("", 2)
            self.bookmark(head, figure.id)
            self.label(head, figure.id)
            self.run(head, figure.label)
            self.paragraph(figure.display, "Subtitle")
            amount = figure_amount(figure, self.tr)
            if amount:
                self.paragraph(amount)
            para = self.paragraph()
            if figure.date:
                self.run(para, self._("As of %(date)s.", date=self.date(figure.date)) + " ")
            if figure.source:
                self.run(para, self.colon(self._("Source")), "Label")
                para.add_run(" ")
                self.ref(para, figure.source)
                self.run(para, " " + self.view.sources[figure.source].title
                         + (self._(", ") + figure.locator if figure.locator else "") + ".")
            if figure.hxl:
                para.add_run(" ")
                para.add_run(figure.hxl, style="Code")
            if figure.excerpt:
                self.excerpt(figure.excerpt, figure.source)
            self.md(figure.note)

    def excerpt(self, text: str, source_id: str | None) -> None:
        language = self.view.sources[source_id].language if source_id else None
        para = self.paragraph(style="Quote")
        if language and is_rtl(language) != self.rtl:
            if is_rtl(language):
                ooxml.set_bidi(para)
            else:
                ppr = para._p.get_or_add_pPr()
                bidi = ppr.find(qn("w:bidi"))
                if bidi is not None:
                    bidi.set(qn("w:val"), "0")
        self.run(para, text)

    def _risks(self) -> None:
        view = self.view
        self.chart(charts.risk_matrix(view.risks, view.matrix, tr=self.tr),
                   self._("Risk matrix. Level = likelihood points × impact points: low "
                          "%(low)s, medium %(medium)s, high %(high)s.", **view.level_bands))

        def risk_cell(item: RiskView) -> Any:
            def fill(_cell: Any, para: Paragraph) -> None:
                self.ref(para, item.risk.id)
                self.run(para, " " + item.risk.title)
            return fill

        rows = [[risk_cell(item),
                 f"{self.term(item.level, 'level').capitalize()} ({self.tr.number(item.score)})",
                 likelihood_words(item.risk.likelihood, self.tr),
                 self.term(item.risk.impact, "impact").capitalize(),
                 self.term(item.risk.trend, "risk-trend").capitalize(),
                 self.term(item.risk.confidence, "confidence").capitalize()]
                for item in view.risks_by_level]
        self.table([self._("Risk"), self._("Level"), self._("Likelihood"), self._("Impact"),
                    self._("Trend"), self._("Confidence")], rows,
                   self._("Risks by derived level"), [4, 1.6, 1.8, 1.3, 1.3, 1.3])
        for item in view.risks:
            risk = item.risk
            head = self.heading("", 2)
            self.bookmark(head, risk.id)
            self.label(head, risk.id)
            self.run(head, risk.title)
            self.chips(self.paragraph(), self.risk_labels(item))
            self.md(risk.description)
            if risk.condition:
                self.fact(self._("Condition"), risk.condition)
            if risk.horizon:
                self.fact(self._("Horizon"), risk.horizon)
            if risk.indicators:
                self.heading(self._("Indicators to watch"), 3)
                for indicator in risk.indicators:
                    self.paragraph(indicator, "List Bullet")
            if risk.affected:
                self.refs(risk.affected, self._("Affected"))
            self.refs(risk.evidence)

    def risk_labels(self, item: RiskView) -> list[tuple[str | None, str]]:
        risk = item.risk
        return [(self._("Level"), f"{self.term(item.level, 'level')} "
                                  f"({self.tr.number(item.score)})"),
                (self._("Likelihood"), likelihood_words(risk.likelihood, self.tr)),
                (self._("Impact"), self.term(risk.impact, "impact")),
                (self._("Trend"), self.term(risk.trend, "risk-trend")),
                (self._("Confidence"), self.term(risk.confidence, "confidence"))]

    def fact(self, name: str, value: str) -> None:
        para = self.paragraph()
        self.run(para, self.colon(name), "Label")
        para.add_run(" ")
        self.run(para, value)

    def _parties(self) -> None:
        view, brief = self.view, self.brief
        if brief.parties:
            self.heading(self._("Parties"), 2)
            for party in brief.parties:
                head = self.heading("", 3)
                self.bookmark(head, party.id)
                self.run(head, party.name)
                if party.name_native:
                    self.run(head, " " + party.name_native)
                self.run(head, f" ({self.term(party.type, 'party-type')})")
                if party.aliases:
                    self.fact(self._("Also known as"), self._("; ").join(party.aliases))
                self.md(party.description)
                self.refs(party.representatives, self._("Representatives"))
                self.refs(party.backed_by, self._("Backed by"))
                self.refs(party.allies, self._("Allies"))
        if brief.people:
            self.heading(self._("People"), 2)
            for person in brief.people:
                para = self.paragraph(style="List Bullet")
                self.bookmark(para, person.id)
                self.run(para, person.name + (f" {person.name_native}" if person.name_native
                                              else ""), "Strong")
                if person.role:
                    self.run(para, self._(", ") + person.role)
                if person.party:
                    para.add_run(" (")
                    self.ref(para, person.party)
                    para.add_run(")")
                if person.affiliation:
                    self.run(para, self._("; ") + person.affiliation)
                if person.note:
                    self.run(para, ". " + person.note)
        if brief.positions:
            self.heading(self._("Positions"), 2)
            for placed in view.placed_positions:
                position = placed.position
                head = self.heading("", 3)
                self.run(head, self.colon(view.labels[position.party].text) + " ")
                self.run(head, position.topic)
                pairs: list[tuple[str | None, str]] = [
                    (self._("Stance"), self.term(position.stance, "stance"))]
                if position.basis:
                    pairs.append((self._("Basis"), self.term(position.basis, "basis")))
                if position.kind:
                    pairs.append((None, self.term(position.kind, "kind").capitalize()))
                if position.confidence:
                    pairs.append((self._("Confidence"),
                                  self.term(position.confidence, "confidence")))
                self.chips(self.paragraph(), pairs)
                self.md(position.summary)
                for use in placed.quotes:
                    self.quote(use.quote, use.home)
        if view.loose_quotes:
            self.heading(self._("Other quotes") if brief.positions else self._("Quotes"), 2)
            for quote in view.loose_quotes:
                self.quote(quote, True)
        if view.edges:
            self.heading(self._("Relations"), 2)
            names = {party.id: party.name for party in brief.parties}
            self.chart(charts.relations_diagram(names, view.edges, tr=self.tr), None)

            def linked(ident: str) -> Any:
                return lambda _cell, para: self.ref(para, ident)

            def note(edge: Any) -> Any:
                def fill(cell: Any, para: Paragraph) -> None:
                    if edge.relation is None:
                        return
                    MarkdownWriter(self, None).inline_into(para, edge.relation.note or "")
                    if edge.relation.evidence:
                        para.add_run(" ")
                        self.run(para, self.colon(self._("Evidence")), "Label")
                        for n, ident in enumerate(edge.relation.evidence):
                            para.add_run(" " if n == 0 else self._(", "))
                            self.ref(para, ident)
                return fill

            rows = [[linked(edge.source), self.term(edge.type, "relation-verb"),
                     linked(edge.target), self.term(edge.trend, "relation-trend").capitalize(),
                     note(edge)] for edge in view.edges]
            self.table([self._("From"), self._("Relation"), self._("To"), self._("Trend"),
                        self._("Note")], rows, self._("Relations between parties"),
                       [2, 1.6, 2, 1.2, 4])

    def quote(self, quote: Quote, home: bool) -> None:
        """A quote in the Quote style, verbatim, with its translation, speaker and source."""
        para = self.paragraph(style="Quote")
        if home:
            self.bookmark(para, quote.id)
        language = quote.lang
        if language and is_rtl(language) != self.rtl:
            if is_rtl(language):
                ooxml.set_bidi(para)
            else:
                bidi = para._p.get_or_add_pPr().find(qn("w:bidi"))
                if bidi is not None:
                    bidi.set(qn("w:val"), "0")
        self.run(para, quote.text)
        if quote.translation:
            para = self.paragraph(quote.translation, "Quote")
            if quote.translated_by:
                self.run(para, " — " + self.colon(self._("Translation")) + " "
                         + quote.translated_by)
        speaker = self.view.people[quote.speaker]
        source = self.view.sources[quote.source]
        para = self.paragraph(style="Attribution")
        self.label(para, quote.id)
        self.run(para, speaker.name + (self._(", ") + speaker.role if speaker.role else ""))
        para.add_run(" — ")
        self.ref(para, quote.source)
        tail = " " + source.title
        if quote.locator:
            tail += self._(", ") + quote.locator
        if quote.date:
            tail += self._(", ") + self.date(quote.date)
        self.run(para, tail)
        if quote.attribution == "inferred":
            self.run(para, ". " + self._("Attribution inferred")
                     + (f" {quote.attribution_note}" if quote.attribution_note else ""))
        if quote.context:
            self.run(para, ". " + self.colon(self._("Context")) + " " + quote.context)
        if quote.note:
            self.run(para, ". " + self.colon(self._("Note")) + " " + quote.note)

    def _humanitarian(self) -> None:
        hum = self.brief.humanitarian
        self.md(hum.summary)
        for ident in hum.figures:
            figure = self.view.figures[ident]
            para = self.paragraph(style="List Bullet")
            self.ref(para, ident)
            para.add_run(" ")
            self.run(para, figure.display, "Strong")
            self.run(para, " " + figure.label)
        for title, text in ((self._("Displacement"), hum.displacement),
                            (self._("Access"), hum.access)):
            if text:
                self.heading(title, 2)
                self.md(text)
        if hum.needs:
            self.heading(self._("Needs"), 2)
            for need in hum.needs:
                if need.sector:
                    para = self.paragraph(style="List Bullet")
                    self.run(para, need.sector, "Strong")
                    self.md(need.text)
                else:
                    MarkdownWriter(self, "List Bullet").write(need.text)
        if hum.outlook:
            self.heading(self._("Outlook"), 2)
            self.md(hum.outlook.text)
            self.judgement(hum.outlook.kind, hum.outlook.likelihood, hum.outlook.confidence)
        for use in self.view.humanitarian_quotes:
            self.quote(use.quote, use.home)

    def _timeline(self) -> None:
        view = self.view
        events = [(view.labels[e.id].text, e.event, e.date, e.kind or "event")
                  for e in view.timeline]
        self.chart(charts.timeline_strip(events, tr=self.tr),
                   self._("Timeline. Dots are dated events; a bar shows the month or year a "
                          "partly dated event falls in."))
        for event in view.timeline:
            para = self.paragraph()
            self.bookmark(para, event.id)
            self.label(para, event.id)
            self.run(para, self.date(event.date), "Strong")
            if event.kind:
                self.run(para, f" ({self.term(event.kind, 'event-kind')})")
            self.run(para, " " + event.event)
            if event.date_note:
                self.fact(self._("Date"), event.date_note)
            self.refs(event.parties, self._("Parties"))
            if event.excerpt:
                self.excerpt(event.excerpt, event.source)
            if event.source:
                self.refs([event.source], self._("Source"))

    def _recommendations(self) -> None:
        for rec in self.brief.recommendations:
            head = self.paragraph(style="Item Heading")
            self.bookmark(head, rec.id)
            self.label(head, rec.id)
            pairs: list[tuple[str | None, str]] = []
            if rec.priority:
                pairs.append((self._("Priority"), self.term(rec.priority, "priority")))
            if rec.audience:
                pairs.append((pgettext(self.context, "audience", "For"), rec.audience))
            if rec.confidence:
                pairs.append((self._("Confidence"), self.term(rec.confidence, "confidence")))
            self.chips(head, pairs)
            self.md(rec.text)
            if rec.rationale:
                para = self.paragraph()
                self.run(para, self.colon(self._("Rationale")), "Label")
                para.add_run(" ")
                MarkdownWriter(self, None).inline_into(para, rec.rationale)
            for title, items in ((pgettext(self.context, "arguments", "For"), rec.pros),
                                 (pgettext(self.context, "arguments", "Against"), rec.cons)):
                if items:
                    self.run(self.paragraph(style="Item Heading"), title)
                    for item in items:
                        self.paragraph(item, "List Bullet")
            self.refs(rec.related, self._("Related"))

    def _open_questions(self) -> None:
        for question in self.brief.open_questions:
            head = self.paragraph(style="Item Heading")
            self.bookmark(head, question.id)
            self.label(head, question.id)
            self.run(head, question.question)
            if question.why_it_matters:
                para = self.paragraph()
                self.run(para, self.colon(self._("Why it matters")), "Label")
                para.add_run(" ")
                MarkdownWriter(self, None).inline_into(para, question.why_it_matters)
            self.refs(question.related, self._("Related"))

    def _sources(self) -> None:
        self.md(self.meta.sourcing_note)
        for source in self.brief.sources:
            para = self.paragraph()
            self.bookmark(para, source.id)
            self.label(para, source.id)
            if source.author:
                self.run(para, source.author + self._(", "))
            self.run(para, source.title, "Emphasis")
            if source.title_native:
                self.run(para, " " + source.title_native, "Emphasis")
            tail = ""
            if source.publisher:
                tail += self._(", ") + source.publisher
            if source.issued:
                tail += self._(", ") + self.date(source.issued)
            if source.updated:
                tail += " (" + self._("updated %(date)s", date=self.date(source.updated)) + ")"
            self.run(para, tail + ".")
            pairs: list[tuple[str | None, str]] = []
            if source.type:
                pairs.append((None, self.term(source.type, "source-type")))
            if source.reliability:
                pairs.append((self._("Reliability"), source.reliability))
            if source.language:
                pairs.append((self._("Language"), source.language))
            if pairs:
                para.add_run(" ")
                self.chips(para, pairs)
            if source.standfirst:
                self.paragraph(source.standfirst, "Quote")
            if source.reliability_note:
                self.fact(self._("Reliability"), source.reliability_note)
            if source.locator_scheme:
                self.fact(self._("Locators"), source.locator_scheme)
            if source.url:
                para = self.paragraph()
                if markdown.link_allowed(source.url) and not source.url.startswith("#"):
                    ooxml.add_link(para, source.url, url=source.url)
                else:
                    self.run(para, source.url)
            if source.local_path:
                para = self.paragraph()
                self.run(para, self.colon(self._("Stored text")), "Label")
                para.add_run(" ")
                para.add_run(source.local_path, style="Code")
        if self.meta.disclaimer:
            self.heading(self._("Disclaimer"), 2)
            self.md(self.meta.disclaimer)

    def _annexes(self) -> None:
        if self.view.uses_likelihood:
            heading = self.heading(self._("Likelihood yardstick"), 2)
            self.bookmark(heading, "annex-yardstick")
            rows = [[words.capitalize(), span] for _key, words, span
                    in likelihood_scale(self.context)]
            self.table([self._("Term"), self._("Probability")], rows,
                       self._("Estimative terms (ICD 203) and the probabilities they stand for"),
                       [3, 2])
            self.paragraph(self._("Likelihood and confidence are separate judgements: confidence "
                                  "(low, moderate, high) reflects the quality of the sourcing and "
                                  "reasoning behind a judgement, not its probability."))
        if self.meta.changelog:
            heading = self.heading(self._("Changelog"), 2)
            self.bookmark(heading, "annex-changelog")

            def note(text: str | None) -> Any:
                return lambda _cell, para: MarkdownWriter(self, None).inline_into(para,
                                                                                   text or "")

            rows = [[entry.version or "", self.date(entry.date) if entry.date else "",
                     note(entry.note)] for entry in self.meta.changelog]
            self.table([self._("Version"), self._("Date"), self._("Change")], rows, None,
                       [1, 1.5, 5])


class MarkdownWriter:
    """A Markdown field, parsed and sanitised by the same parser as the HTML's, written
    as Word paragraphs: paragraphs in `style`, lists in List Bullet and List Number,
    block quotes in Quote, a Markdown heading as a bold paragraph (never a level of the
    brief), links as links, `#anchor` links to the item's bookmark."""

    def __init__(self, brief: WordBrief, style: str | None, restart: bool = False) -> None:
        self.w = brief
        self.style = style
        self.restart = restart

    def tokens(self, text: str) -> list[Token]:
        images = self.w.images
        env: dict[str, Any] = {"image_src": lambda src: src if images.local_file(src) else None}
        return markdown.parser().parse(text, env)

    def write(self, text: str) -> None:
        lists: list[str] = []
        quoted = 0
        bold = False
        para: Paragraph | None = None
        for token in self.tokens(text):
            if token.type in ("bullet_list_open", "ordered_list_open"):
                lists.append("List Bullet" if token.type == "bullet_list_open" else "List Number")
                if token.type == "ordered_list_open":
                    self.restart = True
            elif token.type in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif token.type == "blockquote_open":
                quoted += 1
            elif token.type == "blockquote_close":
                quoted -= 1
            elif token.type in ("paragraph_open", "heading_open"):
                style = "Quote" if quoted else lists[-1] if lists else self.style
                para = self.w.paragraph(style=style)
                if self.restart and style == "List Number":
                    ooxml.restart_numbering(self.w.doc, para)
                    self.restart = False
                bold = token.type == "heading_open"
            elif token.type == "inline" and para is not None:
                self.inline(para, token.children or [], bold=bold)
            elif token.type in ("code_block", "fence"):
                para = self.w.paragraph(style=self.style)
                para.add_run(token.content.rstrip("\n"), style="Code")
            elif token.type == "hr":
                self.w.paragraph("—", self.style)

    def inline_into(self, para: Paragraph, text: str) -> None:
        """A Markdown field's inline content, run on into `para` (its paragraphs joined)."""
        first = True
        for token in self.tokens(text):
            if token.type == "inline":
                if not first:
                    para.add_run(" ")
                self.inline(para, token.children or [])
                first = False

    def inline(self, para: Paragraph, children: list[Token], bold: bool = False) -> None:
        strong, em = int(bold), 0
        link: str | None = None
        for token in children:
            kind = token.type
            if kind == "strong_open":
                strong += 1
            elif kind == "strong_close":
                strong -= 1
            elif kind == "em_open":
                em += 1
            elif kind == "em_close":
                em -= 1
            elif kind == "link_open":
                link = str(token.attrGet("href") or "")
            elif kind == "link_close":
                link = None
            elif kind in ("text", "code_inline"):
                self._text(para, token.content, strong, em, link, kind == "code_inline")
            elif kind == "softbreak":
                para.add_run(" ")
            elif kind == "hardbreak":
                para.add_run().add_break()
            elif kind == "image":
                self._image(para, token)

    def _text(self, para: Paragraph, text: str, strong: int, em: int, link: str | None,
              code: bool) -> None:
        style = "Code" if code else "Strong" if strong else "Emphasis" if em else None
        if link is not None:
            if link.startswith("#"):
                run = ooxml.add_link(para, text, anchor=self.w.bookmark_name(link[1:]))
            else:
                run = ooxml.add_link(para, text, url=link)
            self.w._direction(run, text)
            return
        run = self.w.run(para, text, style)
        if strong and em:  # a run has one character style: Strong, made italic as well
            run.font.italic = True

    def _image(self, para: Paragraph, token: Token) -> None:
        """A project image the sanitiser let through; an SVG is drawn to PNG first."""
        path = self.w.images.local_file(str(token.attrGet("src") or ""))
        alt = token.content
        if path is None:
            self.w.run(para, alt)
            return
        data = path.read_bytes()
        if path.suffix.lower() == ".svg":
            data, _title, _desc = chart_png(data.decode("utf-8", "replace"), CHART_PIXELS)
        elif path.suffix.lower() == ".webp":
            self.w.run(para, alt)
            return
        try:
            shape = para.add_run().add_picture(io.BytesIO(data), width=CHART_WIDTH)
        except UnrecognizedImageError:  # a GIF or JPEG python-docx cannot read: its alt text
            self.w.run(para, alt)
            return
        shape._inline.docPr.set("descr", alt)
