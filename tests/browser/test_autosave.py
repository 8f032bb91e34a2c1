"""Wagtail 8's autosave sees an AI Replace and its undo like any other edit.

The rest of the suite runs with autosave off (``WAGTAIL_AUTOSAVE_INTERVAL = 0`` in
tests/settings.py: a background save racing a test's own Save button makes those
tests flaky). Here it is on, at Wagtail's default interval, and the test waits for
the autosave requests themselves: an AI answer applied with Replace reaches a
draft revision, and so does the one Ctrl+Z that takes it back, so a tab closed
right after the undo leaves the original text in the draft.
"""

from __future__ import annotations

import pytest
import wagtail
from playwright.sync_api import expect

from tests.browser.test_richtext_ai import (  # noqa: F401 (fixtures)
    FIRST_PARAGRAPH,
    SHORTENED,
    editor_page,
    open_editor,
    run_action_on_selection,
    saved_content,
    select_text,
)

pytestmark = pytest.mark.skipif(
    wagtail.VERSION < (7, 1), reason="Autosave arrived after the oldest Wagtail we support"
)


def autosave(page, post, change) -> None:
    """Make `change` and wait until an autosave of the page has been answered."""

    def is_autosave(response) -> bool:
        request = response.request
        return request.method == "POST" and request.url.endswith(f"/admin/pages/{post.pk}/edit/")

    with page.expect_response(is_autosave, timeout=30_000) as answered:
        change()
    assert answered.value.ok, answered.value.status


def latest_draft_body(post) -> str:
    post.refresh_from_db()
    return post.get_latest_revision().as_object().body


def test_replace_and_its_undo_are_both_autosaved(editor_page, monstera, settings):  # noqa: F811
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 500
    page = editor_page
    body = open_editor(page, monstera)
    assert page.locator("[data-controller~=w-autosave]").count() > 0, "autosave is on"

    select_text(page, body, "forgiving houseplant", "natural habitat.")
    preview = run_action_on_selection(page, body, "Make shorter")
    expect(preview.get_by_text("Answer ready")).to_be_visible()
    # Nothing is saved while the answer is only a preview.
    assert "for its natural habitat" in latest_draft_body(monstera)

    autosave(page, monstera, lambda: preview.get_by_role("button", name="Replace").click())
    saved_content(body, SHORTENED)
    draft = latest_draft_body(monstera)
    assert "for its natural habitat" not in draft
    assert "<b>forgiving houseplant</b>" in draft

    # One undo, autosaved as well: the draft holds the original paragraph again.
    expect(body.locator(".public-DraftEditor-content")).to_be_focused()
    autosave(page, monstera, lambda: page.keyboard.press("Control+z"))
    expect(body.locator(".public-DraftEditor-content")).to_contain_text(FIRST_PARAGRAPH)
    draft = latest_draft_body(monstera)
    assert "for its natural habitat." in draft
    assert "<b>forgiving houseplant</b>" in draft

    # The tab closes right after the undo; reopening shows the original.
    page.close()
    fresh = page.context.new_page()
    body = open_editor(fresh, monstera)
    expect(body.locator(".public-DraftEditor-content")).to_contain_text(FIRST_PARAGRAPH)
