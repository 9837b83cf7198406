"""The index page: escaped, self-contained, and its one script allowed by its hash alone."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

from briefgen.index.listing import Entry, file_names
from briefgen.index.page import SORT_SCRIPT, desk, render_html, render_markdown

EVIL = '</script><script>alert(1)</script><img src=x onerror=alert(2)> | [x](javascript:y)'


def brief(ident: str, **more: Any) -> Entry:
    risk = {"id": "r-1", "label": "R1", "title": EVIL, "level": "high", "score": 20,
            "likelihood": "very-likely", "impact": "major", "trend": "rising",
            "confidence": "moderate", "horizon": None}
    s = {"id": ident, "stem": ident, "title": EVIL, "subtitle": None, "date": "2026-11-02",
         "version": None, "status": "draft", "classification": "confidential", "tlp": "amber",
         "fictional": False, "language": "en", "authors": [], "tags": ["a b", EVIL],
         "countries": ["SYR"], "bluf": EVIL, "changelog": [], "risks": [risk]} | more
    return Entry(s, (f"{ident}.html", f"{ident}.md"))


def test_hostile_text_stays_text_and_only_the_hashed_script_runs() -> None:
    html = render_html([brief("a"), brief("b", tlp="red", classification="internal")], None,
                       file_names(None)).decode()
    assert html.count("<script") == 1 and "<img" not in html  # its text is escaped
    inline = re.search(r"<script>(.*?)</script>", html, re.S)[1]
    assert inline == SORT_SCRIPT
    digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in html
    assert "CONFIDENTIAL · TLP:RED" in html  # the banner: the most restrictive of the briefs


def test_each_filter_value_gets_a_class_and_a_rule() -> None:
    made = desk([brief("a"), brief("b", tags=["a b"], status="final")], None,
                file_names(None), "html")
    tags = {c.value: c for c in made.filters["tag"]}
    assert tags["a b"].count == 2 and tags[EVIL].count == 1
    assert [c.value for c in made.filters["status"]] == ["draft", "final"]
    for choices in made.filters.values():
        for c in choices:
            assert re.fullmatch(r"[tcs]\d+", c.key)
            assert f"#f-{c.key}:checked) .filtered:not(.{c.key})" in made.filter_css
    assert [r["href"] for r in made.register] == ["a.html#r-1", "b.html#r-1"]


def test_the_markdown_index_escapes_what_it_shows() -> None:
    md = render_markdown([brief("a")], "amber", file_names("amber")).decode()
    assert "\\| \\[x\\](javascript:y)" in md and " [x](" not in md  # text, never a link
    assert "(a.md)" in md and "[Atom feed](feed.tlp-amber.xml)" in md
    empty = render_markdown([], "clear", file_names("clear")).decode()
    assert "No briefs released to TLP:CLEAR." in empty


def test_a_risk_s_horizon_date_shows_in_the_register_and_says_when_it_ended() -> None:
    s = brief("a").summary
    s["risks"] = [s["risks"][0] | {"horizon_date": "2020-02-28"}]
    names = file_names(None)
    ended = [Entry(s, ("a.html",), ("the horizon …",), ("r-1",))]
    html = render_html(ended, None, names).decode()
    assert '<span class="until ended" lang="en">ended\n<time datetime="2020-02-28">' in html
    assert '<span class="until" lang="en">until' in render_html(
        [Entry(s, ("a.html",))], None, names).decode()
    assert "(ended 2020-02-28) |" in render_markdown(ended, None, names).decode()
