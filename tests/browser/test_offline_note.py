""" "Offline model — rough drafts": the toolbar menu and the panels say when the small
embedded model answers (the small prompt profile, here driven through the fake
provider), as a disclosure a keyboard can open, with how to connect a provider."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_ai_panel import ai_field
from tests.browser.test_richtext_ai import open_editor, select_text

NOTE = "Offline model — rough drafts"


def test_the_menu_and_the_panels_say_the_offline_model_writes_rough_drafts(
    page, offline_model, monstera
):
    login(page)
    body = open_editor(page, monstera)

    # The intro's panel: a closed disclosure beside the quota, opened with the keyboard.
    intro = ai_field(page, "intro")
    summary = intro.locator(".wab-offline-note summary")
    expect(summary).to_have_text(NOTE)
    help_text = intro.locator(".wab-offline-note p")
    expect(help_text).to_be_hidden()
    summary.focus()
    page.keyboard.press("Enter")
    expect(help_text).to_be_visible()
    expect(help_text).to_contain_text("OPENAI_API_KEY")
    assert serious_violations(page, '[data-wab-ai-field-field-value="intro"]') == []

    # The toolbar menu, opened from the keyboard (the mouse out of the way: hovering an
    # item makes it the active one): the note in its footer, described to screen
    # readers, Tab reaches it.
    page.mouse.move(0, 0)
    select_text(page, body, "forgiving houseplant", "natural habitat.")
    page.keyboard.press("Control+Shift+A")
    menu = page.get_by_role("menu", name="AI actions")
    expect(menu).to_have_accessible_description(NOTE)
    expect(menu.get_by_role("menuitem").first).to_be_focused()
    note = page.locator(".wab-draftail-menu .wab-offline-note")
    page.keyboard.press("Tab")
    expect(note.locator("summary")).to_be_focused()
    page.keyboard.press("Enter")
    expect(note.locator("p")).to_contain_text("OPENAI_API_KEY")
    expect(menu).to_be_visible()
    assert serious_violations(page, ".wab-draftail-menu") == []
    page.keyboard.press("Shift+Tab")
    expect(menu.get_by_role("menuitem").first).to_be_focused()
    assert page.console_log.errors == []
