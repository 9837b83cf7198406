"""A page's marked content made artifact content, in its content stream (`tag_tree`'s half
that rewrites streams).

A page whose content stream is one stream with no literal string, comment or inline image
(what WeasyPrint writes: text is hex glyph strings) is rewritten byte for byte: there,
every `<<` opens a dictionary, so the marked-content operators are found by a pattern and
the rest of the stream is left as it was. Any other page is parsed and written again whole,
which is exact but takes several times as long.
"""

from __future__ import annotations

import re
from typing import Any

# A content stream's marked content with an MCID, `/Tag <</MCID n>> BDC`, and what makes a
# stream unsafe to search for it: a literal string, a comment, or an inline image's data.
_REGULAR = rb"[^\s/<>\[\]()%{}]"  # a byte that is neither white space nor a delimiter
_MARKED = re.compile(rb"/" + _REGULAR + rb"+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC(?!" + _REGULAR
                     + rb")")
_ID = re.compile(rb"ID(?!" + _REGULAR + rb")")  # the operator that opens inline image data
_IS_REGULAR = re.compile(_REGULAR)


def artifacts_in(data: bytes, mcids: dict[int, str]) -> bytes | None:
    """`data` with the marked content of `mcids` made artifacts of their kind, the rest
    byte for byte as it was; None when the stream is not simple enough to be sure of."""
    if b"(" in data or b"%" in data or any(
            found.start() == 0 or not _IS_REGULAR.match(data, found.start() - 1)
            for found in _ID.finditer(data)):  # (a name such as /FontID is no operator)
        return None
    found = 0

    def artifact(match: re.Match[bytes]) -> bytes:
        nonlocal found
        found += 1
        kind = mcids.get(int(match.group(1)))
        if kind is None:
            return match.group(0)
        return b"/Artifact <</Type " + kind.encode("ascii") + b">> BDC"

    out = _MARKED.sub(artifact, data)
    return out if found == data.count(b"/MCID") else None  # an MCID in another shape


def as_artifacts(pdf: Any, page: Any, mcids: dict[int, str]) -> None:
    """The marked content of `mcids` on `page` (MCID → artifact type, `/Pagination` or
    `/Layout`) becomes `/Artifact` content of that type."""
    import pikepdf

    contents = page.obj.get("/Contents")
    if isinstance(contents, pikepdf.Stream):
        rewritten = artifacts_in(contents.read_bytes(), mcids)
        if rewritten is not None:
            contents.write(rewritten)
            return
    out = []
    for operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) == "BDC" and len(operands) == 2 \
                and isinstance(operands[1], pikepdf.Dictionary) \
                and "/MCID" in operands[1] and int(operands[1].MCID) in mcids:
            kind = mcids[int(operands[1].MCID)]
            operands = [pikepdf.Name.Artifact, pikepdf.Dictionary(Type=pikepdf.Name(kind))]
        out.append((operands, operator))
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))
