"""The toolbar's menu and preview show what the text will get, in real Chromium:
the Translate submenu (30 languages) stays in the window above Wagtail's sticky
footer and leaves out the page's own language; "Continue writing" shows only what
it adds; a list in the answer is shown as a list."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.ai_answers import CONTINUATION
from tests.browser.conftest import login, settled_box
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_richtext_ai import open_editor, run_action_on_selection, select_text

LIST_ANSWER = (
    "<p>Monstera care:</p><ul><li>Bright, <b>indirect</b> light</li><li>Water weekly</li></ul>"
)

# The bottom of the window that Wagtail's sticky footer leaves free.
FREE_BOTTOM_JS = """
() => {
  const footer = document.querySelector('footer.footer, .footer');
  const top = footer ? footer.getBoundingClientRect().top : window.innerHeight;
  return Math.min(top, window.innerHeight);
}
"""


def test_the_translate_submenu_fits_above_the_footer_without_the_page_language(
    page, fake_openai, monstera
):
    login(page)
    body = open_editor(page, monstera)
    # The last paragraph: the menu opens low in the window, near the footer.
    body.locator(".public-DraftEditor-content [data-block]").last.scroll_into_view_if_needed()
    body.locator(".public-DraftEditor-content [data-block]").last.click()
    page.mouse.move(0, 0)  # hovering an item would make it the active one
    page.keyboard.press("Control+Shift+A")
    menu = page.get_by_role("menu", name="AI actions")
    expect(menu.get_by_role("menuitem").first).to_be_focused()
    page.keyboard.press("t")  # type-ahead
    expect(menu.get_by_role("menuitem", name="Translate")).to_be_focused()
    page.keyboard.press("ArrowRight")

    languages = page.get_by_role("menu", name="Translate")
    items = languages.get_by_role("menuitem")
    expect(items.first).to_be_focused()
    assert items.count() >= 20
    labels = items.all_inner_texts()
    assert "English" not in labels, "the page is in English"
    assert labels[0] == "French", "the site's other language comes first"

    popover = page.locator(".wab-draftail-menu")
    box = settled_box(popover)
    free_bottom = page.evaluate(FREE_BOTTOM_JS)
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= free_bottom + 1, (box, free_bottom)
    assert serious_violations(page, ".wab-draftail-menu") == []

    # The last language: reached with End, scrolled into the list, clear of the footer.
    page.keyboard.press("End")
    last = items.last
    expect(last).to_be_focused()
    expect(last).to_be_in_viewport()
    last_box = settled_box(last)
    assert last_box["y"] + last_box["height"] <= page.evaluate(FREE_BOTTOM_JS) + 1
    assert page.console_log.errors == []


def test_continue_writing_shows_only_what_it_adds(page, fake_openai, monstera):
    fake_openai.responder = lambda request: CONTINUATION
    login(page)
    body = open_editor(page, monstera)
    # The selection holds the Wikipedia link, which the continuation does not repeat.
    select_text(page, body, "forgiving houseplant", "natural habitat.")

    preview = run_action_on_selection(page, body, "Continue writing")

    expect(preview.get_by_role("status")).to_have_text("Answer ready")
    expect(preview.locator(".wab-draftail-diff")).to_have_text(CONTINUATION)
    expect(preview.locator(".wab-draftail-diff del")).to_have_count(0)
    expect(preview.locator(".wab-draftail-preview__warning")).to_have_count(0)
    expect(preview.get_by_role("button", name="Replace")).to_have_count(0)
    expect(preview.get_by_role("button", name="Insert below")).to_be_focused()
    assert serious_violations(page, ".wab-draftail-preview") == []
    assert page.console_log.errors == []


def test_a_list_in_the_answer_is_previewed_as_a_list_and_inserted_as_one(
    page, fake_openai, monstera
):
    fake_openai.responder = lambda request: LIST_ANSWER
    login(page)
    body = open_editor(page, monstera)
    select_text(page, body, "forgiving houseplant", "natural habitat.")

    preview = run_action_on_selection(page, body, "Make shorter")

    diff = preview.locator(".wab-draftail-diff")
    expect(preview.get_by_role("status")).to_have_text("Answer ready")
    items = diff.locator("ul > li")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("Bright, indirect light")
    expect(items.first.locator("strong")).to_have_text("indirect")
    assert items.first.evaluate("li => getComputedStyle(li).display") == "list-item"
    assert diff.locator("ul").evaluate("ul => getComputedStyle(ul).listStyleType") == "disc"
    expect(diff.locator("> p").first).to_contain_text("Monstera care:")
    assert serious_violations(page, ".wab-draftail-preview") == []

    preview.get_by_role("button", name="Replace").click()
    expect(preview).to_be_hidden()
    editor_items = body.locator(".public-DraftEditor-content li")
    expect(editor_items).to_have_count(2)
    expect(editor_items.nth(1)).to_have_text("Water weekly")
    assert page.console_log.errors == []
