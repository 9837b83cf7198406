"""The pieces of WordprocessingML that python-docx has no call for: right-to-left
paragraphs, fields, bookmarks, internal links, restarted numbering, and a package
written the same way every time.

Everything here edits the XML python-docx keeps, with python-docx's own `OxmlElement`
and `qn`, so the document stays one python-docx can read back.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

CHART_WIDTH = Mm(160)
CHART_HEIGHT = Mm(105)  # at most: the risk matrix fits under its heading with text above
TEXT_WIDTH = Mm(166)  # A4 less 22 mm margins: what a table spans
CHART_PIXELS = 1600  # a chart PNG's width: sharp printed at 160 mm (about 250 dpi)
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
RTL_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))


# What XML 1.0 cannot hold, and so neither can a Word part: C0 controls but tab, line feed
# and carriage return; lone surrogates; U+FFFE and U+FFFF. A brief may carry them (the
# HTML and PDF pass them on); the Word brief leaves them out.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` without the characters no XML part can hold."""
    return NOT_XML.sub("", text)


def has_rtl(text: str) -> bool:
    """Whether `text` holds a letter of a right-to-left script (Hebrew, Arabic, Syriac…)."""
    return any(low <= ord(c) <= high for c in text for low, high in RTL_RANGES)


# The elements that follow w:bidi in a w:pPr, w:rtl in a w:rPr, w:bidiVisual in a w:tblPr
# and w:bidi in a w:sectPr, in the schema's order (ECMA-376 Part 1, §17.3.1.26, §17.3.2.28,
# §17.4.60, §17.6.17): Word refuses a part whose elements are out of order.
AFTER_PARAGRAPH_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                        "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                        "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                        "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                        "w:pPrChange")
AFTER_RUN_RTL = ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
AFTER_TABLE_BIDI = ("w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc",
                    "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout",
                    "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
                    "w:tblPrChange")
AFTER_SECTION_BIDI = ("w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")


def add_in_order(parent: object, tag: str, after: tuple[str, ...]) -> object:
    """`parent`'s `tag` child, made ahead of the first element that must follow it, when
    it has none."""
    return _child(parent, tag, after)


def _child(parent: object, tag: str, before: tuple[str, ...] = ()) -> object:
    """`parent`'s first `tag` child, made (ahead of any of `before`) when it has none."""
    found = parent.find(qn(tag))  # type: ignore[attr-defined]
    if found is not None:
        return found
    made = OxmlElement(tag)
    for name in before:
        anchor = parent.find(qn(name))  # type: ignore[attr-defined]
        if anchor is not None:
            anchor.addprevious(made)
            return made
    parent.append(made)  # type: ignore[attr-defined]
    return made


def set_bidi(paragraph: Paragraph) -> None:
    """A right-to-left paragraph: `<w:bidi/>`, so Word lays it out from the right."""
    add_in_order(paragraph._p.get_or_add_pPr(), "w:bidi", AFTER_PARAGRAPH_BIDI)


def set_rtl(run: Run, language: str | None = None) -> None:
    """A right-to-left run: `<w:rtl/>`, and its complex-script language."""
    rpr = run._r.get_or_add_rPr()
    add_in_order(rpr, "w:rtl", AFTER_RUN_RTL)
    if language:
        lang = _child(rpr, "w:lang", ("w:eastAsianLayout", "w:specVanish", "w:oMath"))
        lang.set(qn("w:bidi"), language)  # type: ignore[attr-defined]


def set_bidi_table(table: object) -> None:
    """A table whose first column is on the right: `<w:bidiVisual/>`."""
    add_in_order(table._tbl.tblPr, "w:bidiVisual", AFTER_TABLE_BIDI)  # type: ignore[attr-defined]


def add_field(paragraph: Paragraph, instruction: str, shown: str,
              style: str | None = None) -> None:
    """A field such as `PAGE` or `NUMPAGES`, with `shown` as its last computed result."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None),
                       ("result", shown), ("end", None)):
        run = paragraph.add_run(style=style)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)
        elif kind == "result":
            run.text = text or ""
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def add_bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    """A bookmark round the paragraph's content, for internal links to land on."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    ppr = paragraph._p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph._p.insert(0, start)
    paragraph._p.append(end)


def add_link(paragraph: Paragraph, text: str, *, anchor: str | None = None,
             url: str | None = None, style_id: str | None = None) -> Run:
    """A link to a bookmark (`anchor`) or to a web address (`url`), in one run."""
    link = OxmlElement("w:hyperlink")
    if anchor is not None:
        link.set(qn("w:anchor"), anchor)
    else:
        rel = paragraph.part.relate_to(xml_text(url or ""), RT.HYPERLINK, is_external=True)
        link.set(qn("r:id"), rel)
    paragraph._p.append(link)
    run = paragraph.add_run(xml_text(text))
    if style_id:
        run._r.get_or_add_rPr().style = style_id
    link.append(run._r)
    return run


def restart_numbering(document: Document, paragraph: Paragraph) -> None:
    """Number `paragraph` (a List Number item) from 1 again: a new `w:num` on the style's
    own list definition, with its first level starting over."""
    numbering = document.part.numbering_part.element
    style = document.styles[paragraph.style.name]
    style_num = style.element.pPr.numPr.numId.val if style.element.pPr is not None \
        and style.element.pPr.numPr is not None else None
    if style_num is None:
        return
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    override = num.add_lvlOverride(ilvl=0)
    override.add_startOverride(1)
    numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = 0
    numpr.get_or_add_numId().val = num.numId


def fixed_package(data: bytes) -> bytes:
    """The package with every entry dated the same and in the same order, so the same
    document always has the same bytes (python-docx dates entries with the clock)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    first = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in names]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in first + sorted(n for n in names if n not in first):
            info = zipfile.ZipInfo(name, ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, source.read(name), compresslevel=9)
    return out.getvalue()
