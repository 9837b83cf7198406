"""The structure tree of a tagged PDF, repaired after WeasyPrint has written it.

WeasyPrint (70) tags a PDF page by page, and that leaves defects that
PDF/UA-1 (ISO 14289-1) and the Matterhorn Protocol name:

- the running header and footer are tagged, under elements no parent lists,
  where they must be pagination artifacts (Matterhorn 01-001, 18-001);
- every box cut by a page break becomes two elements: one `/Part` per page,
  a list or a table in two, and the header row a table repeats on the next
  page is tagged as content a second time (01-006, 09-004);
- a list that wraps its items in `div` (`dl > div > dt, dd`) gives
  L › Div › LI, an item with a marker gives Lbl beside bare content, and a
  caption that holds a caption nests Caption in Caption (09-004, 09-005);
- TH has no `/Scope`, and `/Headers` name ids that no `/IDTree` holds
  (15-003; ISO 32000-1 14.7.2);
- an element with its own `lang` keeps it only in the HTML (11-006).

Two steps mend them. `install()` wraps WeasyPrint's tree builder once per
process so that each element it makes records which HTML element it came
from (a private key), its `lang`, and a TH's scope. `repair()` then works on
the written bytes with pikepdf: it joins the halves of every element cut by
a page break, makes repeated header rows and the running header and footer
`/Artifact /Pagination` in the content streams, mends the nestings, writes
the `/IDTree`, and removes the private keys (that half is `tag_tree.Mender`);
it also maps Arabic presentation-form glyphs back to letters. Nothing here
changes how a page looks. docs/patches/weasyprint-tags.md is the report to
file upstream.
"""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any

from briefgen.rendering.tag_tree import KEY, LEADER, Mender

_installed = False


def install() -> None:
    """Wrap WeasyPrint's tree builder (idempotent)."""
    global _installed
    if _installed:
        return
    import pydyf
    from weasyprint.layout.absolute import AbsolutePlaceholder
    from weasyprint.pdf import tags

    original = tags._build_box_tree

    def build(box: Any, parent: Any, *args: Any) -> Any:
        inner = box._box if isinstance(box, AbsolutePlaceholder) else box
        for element in original(box, parent, *args):
            if getattr(inner, "is_leader", False):
                element[LEADER[1:]] = True
            html = getattr(inner, "element", None)
            if KEY[1:] not in element and html is not None:
                element[KEY[1:]] = pydyf.String(f"{id(html)}:{inner.element_tag}")
                lang = html.get("lang") if hasattr(html, "get") else None
                if lang and element["S"] != "/Document":
                    element["Lang"] = pydyf.String(lang)
                if element["S"] == "/TH":
                    scope = "/Row" if html.get("scope") == "row" else "/Column"
                    element["A"]["Scope"] = scope
            yield element

    tags._build_box_tree = build
    _installed = True


def repair(data: bytes, *, ua: bool = False) -> bytes:
    """The PDF `data` with its structure tree mended (see the module's docstring); with
    `ua`, a PDF/A file's XMP also identifies it as PDF/UA-1."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return data
    Mender(pdf, root).run()
    plain_unicode(pdf)
    if ua:
        claim_ua(pdf)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


# ISO 19005-3 6.6.2.3.1: a property outside the schemas PDF/A predefines (pdfuaid is one) is
# described by a PDF/A extension schema in the same packet.
UA_PACKET = """<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfuaid:part>1</pdfuaid:part>
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Which part of ISO 14289 is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>"""


def claim_ua(pdf: Any) -> None:
    """Add the PDF/UA-1 identification (ISO 14289-1 5) to the XMP packet of a PDF/A file."""
    import pikepdf

    packet = pdf.Root.Metadata.read_bytes().decode("utf-8")
    end = packet.index("</rdf:RDF>")
    packet = packet[:end] + UA_PACKET + packet[end:]
    pdf.Root.Metadata = pdf.make_stream(packet.encode("utf-8"),
                                        Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)


_MAPPED = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")


def plain_unicode(pdf: Any) -> None:
    """Glyphs mapped to Arabic presentation forms map to the letters they stand for.

    Chart labels reach WeasyPrint already shaped, as presentation forms (see
    charts/shaping.py), so their glyphs' /ToUnicode entries name U+FB50–U+FEFF:
    copied or read aloud, they are not the letters a search or a screen reader
    knows. NFKC gives the letters (lam-alef gives two); ISO 14289-1 7.21.7 asks
    for a Unicode value that means the character, and this is it.
    """
    done: set[tuple[int, int]] = set()
    for font in _all_fonts(pdf):
        cmap = font.get("/ToUnicode")
        if cmap is None or cmap.objgen in done:
            continue
        done.add(cmap.objgen)
        data = cmap.read_bytes()

        def plain(match: re.Match[bytes]) -> bytes:
            text = bytes.fromhex(match.group(2).decode()).decode("utf-16-be", "replace")
            if not any(0xFB50 <= ord(c) <= 0xFDFF or 0xFE70 <= ord(c) <= 0xFEFF for c in text):
                return match.group(0)
            letters = unicodedata.normalize("NFKC", text).encode("utf-16-be").hex()
            return b"<" + match.group(1) + b"> <" + letters.encode() + b">"

        mapped = _MAPPED.sub(plain, data)
        if mapped != data:
            cmap.write(mapped)  # stored plain: save() compresses it again


def _all_fonts(pdf: Any) -> Any:
    """Every font that any page or form XObject uses."""
    import pikepdf

    seen: set[tuple[int, int]] = set()
    stack = [page.obj.get("/Resources") for page in pdf.pages]
    while stack:
        resources = stack.pop()
        if not isinstance(resources, pikepdf.Dictionary) or resources.objgen in seen \
                and resources.objgen != (0, 0):
            continue
        seen.add(resources.objgen)
        yield from resources.get("/Font", {}).values()
        for xobject in resources.get("/XObject", {}).values():
            stack.append(xobject.get("/Resources"))
        for pattern in resources.get("/Pattern", {}).values():
            stack.append(pattern.get("/Resources"))
