"""Pages that use their space, read off the laid-out PDF: how full each page is, what opens a
page, where the key figures and the timeline's labels sit, what a card or a quote prints,
and what a one-pager says when it takes two sides (issue 15, "Pages").

The words and their boxes come from `pdftotext -bbox`; a page's fill is the foot of its
lowest word between the running header and footer."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, SEED, SharedBuilds

from briefgen.build import build

pytestmark = pytest.mark.xdist_group("test_pdf_pages")

# Points: the running header ends above this, the footer starts this far above the foot.
HEADER_PT, FOOTER_PT = 62.4, 56.7
# A page may end short where what follows cannot be split (a card, a chart) and does not fit;
# less than this much of a page used before the last page is a blank to look at.
MIN_FILL = 0.7
# The long brief: every section long enough to run over pages (bench/generate.py's knobs).
LONG = {"parties": 10, "risks": 24, "quotes": 14, "events": 22, "figures": 12}


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Page:
    number: int  # from 1
    height: float
    words: tuple[Word, ...]  # between the running header and footer

    @property
    def fill(self) -> float:
        foot = max((w.y1 for w in self.words), default=HEADER_PT)
        return (foot - HEADER_PT) / (self.height - FOOTER_PT - HEADER_PT)

    def rows(self) -> list[str]:
        """The text across the page at each baseline, top to bottom."""
        found: dict[float, list[Word]] = {}
        for word in self.words:
            found.setdefault(round(word.y1, 0), []).append(word)
        return [" ".join(w.text for w in sorted(found[y], key=lambda w: w.x0))
                for y in sorted(found)]

    def lines(self) -> list[list[Word]]:
        """Words on one baseline, top to bottom, each line left to right; words more than
        a few spaces apart (two cards side by side, two cells of a table) are two lines."""
        found: dict[float, list[Word]] = {}
        for word in self.words:
            found.setdefault(round(word.y1, 0), []).append(word)
        lines = []
        for y in sorted(found):
            line: list[Word] = []
            for word in sorted(found[y], key=lambda w: w.x0):
                if line and word.x0 - line[-1].x1 > 12:
                    lines.append(line)
                    line = []
                line.append(word)
            lines.append(line)
        return lines


def pages(pdf: Path) -> list[Page]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    found = []
    for number, (height, body) in enumerate(re.findall(
            r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', out, re.S), start=1):
        words = tuple(Word(text, float(a), float(b), float(c), float(d)) for a, b, c, d, text in
                      re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                 r'yMax="([\d.]+)">([^<]*)</word>', body))
        h = float(height)
        found.append(Page(number, h, tuple(w for w in words
                                           if HEADER_PT < w.y1 < h - FOOTER_PT)))
    return found


@pytest.fixture(scope="module")
def long_brief(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A long brief of bench/generate.py's, built once: 24 risks, 12 key figures, 22 events."""
    sys.path.insert(0, str(ROOT))
    from bench.generate import Knobs, write_briefs

    folder = tmp_path_factory.mktemp("long")
    brief = write_briefs(folder / "in", 1, Knobs(**LONG), prefix="long")[0]
    report = build([brief], folder / "out")
    assert report.ok, report.results
    return next((folder / "out").glob("*.pdf"))


@pytest.fixture(scope="module")
def seed_pdf(shared_builds: SharedBuilds) -> Path:
    return next(shared_builds.get(SEED).glob("*.pdf"))


