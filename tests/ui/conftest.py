"""Browser fixtures for the dashboard: Playwright driving the system's Chromium (never a
downloaded browser). Without /usr/bin/chromium or the playwright package those tests skip, and
say why."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = os.environ.get("ZEMU_CHROMIUM", "/usr/bin/chromium")


def _missing() -> str | None:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium): browser tests skipped"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install playwright): browser tests skipped"
    return None


# one browser per module, not per session: Playwright's sync API keeps an event loop running in
# the thread, and a test worker that goes on to other modules (``asyncio.run`` in the MCP tests)
# must not find it there
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _missing()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(
            executable_path=CHROMIUM,
            # autoplay without a gesture, so a test can ask an <audio> element to load and play
            args=["--autoplay-policy=no-user-gesture-required", "--no-sandbox"],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 800})  # a laptop screen
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    yield opened
    context.close()
