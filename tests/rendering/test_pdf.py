"""The seed PDF, read the way a recipient meets it: its text, metadata and pages."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CONTRACT, SEED, SharedBuilds
from pypdf import PdfReader

from briefgen.reading.loader import load_brief
from briefgen.validation.validate import validate

# Its module fixtures build once: every test here runs in the same xdist worker.
pytestmark = pytest.mark.xdist_group("test_pdf")

SEED_ID = "idlib-talks-2020-02-20"


@pytest.fixture(scope="module")
def pdf_text(seed_outputs: Path) -> str:
    reader = PdfReader(seed_outputs / f"{SEED_ID}.pdf")
    return _flat(" ".join(page.extract_text() for page in reader.pages))


def _flat(text: str) -> str:
    """Text as extracted, with line breaks and hyphenation joins folded away."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"-[ \t]*\n\s*", "-", text)  # a line broken after a hyphen
    return re.sub(r"\s+", " ", text)


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", _flat(text)).strip()


def test_title_quotes_and_risks_are_in_the_pdf(pdf_text: str) -> None:
    brief = validate(load_brief(SEED))
    assert _words(brief.meta.title) in pdf_text
    for quote in brief.quotes:
        assert _words(quote.text) in pdf_text, quote.id
    for risk in brief.risks:
        assert _words(risk.title) in pdf_text, risk.id


def test_pdf_metadata_comes_from_meta(seed_outputs: Path) -> None:
    meta = PdfReader(seed_outputs / f"{SEED_ID}.pdf").metadata
    brief = validate(load_brief(SEED))
    assert meta.title == brief.meta.title
    assert meta.author == brief.meta.authors[0].name
    assert meta.subject == brief.meta.subtitle.strip()
    assert meta.get("/Keywords") == ", ".join(brief.meta.tags)
    assert meta.get("/CreationDate", "").startswith("D:20200220")
    assert meta.get("/ModDate", "").startswith("D:20200220")
    root = PdfReader(seed_outputs / f"{SEED_ID}.pdf").trailer["/Root"]
    assert str(root["/Lang"]) == brief.meta.language


def test_every_page_carries_markings_and_page_numbers(seed_outputs: Path) -> None:
    reader = PdfReader(seed_outputs / f"{SEED_ID}.pdf")
    total = len(reader.pages)
    assert total > 2
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Page {number} of {total}" in text
        assert "TLP:CLEAR" in text and "PUBLIC" in text


def test_first_page_renders_to_png(seed_outputs: Path, tmp_path: Path) -> None:
    """Render page 1 with poppler, as a person would look at it, and check it is not blank."""
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm (poppler-utils) is required for this test"
    subprocess.run([pdftoppm, "-png", "-r", "40", "-f", "1", "-l", "1",
                    str(seed_outputs / f"{SEED_ID}.pdf"), str(tmp_path / "page")], check=True)
    from PIL import Image

    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > image.width * image.height * 0.01  # text and the title block are drawn


def test_fictional_marking_on_every_page(shared_builds: SharedBuilds) -> None:
    reader = PdfReader(next(shared_builds.get(CONTRACT / "full" / "full-format.yaml")
                            .glob("*.pdf")))
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert "FICTIONAL" in text, f"page {number} has no FICTIONAL marking"
        assert "CONFIDENTIAL" in text and "TLP:AMBER+STRICT" in text


def _fonts(pdf: Path) -> dict[str, bool]:
    """Every font the PDF uses: its name, and whether its file is embedded."""
    found: dict[str, bool] = {}
    for page in PdfReader(pdf).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts") or [font]:
                descriptor = descendant.get_object().get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor else {}
                embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2",
                                                             "/FontFile3"))
                found[str(font["/BaseFont"])] = embedded
    return found


def test_every_font_is_shipped_embedded_and_subset(seed_outputs: Path) -> None:
    fonts = _fonts(seed_outputs / f"{SEED_ID}.pdf")
    assert fonts, "no fonts found"
    for name, embedded in fonts.items():
        assert embedded, f"{name} is not embedded"
        # only the shipped files are known to fontconfig, under their own names or under
        # the briefgen-* names that styles/pdf-fonts.css gives them
        assert re.fullmatch(r"/[A-Z]{6}\+(briefgen-[A-Za-z-]+|Noto-(Serif|Sans|Naskh-Arabic)"
                            r"(-[A-Za-z]+)*|DejaVu-Sans-Mono)", name), \
            f"{name} is not a subset of a face briefgen ships"
