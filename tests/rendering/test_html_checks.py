"""The HTML brief as browsers and assistive technology meet it.

The Nu Html Checker (`vnu-jar`) and axe-core (run in the machine's headless
Chromium) come from package.json (`npm ci`); Chromium and Java from the
system. Locally a missing tool skips its test; in CI (`CI` set) it fails, so
that the checks can never silently stop running.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from browser import chromium, require
from conftest import CONTRACT, ROOT, SEED, STRESS

from briefgen.build import build
from briefgen.model.view import View, build_view
from briefgen.reading.loader import load_brief
from briefgen.validation.validate import validate

# Its module fixtures build once: every test here runs in the same xdist worker.
pytestmark = pytest.mark.xdist_group("test_html_checks")

# Every brief checked here: the real seed, the contract brief that uses every field, and the
# stress brief (20 parties, 15 risks, Arabic names, quotes and excerpts).
BRIEFS = [
    SEED,
    CONTRACT / "full" / "full-format.yaml",
    STRESS,
]

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"


HTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def html_files(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    """Each brief's HTML, built once for this module."""
    files = {}
    for brief in BRIEFS:
        out = tmp_path_factory.mktemp(brief.stem)
        report = build([brief], out, ("html",))
        assert report.ok, report.results
        files[brief] = next(out.glob("*.html"))
    return files


@pytest.fixture(scope="module")
def vnu_messages(html_files: dict[Path, Path]) -> dict[Path, list[dict]]:
    """The checker's messages for every brief, from one run of the checker."""
    java = shutil.which("java")
    require("java", java is not None, "apt-get install default-jre-headless")
    require("the Nu Html Checker", VNU_JAR.is_file(), "run `npm ci` at the repository root")
    files = list(html_files.values())
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.stderr.strip(), f"no report from the checker: {result.stdout[:2000]}"
    messages: dict[Path, list[dict]] = {file: [] for file in files}
    for message in json.loads(result.stderr)["messages"]:
        url = message.get("url", "")
        file = next((f for f in files if url.endswith(f.name)), None)
        assert file is not None, f"a message for no file: {message}"
        messages[file].append(message)
    return {brief: messages[file] for brief, file in html_files.items()}


@pytest.mark.parametrize("brief", BRIEFS, ids=lambda path: path.stem)
def test_html_is_valid(brief: Path, vnu_messages: dict[Path, list[dict]]) -> None:
    errors = [m for m in vnu_messages[brief]
              if m["type"] == "error" or m.get("subType") == "fatal"]
    assert not errors, "\n".join(f"line {m.get('lastLine')}: {m['message']}"
                                 f" [{m.get('extract', '').strip()[:80]}]" for m in errors)


@pytest.fixture(scope="module")
def browser():
    """The machine's headless Chromium, with axe-core at hand."""
    require("axe-core", AXE_JS.is_file(), "run `npm ci` at the repository root")
    with chromium() as launched:
        yield launched


@pytest.mark.parametrize("brief", BRIEFS, ids=lambda path: path.stem)
def test_no_serious_accessibility_violations(brief: Path, html_files: dict[Path, Path],
                                             browser) -> None:
    """axe-core finds nothing serious or critical, with the page laid out as a reader sees it."""
    # The brief's Content-Security-Policy forbids scripts, rightly; axe is let in from outside.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(html_files[brief].resolve().as_uri())
        page.add_script_tag(path=str(AXE_JS))
        results = page.evaluate("async () => await axe.run(document)")
    finally:
        context.close()
    assert results["testEngine"]["name"] == "axe-core"
    assert results["passes"], "axe checked nothing"
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}: "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5]) for v in serious)


def _html_tree(path: Path) -> ET.Element:
    import tinyhtml5  # WeasyPrint's HTML parser, so always installed beside it

    return tinyhtml5.parse(path.read_text(encoding="utf-8"))


def _text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _classes(element: ET.Element) -> set[str]:
    return set((element.get("class") or "").split())


def _find(root: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    return [e for e in root.iter(tag) if cls in _classes(e)]


def _view(brief: Path) -> View:
    return build_view(validate(load_brief(brief)))


def _rows(table: ET.Element) -> list[ET.Element]:
    body = table.find(f"{HTML}tbody")
    assert body is not None
    return body.findall(f"{HTML}tr")


@pytest.mark.parametrize("brief", BRIEFS, ids=lambda path: path.stem)
def test_every_chart_is_named_described_and_given_as_text(brief: Path,
                                                          html_files: dict[Path, Path]) -> None:
    """Each SVG chart has a <title> and <desc>, and its data is also a table or a list."""
    root = _html_tree(html_files[brief])
    view = _view(brief)
    charts = [svg for svg in root.iter(f"{SVG}svg") if "chart" in _classes(svg)]
    kinds = {kind for svg in charts for kind in _classes(svg)} - {"chart"}
    assert kinds == {"risk-matrix", "relations-diagram", "timeline-strip"}
    for svg in charts:
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and _text(title), "a chart without a <title>"
        assert desc is not None and _text(desc), "a chart without a <desc>"
        assert (svg.get("aria-labelledby") or "").split() == [title.get("id"), desc.get("id")]

    # The risk matrix: every risk, with the level, likelihood and impact it is plotted by.
    (table,) = _find(root, f"{HTML}table", "risk-table")
    rows = _rows(table)
    assert len(rows) == len(view.risks)
    for row, item in zip(rows, view.risks_by_level, strict=True):
        cells = [_text(cell) for cell in row]
        assert cells[0].startswith(f"{item.label} "), cells
        assert cells[1].lower().startswith(item.level) and f"({item.score})" in cells[1]
        assert cells[2] and cells[3].lower() == item.risk.impact

    # The relations diagram: one row per edge it draws, from, relation and to.
    (table,) = _find(root, f"{HTML}table", "relations")
    rows = _rows(table)
    assert len(rows) == len(view.edges)
    for row, edge in zip(rows, view.edges, strict=True):
        cells = [_text(cell) for cell in row]
        assert cells[0] == view.labels[edge.source].text
        assert cells[1] == edge.verb
        assert cells[2] == view.labels[edge.target].text

    # The timeline strip: the <ol class="timeline"> lists every event it marks, in order.
    (timeline,) = _find(root, f"{HTML}ol", "timeline")
    items = timeline.findall(f"{HTML}li")
    assert [item.get("id") for item in items] == [event.id for event in view.timeline]
    for item, event in zip(items, view.timeline, strict=True):
        assert view.labels[event.id].text in _text(item)
