"""The rendered Markdown and HTML, checked against golden files and for their structure."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from conftest import CONTRACT

from briefgen.build import build
from briefgen.model.view import SECTION_TITLES

SEED_ID = "idlib-talks-2020-02-20"


def test_seed_markdown_matches_golden(seed_outputs: Path, golden) -> None:
    golden.check(f"{SEED_ID}.md", (seed_outputs / f"{SEED_ID}.md").read_text(encoding="utf-8"))


def test_seed_html_matches_golden(seed_outputs: Path, golden) -> None:
    golden.check(f"{SEED_ID}.html",
                 (seed_outputs / f"{SEED_ID}.html").read_text(encoding="utf-8"))


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.h2: list[str] = []
        self._in_h2 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_h2 = tag == "h2"

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self._in_h2 = False

    def handle_data(self, data: str) -> None:
        if self._in_h2 and data.strip():
            self.h2.append(data.strip())


def _parse(html: str) -> _Collector:
    parser = _Collector()
    parser.feed(html)
    return parser


def test_seed_html_is_self_contained(seed_outputs: Path) -> None:
    html = (seed_outputs / f"{SEED_ID}.html").read_text(encoding="utf-8")
    parsed = _parse(html)
    tags = [tag for tag, _ in parsed.tags]
    assert "link" not in tags and "iframe" not in tags
    scripts = [attrs for tag, attrs in parsed.tags if tag == "script"]
    assert scripts == [{"type": "application/ld+json"}]  # data, never run: JSON-LD alone
    for tag, attrs in parsed.tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not value or value.startswith(("#", "data:", "http:", "https:", "mailto:")), \
                f"<{tag} {name}={value!r}> would load something from outside the file"
    assert tags.count("svg") >= 2  # the risk matrix and the relations diagram, inline
    assert "<style>" in html and "Content-Security-Policy" in html


def test_every_internal_link_has_a_target(seed_outputs: Path) -> None:
    parsed = _parse((seed_outputs / f"{SEED_ID}.html").read_text(encoding="utf-8"))
    ids = [attrs["id"] for _, attrs in parsed.tags if attrs.get("id")]
    assert len(ids) == len(set(ids)), "duplicate HTML ids"
    targets = {attrs["href"][1:] for tag, attrs in parsed.tags
               if tag == "a" and (attrs.get("href") or "").startswith("#")}
    assert targets and targets <= set(ids), targets - set(ids)


def test_sections_in_format_order_in_both_outputs(seed_outputs: Path) -> None:
    html = _parse((seed_outputs / f"{SEED_ID}.html").read_text(encoding="utf-8")).h2
    markdown = re.findall(r"^## (.+)$", (seed_outputs / f"{SEED_ID}.md").read_text("utf-8"),
                          re.MULTILINE)
    assert html == markdown == list(SECTION_TITLES.values())


def test_empty_sections_are_left_out_heading_and_all(tmp_path: Path) -> None:
    report = build([CONTRACT / "sparse" / "sparse.yaml"], tmp_path, ("md", "html"))
    assert report.ok, report.results
    markdown = next(tmp_path.glob("*.md")).read_text(encoding="utf-8")
    html = next(tmp_path.glob("*.html")).read_text(encoding="utf-8")
    assert re.findall(r"^## (.+)$", markdown, re.MULTILINE) == ["Summary", "Sources and method"]
    assert _parse(html).h2 == ["Summary", "Sources and method"]
    assert "<h3" not in html.split("<main>", 1)[1].replace('<h3>Bottom line up front</h3>', "")


def test_contract_brief_uses_every_section(tmp_path: Path) -> None:
    """The outsider's brief fills everything; every heading must come out, in order."""
    report = build([CONTRACT / "full" / "full-format.yaml"], tmp_path, ("md", "html"))
    assert report.ok, report.results
    markdown = next(tmp_path.glob("*.md")).read_text(encoding="utf-8")
    assert re.findall(r"^## (.+)$", markdown, re.MULTILINE) == list(SECTION_TITLES.values())
