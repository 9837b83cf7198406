"""PDF/A-3 (ISO 19005-3) and PDF/UA-1 (ISO 14289-1, Matterhorn Protocol 1.1), clause by clause.

veraPDF cannot be installed here, so each clause a tool can read is checked on its own:
pikepdf for the objects, qpdf and ghostscript for the file as a whole, poppler for the fonts,
and the `pdfua` checker for its own subset. Each variant is built once per test run
(`shared_builds`); every test reads it. README.md's table names each clause and its test.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from conftest import SEED

SEED_ID = SEED.stem
ARABIC = Path(__file__).resolve().parent.parent / "fixtures" / "lang" / "idlib-ar.yaml"
ARCHIVAL = ("pdf/a-3b", "pdf/a-3a+ua-1")
ACCESSIBLE = ("pdf/ua-1", "pdf/a-3a+ua-1")  # the variants that claim PDF/UA-1
# Every PDF briefgen writes is tagged and repaired: the default too, and pdf/a-3b.
TAGGED = ("default", "pdf/a-3b", "pdf/ua-1", "pdf/a-3a+ua-1")
# .ci/run installs qpdf and ghostscript: there (CI set) their absence fails, here it skips.
NEEDS_CLI = pytest.mark.skipif(
    not os.environ.get("CI") and (shutil.which("qpdf") is None or shutil.which("gs") is None),
    reason="qpdf and ghostscript are installed by .ci/run")


@pytest.fixture(scope="module")
def built(shared_builds: Any) -> dict[str, Path]:
    """The seed's PDF in each variant, and its HTML, by variant ("default": no variant)."""
    return shared_builds.get_all({variant: (SEED, None if variant == "default" else variant)
                                  for variant in TAGGED})


def _pdf(built: dict[str, Path], variant: str) -> pikepdf.Pdf:
    """Opened once and kept open: an object read from a closed Pdf is destroyed."""
    return _open(built[variant] / f"{SEED_ID}.pdf")


@cache
def _open(path: Path) -> pikepdf.Pdf:
    return pikepdf.open(path)


def _xmp(pdf: pikepdf.Pdf) -> str:
    return pdf.Root.Metadata.read_bytes().decode("utf-8")


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _elements(pdf: pikepdf.Pdf) -> Iterator[Any]:
    """Every structure element reachable from the StructTreeRoot, in reading order."""
    stack = list(reversed(_kids(pdf.Root.StructTreeRoot)))
    while stack:
        element = stack.pop()
        if isinstance(element, pikepdf.Dictionary) and "/S" in element:
            yield element
            stack.extend(reversed(_kids(element)))


def _marked(pdf: pikepdf.Pdf) -> list[tuple[int, list[tuple[str, Any]], str]]:
    """(page, the open marked-content sequences, operator) for every text-showing and
    marked-content operator of every page."""
    return _parsed(pdf)


@cache
def _parsed(pdf: pikepdf.Pdf) -> list[tuple[int, list[tuple[str, Any]], str]]:
    return list(_operators(pdf))


def _operators(pdf: pikepdf.Pdf) -> Iterator[tuple[int, list[tuple[str, Any]], str]]:
    for index, page in enumerate(pdf.pages):
        stack: list[tuple[str, Any]] = []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                stack.append((str(operands[0]), operands[1] if op == "BDC" else None))
                yield index, list(stack), op
            elif op == "EMC":
                stack.pop()
            elif op in ("Tj", "TJ", "'", '"', "Do"):
                yield index, list(stack), op


def _html(built: dict[str, Path], variant: str) -> str:
    return (built[variant] / f"{SEED_ID}.html").read_text(encoding="utf-8")


# -- PDF/A-3 (ISO 19005-3) ---------------------------------------------------------------

@pytest.mark.parametrize(("variant", "level"), [("pdf/a-3b", "B"), ("pdf/a-3a+ua-1", "A")])
def test_xmp_identifies_pdf_a_3(built: dict[str, Path], variant: str, level: str) -> None:
    """ISO 19005-3 6.6.4: pdfaid:part and pdfaid:conformance in the XMP packet."""
    xmp = _xmp(_pdf(built, variant))
    assert 'pdfaid:part="3"' in xmp and f'pdfaid:conformance="{level}"' in xmp


