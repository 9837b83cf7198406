"""A Markdown field as Word paragraphs, from the same sanitised parse as the HTML's."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any, Protocol

from docx.image.exceptions import UnrecognizedImageError

from briefgen.rendering import markdown
from briefgen.rendering.charts.png import chart_png
from briefgen.rendering.word import ooxml
from briefgen.rendering.word.ooxml import CHART_PIXELS, CHART_WIDTH

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph
    from markdown_it.token import Token

    from briefgen.rendering.markdown import Images


class Writer(Protocol):
    """What a Markdown field is written with: `word.base.Writer`, which uses this module."""

    doc: Document
    images: Images

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph: ...
    def run(self, para: Paragraph, text: str, style: str | None = None) -> Any: ...
    def link(self, para: Paragraph, text: str, *, anchor: str | None = None,
             url: str | None = None) -> Any: ...
    def bookmark_name(self, ident: str) -> str: ...


class MarkdownWriter:
    """A Markdown field, parsed and sanitised by the same parser as the HTML's, written
    as Word paragraphs: paragraphs in `style`, lists in List Bullet and List Number,
    block quotes in Quote, a Markdown heading as a bold paragraph (never a level of the
    brief), links as links, `#anchor` links to the item's bookmark."""

    def __init__(self, brief: Writer, style: str | None, restart: bool = False) -> None:
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
                self.w.run(para, token.content.rstrip("\n"), "Code")
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
                self.w.link(para, text, anchor=self.w.bookmark_name(link[1:]))
            else:
                self.w.link(para, text, url=link)
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
        shape._inline.docPr.set("descr", ooxml.xml_text(alt))
