"""The Word brief (`--format docx`), read back as Word and LibreOffice read it.

python-docx opens what briefgen wrote: the sections in the PDF's order as
headings, quotes verbatim in the Quote style, the markings in every header
and footer, page fields, core properties, charts with alternative text,
tables, links to the sources, and Arabic set right to left. LibreOffice
converts it once, and the pages' text is checked.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import CONTRACT, SEED, SEED_SOURCE
from docx.oxml.ns import qn
from pypdf import PdfReader

from briefgen.build import build
from briefgen.reading.loader import load_brief

pytestmark = pytest.mark.xdist_group("word")  # one worker builds the module's briefs once
ARABIC = Path(__file__).resolve().parent.parent / "fixtures" / "lang" / "idlib-ar.yaml"
SEED_ID = "idlib-talks-2020-02-20"


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("word")
    report = build([SEED], out, formats=("docx",))
    assert report.ok, report.results
    return out / f"{SEED_ID}.docx"


@pytest.fixture(scope="module")
def arabic_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("word-ar")
    report = build([ARABIC], out, formats=("docx",))
    assert report.ok, report.results
    return next(out.glob("*.docx"))


def seed_data() -> dict:
    return load_brief(SEED).data


def headings(document: docx.document.Document, levels: tuple[int, ...]) -> list[tuple[int, str]]:
    return [(int(p.style.name.split()[-1]), p.text) for p in document.paragraphs
            if p.style.name in {f"Heading {n}" for n in levels}]


def outline(entries: list, depth: int = 0) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for entry in entries:
        if isinstance(entry, list):
            found += outline(entry, depth + 1)
        else:
            found.append((depth, str(entry.title)))
    return found


def test_the_sections_are_the_pdfs_in_the_pdfs_order(seed_docx: Path, seed_outputs: Path) -> None:
    """Heading 1 and 2 are the PDF outline's sections and their parts, one for one, so
    Word's navigation pane shows what the PDF's bookmarks show."""
    document = docx.Document(str(seed_docx))
    pdf = PdfReader(seed_outputs / f"{SEED_ID}.pdf")
    expected = [(level, title) for level, title in outline(pdf.outline) if level in (1, 2)]
    assert headings(document, (1, 2)) == expected
    title = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert title == [seed_data()["meta"]["title"]]
    assert headings(document, (3,)), "parties and positions are Heading 3"


def test_every_paragraph_takes_a_style_not_direct_formatting(seed_docx: Path) -> None:
    document = docx.Document(str(seed_docx))
    direct = [p.text[:40] for p in document.paragraphs
              if p.paragraph_format.alignment is not None
              or any(r.bold or r.font.size or r.font.color.rgb for r in p.runs)]
    assert not direct
    used = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "Quote", "List Bullet",
            "List Number", "Caption"} <= used


def test_quotes_are_verbatim_in_the_quote_style(seed_docx: Path) -> None:
    document = docx.Document(str(seed_docx))
    quoted = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    quotes = seed_data()["quotes"]
    assert quotes
    for quote in quotes:
        assert quote["text"] in quoted, quote["id"]


def test_every_header_and_footer_carries_the_markings_and_the_footer_the_page(
        seed_docx: Path) -> None:
    document = docx.Document(str(seed_docx))
    assert document.sections
    for section in document.sections:
        assert not section.different_first_page_header_footer
        for part in (section.header, section.footer):
            assert not part.is_linked_to_previous
            text = " ".join(p.text for p in part.paragraphs)
            assert "PUBLIC" in text and "TLP:CLEAR" in text, text
        instructions = [t.text.strip() for t in section.footer._element.iter(qn("w:instrText"))]
        assert instructions == ["PAGE", "NUMPAGES"]
        assert "Page 1 of 1" in section.footer.paragraphs[0].text


def test_core_properties_come_from_meta(seed_docx: Path) -> None:
    meta = seed_data()["meta"]
    props = docx.Document(str(seed_docx)).core_properties
    assert props.title == meta["title"]
    assert props.subject == meta["subtitle"]
    assert props.author == "; ".join(a["name"] for a in meta["authors"])
    assert props.keywords == ", ".join(meta["tags"])
    assert props.created.date().isoformat() == str(meta["date"])
    assert props.modified == props.created
    assert props.language == "en"


def test_the_charts_are_images_with_alternative_text(seed_docx: Path) -> None:
    document = docx.Document(str(seed_docx))
    shapes = list(document.inline_shapes)
    assert len(shapes) == 3  # the risk matrix, the relations diagram, the timeline
    alts = [shape._inline.docPr.get("descr") for shape in shapes]
    assert all(alt and len(alt) > 20 for alt in alts), alts
    assert any("risk" in alt.lower() for alt in alts)
    with zipfile.ZipFile(seed_docx) as package:
        media = [n for n in package.namelist() if n.startswith("word/media/")]
        assert len(media) == 3
        assert all(package.read(n).startswith(b"\x89PNG") for n in media)


def test_risks_and_relations_are_tables_with_a_repeated_header(seed_docx: Path) -> None:
    document = docx.Document(str(seed_docx))
    data = seed_data()
    heads = {tuple(c.text for c in t.rows[0].cells): t for t in document.tables}
    risks = heads[("Risk", "Level", "Likelihood", "Impact", "Trend", "Confidence")]
    assert len(risks.rows) == 1 + len(data["risks"])
    relations = heads[("From", "Relation", "To", "Trend", "Note")]
    assert len(relations.rows) > 1
    for table in (risks, relations):
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_every_reference_to_a_source_links_to_its_entry(seed_docx: Path) -> None:
    """Endnote-style sources: `S1` anywhere is a link to the numbered entry under
    Sources and method."""
    body = docx.Document(str(seed_docx)).element.body
    marks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    links = [(h.get(qn("w:anchor")), "".join(t.text for t in h.iter(qn("w:t"))))
             for h in body.iter(qn("w:hyperlink")) if h.get(qn("w:anchor"))]
    to_sources = [anchor for anchor, text in links if text == "S1"]
    assert len(to_sources) > 5
    assert set(to_sources) <= marks
    assert {anchor for anchor, _ in links} <= marks


def test_the_same_brief_gives_the_same_bytes(tmp_path: Path, seed_docx: Path) -> None:
    """Built again in a fresh process, after a PDF laid out in that process (whose fonts
    fontconfig then holds), the Word brief is the same to the byte: its charts too. The PDF
    is a generated four-page brief's, a third of the seed's layout."""
    from bench.generate import SIZES, write_briefs

    (other,) = write_briefs(tmp_path / "other", 1, SIZES["small"], 7, "gen")
    script = ("import sys; from pathlib import Path; from briefgen.build import build; "
              "out = Path(sys.argv[3]); "
              "assert build([Path(sys.argv[1])], out / 'pdf', ('pdf',)).ok; "
              "assert build([Path(sys.argv[2])], out, ('docx',)).ok")
    done = subprocess.run([sys.executable, "-c", script, str(other), str(SEED), str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "pdf" / "gen-0000.pdf").is_file()
    again = (tmp_path / seed_docx.name).read_bytes()
    assert again == seed_docx.read_bytes()
    with zipfile.ZipFile(seed_docx) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert package.namelist()[0] == "[Content_Types].xml"


def test_arabic_is_set_right_to_left(arabic_docx: Path) -> None:
    document = docx.Document(str(arabic_docx))
    body = document.element.body
    paragraphs = document.paragraphs
    arabic = [p for p in paragraphs if any("\u0600" <= c <= "\u06ff" for c in p.text)]
    assert len(arabic) > 20
    for para in arabic:
        assert para._p.pPr is not None and para._p.pPr.find(qn("w:bidi")) is not None, para.text
        runs = [r for r in para.runs if any("\u0600" <= c <= "\u06ff" for c in r.text)]
        assert all(r._r.rPr is not None and r._r.rPr.find(qn("w:rtl")) is not None
                   for r in runs), para.text
    assert all(t.tblPr.find(qn("w:bidiVisual")) is not None for t in body.iter(qn("w:tbl")))
    assert document.sections[0]._sectPr.find(qn("w:bidi")) is not None
    footer = document.sections[0].footer.paragraphs[0].text
    assert "TLP:CLEAR" in footer and "صفحة" in footer, footer


def test_every_key_of_the_format_and_text_xml_cannot_hold_make_a_word_brief(
        tmp_path: Path) -> None:
    """The contract brief uses every key; a title with control characters, U+FFFE and
    300 characters (more than a core property holds) builds as the HTML does."""
    hostile = tmp_path / "briefs"
    hostile.mkdir()
    shutil.copy(SEED_SOURCE, hostile)
    text = SEED.read_text(encoding="utf-8")
    title = seed_data()["meta"]["title"]
    long_title = "Idlib " * 50
    (hostile / SEED.name).write_text(
        text.replace(f"  title: {title}\n", f'  title: "{long_title}\\a\\x0b\\uFFFE end"\n', 1),
        encoding="utf-8")
    full = CONTRACT / "full" / "full-format.yaml"
    report = build([full, hostile / SEED.name], tmp_path / "out", formats=("docx",))
    assert report.ok, report.results
    document = docx.Document(str(tmp_path / "out" / f"{SEED_ID}.docx"))
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == \
        [long_title + " end"]
    assert document.core_properties.title == (long_title + " end")[:255]
    contract = docx.Document(str(tmp_path / "out" / "full-format.docx"))
    assert len(contract.paragraphs) > 100


def test_the_one_pager_theme_names_its_file_and_keeps_to_its_content(tmp_path: Path) -> None:
    report = build([SEED], tmp_path, formats=("docx",), theme="one-pager")
    assert report.ok, report.results
    document = docx.Document(str(tmp_path / f"{SEED_ID}.one-pager.docx"))
    assert [t for level, t in headings(document, (1,))] == [
        "Bottom line up front", "Key figures", "Top risks", "Recommendations"]
    assert len(headings(document, (2,))) == 3


def house_document(path: Path, red: int = 0xAB) -> None:
    """A house reference document: its own Heading 1 colour, and text that must not travel."""
    house = docx.Document()
    house.styles["Heading 1"].font.color.rgb = docx.shared.RGBColor(red, 0x12, 0x34)
    house.add_paragraph("HOUSE TEMPLATE BOILERPLATE")
    house.save(str(path))


def test_a_house_reference_document_lends_its_styles(tmp_path: Path) -> None:
    project = tmp_path / "desk"
    (project / "briefs").mkdir(parents=True)
    shutil.copy(SEED, project / "briefs")
    shutil.copy(SEED_SOURCE, project / "briefs")
    (project / "briefgen.toml").write_text('[build]\ndocx_reference = "house/word.docx"\n',
                                           encoding="utf-8")
    (project / "house").mkdir()
    house_document(project / "house" / "word.docx")
    done = subprocess.run([sys.executable, "-m", "briefgen", "build", "briefs", "--format",
                           "docx"], cwd=project, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    written = project / "output" / f"{SEED_ID}.docx"
    document = docx.Document(str(written))
    assert str(document.styles["Heading 1"].font.color.rgb) == "AB1234"
    assert "BOILERPLATE" not in "\n".join(p.text for p in document.paragraphs)
    assert "Summary" in [p.text for p in document.paragraphs if p.style.name == "Heading 1"]

    def rebuild() -> str:
        return subprocess.run([sys.executable, "-m", "briefgen", "build", "briefs", "--format",
                               "docx"], cwd=project, capture_output=True, text=True,
                              timeout=120).stdout

    assert "current" in rebuild()
    house_document(project / "house" / "word.docx", red=0xCD)  # a new house style: built again
    assert "built" in rebuild()


@pytest.mark.parametrize(("setting", "says"), [
    ('docx_reference = "missing.docx"', "there is no 'missing.docx' beside briefgen.toml"),
    ('docx_reference = "briefgen.toml"', "is not a Word document"),
    ('docx_reference = "../outside.docx"', "outside the project folder"),
])
def test_a_bad_house_document_is_refused_where_it_is_named(tmp_path: Path, setting: str,
                                                           says: str) -> None:
    project = tmp_path / "desk"
    (project / "briefs").mkdir(parents=True)
    shutil.copy(SEED, project / "briefs")
    shutil.copy(SEED_SOURCE, project / "briefs")
    (project / "briefgen.toml").write_text(f"# house style\n[build]\n{setting}\n",
                                           encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "briefgen", "build", "briefs", "--format",
                           "docx"], cwd=project, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "briefgen.toml:3:1" in done.stderr and says in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert not (project / "output").exists() or not list((project / "output").glob("*.docx"))


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (Debian's libreoffice-writer-nogui) is not installed")
def test_libreoffice_opens_it_as_a_clean_word_document(seed_docx: Path, seed_outputs: Path,
                                                       tmp_path: Path) -> None:
    """One conversion: every page carries the markings and its number, and the sections
    come in the PDF's order."""
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(seed_docx)],
                          capture_output=True, text=True, timeout=180)
    converted = tmp_path / f"{SEED_ID}.pdf"
    assert converted.is_file(), done.stdout + done.stderr
    reader = PdfReader(converted)
    pages = len(reader.pages)
    assert pages > 5
    texts = [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n),
                             str(converted), "-"], capture_output=True, text=True,
                            check=True).stdout for n in range(1, pages + 1)]
    for number, text in enumerate(texts, start=1):
        assert text.count("TLP:CLEAR") >= 2, number  # header and footer
        assert f"Page {number} of {pages}" in text, number
    whole = "\n".join(texts)
    sections = [title for level, title in outline(PdfReader(seed_outputs / f"{SEED_ID}.pdf")
                                                  .outline) if level == 1]
    places = [whole.index(f"\n{title}") for title in sections]
    assert places == sorted(places), sections
    assert "Russia and Turkey fail to agree" in texts[0]
