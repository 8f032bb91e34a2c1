"""Screenshots of related pages for the README, in ``docs/screenshots/``.

Not part of the test run (they rewrite committed files); take them again after a
visual change with::

    WAB_SCREENSHOTS=1 python -m pytest tests/browser/test_page_level_screenshots.py
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from blog.models import BlogPage
from tests.browser.conftest import TIMEOUT, login

pytestmark = pytest.mark.skipif(
    not os.environ.get("WAB_SCREENSHOTS"), reason="set WAB_SCREENSHOTS=1 to retake them"
)

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def editor(browser, live_server, demo_site, fake_openai):
    call_command("ai_related_index", "--no-progress", stdout=io.StringIO())
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1400, "height": 1100}, device_scale_factor=1
    )
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    login(page)
    post = BlogPage.objects.get(slug="caring-for-monstera-deliciosa")
    page.goto(f"/admin/pages/{post.pk}/edit/")
    yield page
    context.close()


def test_related_pages_screenshot(editor):
    page = editor
    panel = page.locator('[data-controller~="wab-related-pages"]')
    panel.get_by_role("button", name="Suggest related pages").click()
    expect(panel.locator(".wab-related__item").first).to_be_visible()
    panel.get_by_role("button", name="Add “Propagating pothos in water”").click()
    panel.evaluate("element => element.scrollIntoView({block: 'end', behavior: 'instant'})")
    page.mouse.move(0, 0)
    page.screenshot(path=OUT / "related-pages.png", animations="disabled", caret="hide")
