"""The structure-tree half of `tagging.repair`: joins, artifacts, nestings, the IDTree.

`Mender(pdf, root).run()` works on an open pikepdf document whose tree WeasyPrint wrote
with `tagging.install()` active (each element carrying the private keys below); see
`tagging`'s docstring for the defects it mends and the clauses they break.
"""

from __future__ import annotations

from typing import Any

from briefgen.rendering.marked_content import as_artifacts

KEY = "/BriefgenKey"  # private, removed by Mender.run(); never in a written file
LEADER = "/BriefgenLeader"  # private too: the dots of a leader(), which are layout
PAGINATION, LAYOUT = "/Pagination", "/Layout"


def _kids(element: Any) -> list[Any]:
    import pikepdf

    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _is_elem(kid: Any) -> bool:
    import pikepdf

    return isinstance(kid, pikepdf.Dictionary) and "/S" in kid


class Mender:
    """One repair of one document's structure tree."""

    def __init__(self, pdf: Any, root: Any) -> None:
        self.pdf, self.root = pdf, root
        self.pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        self.moved: dict[tuple[int, int], Any] = {}  # element → the one it was joined to
        self.artifacts: dict[int, dict[int, str]] = {}  # page → MCID → artifact type
        self.ids: dict[str, str] = {}  # a repeated TH's id → the first TH's id
        self.mended: list[Any] = []  # every element of the mended tree, in document order
        self.infos: dict[tuple[int, int], tuple[str, str, bool] | tuple[()]] = {}

    def info(self, kid: Any) -> tuple[str, str, bool] | None:
        """A structure element's private key, type, and whether it is a leader's dots; None
        for anything else a /K holds (an MCID, a marked-content or object reference). Read
        once per element: none of the three changes while the tree is mended."""
        if isinstance(kid, int):
            return None
        objgen = kid.objgen
        found = self.infos.get(objgen)
        if found is None:
            found = (str(kid.get(KEY, "")), str(kid.S), LEADER in kid) if _is_elem(kid) else ()
            if objgen != (0, 0):
                self.infos[objgen] = found
        return found or None

    def run(self) -> None:
        import pikepdf

        documents = [kid for kid in _kids(self.root) if _is_elem(kid)]
        for document in documents:
            self.mend(document)
        self.orphans()
        self.rewrite_streams()
        self.parent_tree()
        id_tree: dict[str, Any] = {}
        for thing in self.pdf.objects:  # reached or not: no private key leaves this module
            if isinstance(thing, pikepdf.Dictionary):
                for private in (KEY, LEADER):
                    if private in thing:
                        del thing[private]
        for element in self.mended:  # the tree as mended: what walk(documents) finds now
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

        self.mended.append(element)
        kept: list[Any] = []
        last = None  # the last element in `kept`
        seen: dict[tuple[str, str], Any] = {}
        for kid in self.unwrap(element, _kids(element)):
            found = self.info(kid)
            if found is None:
                kept.append(kid)
                continue
            key, kind, leader = found
            if leader:
                self.artifact(kid, LAYOUT)
                # its link annotations, if any, belong to the link it is part of
                kept.extend(k for k in _kids(kid) if isinstance(k, pikepdf.Dictionary)
                            and k.get("/Type") == "/OBJR")
                self.moved[kid.objgen] = element
                continue
            if key and (key, kind) in seen and kind in ("/THead", "/TFoot"):
                self.drop_repeat(seen[(key, kind)], kid)
                continue
            if key and last is not None and last[1] == key and last[2] == kind:
                self.join(last[0], kid)
                continue
            if key:
                seen[(key, kind)] = kid
            kept.append(kid)
            last = (kid, key, kind)
        kept = self.nesting(element, kept)
        element.K = pikepdf.Array(kept)
        for kid in kept:
            if self.info(kid) is not None:
                kid.P = element
                self.mend(kid)

    def unwrap(self, element: Any, kids: list[Any]) -> list[Any]:
        """`kids`, with any kid made from the same HTML element as `element` (a column of a
        multi-column list, an anonymous block) replaced by its own kids."""
        key, kind, _ = self.info(element) or ("", "", False)
        out = []
        for kid in kids:
            if key and self.info(kid) == (key, kind, False):
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
    def orphans(self) -> None:
        """Marked content whose element the mended tree does not reach: the running header
        and footer (WeasyPrint's margin boxes), and white space dropped above."""
        reached = {element.objgen for element in self.mended}
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
        """Each MCID that `self.artifacts` names: its marked content becomes an artifact."""
        for index, mcids in self.artifacts.items():
            as_artifacts(self.pdf, self.pdf.pages[index], mcids)

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
