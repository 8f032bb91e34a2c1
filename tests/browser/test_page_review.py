""" "Review with AI" in the page editor's Checks panel, in real Chromium (issue 12).

The fake provider answers with a scripted review (JSON, as the structured output asks);
the server locates each improvement in the edit form the browser posted, unsaved
changes included, and the panel applies them in place.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from wagtail.rich_text import RichText

from blog.models import BlogPage
from tests.browser.conftest import login
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_languages import speak
from tests.browser.test_offline_note import NOTE
from tests.browser.test_richtext_ai import (
    linked_text,
    normalised,
    raw_content,
    select_text,
    styled_text,
)
from tests.browser.test_richtext_screenshots import set_theme
from tests.fake_openai import Fail, Reply

BODY_ORIGINAL = "Wipe the leaves monthly so they can breathe"
BODY_SUGGESTED = "Wipe the leaves every month so they can breathe"
FIRST_PARAGRAPH_START = "Monstera deliciosa is a forgiving houseplant"
TIP_TEXT = "Turn the pot a quarter turn every week. Bright, indirect light suits it best."
TIP_ORIGINAL = "Turn the pot a quarter turn every week."
INTRO = "Light, water and support for the Swiss cheese plant."
INTRO_SUGGESTED = "Light, water and support: what the Swiss cheese plant needs."

REVIEW = {
    "score": "adequate",
    "observations": [
        "The care advice is clear and practical.",
        "The introduction could promise more.",
        "The tip repeats the body's advice on light.",
    ],
    "improvements": [
        {
            "original": BODY_ORIGINAL,
            "suggested": BODY_SUGGESTED,
            "why": "Plainer wording.",
        },
        {
            "original": TIP_ORIGINAL,
            "suggested": "Give the pot a quarter turn each week for even growth.",
            "why": "Says why.",
        },
        {"original": INTRO, "suggested": INTRO_SUGGESTED, "why": "A clearer promise."},
        {
            "original": "Monstera needs no water at all.",
            "suggested": "Monstera needs little water.",
            "why": "Not on the page: the server drops it rather than guess.",
        },
    ],
}


@pytest.fixture
def monstera():
    post = BlogPage.objects.get(slug="caring-for-monstera-deliciosa")
    post.sections = [
        ("paragraph", RichText("<p>Repot in spring, into a pot one size larger.</p>")),
        ("tip", {"title": "Turning", "text": RichText(f"<p>{TIP_TEXT}</p>")}),
    ]
    post.save_revision().publish()
    return post


def open_checks(page, post):
    """The post's editor with the Checks side panel open; returns the review section."""
    page.goto(f"/admin/pages/{post.pk}/edit/")
    page.locator("[data-contentpath=body] .public-DraftEditor-content").wait_for()
    page.locator('[data-side-panel-toggle="checks"]').click()
    section = page.locator("section.wab-review")
    expect(section).to_be_visible()
    return section


@pytest.fixture
def checks(page, fake_openai, monstera):
    """The editor of the Monstera post, logged in as admin, with the Checks panel open."""
    fake_openai.script(Reply(json.dumps(REVIEW)))
    login(page)
    return open_checks(page, monstera)


def review(section):
    section.get_by_role("button", name="Review this page").click()
    expect(section.get_by_role("status").first).to_contain_text("Review ready")
    return section.locator(".wab-review__improvement")


def improvement(section, field: str):
    return section.locator(".wab-review__improvement").filter(
        has=section.page.locator(".wab-review__field", has_text=re.compile(f"^{field}$"))
    )


def body_editor(page):
    return page.locator("[data-contentpath=body]")


def saved(field, text: str) -> dict:
    """The field's content once what the form submits holds ``text`` (Draftail writes
    its hidden input a moment after each change)."""
    hidden = field.locator("xpath=.//*[@data-draftail-editor-wrapper]/../input")
    expect(hidden).to_have_value(re.compile(re.escape(text)))
    return raw_content(field)


