"""AI StreamField blocks on the demo's Monstera post, in real Chromium against the demo admin.

The post's "Sections" StreamField starts empty. An "AI text" block added to it
has nothing before it, so Generate drafts it as the page's introduction; with
text in it, Improve rewrites it (``tests/browser/ai_answers.py`` has the answers).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from blog.models import BlogPage
from tests.browser.ai_answers import (
    CONTINUATION,
    IMPROVED,
    INTRODUCTION,
    answer_for_action,
    user_message,
)
from tests.browser.conftest import login

AI_TEXT_BLOCKS = (
    '[data-contentpath="sections"] [data-streamfield-child]:has(input[value="text"][name$="-type"])'
)


@pytest.fixture
def editor_page(page, fake_openai, monstera):
    fake_openai.responder = answer_for_action
    login(page)
    page.goto(f"/admin/pages/{monstera.pk}/edit/")
    return page


def use_first_suggestion(block, button):
    block.get_by_role("button", name=button).click()
    expect(block.locator(".wab-ai-field__candidate")).to_have_count(3)
    block.get_by_role("button", name="Use suggestion 1").click()
    expect(block.locator(".wab-ai-field__suggestions")).to_be_hidden()


def test_ai_text_block_added_generated_duplicated_saved_and_reopened(
    editor_page, fake_openai, monstera
):
    page = editor_page
    sections = page.locator('[data-contentpath="sections"]')

    # Add an AI text block and generate into it.
    sections.get_by_role("button", name="Insert a block").click()
    page.get_by_role("option", name="AI text").click()
    blocks = page.locator(AI_TEXT_BLOCKS)
    expect(blocks).to_have_count(1)
    first = blocks.nth(0)
    use_first_suggestion(first, "Generate")
    expect(first.locator("textarea")).to_have_value(INTRODUCTION)
    # First on the page, it was drafted as an introduction, from the page title.
    message = user_message(fake_openai.requests[-1])
    assert "Page title: Caring for Monstera deliciosa" in message

    # Duplicate it: the copy has the text and its own AI assistance.
    first.locator('[data-streamfield-action="DUPLICATE"]').first.click()
    expect(blocks).to_have_count(2)
    second = blocks.nth(1)
    expect(second.locator("textarea")).to_have_value(INTRODUCTION)
    expect(second.get_by_role("button", name="Improve")).to_be_visible()
    expect(second.locator(".wab-ai-field__assist")).to_have_count(1)

    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("has been updated")
    saved = BlogPage.objects.get(pk=monstera.pk).get_latest_revision_as_object()
    assert [(block.block_type, block.value) for block in saved.sections] == [
        ("text", INTRODUCTION),
        ("text", INTRODUCTION),
    ]

    # Reopen: both blocks come back with their AI assistance, and it works.
    page.goto(f"/admin/pages/{monstera.pk}/edit/")
    expect(blocks).to_have_count(2)
    for index in range(2):
        expect(blocks.nth(index).get_by_role("button", name="Improve")).to_be_visible()
    use_first_suggestion(blocks.nth(1), "Improve")
    expect(blocks.nth(1).locator("textarea")).to_have_value(IMPROVED)
    expect(blocks.nth(0).locator("textarea")).to_have_value(INTRODUCTION)
    # Improving the second block showed the model the block before it.
    assert INTRODUCTION in user_message(fake_openai.requests[-1])

    use_first_suggestion(blocks.nth(0), "Improve")
    expect(blocks.nth(0).locator("textarea")).to_have_value(IMPROVED)
    assert page.console_log.errors == []


def test_blocks_keep_their_ai_when_moved_and_nested_in_a_struct_block(editor_page):
    page = editor_page
    sections = page.locator('[data-contentpath="sections"]')
    sections.get_by_role("button", name="Insert a block").click()
    page.get_by_role("option", name="Tip").click()
    # Wait for the tip (and the insert button after it) before inserting below it.
    expect(sections.locator("[data-streamfield-child]")).to_have_count(1)
    sections.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="AI text").click()

    # The "tip" StructBlock holds an AI heading and an AI rich text block.
    tip = sections.locator("[data-streamfield-child]").first
    expect(tip.locator('[data-controller~="wab-ai-field"]')).to_have_count(2)
    expect(tip.get_by_role("button", name="Draft this section")).to_be_visible()

    # Move the AI text block above the tip: it keeps one working assistance.
    text_block = page.locator(AI_TEXT_BLOCKS)
    text_block.locator('[data-streamfield-action="MOVE_UP"]').click()
    expect(sections.locator("[data-streamfield-child]").first).to_contain_text("AI text")
    expect(text_block.locator(".wab-ai-field__assist")).to_have_count(1)
    use_first_suggestion(text_block, "Generate")
    expect(text_block.locator("textarea")).to_have_value(INTRODUCTION)
    assert page.console_log.errors == []


def test_draft_this_section_continues_from_the_block_before(editor_page, fake_openai, monstera):
    page = editor_page
    sections = page.locator('[data-contentpath="sections"]')
    sections.get_by_role("button", name="Insert a block").click()
    page.get_by_role("option", name="AI text").click()
    page.locator(AI_TEXT_BLOCKS).locator("textarea").fill("Monstera likes bright light.")
    expect(sections.locator("[data-streamfield-child]")).to_have_count(1)
    sections.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="Paragraph").click()
    paragraph = sections.locator("[data-streamfield-child]").nth(1)

    paragraph.get_by_role("button", name="Draft this section").click()
    expect(paragraph.locator(".wab-ai-field__candidate")).to_have_count(1)
    paragraph.get_by_role("button", name="Use suggestion 1").click()

    editor = paragraph.locator(".public-DraftEditor-content")
    expect(editor).to_have_text(CONTINUATION)
    request = fake_openai.requests[-1]["json"]
    assert "Continue the text" in request["messages"][0]["content"]
    assert "Monstera likes bright light." in user_message(fake_openai.requests[-1])
    # One Ctrl+Z in the editor takes the draft out again.
    editor.press("Control+z")
    expect(editor).to_have_text("")
    editor.press("Control+Shift+z")
    expect(editor).to_have_text(CONTINUATION)

    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("has been updated")
    saved = BlogPage.objects.get(pk=monstera.pk).get_latest_revision_as_object()
    assert saved.sections[1].block_type == "paragraph"
    assert re.fullmatch(
        rf'<p data-block-key="\w+">{CONTINUATION}</p>', saved.sections[1].value.source
    )
    assert page.console_log.errors == []


def test_a_heading_block_is_suggested_from_the_blocks_around_it(editor_page, fake_openai):
    page = editor_page
    sections = page.locator('[data-contentpath="sections"]')
    children = sections.locator("[data-streamfield-child]")
    for index, (option, text) in enumerate(
        [
            ("AI text", "Monstera likes bright, indirect light."),
            ("Heading", None),
            ("AI text", "Water it when the top of the soil is dry."),
        ]
    ):
        sections.get_by_role("button", name="Insert a block").last.click()
        page.get_by_role("option", name=option, exact=True).click()
        expect(children).to_have_count(index + 1)
        if text:
            children.nth(index).locator("textarea").fill(text)
    heading = children.nth(1)

    use_first_suggestion(heading, "Generate")

    request = fake_openai.requests[-1]["json"]
    assert "Write a heading for the section" in request["messages"][0]["content"]
    message = user_message(fake_openai.requests[-1])
    assert "Nearby text: Monstera likes bright, indirect light." in message
    assert "Nearby text: Water it when the top of the soil is dry." in message
    assert message.index("bright, indirect light") < message.index("top of the soil")
    assert page.console_log.errors == []


def test_a_block_added_after_an_answer_shows_the_current_quota(editor_page, fake_openai):
    from tests.browser.test_richtext_ai import run_action_on_selection, select_text

    page = editor_page
    sections = page.locator('[data-contentpath="sections"]')
    blocks = page.locator(AI_TEXT_BLOCKS)
    sections.get_by_role("button", name="Insert a block").click()
    page.get_by_role("option", name="AI text").click()
    first_quota = blocks.nth(0).locator(".wab-ai-field__quota")
    expect(first_quota).to_contain_text("AI requests left")
    at_load = first_quota.inner_text()

    # An answer in the rich-text toolbar (another bundle) uses one request; the block
    # already on the page hears of it.
    body = page.locator("[data-contentpath=body]")
    select_text(page, body, "forgiving houseplant", "natural habitat.")
    preview = run_action_on_selection(page, body, "Make shorter")
    expect(preview.get_by_text("Answer ready")).to_be_visible()
    expect(first_quota).not_to_have_text(at_load)
    now = first_quota.inner_text()

    # A block added afterwards starts from that answer's quota, not the page load's.
    sections.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="AI text").click()
    expect(blocks).to_have_count(2)
    expect(blocks.nth(1).locator(".wab-ai-field__quota")).to_have_text(now)
    assert fake_openai.call_count == 1
