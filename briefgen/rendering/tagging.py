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
the `/IDTree`, and removes the private keys. Nothing here changes how a page
looks. docs/patches/weasyprint-tags.md is the report to file upstream.
"""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any

KEY = "/BriefgenKey"  # private, removed by repair(); never in a written file
LEADER = "/BriefgenLeader"  # private too: the dots of a leader(), which are layout
PAGINATION, LAYOUT = "/Pagination", "/Layout"
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
    _Mender(pdf, root).run()
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


def _kids(element: Any) -> list[Any]:
    import pikepdf

    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _is_elem(kid: Any) -> bool:
    import pikepdf

    return isinstance(kid, pikepdf.Dictionary) and "/S" in kid


class _Mender:
    def __init__(self, pdf: Any, root: Any) -> None:
        self.pdf, self.root = pdf, root
        self.pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        self.moved: dict[tuple[int, int], Any] = {}  # element → the one it was joined to
        self.artifacts: dict[int, dict[int, str]] = {}  # page → MCID → artifact type
        self.ids: dict[str, str] = {}  # a repeated TH's id → the first TH's id

    def run(self) -> None:
        import pikepdf

        documents = [kid for kid in _kids(self.root) if _is_elem(kid)]
        for document in documents:
            self.mend(document)
        self.orphans(documents)
        self.rewrite_streams()
        self.parent_tree()
        id_tree: dict[str, Any] = {}
        for thing in self.pdf.objects:  # reached or not: no private key leaves this module
            if isinstance(thing, pikepdf.Dictionary):
                for private in (KEY, LEADER):
                    if private in thing:
                        del thing[private]
        for element in self.walk(documents):
            attributes = element.get("/A")
            if isinstance(attributes, pikepdf.Dictionary) and "/Headers" in attributes:
                attributes.Headers = pikepdf.Array(
                    [pikepdf.String(self.ids.get(str(h), str(h))) for h in attributes.Headers])
            if "/ID" in element:
                id_tree[str(element.ID)] = element
        if id_tree:
            tree = pikepdf.NameTree.new(self.pdf)
            for name in sorted(id_tree):
                tree[name] = id_tree[name]
            self.root.IDTree = tree.obj

    def walk(self, elements: list[Any]) -> Any:
        stack = list(reversed(elements))
        while stack:
            element = stack.pop()
            yield element
            stack.extend(reversed([kid for kid in _kids(element) if _is_elem(kid)]))

    # -- joining what a page break cut -------------------------------------------------
    def mend(self, element: Any) -> None:
        import pikepdf

        kept: list[Any] = []
        seen: dict[tuple[str, str], Any] = {}
        for kid in self.unwrap(element, _kids(element)):
            if not _is_elem(kid):
                kept.append(kid)
                continue
            if LEADER in kid:
                self.artifact(kid, LAYOUT)
                # its link annotations, if any, belong to the link it is part of
                kept.extend(k for k in _kids(kid) if isinstance(k, pikepdf.Dictionary)
                            and k.get("/Type") == "/OBJR")
                self.moved[kid.objgen] = element
                continue
            key = str(kid.get(KEY, ""))
            last = next((k for k in reversed(kept) if _is_elem(k)), None)
            kind = str(kid.S)
            if key and (key, kind) in seen and kind in ("/THead", "/TFoot"):
                self.drop_repeat(seen[(key, kind)], kid)
                continue
            if key and last is not None and str(last.get(KEY, "")) == key \
                    and str(last.S) == kind:
                self.join(last, kid)
                continue
            if key:
                seen[(key, kind)] = kid
            kept.append(kid)
        kept = self.nesting(element, kept)
        element.K = pikepdf.Array(kept)
        for kid in kept:
            if _is_elem(kid):
                kid.P = element
                self.mend(kid)

    def unwrap(self, element: Any, kids: list[Any]) -> list[Any]:
        """`kids`, with any kid made from the same HTML element as `element` (a column of a
        multi-column list, an anonymous block) replaced by its own kids."""
        key, kind, out = str(element.get(KEY, "")), str(element.S), []
        for kid in kids:
            if key and _is_elem(kid) and LEADER not in kid and str(kid.get(KEY, "")) == key \
                    and str(kid.S) == kind:
                self.moved[kid.objgen] = element
                out.extend(self.unwrap(element, self.pinned(kid)))
            else:
                out.append(kid)
        return out

    def pinned(self, element: Any) -> list[Any]:
        """`element`'s kids, its own MCIDs as references that name their page."""
        import pikepdf

        page = element.get("/Pg")
        return [pikepdf.Dictionary(Type=pikepdf.Name.MCR, MCID=int(kid), Pg=page)
                if page is not None and not isinstance(kid, pikepdf.Dictionary) else kid
                for kid in _kids(element)]

    def join(self, first: Any, second: Any) -> None:
        """`second`, the part of `first` on a later page, becomes part of `first`."""
        import pikepdf

        if second.get("/Pg") is not None and first.get("/Pg") is not None \
                and second.Pg.objgen != first.Pg.objgen:
            first.K = pikepdf.Array(self.pinned(first))
            first.K = pikepdf.Array([*_kids(first), *self.pinned(second)])
        else:
            first.K = pikepdf.Array([*_kids(first), *_kids(second)])
        self.moved[second.objgen] = first

    def drop_repeat(self, original: Any, repeat: Any) -> None:
        """A header (or footer) row group a table repeats on a later page: an artifact."""
        originals = [e for e in self.walk([original]) if str(e.S) == "/TH" and "/ID" in e]
        repeats = [e for e in self.walk([repeat]) if str(e.S) == "/TH" and "/ID" in e]
        for old, new in zip(originals, repeats, strict=False):
            self.ids[str(new.ID)] = str(old.ID)
        self.artifact(repeat)

    def artifact(self, element: Any, kind: str = PAGINATION) -> None:
        """Every MCID under `element` becomes artifact content of `kind`."""
        import pikepdf

        for node in self.walk([element]):
            for kid in _kids(node):
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    self.mark(kid.Pg, int(kid.MCID), kind)
                elif not isinstance(kid, pikepdf.Dictionary):
                    self.mark(node.get("/Pg"), int(kid), kind)

    def mark(self, page: Any, mcid: int, kind: str = PAGINATION) -> None:
        if page is not None:
            self.artifacts.setdefault(self.pages[page.objgen], {}).setdefault(mcid, kind)

    # -- nestings ----------------------------------------------------------------------
    def nesting(self, element: Any, kids: list[Any]) -> list[Any]:
        import pikepdf

        kind = str(element.S)
        out: list[Any] = []
        if kind == "/L":
            for kid in kids:
                if _is_elem(kid) and str(kid.S) == "/Div" and all(
                        _is_elem(k) and str(k.S) in ("/LI", "/L") for k in _kids(kid)):
                    out.extend(_kids(kid))  # L › Div › LI: the Div goes
                elif _is_elem(kid) and str(kid.S) not in ("/LI", "/L", "/Caption"):
                    self.artifact(kid)  # white space between items, which is no item
                else:
                    out.append(kid)
            return out
        if kind == "/LI":
            labels = [k for k in kids if _is_elem(k) and str(k.S) == "/Lbl"]
            bodies = [k for k in kids if _is_elem(k) and str(k.S) == "/LBody"]
            rest = [k for k in kids if not (_is_elem(k) and str(k.S) in ("/Lbl", "/LBody"))]
            if rest:  # Lbl beside bare content: the content goes into an LBody
                body = bodies[0] if bodies else self.pdf.make_indirect(pikepdf.Dictionary(
                    Type=pikepdf.Name.StructElem, S=pikepdf.Name.LBody, K=pikepdf.Array(),
                    P=element, **({"Pg": element.Pg} if "/Pg" in element else {})))
                body.K = pikepdf.Array([*_kids(body), *rest])
                for kid in rest:
                    if _is_elem(kid):
                        kid.P = body
                    elif "/Pg" in element and not isinstance(kid, pikepdf.Dictionary):
                        self.moved_mcid(element, body, kid)
                return [*labels, body, *bodies[1:]]
            return kids
        if kind == "/Caption":
            for kid in kids:
                if _is_elem(kid) and str(kid.S) == "/Caption":
                    out.extend(_kids(kid))  # Caption in Caption: the inner one goes
                    self.moved[kid.objgen] = element
                else:
                    out.append(kid)
            return out
        return kids

    def moved_mcid(self, old: Any, new: Any, mcid: Any) -> None:
        self.moved.setdefault(("mcid", old.objgen, int(mcid)), new)  # type: ignore[index]

    # -- what no parent lists ----------------------------------------------------------
    def orphans(self, documents: list[Any]) -> None:
        """Marked content whose element the tree does not reach: the running header and
        footer (WeasyPrint's margin boxes), and white space dropped above."""
        reached = {element.objgen for element in self.walk(documents)}
        for page, mapping in self.page_mappings():
            for mcid, element in enumerate(mapping):
                if element is None or not hasattr(element, "objgen"):
                    continue
                target = self.follow(element)
                if target.objgen not in reached:
                    self.artifacts.setdefault(page, {}).setdefault(mcid, PAGINATION)

    def follow(self, element: Any) -> Any:
        while element.objgen in self.moved:
            element = self.moved[element.objgen]
        return element

    def page_mappings(self) -> list[tuple[int, Any]]:
        """(page index, its MCID → element array) for every page in the ParentTree."""
        nums = self.root.ParentTree.Nums
        return [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2)
                if int(nums[i]) < len(self.pdf.pages)]

    def rewrite_streams(self) -> None:
        import pikepdf

        for index, mcids in self.artifacts.items():
            page = self.pdf.pages[index]
            commands = pikepdf.parse_content_stream(page)
            out = []
            for operands, operator in commands:
                if str(operator) == "BDC" and len(operands) == 2 \
                        and isinstance(operands[1], pikepdf.Dictionary) \
                        and "/MCID" in operands[1] and int(operands[1].MCID) in mcids:
                    kind = mcids[int(operands[1].MCID)]
                    operands = [pikepdf.Name.Artifact, pikepdf.Dictionary(Type=pikepdf.Name(kind))]
                out.append((operands, operator))
            page.obj.Contents = self.pdf.make_stream(pikepdf.unparse_content_stream(out))

    def parent_tree(self) -> None:
        """Each MCID and annotation maps to the element that now holds it; artifacts to
        nothing."""
        import pikepdf

        nums = self.root.ParentTree.Nums
        for index in range(0, len(nums), 2):
            key, value = int(nums[index]), nums[index + 1]
            if isinstance(value, pikepdf.Array):
                gone = self.artifacts.get(key, {})
                nums[index + 1] = pikepdf.Array([
                    None if mcid in gone or not hasattr(element, "objgen")
                    else self.follow(self.moved.get(("mcid", element.objgen, mcid), element))
                    for mcid, element in enumerate(value)])
            elif hasattr(value, "objgen"):
                nums[index + 1] = self.follow(value)