@pytest.mark.parametrize("variant", ARCHIVAL)
def test_output_intent_carries_an_rgb_icc_profile(built: dict[str, Path], variant: str) -> None:
    """ISO 19005-3 6.2.3: a GTS_PDFA1 output intent whose profile is a valid ICC profile."""
    intents = _pdf(built, variant).Root.OutputIntents
    assert len(intents) == 1 and intents[0].S == "/GTS_PDFA1"
    profile = intents[0].DestOutputProfile
    data = profile.read_bytes()
    assert int(profile.N) == 3 and data[36:40] == b"acsp" and data[16:20] == b"RGB "
    assert int.from_bytes(data[:4], "big") == len(data)


def _fonts(pdf: pikepdf.Pdf) -> Iterator[Any]:
    for page in pdf.pages:
        for font in page.Resources.get("/Font", {}).values():
            yield from (font.DescendantFonts if "/DescendantFonts" in font else [font])


@pytest.mark.parametrize("variant", TAGGED)
def test_every_font_is_embedded_with_a_unicode_map(built: dict[str, Path], variant: str) -> None:
    """ISO 19005-3 6.2.11.4.1 and 6.2.11.7.2, ISO 14289-1 7.21.4.1 and 7.21.7 (Matterhorn 31):
    each font program is in the file, and each font maps its glyphs to Unicode."""
    pdf = _pdf(built, variant)
    fonts = list(_fonts(pdf))
    assert fonts
    for font in fonts:
        descriptor = font.FontDescriptor
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), font.BaseFont
    listing = subprocess.run(["pdffonts", str(built[variant] / f"{SEED_ID}.pdf")],
                             capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert listing and all(re.search(r"\byes\s+yes\s+yes\b", row) for row in listing), listing


@pytest.mark.parametrize("variant", ARCHIVAL)
def test_every_embedded_file_says_what_it_is_and_why(built: dict[str, Path],
                                                     variant: str) -> None:
    """ISO 19005-3 6.8: each file specification has /AFRelationship, is listed in the
    catalog's /AF, and its stream has a MIME type (/Subtype) and a modification date."""
    pdf = _pdf(built, variant)
    listed = {spec.objgen for spec in pdf.Root.AF}
    assert set(pdf.attachments) == {SEED.name, "the-national-2020-02-20-idlib-talks.txt"}
    for name, attachment in pdf.attachments.items():
        spec = attachment.obj
        assert spec.objgen in listed, name
        assert str(spec.AFRelationship) in ("/Source", "/Data", "/Supplement"), name
        assert re.fullmatch(r"/[a-z]+#?2?[Ff]?/?[\w.+#-]+", str(spec.EF.F.Subtype)), name
        assert "/ModDate" in spec.EF.F.Params and "/UF" in spec and "/F" in spec, name


@NEEDS_CLI
@pytest.mark.parametrize("variant", TAGGED)
def test_the_file_is_sound_to_qpdf_and_ghostscript(built: dict[str, Path], variant: str) -> None:
    """ISO 19005-3 6.1 and ISO 14289-1 6.1 (the file format of ISO 32000-1): qpdf finds no
    syntax or stream error, ghostscript reads every page without one, and the trailer has
    an /ID (6.1.3)."""
    path = str(built[variant] / f"{SEED_ID}.pdf")
    check = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
    assert check.returncode == 0 and "No syntax or stream encoding errors" in check.stdout
    gs = subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dPDFSTOPONERROR",
                         "-sDEVICE=nullpage", path], capture_output=True, text=True)
    assert gs.returncode == 0 and "Error" not in gs.stdout + gs.stderr, gs.stderr
    assert len(_pdf(built, variant).trailer.ID) == 2


