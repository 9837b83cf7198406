"""The printed page's furniture: running header and footer, each on one line on every page."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import CONTRACT
from pypdf import PdfReader

from briefgen.build import build


def test_long_markings_and_title_keep_the_header_on_one_line(tmp_path: Path) -> None:
    """The contract brief has the longest markings and a 240-character title."""
    report = build([CONTRACT / "full" / "full-format.yaml"], tmp_path, ("pdf",))
    assert report.ok, report.results
    reader = PdfReader(next(tmp_path.glob("*.pdf")))
    total = len(reader.pages)
    marks = r"CONFIDENTIAL · FICTIONAL"
    for number, page in enumerate(reader.pages, start=1):
        lines = [" ".join(line.split()) for line in page.extract_text().splitlines()]
        footer = f"{marks} Page {number} of {total} TLP:AMBER+STRICT"
        assert footer in lines, f"page {number}: no one-line footer in {lines[-3:]}"
        if number > 1:  # the first page carries no running title
            header = re.compile(rf"{marks} Jabal Ruwayda after the .*… TLP:AMBER\+STRICT")
            assert any(header.fullmatch(line) for line in lines), \
                f"page {number}: the header is not one line: {lines[:3]}"
