"""AI panels on the demo's Monstera post, in real Chromium against the demo admin.

The fake provider answers by action (``tests/browser/ai_answers.py``) and, asked
for three candidates, returns the answer, then the answer + " (2)", + " (3)".
"""

from __future__ import annotations

import threading

import pytest
from playwright.sync_api import expect

from blog.models import BlogPage
from tests.browser.ai_answers import (
    INTRODUCTION,
    SEARCH_DESCRIPTION,
    SEO_TITLE,
    answer_for_action,
    user_message,
)
from tests.browser.conftest import login
from tests.fake_openai import Fail

INTRO = "Light, water and support for the Swiss cheese plant."

# Notes when Wagtail's unsaved-changes controller (on the edit form) takes its
# snapshot of the form, which it does two seconds after loading (sometimes twice,
# a moment apart), and when it then sees a change.
WATCH_UNSAVED_JS = """
window.wabUnsaved = { snapshotAt: null, changed: false };
document.addEventListener('w-unsaved:watch-edits', (event) => {
  if (event.target.matches('[data-edit-form]')) window.wabUnsaved.snapshotAt = performance.now();
});
document.addEventListener('w-unsaved:add', (event) => {
  if (event.target.matches('[data-edit-form]')) window.wabUnsaved.changed = true;
});
"""
SNAPSHOT_SETTLED_JS = (
    "window.wabUnsaved.snapshotAt !== null"
    " && performance.now() - window.wabUnsaved.snapshotAt > 1000"
)


@pytest.fixture
def editor_page(page, fake_openai, monstera):
    """The Monstera post's editor, logged in as admin, the fake provider answering by action."""
    fake_openai.responder = answer_for_action
    login(page)
    page.add_init_script(WATCH_UNSAVED_JS)
    page.goto(f"/admin/pages/{monstera.pk}/edit/")
    return page


def ai_field(page, name):
    return page.locator(
        f'[data-controller~="wab-ai-field"][data-wab-ai-field-field-value="{name}"]'
    )


def generate_and_use(page, name, button, choice):
    """Click Generate/Improve beside field ``name`` and use suggestion number ``choice``."""
    field = ai_field(page, name)
    field.get_by_role("button", name=button).click()
    expect(field.locator(".wab-ai-field__candidate")).to_have_count(3)
    field.get_by_role("button", name=f"Use suggestion {choice}").click()
    expect(field.locator(".wab-ai-field__suggestions")).to_be_hidden()


def test_seo_title_and_search_description_from_the_second_candidate_are_saved(
    editor_page, fake_openai, monstera
):
    page = editor_page
    page.get_by_role("tab", name="Promote").click()
    seo_title = ai_field(page, "seo_title")

    seo_title.get_by_role("button", name="Generate").click()

    candidates = seo_title.locator(".wab-ai-field__candidate")
    expect(candidates).to_have_count(3)
    expect(candidates.nth(1).locator(".wab-ai-field__text")).to_have_text(f"{SEO_TITLE} (2)")
    expect(candidates.nth(1).locator(".wab-ai-field__count")).to_have_text(
        f"{len(SEO_TITLE) + 4} / 60 characters"
    )
    expect(seo_title.locator(".wab-ai-field__quota")).to_contain_text("AI requests left")
    # A provider answers: no "Offline model" note.
    expect(seo_title.locator(".wab-offline-note")).to_have_count(0)
    # The model saw the page: its title, type and the intro and body as they are in the form.
    request = fake_openai.requests[-1]
    assert request["json"]["n"] == 3
    context = user_message(request)
    assert "Page title: Caring for Monstera deliciosa" in context
    assert "Page type: Blog page" in context
    assert f"Field intro: {INTRO}" in context
    assert "forgiving houseplant" in context

    page.wait_for_function(SNAPSHOT_SETTLED_JS)
    seo_title.get_by_role("button", name="Use suggestion 2").click()
    expect(page.locator("#id_seo_title")).to_have_value(f"{SEO_TITLE} (2)")
    page.wait_for_function("window.wabUnsaved.changed")  # Wagtail's unsaved-changes warning

    generate_and_use(page, "search_description", "Generate", 2)
    expect(page.locator("#id_search_description")).to_have_value(f"{SEARCH_DESCRIPTION} (2)")

    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("has been updated")

    saved = BlogPage.objects.get(pk=monstera.pk).get_latest_revision_as_object()
    assert saved.seo_title == f"{SEO_TITLE} (2)"
    assert saved.search_description == f"{SEARCH_DESCRIPTION} (2)"
    assert page.console_log.errors == []


