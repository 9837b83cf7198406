"""The content-stream half of the tag repair: marked content made artifact content.

The whole repair is checked clause by clause on built PDFs in test_pdf_standards.py; these
check the two ways a page's stream is rewritten, byte search and full parse, agree.
"""

from __future__ import annotations

import pikepdf

from briefgen.rendering.marked_content import artifacts_in
from briefgen.rendering.tag_tree import PAGINATION, Mender

SIMPLE = (b"q\n/Span\n<</MCID 0>>\nBDC\nBT\n[<0033>-19 <0044>] TJ\nET\nEMC\n"
          b"/P <</MCID 1>> BDC\nBT\n<0045> Tj\nET\nEMC\nQ\n")


def _operators(data: bytes) -> list[tuple[list[str], str]]:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.pages[0].obj.Contents = pdf.make_stream(data)
    return [([str(o) for o in operands], str(op))
            for operands, op in pikepdf.parse_content_stream(pdf.pages[0])]


def test_a_simple_stream_is_rewritten_byte_for_byte_but_the_marked_content() -> None:
    out = artifacts_in(SIMPLE, {1: PAGINATION})
    assert out is not None
    assert out == SIMPLE.replace(b"/P <</MCID 1>> BDC", b"/Artifact <</Type /Pagination>> BDC")
    assert artifacts_in(SIMPLE, {}) == SIMPLE
    font = b"BT\n/FID 9 Tf\nET\n"  # a font named ...ID: no inline image
    assert artifacts_in(font + SIMPLE, {1: PAGINATION}) == font + out


def test_a_stream_it_cannot_be_sure_of_is_left_to_the_parser() -> None:
    assert artifacts_in(SIMPLE + b"BT\n(<</MCID 1>> BDC) Tj\nET\n", {1: PAGINATION}) is None
    assert artifacts_in(SIMPLE + b"% <</MCID 1>> BDC\n", {1: PAGINATION}) is None
    assert artifacts_in(SIMPLE + b"BI /W 1 /H 1 ID \x00\xff EI\n", {1: PAGINATION}) is None
    other_keys = SIMPLE.replace(b"<</MCID 1>>", b"<</MCID 1 /ActualText <0041>>>")
    assert artifacts_in(other_keys, {1: PAGINATION}) is None


def test_both_ways_make_the_same_artifacts() -> None:
    """A page with a literal string goes through the parser; the result has the same
    operators as the byte search gives on the same page without it."""
    streams = {}
    for name, data in (("fast", SIMPLE), ("parsed", SIMPLE + b"BT\n(x) Tj\nET\n")):
        pdf = pikepdf.new()
        pdf.add_blank_page()
        pdf.pages[0].obj.Contents = pdf.make_stream(data)
        pdf.Root.StructTreeRoot = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array(),
            ParentTree=pikepdf.Dictionary(Nums=pikepdf.Array())))
        mender = Mender(pdf, pdf.Root.StructTreeRoot)
        mender.artifacts = {0: {1: PAGINATION}}
        mender.rewrite_streams()
        streams[name] = _operators(pdf.pages[0].obj.Contents.read_bytes())
    assert streams["parsed"][:len(streams["fast"])] == streams["fast"]
    marked = [operands for operands, op in streams["fast"] if op == "BDC"]
    assert [operands[0] for operands in marked] == ["/Span", "/Artifact"]
    assert "/Pagination" in marked[1][1]
