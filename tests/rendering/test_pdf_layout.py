"""The printed page's furniture: running header and footer, each on one line on every page,
and the stress brief's length and markings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CONTRACT, STRESS, SharedBuilds
from pypdf import PdfReader

# Its module fixtures build once: every test here runs in the same xdist worker.
pytestmark = pytest.mark.xdist_group("test_pdf_layout")

# The stress brief (300-character title, 20 parties, 15 risks, Arabic throughout) measured
# 30 pages when this bound was set; a layout change that costs more than a few pages is a
# regression to look at, not a new normal.
STRESS_MAX_PAGES = 33

# brief, its markings as the header and footer print them, its TLP, how its title starts.
FURNITURE = [
    pytest.param(CONTRACT / "full" / "full-format.yaml", "CONFIDENTIAL · FICTIONAL",
                 "TLP:AMBER+STRICT", "Jabal Ruwayda after the", id="contract"),
    pytest.param(STRESS, "RESTRICTED · FICTIONAL", "TLP:RED",
                 "The Marsa Yunus port blockade, the seized", id="stress"),
]


@pytest.fixture(scope="module")
def pdfs(shared_builds: SharedBuilds) -> dict[Path, PdfReader]:
    """Each brief's PDF, built once for the whole run (by another worker too, side by side)."""
    briefs = (CONTRACT / "full" / "full-format.yaml", STRESS)
    folders = shared_builds.get_all({str(brief): (brief, None) for brief in briefs})
    return {brief: PdfReader(next(folders[str(brief)].glob("*.pdf"))) for brief in briefs}


def _lines(page) -> list[str]:
    return [" ".join(line.split()) for line in page.extract_text().splitlines()]


@pytest.mark.parametrize(("brief", "marks", "tlp", "title"), FURNITURE)
def test_long_markings_and_title_keep_the_header_on_one_line(
        brief: Path, marks: str, tlp: str, title: str, pdfs: dict[Path, PdfReader]) -> None:
    """The longest markings and titles of 240 and 300 characters: header and footer stay one
    line each, the title cut short with an ellipsis."""
    reader = pdfs[brief]
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        lines = _lines(page)
        footer = f"{marks} Page {number} of {total} {tlp}"
        assert footer in lines, f"page {number}: no one-line footer in {lines[-3:]}"
        if number > 1:  # the first page carries no running title
            header = re.compile(rf"{re.escape(marks)} {re.escape(title)} .*… {re.escape(tlp)}")
            assert any(header.fullmatch(line) for line in lines), \
                f"page {number}: the header is not one line: {lines[:3]}"


def test_stress_brief_stays_within_its_page_budget(pdfs: dict[Path, PdfReader]) -> None:
    pages = len(pdfs[STRESS].pages)
    assert pages <= STRESS_MAX_PAGES, \
        f"the stress brief now takes {pages} pages (at most {STRESS_MAX_PAGES}); look at why"


def test_stress_brief_is_marked_on_every_page(pdfs: dict[Path, PdfReader]) -> None:
    """TLP:RED, RESTRICTED and FICTIONAL head and foot every page, read page by page."""
    for number, page in enumerate(pdfs[STRESS].pages, start=1):
        text = page.extract_text()
        for marking in ("TLP:RED", "RESTRICTED", "FICTIONAL"):
            assert text.count(marking) >= 2, \
                f"page {number}: {marking} is not in both the header and the footer"
