"""AI for images in real Chromium: the image edit form, AIImageBlock and the bulk page.

The fake provider is configured as a backend that can see images; what it received is
checked on the server side (``fake_openai.images``).
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from PIL import Image as PILImage
from playwright.sync_api import expect
from wagtail.images import get_image_model

from blog.models import BlogPage
from tests.browser.conftest import login
from tests.fake_openai import Fail, Reply

#: How long a 20-image job may take on a loaded machine (the wait ends when it is done).
JOB = 180_000
DESCRIPTION = "A monstera in a terracotta pot against a cream wall"


@pytest.fixture
def vision(settings, fake_openai):
    """The fake provider as a backend that can see images."""
    backends = settings.WAGTAIL_AI_BLOCKS["BACKENDS"]
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "BACKENDS": {"default": {**backends["default"], "VISION": True}},
    }
    return fake_openai


def ai_field(page, name):
    return page.locator(
        f'[data-controller~="wab-ai-field"][data-wab-ai-field-field-value="{name}"]'
    )


def screenshot(page, name: str, locator=None) -> None:
    """README pictures (docs/screenshots/), taken when WAB_SCREENSHOTS=1."""
    if os.environ.get("WAB_SCREENSHOTS") == "1":
        path = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / f"{name}.png"
        (locator or page).screenshot(path=str(path))


def assert_bounded_rendition(received, image) -> None:
    assert received.mime_type == "image/jpeg"
    with image.file.open("rb") as original:
        assert received.data != original.read()
    assert max(PILImage.open(io.BytesIO(received.data)).size) <= 1024


def test_edit_an_image_generate_use_and_save_its_description(page, vision):
    image = get_image_model().objects.get(title="Monstera photo 01")
    vision.responder = lambda request: DESCRIPTION
    login(page)
    page.goto(f"/admin/images/{image.pk}/")
    description = ai_field(page, "description")

    description.get_by_role("button", name="Generate").click()
    expect(description.locator(".wab-ai-field__candidate")).to_have_count(3)
    screenshot(page, "images-form")
    description.get_by_role("button", name="Use suggestion 1").click()
    expect(description.locator("input, textarea").first).to_have_value(DESCRIPTION)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("updated")

    image.refresh_from_db()
    assert image.description == DESCRIPTION
    [received] = vision.images
    assert_bounded_rendition(received, image)
    assert vision.requests[-1]["json"]["messages"][-1]["content"].count("Monstera photo 01")
    assert page.console_log.errors == []


def test_ai_image_block_alt_text_uses_the_neighbouring_blocks(page, vision):
    from wagtail.rich_text import RichText

    image = get_image_model().objects.get(title="Pothos photo 02")
    post = BlogPage.objects.get(slug="caring-for-monstera-deliciosa")
    post.sections = [
        ("paragraph", RichText("<p>Aerial roots climb the moss pole.</p>")),
        ("image", {"image": image, "alt_text": "", "decorative": False}),
        ("paragraph", RichText("<p>Wipe the split leaves every month.</p>")),
    ]
    post.save_revision()
    vision.responder = lambda request: "Aerial roots gripping a moss pole"
    login(page)
    page.goto(f"/admin/pages/{post.pk}/edit/")
    alt_text = ai_field(page, "alt_text")

    alt_text.get_by_role("button", name="Generate").click()
    expect(alt_text.locator(".wab-ai-field__candidate")).to_have_count(3)
    alt_text.scroll_into_view_if_needed()
    screenshot(page, "images-block", page.locator("[data-streamfield-child]").nth(1))
    alt_text.get_by_role("button", name="Use suggestion 1").click()
    expect(alt_text.locator("input")).to_have_value("Aerial roots gripping a moss pole")

    request = vision.requests[-1]["json"]
    told = request["messages"][-1]["content"]
    assert "Write the alt text" in request["messages"][0]["content"]
    assert "Nearby text: Aerial roots climb the moss pole." in told
    assert "Nearby text: Wipe the split leaves every month." in told
    assert "Page title: Caring for Monstera deliciosa" in told
    [received] = vision.images
    assert_bounded_rendition(received, image)
    assert page.console_log.errors == []


def open_bulk_page_and_describe_all(page) -> None:
    login(page)
    page.goto("/admin/ai-blocks/images/")
    expect(page.get_by_text("20 images match.")).to_be_visible()
    page.get_by_role("button", name="Describe all 20 images").click()
    page.wait_for_url(re.compile(r"/admin/ai-blocks/images/jobs/\d+/$"))


def descriptions() -> list[str]:
    return list(
        get_image_model()
        .objects.filter(title__contains=" photo ")
        .order_by("pk")
        .values_list("description", flat=True)
    )


def test_bulk_describes_twenty_images_and_writes_them_when_approved(page, vision, task_worker):
    vision.responder = lambda request: "A potted plant on a plain wall"
    open_bulk_page_and_describe_all(page)

    expect(page.locator("[data-wab-image-job-target=percent]")).to_have_text("100%", timeout=JOB)
    expect(page.locator('tr[data-status="suggested"]')).to_have_count(20)
    screenshot(page, "images-bulk")
    assert descriptions() == [""] * 20  # nothing written before approval
    page.get_by_role("button", name="Approve all").click()
    expect(page.locator(".messages")).to_contain_text("20 descriptions saved.")

    assert descriptions() == ["A potted plant on a plain wall"] * 20
    assert len(vision.images) == 20
    assert page.console_log.errors == []


def test_bulk_job_pauses_at_the_limit_and_says_when_it_resumes(page, vision, task_worker, settings):
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "RATE_LIMITS": {"USER": 5, "STAFF": 5, "SUPERUSER_EXEMPT": False},
    }
    open_bulk_page_and_describe_all(page)

    message = page.locator("[data-wab-image-job-target=message]")
    expect(message).to_contain_text("Paused: You have used all your AI requests", timeout=JOB)
    expect(message).to_contain_text("Resumes at")
    expect(page.locator("[data-wab-image-job-target=percent]")).to_have_text("25%")
    expect(page.locator('tr[data-status="suggested"]')).to_have_count(5)
    assert vision.call_count == 5
    assert descriptions() == [""] * 20


def test_bulk_provider_failures_leave_the_others_done_and_retryable(page, vision, task_worker):
    # The worker takes the tasks in order: the 3rd and the 9th calls fail.
    vision.script(
        *[Fail(500) if n in (2, 8) else Reply("A potted plant on a plain wall") for n in range(9)]
    )
    open_bulk_page_and_describe_all(page)

    expect(page.locator("[data-wab-image-job-target=percent]")).to_have_text("100%", timeout=JOB)
    expect(page.locator('tr[data-status="suggested"]')).to_have_count(18)
    failed = page.locator('tr[data-status="failed"]')
    expect(failed).to_have_count(2)
    expect(failed.get_by_role("button", name="Retry")).to_have_count(2)
    assert descriptions() == [""] * 20