def test_the_pdf_ua_claim_in_a_pdf_a_file_has_its_extension_schema(
        built: dict[str, Path]) -> None:
    """ISO 19005-3 6.6.2.3.1: pdfuaid is not a schema PDF/A predefines, so the packet
    describes it in a pdfaExtension schema."""
    xmp = _xmp(_pdf(built, "pdf/a-3a+ua-1"))
    assert "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>" \
        in xmp and "<pdfaProperty:name>part</pdfaProperty:name>" in xmp


# -- PDF/UA-1 (ISO 14289-1; Matterhorn Protocol 1.1) -------------------------------------

@pytest.mark.parametrize("variant", ACCESSIBLE)
def test_xmp_identifies_pdf_ua_1_and_the_title_is_shown(built: dict[str, Path],
                                                        variant: str) -> None:
    """ISO 14289-1 5 and 7.1 (Matterhorn 06-002, 06-003, 07-001): pdfuaid:part 1, a
    dc:title, and DisplayDocTitle true."""
    pdf = _pdf(built, variant)
    xmp = _xmp(pdf)
    assert re.search(r'pdfuaid:part(="1"|>1<)', xmp) and "<dc:title>" in xmp
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)


@pytest.mark.parametrize("variant", TAGGED)
def test_tagged_with_a_language(built: dict[str, Path], variant: str) -> None:
    """ISO 14289-1 7.1 and 7.2 (Matterhorn 01-002 is human; 06-001, 11-001): marked,
    with a structure tree, no suspects, and the document's language."""
    pdf = _pdf(built, variant)
    assert bool(pdf.Root.MarkInfo.Marked) and not bool(pdf.Root.MarkInfo.get("/Suspects", False))
    assert str(pdf.Root.Lang) == "en" and "/StructTreeRoot" in pdf.Root


@pytest.mark.parametrize("variant", TAGGED)
def test_all_content_is_tagged_or_an_artifact_never_both(built: dict[str, Path],
                                                         variant: str) -> None:
    """ISO 14289-1 7.1-3 (Matterhorn 01-003, 01-004, 01-005): every piece of text and
    every image is in exactly one marked sequence, either tagged (with an MCID) or an
    artifact; none is nested in the other."""
    for page, stack, op in _marked(_pdf(built, variant)):
        kinds = ["artifact" if tag == "/Artifact" else "tagged" for tag, _ in stack]
        if op in ("BDC", "BMC"):
            assert len(set(kinds)) == 1, (page, stack)
        else:
            assert kinds, f"page {page + 1}: {op} outside any marked content"


@pytest.mark.parametrize("variant", TAGGED)
def test_every_mcid_belongs_to_an_element_of_the_tree(built: dict[str, Path],
                                                      variant: str) -> None:
    """ISO 14289-1 7.1 and ISO 32000-1 14.7.4.4 (Matterhorn 01-001): each tagged sequence's
    ParentTree entry is an element the StructTreeRoot reaches. WeasyPrint tags the running
    header and footer under elements no parent lists; this is what catches it."""
    pdf = _pdf(built, variant)
    reached = {element.objgen for element in _elements(pdf)}
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    count = 0
    for page, stack, op in _marked(pdf):
        if op == "BDC" and stack[-1][0] != "/Artifact":
            mcid = int(stack[-1][1].MCID)
            element = parents[page][mcid]
            assert element is not None and element.objgen in reached, (page, mcid)
            count += 1
    assert count > 500


@pytest.mark.parametrize("variant", TAGGED)
def test_running_headers_and_footers_are_pagination_artifacts(built: dict[str, Path],
                                                              variant: str) -> None:
    """ISO 14289-1 7.8 and ISO 32000-1 14.8.2.2 (Matterhorn 18-001): on every page, the
    marking at the top and "Page N of M" at the foot are /Artifact /Pagination text."""
    pdf = _pdf(built, variant)
    per_page: dict[int, int] = {}
    for page, stack, op in _marked(pdf):
        if op in ("Tj", "TJ") and stack[0][0] == "/Artifact" \
                and stack[0][1] is not None and stack[0][1].get("/Type") == "/Pagination":
            per_page[page] = per_page.get(page, 0) + 1
    # four marking texts (left and right, top and bottom) and the page number, at least
    assert sorted(per_page) == list(range(len(pdf.pages)))
    assert min(per_page.values()) >= 4, per_page


