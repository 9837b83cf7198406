"""Markdown fields: one sanitised parse, rendered to HTML and back to GitHub Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.rendering.markdown import Images, escape, to_gfm, to_html


def test_raw_html_is_text() -> None:
    assert to_html("a <script>alert(1)</script> b") == \
        "<p>a &lt;script&gt;alert(1)&lt;/script&gt; b</p>\n"
    assert to_gfm("a <b>bold</b>") == r"a \<b\>bold\</b\>"


@pytest.mark.parametrize("href", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x",
                                  "file:///etc/passwd", "vbscript:x", "ftp://example.org/",
                                  "relative/page.html"])
def test_unsafe_links_become_text(href: str) -> None:
    html = to_html(f"see [the page]({href})")
    assert html == "<p>see the page</p>\n"
    assert to_gfm(f"see [the page]({href})") == "see the page"


@pytest.mark.parametrize("href", ["https://example.org/a_(b)", "http://example.org",
                                  "mailto:desk@example.org", "#risk-one"])
def test_safe_links_stay_links(href: str) -> None:
    assert f'href="{href}"' in to_html(f"[x]({href})")
    assert to_gfm(f"[x](<{href}>)").startswith("[x](")


def test_heading_becomes_bold_paragraph() -> None:
    assert to_html("# Big\n\ntext") == \
        '<p class="md-heading"><strong>Big</strong></p>\n<p>text</p>\n'
    assert to_gfm("## Big\n\ntext") == "**Big**\n\ntext"


def test_images_only_from_inside_the_project(tmp_path: Path) -> None:
    inside = tmp_path / "proj"
    inside.mkdir()
    (inside / "map.png").write_bytes(b"\x89PNG\r\n\x1a\nfake")
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\nsecret")
    (inside / "link.png").symlink_to(outside)
    images = Images(base=inside, roots=(inside,))
    assert 'src="data:image/png;base64,' in to_html("![map](map.png)", images)
    for src in ("../secret.png", "link.png", str(outside), "file:///etc/passwd",
                "http://127.0.0.1/x.png", "missing.png"):
        assert to_html(f"![alt text]({src})", images) == "<p>alt text</p>\n", src


def test_gfm_round_trip_keeps_structure() -> None:
    source = "Intro *em* **strong** `co`de`\n\n- one\n- two\n\n> quoted\n\n1. first\n2. second"
    assert to_gfm(source) == ("Intro *em* **strong** `co`de\\`\n\n- one\n- two\n\n> quoted\n\n"
                              "1. first\n2. second")


@pytest.mark.parametrize(("text", "expected"), [
    ("1. not a list", r"1\. not a list"),
    ("# not a heading", r"\# not a heading"),
    ("- not an item", r"\- not an item"),
    ("a *literal* star | pipe", r"a \*literal\* star \| pipe"),
    ("<img src=x onerror=alert(1)>", r"\<img src=x onerror=alert(1)\>"),
    ("&amp; entity", r"\&amp; entity"),
])
def test_plain_text_is_escaped_for_github(text: str, expected: str) -> None:
    assert escape(text) == expected
