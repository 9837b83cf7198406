"""The styles the Word brief uses beyond Word's own, each added only where a house
reference document has none, and right-to-left ones for an Arabic brief."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from briefgen.rendering.word import ooxml

if TYPE_CHECKING:
    from docx.document import Document


TLP_COLOURS = {"red": ("FF2B2B", "000000"), "amber": ("FFC000", "000000"),
               "amber+strict": ("FFC000", "000000"), "green": ("33FF00", "000000"),
               "clear": ("FFFFFF", "000000")}


StyleIds = dict[tuple[WD_STYLE_TYPE, str], str]


def add_styles(doc: Document, rtl: bool) -> StyleIds:
    """The styles briefgen adds, each only where the reference document has none; and
    every style's id by its type and name, so that each paragraph and run is given its
    style without python-docx looking the name up among all of them each time."""
    styles = doc.styles
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
                 "Quote", "Intense Quote", "List Bullet", "List Number", "Caption", "Header",
                 "Footer"):
        if name not in names:  # a house document that dropped a built-in style
            add(name, WD_STYLE_TYPE.PARAGRAPH, "Normal")
    if (style := add("Strong", WD_STYLE_TYPE.CHARACTER)) is not None:
        style.font.bold = True
    if (style := add("Emphasis", WD_STYLE_TYPE.CHARACTER)) is not None:
        style.font.italic = True
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
    if (style := add("Table Text", WD_STYLE_TYPE.PARAGRAPH, "Normal")) is not None:
        style.font.size = Pt(9)
        style.paragraph_format.space_after = Pt(0)
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
    if rtl:
        for name in ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3",
                     "Heading 4", "Quote", "Intense Quote", "List Bullet", "List Number",
                     "Caption", "Marking", "Brief Details", "Attribution", "Item Heading",
                     "Table Text", "Figure", "Header", "Footer"):
            if name in {s.name for s in styles}:
                ppr = styles[name].element.get_or_add_pPr()
                ooxml.add_in_order(ppr, "w:bidi", ooxml.AFTER_PARAGRAPH_BIDI)
                ppr_jc = ppr.find(qn("w:jc"))
                if ppr_jc is not None and ppr_jc.get(qn("w:val")) == "left":
                    ppr_jc.set(qn("w:val"), "right")
    return {(style.type, style.name): style.style_id for style in styles}