@pytest.mark.parametrize("variant", TAGGED)
def test_contents_leaders_are_layout_artifacts(built: dict[str, Path], variant: str) -> None:
    """ISO 14289-1 7.1-3 and 7.3 (Matterhorn 01-001): the dots of the table of contents
    are /Artifact /Layout; each entry reads as its title and its page number only."""
    pdf = _pdf(built, variant)
    layout = [page for page, stack, op in _marked(pdf) if op in ("Tj", "TJ")
              and stack[0][0] == "/Artifact" and stack[0][1] is not None
              and stack[0][1].get("/Type") == "/Layout"]
    assert layout and set(layout) == {0}
    def only_link(item: Any) -> bool:
        bodies = [k for k in _kids(item) if k.S == "/LBody"]
        return len(bodies) == 1 and [k.S for k in _kids(bodies[0])] == ["/Link"]

    contents = next(e for e in _elements(pdf) if e.S == "/L" and all(
        only_link(item) for item in _kids(e)))
    entries = [_kids(_kids(item)[-1])[0] for item in _kids(contents)]
    assert len(entries) == 10

    def mcids(element: Any) -> int:
        return sum(1 if not isinstance(k, pikepdf.Dictionary) else
                   1 if k.get("/Type") == "/MCR" else mcids(k) if "/S" in k else 0
                   for k in _kids(element))
    assert all(mcids(entry) == 2 for entry in entries), [mcids(e) for e in entries]


@pytest.mark.parametrize("variant", TAGGED)
def test_the_structure_is_not_cut_at_page_breaks(built: dict[str, Path], variant: str) -> None:
    """ISO 14289-1 7.1 (Matterhorn 01-006, 09-004, 09-005): one Part for the whole brief,
    and as many lists, tables and header cells in the tree as in the HTML, however the
    pages break them. WeasyPrint makes one of each per page."""
    pdf, html = _pdf(built, variant), _html(built, variant)
    kinds = [str(e.S) for e in _elements(pdf)]
    assert kinds.count("/Part") == 1
    assert kinds.count("/Table") == html.count("<table")
    assert kinds.count("/TH") == len(re.findall(r"<th[ >]", html))
    assert kinds.count("/L") == len(re.findall(r"<(?:ul|ol|dl)[ >]", html))
    summary = next(e for e in _elements(pdf) if e.S == "/L" and e.P.S == "/Sect")
    assert sum(1 for k in _kids(summary) if k.S == "/LI") == html.count('class="point ')


ALLOWED = {  # ISO 32000-1 14.8.4.3.3 Table 336 (lists), 14.8.4.3.4 Table 337 (tables)
    "/L": {"/LI", "/L", "/Caption"}, "/LI": {"/Lbl", "/LBody"},
    "/Table": {"/TR", "/THead", "/TBody", "/TFoot", "/Caption"},
    "/THead": {"/TR"}, "/TBody": {"/TR"}, "/TFoot": {"/TR"}, "/TR": {"/TH", "/TD"},
}


@pytest.mark.parametrize("variant", TAGGED)
def test_lists_tables_and_captions_nest_as_iso_32000_says(built: dict[str, Path],
                                                          variant: str) -> None:
    """Matterhorn 09-004 and 09-005: no L › Div › LI, no Lbl without LBody, no Caption in
    a Caption, and table elements only where Table 337 allows them."""
    for element in _elements(_pdf(built, variant)):
        kinds = [str(k.S) for k in _kids(element) if isinstance(k, pikepdf.Dictionary)
                 and "/S" in k]
        kind = str(element.S)
        if kind in ALLOWED:
            assert set(kinds) <= ALLOWED[kind], (kind, kinds)
        if kind == "/LI" and "/Lbl" in kinds:
            assert "/LBody" in kinds
        if kind == "/Caption":
            assert "/Caption" not in kinds