@pytest.fixture
def autosave(settings):
    """Wagtail's autosave as it ships (the test settings turn it off)."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 500


def test_an_applied_suggestion_is_autosaved_by_wagtail(autosave, editor_page, monstera):
    page = editor_page
    if not page.locator('[data-edit-form][data-controller~="w-autosave"]').count():
        pytest.skip("This Wagtail version has no autosave.")
    page.evaluate(
        "window.wabAutosaved = 0;"
        "document.addEventListener('w-autosave:success', () => { window.wabAutosaved += 1; });"
    )
    page.wait_for_function(SNAPSHOT_SETTLED_JS)
    page.get_by_role("tab", name="Promote").click()

    generate_and_use(page, "seo_title", "Generate", 2)

    page.wait_for_function("window.wabAutosaved > 0")
    saved = BlogPage.objects.get(pk=monstera.pk).get_latest_revision_as_object()
    assert saved.seo_title == f"{SEO_TITLE} (2)"
    assert page.console_log.errors == []


def test_improve_the_intro_then_undo_it_with_one_keystroke(editor_page, fake_openai):
    page = editor_page
    intro = page.locator("#id_intro")

    generate_and_use(page, "intro", "Improve", 1)

    # The introduction action, given the current intro as the text to improve on.
    expect(intro).to_have_value(INTRODUCTION)
    expect(ai_field(page, "intro").get_by_role("button", name="Improve")).to_be_visible()
    assert "[[TEXT" in user_message(fake_openai.requests[-1])
    assert INTRO in user_message(fake_openai.requests[-1])
    expect(intro).to_be_focused()
    page.keyboard.press("Control+z")
    expect(intro).to_have_value(INTRO)
    assert page.console_log.errors == []


def test_a_failed_request_says_why_and_changes_nothing(editor_page, fake_openai):
    page = editor_page
    fake_openai.script(Fail(500))
    intro = ai_field(page, "intro")

    intro.get_by_role("button", name="Improve").click()

    expect(intro.get_by_role("alert")).not_to_be_empty()
    expect(intro.locator(".wab-ai-field__candidate")).to_have_count(0)
    expect(page.locator("#id_intro")).to_have_value(INTRO)
    expect(intro.get_by_role("button", name="Improve")).to_be_enabled()


def test_keyboard_walk_keeps_the_focus_announces_the_suggestions_and_escape_closes(
    editor_page, fake_openai
):
    # test_accessibility imports this module's helpers.
    from tests.browser.test_accessibility import serious_violations

    page = editor_page
    release = threading.Event()

    def held_answer(request):
        release.wait(30)
        return answer_for_action(request)

    fake_openai.responder = held_answer
    page.get_by_role("tab", name="Promote").click()
    seo_title = ai_field(page, "seo_title")
    generate = seo_title.get_by_role("button", name="Generate")
    status = seo_title.get_by_role("status")
    generate.focus()
    try:
        page.keyboard.press("Enter")

        # Busy: the button keeps the keyboard, says it is unavailable, ignores presses.
        expect(status).to_have_text("Asking the AI for suggestions…")
        expect(generate).to_have_attribute("aria-disabled", "true")
        expect(generate).to_be_focused()
        page.keyboard.press("Enter")
        assert serious_violations(page, '[data-wab-ai-field-field-value="seo_title"]') == []
    finally:
        release.set()

    expect(seo_title.locator(".wab-ai-field__candidate")).to_have_count(3)
    expect(seo_title.get_by_role("button", name="Use suggestion 1")).to_be_focused()
    expect(status).to_have_text("3 suggestions")
    expect(generate).not_to_have_attribute("aria-disabled", "true")
    assert fake_openai.call_count == 1, "a press while busy asked again"

    page.keyboard.press("Tab")
    expect(seo_title.get_by_role("button", name="Use suggestion 2")).to_be_focused()
    page.keyboard.press("Escape")

    expect(seo_title.locator(".wab-ai-field__suggestions")).to_be_hidden()
    expect(generate).to_be_focused()
    expect(page.locator("#id_seo_title")).to_have_value("")
    assert page.console_log.errors == []
