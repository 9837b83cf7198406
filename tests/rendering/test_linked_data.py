"""The HTML's JSON-LD: a schema.org Report made from the brief, data that never runs and that
no text in the brief can break out of."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from browser import chromium
from conftest import SEED, SEED_SOURCE

from briefgen.build import build
from briefgen.reading.loader import load_brief
from briefgen.rendering.linked_data import plain_text
from briefgen.validation.validate import validate

SEED_ID = "idlib-talks-2020-02-20"
BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S | re.I)
TITLE = "Russia and Turkey fail to agree a new de-escalation deal for Idlib"
HOSTILE = "</script><script>window.pwned=1</script><!-- </SCRIPT > & \u2028 ]]>"


def _linked(html: str) -> dict[str, object]:
    [block] = BLOCK.findall(html)
    return json.loads(block)


def test_the_seed_is_described_as_a_schema_org_report(seed_outputs: Path) -> None:
    html = (seed_outputs / f"{SEED_ID}.html").read_text(encoding="utf-8")
    data = _linked(html)
    brief = validate(load_brief(SEED))
    assert (data["@context"], data["@type"]) == ("https://schema.org", "Report")
    assert (data["identifier"], data["name"], data["datePublished"], data["inLanguage"]) == (
        brief.meta.id, brief.meta.title, brief.meta.date, brief.meta.language)
    assert data["abstract"] == plain_text(brief.summary.bluf)
    assert "*" not in data["abstract"] and data["abstract"].startswith("Russia and Turkey")
    assert [p["identifier"] for p in data["spatialCoverage"] if p["@type"] == "Country"] == \
        brief.meta.coverage.countries
    assert [c["identifier"] for c in data["citation"]] == [s.id for s in brief.sources]
    assert data["conditionsOfAccess"] == "TLP:CLEAR; classification: public"
    assert data["keywords"] == brief.meta.tags
    assert None not in data.values()


def test_no_text_in_the_brief_can_close_the_element(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED_SOURCE, seeds)
    text = SEED.read_text(encoding="utf-8")
    assert text.count(f"  title: {TITLE}\n") == 1
    hostile = json.dumps(f"{TITLE} {HOSTILE}")  # a YAML double-quoted string
    (seeds / SEED.name).write_text(text.replace(f"  title: {TITLE}\n", f"  title: {hostile}\n"),
                                   encoding="utf-8")
    report = build([seeds], tmp_path / "out", ("html",))
    assert report.ok, report.results
    html = (tmp_path / "out" / f"{SEED_ID}.html").read_text(encoding="utf-8")
    assert len(re.findall(r"<script", html, re.I)) == 1
    assert len(re.findall(r"</script", html, re.I)) == 1
    assert "<!--" not in BLOCK.findall(html)[0]
    assert _linked(html)["name"] == f"{TITLE} {HOSTILE}"  # the text itself, intact


def test_a_browser_runs_nothing_and_reports_no_policy_violation(seed_outputs: Path) -> None:
    """Under the page's own Content-Security-Policy, Chromium treats the block as data: no
    violation is reported, and the data reads back as JSON."""
    with chromium() as browser:
        page = browser.new_page()
        messages: list[str] = []
        page.on("console", lambda message: messages.append(message.text))
        page.goto((seed_outputs / f"{SEED_ID}.html").resolve().as_uri())
        found = page.evaluate("""() => JSON.parse(document.querySelector(
            'script[type="application/ld+json"]').textContent).name""")
        page.close()
    assert found == TITLE
    assert not [m for m in messages if "Content Security Policy" in m or "Refused" in m], messages


@pytest.mark.parametrize(("markdown", "text"), [
    ("**Bold** and `code`,\nthen [a link](https://example.org).", "Bold and code, then a link."),
    ("Two\n\nparagraphs", "Two paragraphs")])
def test_plain_text_keeps_the_words_of_markdown(markdown: str, text: str) -> None:
    assert plain_text(markdown) == text