@pytest.mark.parametrize("variant", TAGGED)
def test_table_headers_have_a_scope_and_headers_resolve(built: dict[str, Path],
                                                        variant: str) -> None:
    """ISO 14289-1 7.5 and ISO 32000-1 14.7.2 (Matterhorn 15-003, 15-005): each TH has a
    /Scope; every id a TD's /Headers names is in the /IDTree and is a TH."""
    pdf = _pdf(built, variant)
    tree = pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree)
    headers = 0
    for element in _elements(pdf):
        if element.S == "/TH":
            assert str(element.A.Scope) in ("/Column", "/Row", "/Both")
        if element.S == "/TD" and "/Headers" in element.get("/A", {}):
            for name in element.A.Headers:
                assert tree[str(name)].S == "/TH", str(name)
                headers += 1
    assert headers > 50


@pytest.mark.parametrize("variant", TAGGED)
def test_figures_have_alternative_text(built: dict[str, Path], variant: str) -> None:
    """ISO 14289-1 7.3 (Matterhorn 13-004)."""
    figures = [e for e in _elements(_pdf(built, variant)) if e.S == "/Figure"]
    assert figures and all(len(str(f.get("/Alt", ""))) > 10 for f in figures)


@pytest.mark.parametrize("variant", TAGGED)
def test_headings_start_at_h1_and_skip_no_level(built: dict[str, Path], variant: str) -> None:
    """ISO 14289-1 7.4.2 (Matterhorn 14-002, 14-003)."""
    levels = [int(str(e.S)[2:]) for e in _elements(_pdf(built, variant))
              if re.fullmatch(r"/H[1-6]", str(e.S))]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels


@pytest.mark.parametrize("variant", TAGGED)
def test_pages_with_annotations_tab_in_structure_order(built: dict[str, Path],
                                                       variant: str) -> None:
    """ISO 14289-1 7.18.3 (Matterhorn 28-008, 28-009)."""
    pages = [p for p in _pdf(built, variant).pages if "/Annots" in p]
    assert pages and all(p.get("/Tabs") == "/S" for p in pages)


@pytest.mark.parametrize("variant", TAGGED)
def test_the_pdfua_checker_finds_nothing(built: dict[str, Path], variant: str) -> None:
    """Its own subset (`pdfua rules`: 7.1, 7.2, 7.3, 7.5, 7.18 …): no finding at all in a
    variant that claims PDF/UA-1; in one that does not, only that it does not (UA-28-004)."""
    path = str(built[variant] / f"{SEED_ID}.pdf")
    found = subprocess.run([sys.executable, "-m", "pdfua", "check", "--format", "json", path],
                           capture_output=True, text=True)
    rules = [finding["rule_id"] for finding in json.loads(found.stdout)["findings"]]
    assert rules == ([] if variant in ACCESSIBLE else ["UA-28-004"]), found.stdout


def test_a_quote_in_another_language_keeps_its_lang(shared_builds: Any) -> None:
    """ISO 14289-1 7.2 (Matterhorn 11-001…11-005): an English quote in an Arabic brief is
    an element with /Lang en; the document itself is /Lang ar."""
    out = shared_builds.get(ARABIC, variant="pdf/ua-1")
    pdf = _open(next(out.glob("*.pdf")))
    assert str(pdf.Root.Lang) == "ar"
    langs = {str(e.Lang) for e in _elements(pdf) if "/Lang" in e}
    assert {"en", "ru", "tr"} <= langs, langs


def test_arabic_chart_labels_copy_as_letters_not_presentation_forms(shared_builds: Any) -> None:
    """ISO 14289-1 7.21.7 (Matterhorn 31-027 asks for a Unicode map; this asks that it mean
    the letters): chart labels are drawn from presentation forms (charts/shaping.py), and
    their glyphs map back to the Arabic letters, lam-alef to two."""
    out = shared_builds.get(ARABIC, variant="pdf/ua-1")
    text = subprocess.run(["pdftotext", str(next(out.glob("*.pdf"))), "-"], capture_output=True,
                          text=True, check=True).stdout
    forms = [c for c in text if 0xFB50 <= ord(c) <= 0xFDFF or 0xFE70 <= ord(c) <= 0xFEFF]
    assert not forms, "".join(forms[:40])
    assert "\u0644\u0627" in text  # lam-alef, as two letters
