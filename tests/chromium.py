"""The one headless Chromium of the browser tests (Debian's /usr/bin/chromium, never ``playwright install``).

A test module imports :func:`chromium_browser` (the module-scoped fixture ``browser``) beside its own ``server``
fixture: the import registers the fixture in the module, and its own name keeps the tests' ``browser`` argument
from shadowing an import. The browser starts after the module's server (which skips the module when Chromium
is missing) and closes with the module. One place for the path and the flags: every browser test runs the
same browser.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
#: headless, no sandbox (containers), and nothing that would reach the internet or update itself
ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module", name="browser")
def chromium_browser(server: str) -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, for the module's tests (after its ``server``)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
