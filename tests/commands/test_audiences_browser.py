"""A released version in the machine's headless Chromium, served by `briefgen serve`.

The reader of the TLP:CLEAR version sees the TLP:CLEAR banner, and nothing in
the page holds a withheld item: not its visible text, not an element hidden
by CSS, not an attribute. The preview switches between the full version and
the released ones. All traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import re
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import loopback_page
from conftest import Running
from leaks import FIXTURE, canaries, holds, rank

WAIT_MS = 30_000
pytestmark = pytest.mark.xdist_group("audiences-browser")

# Every element's text when CSS hides it, its attributes, and the page's visible text.
_HIDDEN_AND_ATTRIBUTES = """() => {
  const hidden = [], attributes = [];
  for (const el of document.querySelectorAll("*")) {
    const style = getComputedStyle(el), box = el.getBoundingClientRect();
    if (style.display === "none" || style.visibility === "hidden" || style.opacity === "0"
        || box.width === 0 || box.height === 0 || box.right < 0 || box.bottom < 0) {
      hidden.push(el.textContent);
    }
    for (const attribute of el.attributes) { attributes.push(attribute.value); }
  }
  return {hidden: hidden.join("\\n"), attributes: attributes.join("\\n"),
          visible: document.body.innerText, all: document.documentElement.outerHTML};
}"""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """`briefgen serve` of the canary brief, releasing TLP:CLEAR and TLP:AMBER versions."""
    shutil.copytree(FIXTURE, tmp_path / "seeds")
    running = Running("serve", "--port", "0", "--format", "html", "--audience", "clear",
                      "--audience", "amber", cwd=tmp_path)
    process = running.process
    try:
        yield running.wait_for(r"serving (http://127\.0\.0\.1:\d+/)", WAIT_MS / 1000)[1]
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=WAIT_MS / 1000)
        assert process.returncode == 0, err
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


@pytest.fixture
def page():
    """A page in the machine's headless Chromium; nothing leaves 127.0.0.1."""
    with loopback_page() as page:
        yield page


def test_the_released_page_shows_its_banner_and_hides_nothing_withheld(server: str,
                                                                       page) -> None:
    from playwright.sync_api import expect

    page.goto(server)  # the desk index: the brief's title links to its page
    page.click("a[href='canary-brief.html']")
    expect(page.locator(".markings .tlp")).to_have_text("TLP:RED", timeout=WAIT_MS)
    versions = page.locator("#briefgen-versions")
    expect(versions).to_contain_text("TLP:CLEAR")
    versions.get_by_text("TLP:CLEAR").click()
    expect(page).to_have_url(re.compile(r"/canary-brief\.tlp-clear\.html$"), timeout=WAIT_MS)
    banner = page.locator(".markings .tlp")
    expect(banner).to_have_text("TLP:CLEAR")
    expect(banner).to_be_visible()
    assert page.title() == "Crossing talks stall"
    seen = page.evaluate(_HIDDEN_AND_ATTRIBUTES)
    assert len(seen["visible"]) > 500 and seen["hidden"], "the page did not render"
    for token, level in canaries().items():
        if rank(level) > rank("clear"):
            for where in ("visible", "hidden", "attributes", "all"):
                assert not holds(seen[where].encode(), token), f"{token} in {where} text"
    # The amber version holds what the amber reader may see, and says so on its banner.
    page.locator("#briefgen-versions").get_by_text("TLP:AMBER").click()
    expect(page.locator(".markings .tlp")).to_have_text("TLP:AMBER", timeout=WAIT_MS)
    expect(page.locator("body")).to_contain_text("ZQAMBEROUTLOOK")
    assert "ZQREDTITLE" not in page.content()
