"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against the
demo admin served by pytest-django's live server."""

from __future__ import annotations

import os
import shutil

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in this thread; the ORM calls made by
# the tests themselves are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
#: How long any wait in a browser test may take (actions, navigation, `expect`).
#: Generous on purpose: on a busy 2-core machine a page editor takes seconds to load
#: and a streamed answer many more; a passing test never waits this long, and
#: Playwright's own 5 s default for `expect` made streaming tests fail under load.
TIMEOUT = 30_000
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


expect.set_options(timeout=TIMEOUT)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail("Chromium is not installed at /usr/bin/chromium: run `make test`.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def demo_site(transactional_db):
    """The demo's seeded content (superuser admin/changeme, home page, posts)."""
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)


@pytest.fixture
def monstera(demo_site):
    """The demo's "Caring for Monstera deliciosa" post, which most browser tests edit."""
    from blog.models import BlogPage

    return BlogPage.objects.get(slug="caring-for-monstera-deliciosa")


class ConsoleLog:
    """Collects console errors and uncaught page errors."""

    def __init__(self, page):
        self.errors: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))

    def _on_console(self, message):
        if message.type == "error":
            # A failed request's console line does not name the request: add its URL.
            url = (message.location or {}).get("url", "")
            self.errors.append(f"console: {message.text}" + (f" ({url})" if url else ""))


@pytest.fixture
def page(browser, live_server, demo_site):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1400, "height": 1000}
    )
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.console_log = ConsoleLog(page)
    yield page
    context.close()


def login(page, username: str = "admin", password: str = "changeme") -> None:
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


# Resolves with an element's box once it has not moved for a few animation frames.
# The admin scrolls smoothly (scrollIntoView animates), so a box read right after a
# popover opens can be a frame of that scroll, a few pixels from where it settles.
SETTLED_BOX_JS = """
async element => {
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  let last = null;
  let still = 0;
  while (still < 5) {
    await frame();
    const r = element.getBoundingClientRect();
    const box = {x: r.x, y: r.y, width: r.width, height: r.height};
    still = last && JSON.stringify(box) === JSON.stringify(last) ? still + 1 : 0;
    last = box;
  }
  return last;
}
"""


def settled_box(locator) -> dict:
    """The locator's bounding box (viewport pixels) once the page has stopped scrolling."""
    return locator.evaluate(SETTLED_BOX_JS)
