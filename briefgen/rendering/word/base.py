"""What every part of the Word brief writes with: styled paragraphs and runs, the
direction of each, bookmarks and links to items, labels, tables and charts."""

from __future__ import annotations

import io
import re
import struct
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement

from briefgen.model.language import is_rtl
from briefgen.rendering.charts.png import chart_png
from briefgen.rendering.filters.words import colon, likelihood_words
from briefgen.rendering.i18n import Translator, text_direction
from briefgen.rendering.word import ooxml
from briefgen.rendering.word.markdown import MarkdownWriter
from briefgen.rendering.word.ooxml import CHART_HEIGHT, CHART_PIXELS, CHART_WIDTH, TEXT_WIDTH

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from briefgen.model.view import View
    from briefgen.project.branding import Branding
    from briefgen.rendering.markdown import Images


BOOKMARK = re.compile(r"[^A-Za-z0-9_]")


class Writer:
    """The document being written and the View it is written from; the parts of the brief
    (front matter, sections) are mixins over it."""

    doc: Document
    view: View
    meta: Any
    brief: Any
    tr: Translator
    context: dict[str, Any]
    rtl: bool
    images: Images
    branding: Branding
    one_pager: bool
    bookmarks: dict[str, str]
    marks: int
    style_ids: dict[tuple[WD_STYLE_TYPE, str], str]

    def _(self, message: str, **params: Any) -> str:
        return self.tr.gettext(message, **params)

    def colon(self, label: str) -> str:
        return colon(self.context, label)

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        para = self.doc.add_paragraph()
        if style and style != "Normal":
            para._p.get_or_add_pPr().style = self.style_ids[WD_STYLE_TYPE.PARAGRAPH, style]
        if self.rtl:
            ooxml.set_bidi(para)
        if text:
            self.run(para, text)
        return para

    def heading(self, text: str, level: int) -> Paragraph:
        return self.paragraph(text, f"Heading {level}")

    def run(self, para: Paragraph, text: str, style: str | None = None) -> Any:
        """A run of text; right-to-left text is marked so, with its language."""
        run = para.add_run(ooxml.xml_text(text))
        if style:
            run._r.get_or_add_rPr().style = self.style_ids[WD_STYLE_TYPE.CHARACTER, style]
        self._direction(run, text)
        return run

    def link(self, para: Paragraph, text: str, *, anchor: str | None = None,
             url: str | None = None) -> Any:
        """A link, in the Hyperlink style, to a bookmark or a web address."""
        run = ooxml.add_link(para, text, anchor=anchor, url=url,
                             style_id=self.style_ids[WD_STYLE_TYPE.CHARACTER, "Hyperlink"])
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
        self.link(para, label.text, anchor=self.bookmark_name(ident))

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
        grid = self.style_ids.get((WD_STYLE_TYPE.TABLE, "Table Grid"))
        if grid is not None:
            table._tbl.tblPr.style = grid
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        if self.rtl:
            ooxml.set_bidi_table(table)
        head = table.rows[0]
        trpr = head._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:tblHeader"))
        text_style = self.style_ids[WD_STYLE_TYPE.PARAGRAPH, "Table Text"]
        for cell, title in zip(head.cells, heads, strict=True):
            para = cell.paragraphs[0]
            para._p.get_or_add_pPr().style = text_style
            if self.rtl:
                ooxml.set_bidi(para)
            self.run(para, title, "Strong")
        for values in rows:
            row = table.add_row()
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row stays whole
            for cell, value in zip(row.cells, values, strict=True):
                para = cell.paragraphs[0]
                para._p.get_or_add_pPr().style = text_style
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
        its alternative text, and its caption under it. A tall chart is narrowed to
        CHART_HEIGHT, so that it shares a page with the text before it."""
        png, title, description = chart_png(svg, CHART_PIXELS)
        pixels_wide, pixels_high = struct.unpack(">II", png[16:24])  # the PNG's IHDR
        width = min(CHART_WIDTH, int(CHART_HEIGHT * pixels_wide / pixels_high))
        para = self.paragraph(style="Figure")
        run = para.add_run()
        shape = run.add_picture(io.BytesIO(png), width=width)
        doc_pr = shape._inline.docPr
        doc_pr.set("title", ooxml.xml_text(title))
        doc_pr.set("descr", ooxml.xml_text(f"{title}. {description}" if description else title))
        if caption:
            self.paragraph(caption, "Caption")

    # ------------------------------------------------------------------ the front matter