@pytest.fixture(scope="module", params=["seed", "long"])
def any_pdf(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue("seed_pdf" if request.param == "seed" else "long_brief")


def test_no_page_but_the_last_is_left_mostly_blank(any_pdf: Path) -> None:
    """The relations diagram, the key-figure grid or a risk card pushed whole to the next
    page used to leave up to half a page blank before it."""
    laid = pages(any_pdf)
    short = [(p.number, round(p.fill, 2)) for p in laid[:-1] if p.fill < MIN_FILL]
    assert not short, f"pages used less than {MIN_FILL:.0%} (page, fill): {short}"


def test_no_page_opens_on_a_risk_card_s_tail(any_pdf: Path) -> None:
    """A risk card's Affected and Evidence lines stay with it."""
    for page in pages(any_pdf):
        first = " ".join(w.text for w in page.lines()[0]) if page.words else ""
        assert not first.startswith(("Affected:", "Evidence:")), \
            f"page {page.number} opens on a card's tail: {first!r}"


def test_locators_never_break_between_their_words(any_pdf: Path) -> None:
    """`para.` at a line's end with `21.` on the next reads as two things."""
    for page in pages(any_pdf):
        for line in page.lines():
            last = line[-1].text
            assert last.lstrip("(") not in ("para.", "p.", "paras.", "pp."), \
                f"page {page.number}: a locator breaks after {last!r}: " \
                + " ".join(w.text for w in line)


def test_key_figures_read_in_rows_across_pages(long_brief: Path) -> None:
    """Cards in rows of two, F1 beside F2, F3 beside F4, so that a page breaks between rows
    and the cards read in order, instead of in columns that a page break reorders."""
    placed: dict[int, tuple[int, float, float]] = {}
    for page in pages(long_brief):
        for word in page.words:
            match = re.fullmatch(r"F(\d+)", word.text)
            if match and int(match[1]) not in placed:
                placed[int(match[1])] = (page.number, round(word.y0), word.x0)
    assert len(placed) == LONG["figures"]
    for first in range(1, LONG["figures"], 2):
        left, right = placed[first], placed[first + 1]
        assert left[:2] == right[:2] and left[2] < right[2], \
            f"F{first} and F{first + 1} are not side by side: {left}, {right}"
    order = [placed[n][:2] for n in sorted(placed)]
    assert order == sorted(order), "the cards do not read in order down the pages"


def test_a_split_risk_table_repeats_its_column_heads(long_brief: Path) -> None:
    rows = re.compile(r"R\d+ ")
    heads = ["Risk", "Level", "Likelihood", "Impact", "Trend", "Confidence"]
    holding = []
    for page in pages(long_brief):
        lines = page.rows()
        if any(rows.match(line) and re.search(r"\b(High|Medium|Low) \(\d+\)", line)
               for line in lines):
            holding.append(page.number)
            assert " ".join(heads) in lines, f"page {page.number}: risk rows without heads"
    assert len(holding) >= 2, "the long brief's risk table no longer splits: test another"


def test_cards_and_quotes_name_their_source_short_once(seed_pdf: Path) -> None:
    """The source's headline is printed once, under Sources; a card or a quote names it by
    its label and publisher. A card does not repeat its value in words under the display."""
    text = subprocess.run(["pdftotext", str(seed_pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    squeezed = " ".join(text.split())
    assert squeezed.count("Russia and Turkey fail to reach deal to end Syria offensive") == 1
    assert "S1 The National, para." in squeezed
    assert "3,600,000 people" not in squeezed  # the display says "3.6 million"


def test_an_hxl_tag_stands_on_its_own_line(any_pdf: Path) -> None:
    """A key figure's HXL tag is a line of its own, never run on after its locator."""
    html = any_pdf.with_suffix(".html").read_text(encoding="utf-8")
    metas = re.findall(r'<p class="figure-meta">.*?</p>', html, re.S)
    assert metas and not any('class="hxl"' in meta for meta in metas)
    for page in pages(any_pdf):
        for line in page.lines():
            for n, word in enumerate(line):
                if word.text.startswith("#") and "+" in word.text and n:
                    before = line[n - 1]
                    assert word.x0 - before.x1 > 20, \
                        f"page {page.number}: an HXL tag runs on after " \
                        + " ".join(w.text for w in line[:n + 1])


def test_timeline_labels_run_in_date_order_along_the_strip(any_pdf: Path) -> None:
    """T1 is leftmost on the strip: events are numbered in date order, and each mark's
    label names its events, never a range such as T4–T9. Read from the strip's SVG in the
    HTML built beside the PDF (the PDF draws chart text a letter at a time)."""
    html = any_pdf.with_suffix(".html").read_text(encoding="utf-8")
    strip = re.search(r'<svg[^>]*timeline-strip.*?</svg>', html, re.S)
    assert strip, "no timeline strip"
    marks = re.findall(r'<circle cx="([\d.]+)".*?<text[^>]*>([^<]*)</text>', strip[0], re.S)
    assert marks
    numbers = []
    for _x, label in sorted(marks, key=lambda mark: float(mark[0])):
        assert "–" not in label, f"a range hides which events share a mark: {label}"
        numbers += [int(part.strip()[1:]) for part in label.split(",")]
    assert numbers == list(range(1, len(numbers) + 1)), f"the strip reads {numbers}"


@pytest.fixture(scope="module")
def one_pager(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("one-pager")
    result = subprocess.run([sys.executable, "-m", "briefgen", "build", str(SEED), "--out",
                             str(out), "--theme", "one-pager", "--format", "pdf"],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    return next(out.glob("*.pdf")), result.stderr


def test_a_one_pager_fills_its_first_side_and_says_when_it_takes_two(
        one_pager: tuple[Path, str]) -> None:
    pdf, said = one_pager
    laid = pages(pdf)
    if len(laid) == 1:
        assert "does not fit one side" not in said
        return
    assert laid[0].fill > 0.95, f"the first side is {laid[0].fill:.0%} full"
    warning = re.search(r"idlib-talks-2020-02-20\.yaml:\d+:\d+: meta: warning: the one-pager "
                        r"does not fit one side: it runs on to a second \((.*)\), (\d+) % of "
                        r"which it fills", said)
    assert warning, said
    assert "Recommendations" in warning[1]
    assert abs(int(warning[2]) - 100 * laid[1].fill) < 10
