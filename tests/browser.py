"""The machine's headless Chromium, for tests that look at pages as a reader does.

Debian's /usr/bin/chromium, driven by Playwright; a browser is never downloaded.
A missing tool skips the test locally and fails it in CI, where it must run.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def require(what: str, present: bool, how: str) -> None:
    """Skip a check whose tool is missing, except in CI, where that is a failure."""
    if present:
        return
    message = f"{what} is missing ({how})"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must run this check")
    pytest.skip(message)


@contextmanager
def chromium() -> Iterator[Any]:
    """A launched headless Chromium, closed afterwards."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    require("playwright", sync_playwright is not None, "pip install '.[test]'")
    require("Chromium", CHROMIUM.is_file(), "apt-get install chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@contextmanager
def loopback_page() -> Iterator[Any]:
    """A page in headless Chromium whose requests may go only to 127.0.0.1."""
    with chromium() as browser:
        context = browser.new_context()
        try:
            context.route(re.compile(r"^(?!http://127\.0\.0\.1:\d+/).*"),
                          lambda route: route.abort())
            yield context.new_page()
        finally:
            context.close()