def test_review_shows_the_score_observations_and_located_improvements(checks, fake_openai):
    page = checks.page
    # An unsaved change reaches the review: the model reads the form, not the revision.
    intro = page.locator("textarea[name=intro]")
    intro.fill(INTRO + " It grows fast.")

    items = review(checks)

    expect(checks.locator(".wab-review__score")).to_have_text("Score: Adequate")
    expect(checks.locator(".wab-review__observations li")).to_have_count(3)
    expect(items).to_have_count(3)
    expect(items.locator(".wab-review__field")).to_have_text(
        ["Body", "Sections \u203a Tip \u203a Text", "Intro"]
    )
    body_item = items.first
    expect(body_item.locator(".wab-review__original del")).to_have_text("monthly")
    expect(body_item.locator(".wab-review__suggested ins")).to_have_text("every month")
    expect(body_item.locator(".wab-review__why")).to_contain_text("Plainer wording.")
    prompt = fake_openai.requests[-1]["json"]["messages"][-1]["content"]
    assert "It grows fast." in prompt
    assert page.console_log.errors == []


def test_apply_replaces_exactly_the_original_and_one_undo_restores_it(checks):
    page = checks.page
    body = body_editor(page)
    original = raw_content(body)
    review(checks)

    improvement(checks, "Body").first.get_by_role("button", name="Apply").click()

    content = body.locator(".public-DraftEditor-content")
    expect(content).to_contain_text(BODY_SUGGESTED)
    expect(improvement(checks, "Body").first.get_by_role("status")).to_contain_text(
        "Applied in “Body”"
    )
    expect(improvement(checks, "Body").first.get_by_role("button", name="Applied")).to_be_disabled()
    applied = saved(body, BODY_SUGGESTED)
    # Only that sentence changed; the first paragraph keeps its bold and its link.
    assert applied["blocks"][1]["text"].startswith(BODY_SUGGESTED)
    assert applied["blocks"][1]["text"].endswith("split leaves.")
    assert normalised(applied)[0] == normalised(original)[0]
    assert styled_text(applied["blocks"][0], "BOLD") == ["forgiving houseplant"]

    expect(content).to_be_focused()
    page.keyboard.press("Control+z")
    expect(content).to_contain_text(BODY_ORIGINAL)
    assert normalised(saved(body, BODY_ORIGINAL)) == normalised(original)
    assert linked_text(original, original["blocks"][0])
    assert page.console_log.errors == []


def test_apply_in_a_plain_field_changes_its_value_and_one_undo_restores_it(checks):
    page = checks.page
    intro = page.locator("textarea[name=intro]")
    review(checks)

    improvement(checks, "Intro").get_by_role("button", name="Apply").click()

    expect(intro).to_have_value(INTRO_SUGGESTED)
    expect(intro).to_be_focused()
    page.keyboard.press("Control+z")
    expect(intro).to_have_value(INTRO)


def test_show_opens_a_collapsed_block_and_highlights_the_text(checks):
    page = checks.page
    tip = (
        page.locator("[data-contentpath=sections] [data-contentpath]")
        .filter(has_text="Turning")
        .first
    )
    items = review(checks)
    expect(items).to_have_count(3)
    # The editor collapsed the tip block before asking to see the suggestion.
    toggle = tip.locator(".w-panel__toggle").first
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")

    improvement(checks, re.escape("Sections \u203a Tip \u203a Text")).get_by_role(
        "button", name="Show"
    ).click()

    highlighted = page.locator(".wab-review-highlight")
    expect(highlighted).to_have_count(1)
    expect(highlighted).to_contain_text(TIP_TEXT)
    expect(highlighted).to_be_in_viewport()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    # The text itself is marked (CSS Custom Highlight), and focus stays in the panel.
    marked = page.evaluate("() => [...CSS.highlights.get('wab-draftail-target') ?? []].map(String)")
    assert marked == [TIP_ORIGINAL]
    expect(
        improvement(checks, re.escape("Sections \u203a Tip \u203a Text")).get_by_role(
            "button", name="Show"
        )
    ).to_be_focused()


