"""Screenshots of the rich text AI toolbar for the README, in ``docs/screenshots/``.

Not part of the test run (they rewrite committed files); take them again after a
visual change with::

    WAB_SCREENSHOTS=1 python -m pytest tests/browser/test_richtext_screenshots.py

They use the same fake provider and selection as ``test_richtext_ai.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from blog.models import BlogPage
from tests.browser.conftest import TIMEOUT, login
from tests.browser.test_richtext_ai import open_editor, select_text
from tests.fake_answers import shorten_responder

pytestmark = pytest.mark.skipif(
    not os.environ.get("WAB_SCREENSHOTS"), reason="set WAB_SCREENSHOTS=1 to retake them"
)

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
#: Space around the field and its popover in each picture (px).
MARGIN = 16


@pytest.fixture
def shooting_page(browser, live_server, demo_site, fake_openai):
    fake_openai.responder = shorten_responder
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 1400}, device_scale_factor=1
    )
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    yield page
    context.close()


def set_theme(theme: str) -> None:
    profile = UserProfile.get_for_user(get_user_model().objects.get(username="admin"))
    profile.theme = theme
    profile.save()


def shoot(page, name: str, field, *locators) -> None:
    """Save the part of the page that holds the field and every locator's box, with a margin."""
    page.wait_for_timeout(600)  # the popover's smooth scroll into view
    field.evaluate("element => element.scrollIntoView({block: 'start', behavior: 'instant'})")
    page.wait_for_timeout(100)
    locators = (field, *locators)
    boxes = [locator.bounding_box() for locator in locators]
    left = min(box["x"] for box in boxes) - MARGIN
    top = min(box["y"] for box in boxes) - MARGIN
    right = max(box["x"] + box["width"] for box in boxes) + MARGIN
    bottom = max(box["y"] + box["height"] for box in boxes) + MARGIN
    page.mouse.move(0, 0)  # no hover effects
    page.screenshot(
        path=OUT / name,
        clip={"x": max(left, 0), "y": max(top, 0), "width": right - left, "height": bottom - top},
        animations="disabled",
        caret="hide",
    )


def open_preview(page):
    post = BlogPage.objects.get(slug="caring-for-monstera-deliciosa")
    body = open_editor(page, post)
    select_text(page, body, "forgiving houseplant", "natural habitat.")
    body.get_by_role("button", name="AI actions").click()
    expect(page.get_by_role("menu", name="AI actions")).to_be_visible()
    # The whole popover: the menu's items and the footer around them.
    return body, page.locator(".wab-draftail-menu")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots(shooting_page, theme):
    page = shooting_page
    set_theme(theme)
    login(page)

    body, menu = open_preview(page)
    if theme == "light":
        shoot(page, "richtext-menu-light.png", body, menu)

    page.get_by_role("menuitem", name="Make shorter").click()
    preview = page.get_by_role("region", name="AI answer")
    expect(preview.get_by_role("button", name="Replace")).to_be_visible()
    shoot(page, f"richtext-preview-{theme}.png", body, preview)
