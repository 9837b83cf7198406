"""Finding one's way in the PDF: its outline (bookmarks) and its table of contents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CONTRACT, SEED
from pypdf import PdfReader

from briefgen.build import build
from briefgen.model.view import build_view
from briefgen.reading.loader import load_brief
from briefgen.validation.validate import validate

# Its module fixtures build once: every test here runs in the same xdist worker.
pytestmark = pytest.mark.xdist_group("test_pdf_navigation")

SEED_ID = "idlib-talks-2020-02-20"
TOC_LINE = re.compile(r"(?P<title>\S.*?)\s*(?:\.\s*)+(?P<page>\d+)")


@pytest.fixture(scope="module")
def reader(seed_outputs: Path) -> PdfReader:
    return PdfReader(seed_outputs / f"{SEED_ID}.pdf")


def _outline(reader: PdfReader, entries: list) -> list:
    """The outline as nested lists of titles: [title, [children...], title, ...]."""
    tree: list = []
    for entry in entries:
        tree.append(_outline(reader, entry) if isinstance(entry, list) else entry.title)
    return tree


def test_seed_outline_is_title_sections_and_their_items(reader: PdfReader) -> None:
    """Sections nest under the title, and items and subsections under them; no h4 at all."""
    brief = validate(load_brief(SEED))
    view = build_view(brief)
    figures = [f"{view.labels[f.id].text} {f.label}" for f in brief.key_figures]
    risks = [f"{item.label} {item.risk.title}" for item in view.risks]
    expected = [brief.meta.title, [
        "Summary", ["Bottom line up front"],
        "Key figures", figures,
        "Risks", risks,
        "Parties and positions", ["Parties", "People", "Positions", "Other quotes", "Relations"],
        "Humanitarian outlook", ["Displacement", "Access", "Needs", "Outlook"],
        "Timeline",
        "Recommendations",
        "Open questions",
        "Sources and method", ["Disclaimer"],
        "Annexes", ["Likelihood yardstick", "Changelog"],
    ]]
    assert _outline(reader, reader.outline) == expected


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def test_seed_contents_page_numbers_are_where_the_sections_start(reader: PdfReader) -> None:
    view = build_view(validate(load_brief(SEED)))
    first = _lines(reader.pages[0].extract_text())
    assert "CONTENTS" in first, "the seed brief opens with a table of contents"
    listed = {m["title"]: int(m["page"]) for line in first if (m := TOC_LINE.fullmatch(line))}
    titles = [title for _key, title in view.sections]
    assert sorted(listed) == sorted(titles)
    pages = [_lines(page.extract_text()) for page in reader.pages]
    for title in titles:
        heading_page = next(n for n, lines in enumerate(pages, start=1) if title in lines)
        assert listed[title] == heading_page, \
            f"contents give page {listed[title]} for {title!r}, which starts on {heading_page}"
    assert len(set(listed.values())) > 3, "every section on one page: the numbers are not real"


def test_contents_only_in_a_long_brief(seed_outputs: Path, tmp_path: Path) -> None:
    """The seed lists its sections, linked; a two-section brief has no contents at all."""
    html = (seed_outputs / f"{SEED_ID}.html").read_text(encoding="utf-8")
    view = build_view(validate(load_brief(SEED)))
    nav = html.split('<nav class="contents"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav)
    assert links == [(view.anchors[key], title) for key, title in view.sections]

    report = build([CONTRACT / "sparse" / "sparse.yaml"], tmp_path, ("html",))
    assert report.ok, report.results
    assert 'class="contents"' not in next(tmp_path.glob("*.html")).read_text(encoding="utf-8")


def _brief(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "b.yaml"
    path.write_text("schema: briefgen/1\nmeta:\n  id: b\n  title: A brief\n  date: \"2020\"\n"
                    "  language: en\nsources:\n  - id: s\n    title: A source\nsummary:\n"
                    "  bluf: The bottom line.\n" + extra, encoding="utf-8")
    return path


def _has_contents(pdf: Path) -> bool:
    return "contents" in PdfReader(pdf).pages[0].extract_text().lower()


def test_contents_follow_the_real_page_count(tmp_path: Path) -> None:
    """Few sections but many pages: contents. Many sections but two pages: none."""
    long_risks = "risks:\n" + "".join(
        f"  - id: r{n}\n    title: Risk {n}\n    likelihood: likely\n    impact: major\n"
        f"    trend: rising\n    confidence: low\n    description: >-\n"
        f"      {'A long description of what could happen. ' * 40}\n" for n in range(12))
    long_brief = _brief(tmp_path, long_risks)
    assert build([long_brief], tmp_path / "long", ("pdf", "html")).ok
    pdf = tmp_path / "long" / "b.pdf"
    assert len(PdfReader(pdf).pages) > 2 and _has_contents(pdf)
    assert 'class="contents"' in (tmp_path / "long" / "b.html").read_text(encoding="utf-8")

    short = ("key_figures:\n  - id: f\n    label: People\n    display: '10'\n"
             "parties:\n  - id: p\n    name: A party\n    type: state\n"
             "timeline:\n  - id: t\n    date: '2020'\n    event: Something happened\n"
             "recommendations:\n  - id: r\n    text: Do something\n"
             "open_questions:\n  - id: q\n    question: What next\n")
    short_brief = _brief(tmp_path, short)
    assert build([short_brief], tmp_path / "short", ("pdf", "html")).ok
    pdf = tmp_path / "short" / "b.pdf"
    assert len(PdfReader(pdf).pages) <= 2 and not _has_contents(pdf)
    assert 'class="contents"' not in (tmp_path / "short" / "b.html").read_text(encoding="utf-8")