def test_apply_after_the_text_changed_says_so_and_changes_nothing(checks):
    page = checks.page
    body = body_editor(page)
    review(checks)
    select_text(page, body, "monthly", "monthly")
    page.keyboard.type("often")
    expect(body.locator(".public-DraftEditor-content")).to_contain_text("leaves often so")
    before = saved(body, "leaves often so")

    improvement(checks, "Body").first.get_by_role("button", name="Apply").click()

    expect(improvement(checks, "Body").first.get_by_role("status")).to_have_text(
        "The original text is no longer in “Body”: it changed after the review. Nothing was "
        "replaced. Review the page again for current suggestions."
    )
    assert normalised(raw_content(body)) == normalised(before)
    expect(improvement(checks, "Body").first.get_by_role("button", name="Apply")).to_be_enabled()


@pytest.mark.parametrize(
    ("replies", "says"),
    [
        ([Fail(429, retry_after=30)], r"The AI service is busy\..*Try again in 30 seconds"),
        ([Reply("not json"), Reply('{"score": "great"}')], r"could not be read"),
    ],
    ids=["provider-busy", "invalid-answer-twice"],
)
def test_a_failed_review_says_why_and_leaves_the_page_alone(checks, fake_openai, replies, says):
    page = checks.page
    fake_openai.reset()
    fake_openai.script(*replies)
    body = body_editor(page)
    before = raw_content(body)

    checks.get_by_role("button", name="Review this page").click()

    expect(checks.get_by_role("status").first).to_have_text(re.compile(says))
    expect(checks.locator(".wab-review__improvement")).to_have_count(0)
    expect(checks.get_by_role("button", name="Review this page")).to_be_enabled()
    assert normalised(raw_content(body)) == normalised(before)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_review_has_no_serious_accessibility_violations(page, fake_openai, monstera, theme):
    set_theme(theme)
    fake_openai.script(Reply(json.dumps(REVIEW)))
    login(page)
    section = open_checks(page, monstera)
    assert serious_violations(page, "section.wab-review") == []

    items = review(section)
    improvement(section, "Intro").get_by_role("button", name="Show").click()
    improvement(section, "Body").first.get_by_role("button", name="Apply").click()

    expect(items).to_have_count(3)
    expect(page.locator(".wab-review-highlight")).to_have_count(0)
    assert serious_violations(page, "section.wab-review") == []


def test_the_review_works_from_the_keyboard(checks):
    page = checks.page
    button = checks.get_by_role("button", name="Review this page")
    button.focus()
    page.keyboard.press("Enter")
    expect(checks.get_by_role("status").first).to_contain_text("Review ready")

    # Tab reaches each improvement's Show and Apply, in reading order.
    show = improvement(checks, "Body").first.get_by_role("button", name="Show")
    show.focus()
    page.keyboard.press("Tab")
    expect(improvement(checks, "Body").first.get_by_role("button", name="Apply")).to_be_focused()
    page.keyboard.press("Enter")
    expect(body_editor(page).locator(".public-DraftEditor-content")).to_contain_text(BODY_SUGGESTED)


def test_the_review_speaks_the_editors_language_right_to_left(page, fake_openai, monstera):
    speak("ar")
    fake_openai.script(Reply(json.dumps(REVIEW)))
    login(page)
    section = open_checks(page, monstera)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(section.locator("h2")).to_have_text("مراجعة بالذكاء الاصطناعي")

    section.locator("[data-wab-review-target=button]").click()

    expect(section.get_by_role("status").first).to_contain_text("المراجعة جاهزة")
    expect(section.locator(".wab-review__score")).to_have_text("التقييم: مقبول")
    expect(section.locator(".wab-review__improvement button").first).to_have_text("إظهار")
    assert serious_violations(page, "section.wab-review") == []


SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.mark.skipif(
    not os.environ.get("WAB_SCREENSHOTS"), reason="set WAB_SCREENSHOTS=1 to retake them"
)
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_review_screenshots(browser, live_server, demo_site, fake_openai, monstera, theme):
    """docs/screenshots/review-with-ai-{light,dark}.png for the README::

    WAB_SCREENSHOTS=1 python -m pytest tests/browser/test_page_review.py -k screenshots
    """
    set_theme(theme)
    fake_openai.script(Reply(json.dumps(REVIEW)))
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1400, "height": 1000}, device_scale_factor=1
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page)
    section = open_checks(page, monstera)
    review(section)
    improvement(section, "Body").first.get_by_role("button", name="Show").click()
    expect(page.locator(".wab-review-highlight")).to_be_in_viewport()
    section.locator("h2").evaluate(
        "element => element.scrollIntoView({block: 'start', behavior: 'instant'})"
    )
    page.mouse.move(0, 0)
    page.wait_for_timeout(500)  # Show's smooth scroll
    page.screenshot(path=SHOTS / f"review-with-ai-{theme}.png", animations="disabled", caret="hide")
    context.close()


def test_a_page_not_saved_yet_is_reviewed_and_improved(page, fake_openai, monstera):
    title = "Repotting a snake plant"
    fake_openai.script(
        Reply(
            json.dumps(
                {
                    "score": "needs_work",
                    "observations": ["Short.", "Clear.", "No steps."],
                    "improvements": [
                        {
                            "original": title,
                            "suggested": "How to repot a snake plant",
                            "why": "Says what the reader gets.",
                        }
                    ],
                }
            )
        )
    )
    login(page)
    page.goto(f"/admin/pages/add/blog/blogpage/{monstera.get_parent().pk}/")
    page.locator("input[name=title]").fill(title)
    page.locator('[data-side-panel-toggle="checks"]').click()
    section = page.locator("section.wab-review")

    review(section)
    improvement(section, "Title").get_by_role("button", name="Apply").click()

    expect(page.locator("input[name=title]")).to_have_value("How to repot a snake plant")
    request = fake_openai.requests[-1]["json"]["messages"][-1]["content"]
    assert title in request


def test_our_own_rate_limit_says_when_to_try_again(page, fake_openai, monstera, settings):
    settings.WAGTAIL_AI_BLOCKS = {
        **settings.WAGTAIL_AI_BLOCKS,
        "RATE_LIMITS": {"USER": 1, "STAFF": 1, "SUPERUSER_EXEMPT": False},
    }
    fake_openai.script(Reply(json.dumps(REVIEW)), Reply(json.dumps(REVIEW)))
    login(page)
    section = open_checks(page, monstera)
    review(section)
    # Changed content: not a cache hit (those are free), so it needs a second call.
    page.locator("textarea[name=intro]").fill(INTRO + " Changed.")

    section.get_by_role("button", name="Review again").click()

    # The server's words say when, once (not again from the client).
    # The window's reset is "1 hour" or, a moment later, "60 minutes": said once either way.
    status = section.get_by_role("status").first
    expect(status).to_have_text(
        re.compile(
            r"^You have used all your AI requests for now\. "
            r"Try again in (1 hour|60 minutes)\.$"
        )
    )
    assert status.inner_text().count("Try again") == 1
    expect(section.locator(".wab-review__improvement")).to_have_count(3)
    assert fake_openai.call_count == 1


def test_a_review_by_the_offline_model_says_it_is_a_rough_draft(
    page,
    offline_model,
    monstera,
):
    offline_model.script(Reply(json.dumps(REVIEW)))
    login(page)
    section = open_checks(page, monstera)

    review(section)

    note = section.locator(".wab-review__score + details.wab-offline-note")
    expect(note.locator("summary")).to_have_text(NOTE)
    note.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(note.locator("p")).to_contain_text("OPENAI_API_KEY")
    assert serious_violations(page, "section.wab-review") == []
