"""The HTML brief printed from a browser: the markings on every page, as the PDF has them,
and no page left mostly empty. Chromium prints each brief to PDF; pdftotext reads each page."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from browser import chromium, require
from conftest import ROOT, SEED
from PIL import Image

from briefgen.build import build
from briefgen.rendering.filters.html import css_string

CANARY = ROOT / "tests" / "fixtures" / "audiences" / "canary.yaml"  # TLP:RED, INTERNAL
ARABIC = ROOT / "tests" / "fixtures" / "lang" / "idlib-ar.yaml"
MOSTLY_EMPTY = 0.45  # the largest blank band a page may have, as a share of its height


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each HTML brief (the seed; the canary and its version released to TLP:CLEAR; an
    Arabic brief), printed by Chromium as a reader's browser would, on A4."""
    require("pdftotext", shutil.which("pdftotext") is not None, "apt-get install poppler-utils")
    out = tmp_path_factory.mktemp("print")
    report = build([SEED, CANARY, ARABIC], out, ("html",), audiences=("clear",))
    assert report.ok, report.results
    names = {"seed": "idlib-talks-2020-02-20", "canary": "canary-brief",
             "canary-clear": "canary-brief.tlp-clear", "arabic": "idlib-talks-2020-02-20-ar"}
    found = {}
    with chromium() as browser:
        page = browser.new_page()
        for key, name in names.items():
            page.goto((out / f"{name}.html").as_uri())
            found[key] = out / f"{name}.printed.pdf"
            page.pdf(path=str(found[key]), prefer_css_page_size=True, print_background=True)
    return found


def _pages(pdf: Path) -> list[list[str]]:
    """Each page's non-blank lines, laid out as printed (without the direction marks
    pdftotext adds round right-to-left runs)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    text = re.sub("[\u202a-\u202e\u2066-\u2069]", "", text)
    return [[line.strip() for line in page.splitlines() if line.strip()]
            for page in text.split("\f") if page.strip()]


@pytest.mark.parametrize(("key", "left", "right"), [
    ("seed", "PUBLIC", "TLP:CLEAR"),
    ("canary", "INTERNAL", "TLP:RED"),
    ("canary-clear", "INTERNAL", "TLP:CLEAR"),
])
def test_every_printed_page_carries_the_markings_top_and_bottom(
        printed: dict[str, Path], key: str, left: str, right: str) -> None:
    pages = _pages(printed[key])
    assert len(pages) > 1
    for number, lines in enumerate(pages, start=1):
        for where, line in (("top", lines[0]), ("bottom", lines[-1])):
            assert line.startswith(left) and line.endswith(right), \
                f"page {number} of {len(pages)}, {where}: {line!r}"
        assert re.search(rf"Page {number} of {len(pages)}\b", lines[-1]), lines[-1]
    if key == "canary-clear":  # the released version never shows the brief's own level
        assert not any("TLP:RED" in line for lines in pages for line in lines)


def test_a_right_to_left_brief_prints_its_markings_mirrored(printed: dict[str, Path]) -> None:
    pages = _pages(printed["arabic"])
    for lines in pages:
        assert lines[0].startswith("TLP:CLEAR") and lines[-1].startswith("TLP:CLEAR"), lines
        assert not lines[0].endswith("TLP:CLEAR")


def test_the_running_title_is_on_every_page_but_the_first(printed: dict[str, Path]) -> None:
    pages = _pages(printed["seed"])
    running = "Russia and Turkey fail to agree a new de-escalation deal for Idlib"
    assert running not in pages[0][0]
    assert all(running in lines[0] for lines in pages[1:])


@pytest.mark.parametrize("key", ["seed", "canary", "canary-clear"])
def test_no_printed_page_is_mostly_empty(printed: dict[str, Path], key: str,
                                         tmp_path: Path) -> None:
    require("pdftoppm", shutil.which("pdftoppm") is not None, "apt-get install poppler-utils")
    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-png", str(printed[key]),
                    str(tmp_path / "p")], check=True)
    images = sorted(tmp_path.glob("p-*.png"))
    for number, path in enumerate(images[:-1], start=1):  # the last page may end early
        image = Image.open(path).convert("L")
        width, height = image.size
        pixels = image.load()
        inked = [y for y in range(height) if any(pixels[x, y] < 200 for x in range(width))]
        gaps = [b - a for a, b in zip(inked, inked[1:], strict=False)]
        assert max(gaps) / height < MOSTLY_EMPTY, f"{key}: page {number} is mostly empty"


def test_marking_words_go_into_css_as_inert_strings() -> None:
    assert css_string("TLP:AMBER+STRICT") == '"TLP:AMBER+STRICT"'
    hostile = css_string('x"; } body { display: none } </style><script>')
    assert hostile.count('"') == 2 and "<" not in hostile and "}" not in hostile
    assert css_string("مقيد · FICTIONAL") == ('"\\000645\\000642\\00064a\\00062f '
                                             '\\0000b7 FICTIONAL"')
