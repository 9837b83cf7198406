"""End to end: `briefgen serve` in a subprocess, its page in the machine's headless Chromium.

Edit the brief on disk and the open page changes by itself; break it and the
page shows the problem, with its line, over the last good version; fix it
and the problem disappears. Locally a missing browser skips; with `CI` set
it fails. All traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import re
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import loopback_page
from conftest import SEED, SEED_SOURCE, Running

WAIT_MS = 30_000
BRIEF_ID = "idlib-talks-2020-02-20"
TITLE = "Russia and Turkey fail to agree a new de-escalation deal for Idlib"


def save(path: Path, text: str) -> None:
    """Save as editors do: a temporary file renamed over the brief."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`briefgen serve --port 0` on a project holding a copy of the seed; its URL and brief."""
    (tmp_path / "seeds").mkdir()
    brief = tmp_path / "seeds" / SEED.name
    shutil.copy(SEED, brief)
    shutil.copy(SEED_SOURCE, tmp_path / "seeds" / SEED_SOURCE.name)
    running = Running("serve", "--port", "0", "--format", "html", cwd=tmp_path)
    process = running.process
    try:
        url = running.wait_for(r"serving (http://127\.0\.0\.1:\d+/)", WAIT_MS / 1000)[1]
        yield url, brief
        process.send_signal(signal.SIGINT)  # Ctrl-C
        _out, err = process.communicate(timeout=WAIT_MS / 1000)
        assert process.returncode == 0, err
        assert "Traceback" not in err, err
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


@pytest.fixture
def page():
    """A page in the machine's headless Chromium; nothing leaves 127.0.0.1."""
    with loopback_page() as page:
        yield page


def test_page_follows_edits_and_shows_problems(server: tuple[str, Path], page) -> None:
    # Waits poll from Playwright's side: the page's policy rightly forbids evaluating strings.
    from playwright.sync_api import expect

    url, brief = server
    refused_by_policy: list[str] = []
    page.on("console", lambda message: refused_by_policy.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto(url)  # the desk index: the brief's title links to its page
    page.click(f"a[href='{BRIEF_ID}.html']")
    expect(page).to_have_title(TITLE, timeout=WAIT_MS)
    page.evaluate("window.briefgenUnchanged = true")  # gone once the page reloads

    original = brief.read_text(encoding="utf-8")
    edited = original.replace(TITLE, "Preview title edited on disk")
    save(brief, edited)
    expect(page).to_have_title("Preview title edited on disk", timeout=WAIT_MS)
    assert page.evaluate("window.briefgenUnchanged") is None  # it reloaded by itself
    assert "Preview title edited on disk" in page.locator("h1").first.inner_text()

    lines = edited.splitlines(True)
    at = next(i for i, line in enumerate(lines) if line.startswith("  id:")) + 1
    lines.insert(at, "  titel: a typo\n")
    save(brief, "".join(lines))
    overlay = page.locator("#briefgen-problems")
    overlay.wait_for(state="visible", timeout=WAIT_MS)
    text = overlay.inner_text()
    assert re.search(rf"{re.escape(SEED.name)}:{at + 1}:\d+: meta\.titel: unknown key", text), text
    assert page.title() == "Preview title edited on disk"  # the last good version beneath

    save(brief, edited.replace("Preview title edited on disk", "Fixed and rebuilt"))
    expect(page).to_have_title("Fixed and rebuilt", timeout=WAIT_MS)
    overlay.wait_for(state="detached", timeout=WAIT_MS)
    assert not refused_by_policy, refused_by_policy
